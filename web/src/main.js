// The workbench page: wires the filter panel, map, timeline, table, drawer and paste box to the API.
import "./style.css";
import { download, getJson, getToken, sendJson, setToken } from "./api.js";
import { EVENT_TYPES, colorOf } from "./colors.js";
import { clear, el } from "./dom.js";
import { Drawer } from "./drawer.js";
import { EventMap } from "./map.js";
import { drawTimeline } from "./timeline.js";

const PAGE_SIZE = 50;
const state = {
  offset: 0,
  total: 0,
  weeks: [],
  facets: { countries: [], event_types: {} },
  selected: new Set(),
  focused: null,
  dateRange: null,
};

const filterForm = document.querySelector("#filter-form");
const statusLine = document.querySelector("#status-line");

function setStatus(message, isError = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle("error", isError);
}

function filterParams({ withPage = false } = {}) {
  const params = new URLSearchParams();
  const data = new FormData(filterForm);
  for (const name of ["start", "end", "country", "admin1", "sub_event_type", "actor", "q", "status", "reviewer",
    "min_confidence", "max_confidence"]) {
    const value = (data.get(name) || "").trim();
    if (value) params.set(name, value);
  }
  for (const eventType of data.getAll("event_type")) params.append("event_type", eventType);
  const minSources = Number(data.get("min_sources"));
  if (minSources > 1) params.set("min_sources", String(minSources));
  if (data.get("in_view")) params.set("bbox", eventMap.bbox().join(","));
  if (withPage) {
    params.set("sort", data.get("sort") || "newest");
    params.set("limit", String(PAGE_SIZE));
    params.set("offset", String(state.offset));
  }
  return params;
}

function tableRow(event) {
  const typeCell = el("td", { dataset: { col: "event_type" } }, el("span", { className: "type-swatch" }), event.event_type);
  typeCell.firstChild.style.background = colorOf(event.event_type);
  const id = event.event_id_cnty;
  const pick = el("input", { type: "checkbox", className: "pick", "aria-label": `Select ${id}`, onclick: (e) => e.stopPropagation() });
  pick.checked = state.selected.has(id);
  pick.addEventListener("change", () => {
    if (pick.checked) state.selected.add(id);
    else state.selected.delete(id);
    showSelection();
  });
  return el(
    "tr",
    { dataset: { id }, tabindex: 0, onclick: () => openEvent(id), onfocus: () => (state.focused = id) },
    el("td", {}, pick),
    el("td", { className: "event-id" }, id),
    el("td", {}, event.event_date || "—"),
    typeCell,
    el("td", {}, event.sub_event_type),
    el("td", {}, event.actor1 || ""),
    el("td", {}, event.actor2 || ""),
    el("td", {}, event.location || ""),
    el("td", {}, event.country || ""),
    el("td", { className: "num" }, String(event.fatalities ?? 0)),
    el("td", { className: "num" }, String(event.source_count ?? 1)),
    el("td", { className: "num" }, event.confidence.toFixed(2)),
    el("td", {}, el("span", { className: `status status-${event.status}` }, event.status)),
  );
}

function showSelection() {
  const count = state.selected.size;
  for (const [id, verb] of [["#bulk-accept", "Accept"], ["#bulk-reject", "Reject"]]) {
    const button = document.querySelector(id);
    button.disabled = count === 0;
    button.textContent = count ? `${verb} ${count} selected` : `${verb} selected`;
  }
}

function tableRows() {
  return [...document.querySelectorAll("#event-table tbody tr")];
}

async function loadTable() {
  const page = await getJson("events", filterParams({ withPage: true }));
  state.total = page.total;
  const body = clear(document.querySelector("#event-table tbody"));
  body.append(...page.events.map(tableRow));
  document.querySelector("#select-page").checked = false;
  document.querySelector("#event-count").textContent = `(${page.total})`;
  const last = Math.min(state.offset + page.events.length, page.total);
  document.querySelector("#page-info").textContent = page.total ? `${state.offset + 1}–${last} of ${page.total}` : "none";
  document.querySelector("#page-prev").disabled = state.offset === 0;
  document.querySelector("#page-next").disabled = last >= page.total;
}

async function loadMap({ fit }) {
  const result = await getJson("events/points", filterParams());
  eventMap.show(result.points, { fit });
  if (result.truncated) setStatus(`Map shows the ${result.points.length} most recent of ${result.total} events.`);
}

function redrawTimeline() {
  drawTimeline(document.querySelector("#timeline"), state.weeks, {
    range: state.dateRange,
    title: document.querySelector("#timeline-title"),
    onSelectWeek: (start, end) => {
      filterForm.elements.start.value = start;
      filterForm.elements.end.value = end;
      refresh({ fit: true });
    },
  });
}

async function loadTimeline() {
  state.weeks = (await getJson("events/weekly", filterParams())).weeks;
  redrawTimeline();
}

// The review queue: unreviewed events, the least confident first; the first one takes the keyboard.
async function openQueue() {
  filterForm.elements.status.value = "auto";
  filterForm.elements.sort.value = "queue";
  await refresh({ fit: true });
  tableRows()[0]?.focus();
}

async function reviewMany(action) {
  const ids = [...state.selected];
  try {
    await sendJson("POST", "reviews", { event_ids: ids, action });
    state.selected.clear();
    showSelection();
    setStatus(`${ids.length} event(s): ${action} recorded.`);
    await refresh({ resetPage: false });
  } catch (error) {
    setStatus(`Review refused: ${error.message}`, true);
  }
}

// Keys in the table: move, open, and review the focused event without the mouse.
async function onTableKey(keyEvent) {
  const row = keyEvent.target.closest?.("#event-table tbody tr");
  if (!row || keyEvent.ctrlKey || keyEvent.metaKey || keyEvent.altKey) return;
  const rows = tableRows();
  const index = rows.indexOf(row);
  const id = row.dataset.id;
  const actions = { a: "accept", r: "reject" };
  if (keyEvent.key === "ArrowDown" || keyEvent.key === "j") rows[Math.min(index + 1, rows.length - 1)].focus();
  else if (keyEvent.key === "ArrowUp" || keyEvent.key === "k") rows[Math.max(index - 1, 0)].focus();
  else if (keyEvent.key === "Enter" || keyEvent.key === "o") await openEvent(id);
  else if (keyEvent.key === "x" || keyEvent.key === " ") row.querySelector(".pick").click();
  else if (keyEvent.key === "c") {
    await openEvent(id);
    drawer.startCorrection();
  } else if (actions[keyEvent.key]) {
    try {
      await sendJson("PATCH", `events/${encodeURIComponent(id)}`, { action: actions[keyEvent.key] });
      setStatus(`Event ${id}: ${actions[keyEvent.key]} recorded.`);
      await loadTable();
      // In the queue the reviewed event leaves the list: the next one moves up into its place.
      const after = tableRows();
      (after.find((r) => r.dataset.id === id) ? after[Math.min(index + 1, after.length - 1)] : after[Math.min(index, after.length - 1)])?.focus();
      if (drawer.event?.event_id_cnty === id) await openEvent(id);
    } catch (error) {
      setStatus(`Review refused: ${error.message}`, true);
    }
  } else return;
  keyEvent.preventDefault();
}

async function refresh({ fit = false, resetPage = true } = {}) {
  if (resetPage) state.offset = 0;
  try {
    await Promise.all([loadTable(), loadMap({ fit }), loadTimeline()]);
    setStatus("");
  } catch (error) {
    setStatus(`Could not load events: ${error.message}`, true);
  }
}

async function openEvent(id) {
  try {
    drawer.show(await getJson(`events/${encodeURIComponent(id)}`));
  } catch (error) {
    setStatus(`Could not open ${id}: ${error.message}`, true);
  }
}

function fillFacets(facets) {
  state.facets = facets;
  const country = filterForm.elements.country;
  country.replaceChildren(el("option", { value: "" }, "any"), ...facets.countries.map((c) => el("option", { value: c }, c)));
  const typeBox = document.querySelector("#event-type-filter");
  const known = [...EVENT_TYPES, ...Object.keys(facets.event_types).filter((t) => !EVENT_TYPES.includes(t))];
  typeBox.replaceChildren(
    el("legend", {}, "Event type"),
    ...known.map((eventType) => {
      const swatch = el("span", { className: "type-swatch" });
      swatch.style.background = colorOf(eventType);
      return el("label", { className: "inline" }, el("input", { type: "checkbox", name: "event_type", value: eventType }), swatch, eventType);
    }),
  );
  fillSubTypes();
}

function fillSubTypes() {
  const chosen = new FormData(filterForm).getAll("event_type");
  const types = chosen.length ? chosen : Object.keys(state.facets.event_types);
  const subTypes = [...new Set(types.flatMap((t) => state.facets.event_types[t] || []))].sort();
  const select = filterForm.elements.sub_event_type;
  const previous = select.value;
  select.replaceChildren(el("option", { value: "" }, "any"), ...subTypes.map((s) => el("option", { value: s }, s)));
  if (subTypes.includes(previous)) select.value = previous;
}

function drawLegend() {
  const legend = document.querySelector("#legend");
  legend.replaceChildren(
    ...EVENT_TYPES.map((eventType) => {
      const swatch = el("span", { className: "type-swatch" });
      swatch.style.background = colorOf(eventType);
      return el("span", { className: "legend-item" }, swatch, eventType);
    }),
  );
}

// The paste box: submit one report, poll its extraction job, then show its events at once.
async function extractPasted(submitEvent) {
  submitEvent.preventDefault();
  const form = submitEvent.target;
  const data = new FormData(form);
  const result = clear(document.querySelector("#paste-result"));
  const report = { text: data.get("text"), published: data.get("published") };
  if (data.get("source")) report.source = data.get("source");
  try {
    let job = await sendJson("POST", "reports", report);
    result.append(el("p", { className: "job-status" }, `Extracting (job ${job.id})…`));
    while (job.status === "queued" || job.status === "running") {
      await new Promise((resolve) => setTimeout(resolve, 400));
      job = await getJson(`jobs/${encodeURIComponent(job.id)}`);
    }
    clear(result);
    if (job.status !== "done") {
      result.append(el("p", { className: "error" }, `Extraction failed: ${job.error || job.status}`));
      return;
    }
    for (const rejection of job.rejections) {
      result.append(el("p", { className: "error" }, `Rejected: ${rejection.reason}`));
    }
    result.append(el("p", {}, `${job.event_ids.length} event(s) extracted.`));
    const list = el("ul", { className: "pasted-events" });
    for (const id of job.event_ids) {
      const event = await getJson(`events/${encodeURIComponent(id)}`);
      list.append(
        el(
          "li",
          {},
          el("button", { type: "button", className: "link", onclick: () => drawer.show(event) }, event.event_id_cnty),
          ` ${event.event_date || "undated"} · ${event.sub_event_type} · ${event.location || "unknown place"} · ${event.fatalities} killed`,
        ),
      );
    }
    result.append(list);
    await refresh({ fit: true });
    if (job.event_ids.length) await openEvent(job.event_ids[0]);
  } catch (error) {
    result.append(el("p", { className: "error" }, `Could not extract: ${error.message}`));
  }
}

async function exportEvents(format) {
  const extension = { "acled-csv": "csv", geojson: "geojson", parquet: "parquet" }[format];
  try {
    await download("export", `${filterParams()}&format=${format}`, `warlog-events.${extension}`);
  } catch (error) {
    setStatus(`Export failed: ${error.message}`, true);
  }
}

const config = await getJson("config").catch(() => ({}));
document.querySelector("#event-table").addEventListener("keydown", onTableKey);
document.querySelector("#open-queue").addEventListener("click", openQueue);
document.querySelector("#bulk-accept").addEventListener("click", () => reviewMany("accept"));
document.querySelector("#bulk-reject").addEventListener("click", () => reviewMany("reject"));
document.querySelector("#select-page").addEventListener("change", (changeEvent) => {
  for (const pick of document.querySelectorAll("#event-table tbody .pick")) {
    if (pick.checked !== changeEvent.target.checked) pick.click();
  }
});
const eventMap = new EventMap(document.querySelector("#map"), {
  tileUrl: config.tile_url,
  tileAttribution: config.tile_attribution,
  onSelect: openEvent,
  onMove: () => {
    if (filterForm.elements.in_view.checked) refresh();
  },
});
const drawer = new Drawer(document.querySelector("#drawer"), {
  onChanged: () => refresh({ resetPage: false }),
  onStatus: setStatus,
});

const tokenInput = document.querySelector("#token-input");
tokenInput.value = getToken();
// A new token may open reads that the server keeps closed: load everything again with it.
async function useToken() {
  setToken(tokenInput.value.trim());
  if (config.read_open === false) await loadEverything();
}
tokenInput.addEventListener("change", useToken);
document.querySelector("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  useToken();
});

filterForm.addEventListener("submit", (event) => {
  event.preventDefault();
  refresh({ fit: true });
});
filterForm.addEventListener("reset", () => setTimeout(() => { fillSubTypes(); refresh({ fit: true }); }));
filterForm.addEventListener("change", (event) => {
  if (event.target.name === "event_type") fillSubTypes();
});
document.querySelector("#paste-form").addEventListener("submit", extractPasted);
document.querySelector("#paste-form").elements.published.value = new Date().toISOString().slice(0, 10);
document.querySelector("#page-prev").addEventListener("click", () => {
  state.offset = Math.max(0, state.offset - PAGE_SIZE);
  loadTable().catch((error) => setStatus(error.message, true));
});
document.querySelector("#page-next").addEventListener("click", () => {
  state.offset += PAGE_SIZE;
  loadTable().catch((error) => setStatus(error.message, true));
});
for (const button of document.querySelectorAll("[data-export]")) {
  button.addEventListener("click", () => exportEvents(button.dataset.export));
}

drawLegend();
// The timeline is drawn to its container's width: redraw when the drawer opens or the window resizes.
let drawnWidth = 0;
new ResizeObserver(([entry]) => {
  if (Math.abs(entry.contentRect.width - drawnWidth) > 4) {
    drawnWidth = entry.contentRect.width;
    redrawTimeline();
  }
}).observe(document.querySelector("#timeline"));
async function loadEverything() {
  try {
    const [facets, vocabulary] = await Promise.all([getJson("facets"), getJson("vocabulary")]);
    fillFacets(facets);
    drawer.vocabulary = vocabulary;
    state.dateRange = [vocabulary.first_date, vocabulary.last_date];
  } catch (error) {
    setStatus(`Could not load filters: ${error.message}`, true);
    return;
  }
  await refresh({ fit: true });
}

await loadEverything();
document.body.dataset.ready = "true";
