"""psychoed's own words (headings, labels, notices) in each language the site has.

The source language's file (data/words/en.yml) holds every word; each other language's record
names its file, with the same keys in that language. A word a language file lacks falls back to
the source language's (tests/test_spanish.py checks that none does).
"""

from __future__ import annotations

from functools import lru_cache

from ..resources import DATA_DIR, read_yaml
from .records import SOURCE_LANGUAGE, language


class Words(dict):
    """`w.print_it`, or `w("track_line", sessions=3, hours=9)` to fill in a word's blanks."""

    lang: str = SOURCE_LANGUAGE

    def __getattr__(self, key: str):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values)


@lru_cache(maxsize=8)
def words(lang: str = SOURCE_LANGUAGE) -> Words:
    found = Words({**_read(SOURCE_LANGUAGE), **(_read(lang) if lang != SOURCE_LANGUAGE else {})})
    found.lang = lang
    return found


def _read(lang: str) -> dict:
    path = DATA_DIR / language(lang).words
    return read_yaml(path) or {} if path.is_file() else {}


def hours(minutes: int, w: Words | None = None) -> str:
    h, m = divmod(minutes, 60)
    w = w or words()
    return w("h_min", h=h, m=m) if h else w("min_only", m=m)


def date_label(day, w: Words | None = None) -> str:
    """`Mon, Jan 4, 2027` (or `lun 4 de ene de 2027`): a session's date as a page shows it."""
    w = w or words()
    return w(
        "date_format",
        weekday=w.weekday_short[day.weekday()],
        month=w.month_short[day.month - 1],
        day=day.day,
        year=day.year,
    )
