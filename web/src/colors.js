// One colour per ACLED event type, shared by the map, the timeline and the legend.
export const EVENT_TYPE_COLORS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#2980b9",
  Riots: "#16a085",
  "Strategic developments": "#7f8c8d",
};

export const EVENT_TYPES = Object.keys(EVENT_TYPE_COLORS);

export function colorOf(eventType) {
  return EVENT_TYPE_COLORS[eventType] || "#34495e";
}
