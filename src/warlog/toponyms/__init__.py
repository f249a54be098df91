"""Place mentions: find every place a report names and resolve it, or abstain.

Recognition goes beyond the NER labels, which miss many places in conflict reports (the small spaCy
model tags al-Bukamal as an organisation and Qalamoun as a date):
1. spans: NER entities (GPE, LOC, FAC, NORP, ORG) and capitalised name-like runs of the text;
2. a span is a place when the gazetteer knows it and the evidence suffices: a place label from NER,
   a locative cue before it ("in", "near", "outskirts of", "village of"), an administrative word after
   it ("province", "district"), a hierarchy ("X, Deir ez-Zor", "X (Marib)"), or a name no reader would
   take for anything else (a country, a first-level division, a large city);
3. demonyms ("Iraqi border") name countries and are flagged, never event places.

Resolution scores each candidate entry by its kind and population, the hierarchy around the mention,
and the report's focus (countries and divisions of the other mentions), in two passes; a candidate far
from the focus with little to support it is not guessed (`place=None`)."""

from __future__ import annotations

from warlog.knowledge.gazetteer import gazetteer
from warlog.records import Analysis, Entity, PlaceMention
from warlog.toponyms.disambiguate import record, resolve, worth_reporting
from warlog.toponyms.hierarchy import link_hierarchy
from warlog.toponyms.lexicon import source_countries
from warlog.toponyms.recognise import recognise


def find_places(text: str, entities: list[Entity] | None = None, source: str | None = None) -> list[PlaceMention]:
    """Every place named in `text`, resolved to a gazetteer place or abstained (place=None); `source`, the
    report's outlet, adds its country to the report's focus."""
    index = gazetteer()
    mentions = recognise(text, entities or [], index)
    link_hierarchy(text, mentions)
    resolve(mentions, text, index, source_countries(source, index))
    return [record(mention, index) for mention in mentions if worth_reporting(mention)]


def annotate(analysis: Analysis) -> None:
    analysis.places = find_places(analysis.report.text, analysis.entities, analysis.report.source)
