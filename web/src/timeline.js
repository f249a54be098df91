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

// At most this many bars: a longer span is drawn by month, then by year, so that no date range (an
// event dated 9999 in the store) can make the page draw thousands of bars.
const MAX_BARS = 400;

function monthEnd(isoMonth) {
  const [year, month] = isoMonth.split("-").map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

// How weeks group into bars: a bar's key for a week, the bar after a bar, and the days a bar covers.
const BINS = {
  week: { key: (week) => week, next: (key) => addDays(key, 7), days: (key) => [key, addDays(key, 6)], label: "week" },
  month: {
    key: (week) => week.slice(0, 7),
    next: (key) => {
      const [year, month] = key.split("-").map(Number);
      return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
    },
    days: (key) => [`${key}-01`, monthEnd(key)],
    label: "month",
  },
  year: { key: (week) => week.slice(0, 4), next: (key) => String(Number(key) + 1), days: (key) => [`${key}-01-01`, `${key}-12-31`], label: "year" },
};

function weeksBetween(first, last) {
  return (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / (7 * 86_400_000) + 1;
}

// The API lists only weeks with events; the chart shows every bar between the first and the last.
function everyBar(weeks, bin) {
  const byKey = new Map();
  for (const { week, counts } of weeks) {
    const total = byKey.get(bin.key(week)) || {};
    for (const [eventType, count] of Object.entries(counts)) total[eventType] = (total[eventType] || 0) + count;
    byKey.set(bin.key(week), total);
  }
  const bars = [];
  const last = bin.key(weeks[weeks.length - 1].week);
  for (let key = bin.key(weeks[0].week); key <= last; key = bin.next(key)) {
    bars.push({ key, days: bin.days(key), counts: byKey.get(key) || {} });
  }
  return bars;
}

function chooseBin(weeks) {
  const span = weeksBetween(weeks[0].week, weeks[weeks.length - 1].week);
  if (span <= MAX_BARS) return BINS.week;
  return span / 4.35 <= MAX_BARS ? BINS.month : BINS.year;
}

// weeks: [{week: "YYYY-MM-DD" (the Saturday that starts ACLED's week), counts: {type: n}}]; range: the
// dates warlog accepts ([first, last]): weeks outside it are counted, not drawn.
export function drawTimeline(container, sparseWeeks, { onSelectWeek, range, title }) {
  clear(container);
  const [first, last] = range || ["0000-01-01", "9999-12-31"];
  const inside = sparseWeeks.filter((w) => w.week >= addDays(first, -6) && w.week <= last);
  const outside = sparseWeeks.filter((w) => !inside.includes(w)).reduce((sum, w) => sum + Object.values(w.counts).reduce((a, b) => a + b, 0), 0);
  const bin = inside.length ? chooseBin(inside) : BINS.week;
  if (title) {
    title.textContent = `Events per ${bin.label}` + (outside ? ` (${outside} dated outside ${first} to ${last}, not drawn)` : "");
  }
  const weeks = inside.length ? everyBar(inside, bin) : [];
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
  weeks.forEach((bar, index) => {
    const x = margin.left + index * slot;
    const group = svg("g", { class: "week-bar", "data-week": bar.days[0] });
    let y = margin.top + plotHeight;
    for (const eventType of [...EVENT_TYPES, ...Object.keys(bar.counts).filter((t) => !EVENT_TYPES.includes(t))]) {
      const count = bar.counts[eventType];
      if (!count) continue;
      const barHeight = (plotHeight * count) / maxTotal;
      y -= barHeight;
      const rect = svg("rect", { x, y, width: barWidth, height: barHeight, fill: colorOf(eventType), "data-type": eventType });
      group.append(rect);
    }
    const tip = svg("title");
    tip.textContent = `${bin.label === "week" ? "Week of " : ""}${bar.key}: ${totals[index]} events`;
    group.append(tip);
    group.addEventListener("click", () => onSelectWeek(...bar.days));
    chart.append(group);
    if (index % labelEvery === 0) {
      const label = svg("text", { x: x + barWidth / 2, y: height - 6, class: "axis-label", "text-anchor": "middle" });
      label.textContent = bar.key;
      chart.append(label);
    }
  });
  container.append(chart);
}
