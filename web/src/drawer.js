// The event drawer: fields (with what an analyst corrected), evidence sentences, contributing reports,
// the review actions and the audit log.
import { sendJson } from "./api.js";
import { clear, el, safeHref } from "./dom.js";
import { groupBySentence, highlightedSentence } from "./evidence.js";

const FIELDS = [
  ["event_date", "date"],
  ["time_precision", "number"],
  ["disorder_type", null],
  ["event_type", "text"],
  ["sub_event_type", "text"],
  ["actor1", "text"],
  ["assoc_actor_1", "text"],
  ["inter1", "number"],
  ["actor2", "text"],
  ["assoc_actor_2", "text"],
  ["inter2", "number"],
  ["interaction", null],
  ["civilian_targeting", "text"],
  ["country", "text"],
  ["admin1", "text"],
  ["admin2", "text"],
  ["admin3", "text"],
  ["location", "text"],
  ["latitude", "number"],
  ["longitude", "number"],
  ["geo_precision", "number"],
  ["fatalities", "number"],
  ["source", null],
  ["notes", "text"],
];

function display(value) {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

function parseInput(input, kind) {
  const raw = input.value.trim();
  if (raw === "") return null;
  if (kind === "number") return Number(raw);
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
      } catch (error) {
        this.onStatus(`Review refused: ${error.message}`, true);
      }
    };
    return el(
      "div",
      { className: "review-bar" },
      "Status: ",
      status,
      el("button", { type: "button", id: "review-accept", onclick: () => review({ action: "accept" }) }, "Accept"),
      el("button", { type: "button", id: "review-edit", onclick: () => this.editFields(review) }, "Correct fields"),
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

  editFields(review) {
    const event = this.event;
    const inputs = new Map();
    const rows = FIELDS.filter(([, kind]) => kind).map(([name, kind]) => {
      const input = el("input", {
        name,
        type: kind === "number" ? "number" : kind === "date" ? "date" : "text",
        step: kind === "number" ? "any" : undefined,
      });
      input.value = event[name] === null || event[name] === undefined ? "" : String(event[name]);
      inputs.set(name, [input, kind]);
      return el("label", { className: "edit-row" }, el("span", {}, name), input);
    });
    const note = el("input", { name: "note", type: "text", placeholder: "why (optional)" });
    const form = el(
      "form",
      {
        className: "edit-form",
        id: "correction-form",
        onsubmit: (submitEvent) => {
          submitEvent.preventDefault();
          const fields = {};
          for (const [name, [input, kind]] of inputs) {
            const value = parseInput(input, kind);
            const before = event[name] === undefined ? null : event[name];
            if (value !== before && String(value) !== String(before)) fields[name] = value;
          }
          if (!Object.keys(fields).length) {
            this.onStatus("Nothing changed.");
            return;
          }
          review({ action: "correct", fields, note: note.value || undefined });
        },
      },
      rows,
      el("label", { className: "edit-row" }, el("span", {}, "note"), note),
      el("button", { type: "submit" }, "Save corrections"),
      el("button", { type: "button", onclick: () => this.show(event) }, "Cancel"),
    );
    this.fieldsTable.replaceWith(form);
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
