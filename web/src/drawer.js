// The event drawer: fields (with what an analyst corrected), evidence sentences, contributing reports,
// the review actions and the audit log.
import { getJson, sendJson } from "./api.js";
import { clear, el, safeHref } from "./dom.js";
import { groupBySentence, highlightedSentence } from "./evidence.js";

// Each field, and how the correction form edits it: a kind of input, or null where the value follows
// from others (disorder type from the types, interaction from the inter codes, source from the reports).
const FIELDS = [
  ["event_date", "date"],
  ["time_precision", "precision"],
  ["disorder_type", null],
  ["event_type", "event_type"],
  ["sub_event_type", "sub_event_type"],
  ["actor1", "text"],
  ["assoc_actor_1", "text"],
  ["inter1", "inter"],
  ["actor2", "text"],
  ["assoc_actor_2", "text"],
  ["inter2", "inter"],
  ["interaction", null],
  ["civilian_targeting", "civilian_targeting"],
  ["country", "country"],
  ["admin1", "text"],
  ["admin2", "text"],
  ["admin3", "text"],
  ["location", "location"],
  ["latitude", "float"],
  ["longitude", "float"],
  ["geo_precision", "precision"],
  ["fatalities", "integer"],
  ["source", null],
  ["notes", "notes"],
];
const PRECISIONS = { time_precision: ["day", "week", "month"], geo_precision: ["the town", "near a town", "a region"] };

function display(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

function options(choices, selected) {
  return choices.map(([value, label]) => {
    const option = el("option", { value }, label);
    option.selected = String(value) === String(selected ?? "");
    return option;
  });
}

// The value an input holds, typed as the API takes it ("" is unknown: null).
function valueOf(input, kind) {
  const raw = input.value.trim();
  if (raw === "") return null;
  if (kind === "integer" || kind === "inter" || kind === "precision") return Number.parseInt(raw, 10);
  if (kind === "float") return Number(raw);
  return raw;
}

export class Drawer {
  constructor(root, { onChanged, onStatus }) {
    this.root = root;
    this.title = root.querySelector("#drawer-title");
    this.body = root.querySelector("#drawer-body");
    this.onChanged = onChanged;
    this.onStatus = onStatus;
    root.querySelector("#drawer-close").addEventListener("click", () => this.close());
  }

  close() {
    this.root.hidden = true;
    this.event = null;
  }

  show(event) {
    this.event = event;
    this.root.hidden = false;
    this.title.textContent = `${event.event_id_cnty} · ${event.sub_event_type || event.event_type}`;
    clear(this.body).append(
      this.reviewBar(event),
      this.fieldTable(event),
      this.evidenceSection(event),
      this.memberSection(event),
      this.reportSection(event),
      this.auditSection(event),
    );
  }

  reviewBar(event) {
    const status = el("span", { className: `status status-${event.status}`, id: "drawer-status" }, event.status);
    const review = async (body) => {
      try {
        const updated = await sendJson("PATCH", `events/${encodeURIComponent(event.event_id_cnty)}`, body);
        this.show(updated);
        this.onChanged();
        this.onStatus(`Event ${updated.event_id_cnty}: ${body.action} recorded.`);
        return null;
      } catch (error) {
        this.onStatus(`Review refused: ${error.message}`, true);
        return error;
      }
    };
    return el(
      "div",
      { className: "review-bar" },
      "Status: ",
      status,
      el("button", { type: "button", id: "review-accept", onclick: () => review({ action: "accept" }) }, "Accept"),
      (this.editButton = el("button", { type: "button", id: "review-edit", onclick: () => this.editFields(review) }, "Correct fields")),
      el("button", { type: "button", id: "review-reject", onclick: () => review({ action: "reject" }) }, "Reject"),
    );
  }

  fieldTable(event) {
    const corrected = new Set(Object.keys(event.corrections || {}));
    const evidenceCount = new Map();
    for (const item of event.evidence || []) {
      evidenceCount.set(item.field, (evidenceCount.get(item.field) || 0) + 1);
    }
    const rows = FIELDS.map(([name]) =>
      el(
        "tr",
        { dataset: { field: name }, className: corrected.has(name) ? "corrected" : "" },
        el("th", {}, name),
        el("td", { className: "field-value" }, display(event[name])),
        el(
          "td",
          { className: "field-meta" },
          corrected.has(name) ? el("span", { className: "badge" }, "corrected") : "",
          evidenceCount.get(name) ? el("span", { className: "badge evidence-badge" }, `${evidenceCount.get(name)} ev.`) : "",
        ),
      ),
    );
    this.fieldsTable = el("table", { className: "field-table" }, el("tbody", {}, rows));
    return this.fieldsTable;
  }

  startCorrection() {
    this.editButton?.click();
  }

  input(name, kind, event) {
    const value = event[name];
    const vocabulary = this.vocabulary || { event_types: {}, inter_codes: {}, countries: [] };
    if (kind === "event_type" || kind === "sub_event_type" || kind === "country" || kind === "civilian_targeting") {
      const select = el("select", { name });
      const choices = {
        event_type: () => Object.keys(vocabulary.event_types),
        sub_event_type: () => vocabulary.event_types[event.event_type] || [],
        country: () => vocabulary.countries,
        civilian_targeting: () => ["Civilian targeting"],
      }[kind]();
      if (value && !choices.includes(value)) choices.unshift(value);
      select.append(...options([["", "—"], ...choices.map((c) => [c, c])], value));
      return select;
    }
    if (kind === "inter") {
      const select = el("select", { name });
      select.append(...options([["", "—"], ...Object.entries(vocabulary.inter_codes).map(([code, label]) => [code, `${code} ${label}`])], value));
      return select;
    }
    if (kind === "precision") {
      const select = el("select", { name });
      select.append(...options([["", "—"], ...PRECISIONS[name].map((label, index) => [index + 1, `${index + 1} ${label}`])], value));
      return select;
    }
    if (kind === "notes") {
      const area = el("textarea", { name, rows: 3 });
      area.value = value ?? "";
      return area;
    }
    const attributes = { name, type: "text" };
    if (kind === "date") Object.assign(attributes, { type: "date", min: vocabulary.first_date, max: vocabulary.last_date });
    if (kind === "integer") Object.assign(attributes, { type: "number", step: 1, min: 0 });
    if (kind === "float") Object.assign(attributes, { type: "number", step: "any" });
    if (kind === "location") attributes.list = "place-choices";
    const input = el("input", attributes);
    input.value = value === null || value === undefined ? "" : String(value);
    return input;
  }

  editFields(review) {
    const event = this.event;
    const inputs = new Map();
    const problems = new Map();
    const rows = FIELDS.filter(([, kind]) => kind).map(([name, kind]) => {
      const input = this.input(name, kind, event);
      inputs.set(name, [input, kind]);
      const problem = el("span", { className: "field-problem error", dataset: { field: name } });
      problems.set(name, problem);
      return el("label", { className: "edit-row" }, el("span", {}, name), input, problem);
    });
    const form = el("form", { className: "edit-form", id: "correction-form" });
    // A new event type offers its own sub-event types; a location name offers the gazetteer's places.
    const [typeInput] = inputs.get("event_type");
    const [subInput] = inputs.get("sub_event_type");
    typeInput.addEventListener("change", () => {
      const subs = this.vocabulary?.event_types[typeInput.value] || [];
      subInput.replaceChildren(...options([["", "—"], ...subs.map((s) => [s, s])], subs.includes(subInput.value) ? subInput.value : ""));
    });
    const placeChoices = el("datalist", { id: "place-choices" });
    const [locationInput] = inputs.get("location");
    const [countryInput] = inputs.get("country");
    let asked = "";
    locationInput.addEventListener("input", async () => {
      const name = locationInput.value.trim();
      if (name.length < 2 || name === asked) return;
      asked = name;
      const params = new URLSearchParams({ name });
      if (countryInput.value) params.set("country", countryInput.value);
      try {
        const places = await getJson("places", params);
        placeChoices.replaceChildren(...places.map((p) => el("option", { value: p.name }, [p.admin1, p.country, p.kind].filter(Boolean).join(", "))));
      } catch {
        // Suggestions are a help only: the correction itself is checked by the server.
      }
    });
    const note = el("input", { name: "note", type: "text", placeholder: "why (optional)" });
    form.addEventListener("submit", async (submitEvent) => {
      submitEvent.preventDefault();
      const fields = {};
      for (const [name, [input, kind]] of inputs) {
        const value = valueOf(input, kind);
        const before = event[name] === undefined ? null : event[name];
        if (value !== before && String(value) !== String(before)) fields[name] = value;
      }
      if (!Object.keys(fields).length) {
        this.onStatus("Nothing changed.");
        return;
      }
      for (const problem of problems.values()) problem.textContent = "";
      const refused = await review({ action: "correct", fields, note: note.value || undefined });
      // A refused correction: each problem beside its field; the form stays as the analyst left it.
      for (const item of refused?.problems || []) {
        const field = (item.loc || []).at(-1);
        (problems.get(field) || problems.get("notes")).textContent = item.msg;
      }
    });
    form.append(
      ...rows,
      placeChoices,
      el("label", { className: "edit-row" }, el("span", {}, "note"), note),
      el("div", { className: "edit-buttons" },
        el("button", { type: "submit" }, "Save corrections"),
        el("button", { type: "button", onclick: () => this.show(event) }, "Cancel"),
      ),
    );
    this.fieldsTable.replaceWith(form);
    typeInput.focus();
  }

  evidenceSection(event) {
    const groups = groupBySentence(event.evidence || []);
    const section = el("section", { className: "evidence" }, el("h3", {}, `Evidence (${groups.length} sentences)`));
    for (const group of groups) {
      section.append(
        el(
          "div",
          { className: "evidence-item" },
          el("div", { className: "evidence-source" }, group.reportId),
          highlightedSentence(group.sentence, group.spans),
        ),
      );
    }
    return section;
  }

  // The event as each report told it: where sources disagree (date, type, place, deaths).
  memberSection(event) {
    const members = event.members || [];
    const columns = ["report_id", "event_date", "sub_event_type", "location", "fatalities"];
    return el(
      "section",
      { className: "members" },
      el("h3", {}, `As each report told it (${members.length})`),
      el(
        "table",
        { className: "member-table" },
        el("thead", {}, el("tr", {}, columns.map((name) => el("th", {}, name)))),
        el("tbody", {}, members.map((member) => el("tr", {}, columns.map((name) => el("td", {}, display(member[name])))))),
      ),
    );
  }

  reportSection(event) {
    const section = el("section", { className: "reports" }, el("h3", {}, `Reports (${(event.reports || []).length})`));
    for (const report of event.reports || []) {
      const href = report.url ? safeHref(report.url) : null;
      section.append(
        el(
          "details",
          { className: "report" },
          el(
            "summary",
            {},
            report.title || report.id,
            " · ",
            report.source || "unknown source",
            " · ",
            report.published || "undated",
          ),
          href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, href) : report.url ? el("code", {}, report.url) : "",
          el("pre", { className: "report-text" }, report.text || ""),
        ),
      );
    }
    return section;
  }

  auditSection(event) {
    const entries = event.audit || [];
    const list = el("ol", { className: "audit" });
    for (const entry of entries) {
      const changes = Object.entries(entry.changes || {}).map(
        ([field, change]) => `${field}: ${display(change.before)} → ${display(change.after)}`,
      );
      list.append(
        el("li", {}, `${entry.at} · ${entry.who} · ${entry.action}`, changes.length ? ` · ${changes.join("; ")}` : "", entry.note ? ` · “${entry.note}”` : ""),
      );
    }
    return el("section", { className: "audit-section" }, el("h3", {}, `Review log (${entries.length})`), list);
  }
}
