// Renders an evidence sentence with its spans highlighted, using DOM nodes only.
import { el } from "./dom.js";

// spans: [{start, end, field}] with offsets relative to the sentence. Overlapping spans are split at
// every boundary so each piece of text is marked with all the fields it supports.
export function highlightedSentence(sentence, spans) {
  const cuts = new Set([0, sentence.length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(sentence.length, span.start)));
    cuts.add(Math.max(0, Math.min(sentence.length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const node = el("p", { className: "evidence-sentence" });
  for (let i = 0; i < points.length - 1; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const text = sentence.slice(from, to);
    const fields = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.field);
    if (fields.length) {
      const unique = [...new Set(fields)];
      node.append(el("mark", { title: unique.join(", "), dataset: { fields: unique.join(" ") } }, text));
    } else {
      node.append(document.createTextNode(text));
    }
  }
  return node;
}

// evidence: the API's list [{field, report_id, sentence, sentence_start, start, end, text}].
export function groupBySentence(evidence) {
  const groups = new Map();
  for (const item of evidence) {
    const key = `${item.report_id}:${item.sentence_start}`;
    if (!groups.has(key)) {
      groups.set(key, { reportId: item.report_id, sentence: item.sentence, spans: [] });
    }
    groups.get(key).spans.push({
      field: item.field,
      start: item.start - item.sentence_start,
      end: item.end - item.sentence_start,
    });
  }
  return [...groups.values()];
}
