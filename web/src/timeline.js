// Events per week, stacked by event type, drawn as SVG (one small chart does not need a chart library).
import { EVENT_TYPES, colorOf } from "./colors.js";
import { clear } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function addDays(isoDate, days) {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

// The API lists only weeks with events; the chart shows every week between the first and the last.
function everyWeek(weeks) {
  if (!weeks.length) return [];
  const byWeek = new Map(weeks.map((w) => [w.week, w.counts]));
  const filled = [];
  for (let week = weeks[0].week; week <= weeks[weeks.length - 1].week; week = addDays(week, 7)) {
    filled.push({ week, counts: byWeek.get(week) || {} });
  }
  return filled;
}

// weeks: [{week: "YYYY-MM-DD" (the Saturday that starts ACLED's week), counts: {type: n}}]
export function drawTimeline(container, sparseWeeks, { onSelectWeek }) {
  clear(container);
  const weeks = everyWeek(sparseWeeks);
  if (!weeks.length) {
    container.append(document.createTextNode("No dated events match the filters."));
    return;
  }
  const width = Math.max(container.clientWidth || 600, 300);
  const height = 150;
  const margin = { top: 8, right: 8, bottom: 22, left: 34 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = weeks.map((w) => Object.values(w.counts).reduce((a, b) => a + b, 0));
  const maxTotal = Math.max(...totals, 1);
  const slot = plotWidth / weeks.length;
  const barWidth = Math.min(40, Math.max(1, slot * 0.85));

  const chart = svg("svg", { width, height, role: "img", class: "timeline-chart" });
  chart.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: margin.top + plotHeight, y2: margin.top + plotHeight, class: "axis" }));
  for (const value of [0, maxTotal]) {
    const label = svg("text", { x: margin.left - 4, y: margin.top + plotHeight - (plotHeight * value) / maxTotal + 4, class: "axis-label", "text-anchor": "end" });
    label.textContent = String(value);
    chart.append(label);
  }

  const labelEvery = Math.ceil(weeks.length / Math.max(1, Math.floor(plotWidth / 80)));
  weeks.forEach((week, index) => {
    const x = margin.left + index * slot;
    const group = svg("g", { class: "week-bar", "data-week": week.week });
    let y = margin.top + plotHeight;
    for (const eventType of [...EVENT_TYPES, ...Object.keys(week.counts).filter((t) => !EVENT_TYPES.includes(t))]) {
      const count = week.counts[eventType];
      if (!count) continue;
      const barHeight = (plotHeight * count) / maxTotal;
      y -= barHeight;
      const rect = svg("rect", { x, y, width: barWidth, height: barHeight, fill: colorOf(eventType), "data-type": eventType });
      group.append(rect);
    }
    const title = svg("title");
    title.textContent = `Week of ${week.week}: ${totals[index]} events`;
    group.append(title);
    group.addEventListener("click", () => onSelectWeek(week.week, addDays(week.week, 6)));
    chart.append(group);
    if (index % labelEvery === 0) {
      const label = svg("text", { x: x + barWidth / 2, y: height - 6, class: "axis-label", "text-anchor": "middle" });
      label.textContent = week.week;
      chart.append(label);
    }
  });
  container.append(chart);
}
