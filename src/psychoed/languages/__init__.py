"""Each language psychoed knows: one record a language (records.py, from data/languages/<code>.yml)
holding its names, crisis lines, phone patterns, reading-level formulas and limits, person-first
terms, interface words and the codes Material and its search use."""

from .records import SOURCE_LANGUAGE, CrisisLine, Language, Limit, codes, language, languages, source

__all__ = ["SOURCE_LANGUAGE", "CrisisLine", "Language", "Limit", "codes", "language", "languages", "source"]
