"""psychoed's own words (headings, labels, notices) in each language the site has.

data/words/en.yml holds every word; data/words/<lang>.yml the same keys in that language. A word
a language file lacks falls back to English (tests/test_spanish.py::test_every_site_word_has_its_spanish checks that none does).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..resources import DATA_DIR

WORDS_DIR = DATA_DIR / "words"


class Words(dict):
    """`w.print_it`, or `w("track_line", sessions=3, hours=9)` to fill in a word's blanks."""

    lang: str = "en"

    def __getattr__(self, key: str):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values)


@lru_cache(maxsize=8)
def words(lang: str = "en") -> Words:
    english = _read("en")
    found = Words({**english, **(_read(lang) if lang != "en" else {})})
    found.lang = lang
    return found


def _read(lang: str) -> dict:
    path = WORDS_DIR / f"{lang}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}

def hours(minutes: int, w: Words | None = None) -> str:
    h, m = divmod(minutes, 60)
    w = w or words()
    return w("h_min", h=h, m=m) if h else w("min_only", m=m)
