"""What the words around a temporal expression say of it: the tense of its clause, whether it closes
a stretch of time, dates the reporting, or is part of a name rather than a time."""

from __future__ import annotations

import re
from functools import cache

from warlog.lexicon import reporting_verbs, word_alternation
from warlog.timex.grammar import Grammar, around

# Where a clause ends: `{}` stands for the words of `lexicon.json`'s `clause_break_words` (as do the `{}` of
# the other `around` templates for their lists; its README names each list).
_CLAUSE_BREAK = r"[.!?;\n]\s|\b(?:{})\b|,"
_SENTENCE_BREAK = re.compile(r"[.!?;\n]\s")
_PERIOD_ENDED = re.compile(r"\bended(?:\s+on)?\s+$", re.IGNORECASE)
_PRESENT_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|plans?\s+to|is\s+(?:scheduled|set|expected|due)\s+to|are\s+(?:scheduled|set|expected|due)\s+to"
    r"|is\s+to|are\s+to|intends?\s+to)\b",
    re.IGNORECASE,
)
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)


class Context:
    """The text an expression sits in, and the questions a reader asks of its surroundings."""

    def __init__(self, text: str, grammar: Grammar) -> None:
        self.text = text
        self.grammar = grammar
        self.expression_starts: frozenset[int] = frozenset()  # where candidate expressions begin

    def future_context(self, start: int, end: int) -> bool:
        """Whether the clause around an expression speaks of the future ("will meet on Friday")."""
        left = self.text[max(0, start - 90) : start]
        left = around("clause_break_words", _CLAUSE_BREAK).split(left)[-1]
        right = around("clause_break_words", _CLAUSE_BREAK).split(self.text[end : end + 30])[0]
        if self.grammar.future_cue.search(left) or self.grammar.future_cue.search(right):
            return True
        # A fronted adverbial ("On Tuesday, the league will hold a rally") takes the tense of the main
        # clause after its comma; only present-tense cues count ("planned to" may be told in the past).
        fronted = re.match(r"\s*,\s*", self.text[end : end + 3]) and self.sentence_start(
            start - 3 if self.text[max(0, start - 3) : start].lower() == "on " else start
        )
        if fronted:
            main = _SENTENCE_BREAK.split(self.text[end : end + 80])[0]
            return bool(_PRESENT_FUTURE.search(main))
        return False

    def past_context(self, start: int, end: int) -> bool:
        """Whether the clause around an expression is told in the past tense ("fighting flared in March")."""
        left = _SENTENCE_BREAK.split(self.text[max(0, start - 90) : start])[-1]
        right = _SENTENCE_BREAK.split(self.text[end : end + 60])[0]  # "In March, the army took ..."
        cue = self.grammar.past_cue
        return bool(cue.search(left) or cue.search(right))

    def after_since(self, start: int) -> bool:
        return self.text[max(0, start - 6) : start].lower().rstrip().endswith("since")

    def in_a_name(self, match: re.Match[str]) -> bool:
        """Whether common words written capitalised are a title or name ("VOA Today", ABC's "This Week",
        "Now Media"): capitalised after a word inside a sentence, or two or more of them after a quote."""
        words = re.findall(r"[^\W\d_]+", match.group(0))
        if not all(w[0].isupper() for w in words):
            return False
        before = self.text[max(0, match.start() - 3) : match.start()].rstrip(" \t")
        if not before:
            return False
        return before[-1].isalnum() or before[-1] in ",'’" or (before[-1] in '"“`' and len(words) > 1)

    def closes_completed_period(self, start: int) -> bool:
        """Whether a date is the end of a period told as over ("the quarter ended Sept. 30")."""
        return bool(_PERIOD_ENDED.search(self.text[max(0, start - 12) : start]))

    def deadline(self, start: int, end: int) -> bool:
        """Whether an expression closes a stretch of time ("by May", "until March") outside a past perfect
        ("by May they had left")."""
        if not around("deadline_words", r"\b(?:{})\s+$", re.IGNORECASE).search(self.text[max(0, start - 10) : start]):
            return False
        clause = around("clause_break_words", _CLAUSE_BREAK).split(self.text[max(0, start - 90) : start])[-1]
        clause += _SENTENCE_BREAK.split(self.text[end : end + 60])[0]
        return not _PAST_PERFECT.search(clause)

    def reporting_day(self, start: int) -> bool:
        """Whether a weekday dates the reporting ("officials said Sunday"): news style for the dateline."""
        return bool(reporting_verb_before().search(self.text[max(0, start - 30) : start]))

    def attributive_month(self, match: re.Match[str]) -> bool:
        """Whether a capitalised month word qualifies the noun after it ("the March elections", "a May
        deadline"): a determiner before, a lower-case word after that is not a preposition ("a March for
        peace", "the March against terror" are marches)."""
        before = self.text[max(0, match.start() - 4) : match.start()].lower()
        return bool(
            re.search(r"\b(?:the|a)\s+$", before)
            and around("non_attributive_prepositions", r"\s+(?!(?:{})\b)[a-z]{3,}").match(self.text, match.end())
        )

    def generic(self, match: re.Match[str]) -> bool:
        """Whether "today" or "tomorrow" names an era, not a day: "today's youth", "in today's world",
        "the leaders of tomorrow"."""
        if self.grammar.era_noun.match(self.text, match.end()):
            return True
        before = self.text[max(0, match.start() - 16) : match.start()].lower()
        return match.group(0).lower() == "tomorrow" and bool(re.search(r"[a-z]{3,}s?\s+of\s+$", before))

    def holiday_as_observance(self, match: re.Match[str]) -> bool:
        """Whether a holiday names the observance, not its day: what something other than a time is "of"
        ("the theme of Women's Day"; "the eve of Easter" is a time), or the subject a date is given for
        ("Women's Day is this Sunday"; "Christmas was quiet" is the day)."""
        before = self.text[max(0, match.start() - 24) : match.start()].lower()
        if before.endswith(" of ") and not around("time_of_nouns", r"\b(?:{})\s+of\s+$").search(before):
            return True
        copula = around("copulas", r"\s+(?:{})(?:\s+on)?\s+", re.IGNORECASE).match(self.text, match.end())
        return copula is not None and copula.end() in self.expression_starts

    def precedes_expression(self, end: int) -> bool:
        """Whether another temporal expression follows right after `end`, with only a space between."""
        gap = re.match(r"[ \t]+", self.text[end : end + 3])
        return gap is not None and end + gap.end() in self.expression_starts

    def sentence_start(self, start: int) -> bool:
        before = self.text[max(0, start - 4) : start].rstrip(" \t\"“`'")
        return not before or before[-1] in ".!?\n:"

    def temporal_future(self, match: re.Match[str]) -> bool:
        """Whether "the future" is a time ("in the future", "worried about the future"), not a noun for
        prospects ("the future of NATO", "the future looks bright"): after a preposition, not before "of"."""
        if re.match(r"\s+of\b", self.text[match.end() : match.end() + 4]):
            return False
        return bool(
            around("time_prepositions", r"\b(?:{})\s+$", re.IGNORECASE).search(
                self.text[max(0, match.start() - 12) : match.start()]
            )
        )


@cache
def reporting_verb_before() -> re.Pattern[str]:
    """A reporting verb right before an expression: the expression dates the reporting ("said on Monday");
    the `dating` verbs of `lexicon/reporting_verbs.tsv`."""
    return re.compile(rf"\b(?:{word_alternation(reporting_verbs('dating'))})(?:\s+on)?\s+$", re.IGNORECASE)
