"""What `warlog eval report` measures: each evaluation (a gold file and its task), the headline rows with
their goals and published reference points, and those references."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evaluation:
    name: str  # results file: benchmarks/results/eval_<name>.json
    task: str  # a `warlog eval` command
    gold: str  # under ../shared/data
    about: str
    split: str | None = None  # one half of the gold file (`warlog.evaluation.split`), else all of it


EVALUATIONS = (
    Evaluation("acled_dev", "events", "events/acled_dev.jsonl", "ACLED event notes (dev), 2004–2024, 100+ countries"),
    Evaluation("fakes", "fakes", "events/fakes.jsonl", "FA-KES: Syrian war news articles, crowd-coded"),
    Evaluation(
        "fakes_held_out",
        "fakes",
        "events/fakes.jsonl",
        "FA-KES, the held-out half (no rule was tuned on it)",
        "held-out",
    ),
    Evaluation(
        "syrian_archive",
        "news",
        "news/syrian_archive_dev.jsonl",
        "Syrian Archive: one-line video descriptions (country, point, some types)",
    ),
    Evaluation(
        "ucdp_headlines",
        "news",
        "news/ucdp_iraq_headlines_dev.jsonl",
        "UCDP GED Iraq: headlines and source lines (country, division, point, day, deaths)",
    ),
    Evaluation("lgl", "places", "geo/lgl.jsonl", "LGL: US local news, toponyms with GeoNames ids"),
    Evaluation("geovirus", "places", "geo/geovirus.jsonl", "GeoVirus: WikiNews on epidemics, toponyms"),
    Evaluation("timebank", "dates", "time/timebank_aquaint.jsonl", "TimeBank + AQUAINT (TempEval-3), TIMEX3"),
    Evaluation("ecbplus_merge", "merge", "merge/ecbplus_violence.jsonl", "ECB+ violence and crime documents"),
    Evaluation("fakes_merge", "merge", "events/fakes.jsonl", "FA-KES: same gold date and city = same incident"),
)


@dataclass(frozen=True)
class Headline:
    """One row of the headline table: where the number is, the goal, and the published point beside it."""

    evaluation: str
    metric: str  # dotted path into the evaluation's scores
    label: str
    goal: str = ""
    anchor: str = ""


HEADLINES = (
    Headline("acled_dev", "single_event.event_type.macro_f1", "ACLED notes: event type macro-F1", "≥ 0.85"),
    Headline(
        "acled_dev",
        "single_event.sub_event_type.macro_f1",
        "ACLED notes: sub-event type macro-F1",
        "≥ 0.60",
        "BERT trained on ACLED notes: 0.86–0.89 [1]",
    ),
    Headline(
        "acled_dev",
        "single_event.sub_event_type.weighted_f1",
        "ACLED notes: sub-event type weighted F1",
        "",
        "best CASE 2021 task 2 system, news snippets: 0.839 [2]",
    ),
    Headline("acled_dev", "single_event.date_exact", "ACLED notes: event date exact", "≥ 0.95"),
    Headline("acled_dev", "single_event.date_exact_year_knowable", "ACLED notes naming the year: event date exact"),
    Headline(
        "acled_dev", "single_event.ceilings.date_exact", "ACLED notes whose text or publication date gives the year"
    ),
    Headline("acled_dev", "single_event.place_within_25km", "ACLED notes: place within 25 km", "≥ 0.70"),
    Headline(
        "acled_dev",
        "single_event.ceilings.place_within_25km",
        "ACLED notes naming a place the gazetteer has within 25 km of the event (ceiling)",
    ),
    Headline("acled_dev", "single_event.country", "ACLED notes: country", "≥ 0.97"),
    Headline(
        "acled_dev",
        "single_event.ceilings.country",
        "ACLED notes whose names, words or source point to the event's country (ceiling)",
    ),
    Headline("acled_dev", "single_event.fatalities_exact", "ACLED notes: fatalities exact", "≥ 0.90"),
    Headline("acled_dev", "single_event.actor1", "ACLED notes: actor1 (half the words)"),
    Headline("acled_dev", "single_event.interaction", "ACLED notes: interaction code"),
    Headline("fakes", "date_exact", "FA-KES: event date exact"),
    Headline("fakes", "place", "FA-KES: city"),
    Headline("fakes", "killed_within_20pct", "FA-KES: killed within 20%"),
    Headline("fakes_held_out", "place", "FA-KES, held-out half: city", "≥ 0.88"),
    Headline("fakes_held_out", "killed_within_20pct", "FA-KES, held-out half: killed within 20%", "≥ 0.80"),
    Headline("syrian_archive", "country", "Syrian Archive video descriptions: country"),
    Headline("syrian_archive", "place_within_25km", "Syrian Archive video descriptions: place within 25 km"),
    Headline("ucdp_headlines", "country", "UCDP Iraq headlines: country"),
    Headline("ucdp_headlines", "place_within_25km", "UCDP Iraq headlines: place within 25 km"),
    Headline(
        "ucdp_headlines", "fatalities_above_high", "UCDP Iraq headlines: deaths above GED's high (lower is better)"
    ),
    Headline(
        "lgl",
        "accuracy_161km",
        "LGL: toponyms resolved within 161 km",
        "≥ 0.70",
        "Mordecai3: ~0.586 exact match, pooled TR-News/LGL/GeoWebNews [3]; spaCy + largest city: 0.17",
    ),
    Headline("lgl", "span_precision", "LGL: toponym span precision", "≥ 0.85"),
    Headline(
        "geovirus",
        "accuracy_161km",
        "GeoVirus: toponyms resolved within 161 km",
        "≥ 0.70",
        "spaCy + largest city: 0.22",
    ),
    Headline("geovirus", "span_precision", "GeoVirus: toponym span precision", "≥ 0.85"),
    Headline(
        "timebank",
        "value_f1",
        "TimeBank + AQUAINT: DATE value F1",
        "≥ 0.85",
        "HeidelTime, TempEval-3, all types: 0.776 [4]; dateparser: 0.23",
    ),
    Headline("ecbplus_merge", "pairwise.f1", "ECB+: same-incident pairs F1", "≥ 0.70"),
    Headline("fakes_merge", "pairwise.f1", "FA-KES: same-incident pairs F1", "≥ 0.70"),
    Headline(
        "fakes_merge",
        "ceilings.f1",
        "FA-KES pairs F1 if every pair whose articles write the gold day and tell one event were found (ceiling)",
    ),
)

ANCHORS = """\
[1] J. Piskorski, J. Haneczok, G. Jacquet (2020). *New Benchmark Corpus and Models for Fine-grained
Event Classification: To BERT or not to BERT?* COLING 2020 — BERT-family classifiers trained and tested
on ACLED notes, 25 sub-event types, macro-F1 about 86–89.
[2] A. Hürriyetoğlu et al. (2021). *Challenges and Applications of Automated Extraction of Socio-political
Events from Text (CASE 2021)*, shared task 2: fine-grained classification of news snippets into ACLED
sub-event types; best system 83.9 weighted F1.
[3] Mordecai3 (A. Halterman, 2023): end-to-end geoparsing, about 58.6% exact match pooled over TR-News,
LGL and GeoWebNews, by its authors' own report (transformer NER, Elasticsearch GeoNames index).
[4] J. Strötgen, M. Gertz: HeidelTime at TempEval-3 (UzZaman et al. 2013), about 77.6 value F1 over all
TIMEX3 types.

These anchors were measured by their authors on their own data and splits, often with supervised models
trained on in-domain data; they place warlog's numbers, they are not a same-data comparison. warlog
is trained on none of the gold files here: its rules and lexicons come from ACLED's codebook.
"""
