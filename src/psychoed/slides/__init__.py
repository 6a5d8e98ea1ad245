"""Presenting mode: a reveal.js slide deck for every session of every track (facilitator edition).

A deck is built from the same modules as the pages: a title slide, the agenda, each lesson's
teaching points, key points, activities and discussion prompts, and a closing slide with the
home practice and the crisis lines. Facilitator blocks become speaker notes (`<aside class=
"notes">`), which reveal.js shows only in its speaker view. Handout blocks are not slides: they
are on paper.

- model.py: the deck (Deck, Slide), plain data so tests can count slides without a browser;
- deck.py: a session's deck from its lessons (build_deck, module_slides);
- fit.py: a slide too long for the back of the room split into pages (paginate);
- render.py: one HTML file a session, next to a copy of the reveal.js files it needs, so the
  facilitator folder works offline and loads nothing from another host (write_decks).
"""

from __future__ import annotations

from .deck import build_deck, deck_body, module_slides
from .fit import CHARS_PER_LINE, LINES_PER_SLIDE, paginate
from .model import Deck, Slide
from .render import (
    REVEAL_FILES,
    deck_css,
    logo_file,
    render_deck,
    render_markdown,
    render_slide,
    write_decks,
)

__all__ = [
    "CHARS_PER_LINE",
    "LINES_PER_SLIDE",
    "REVEAL_FILES",
    "Deck",
    "Slide",
    "build_deck",
    "deck_body",
    "deck_css",
    "logo_file",
    "module_slides",
    "paginate",
    "render_deck",
    "render_markdown",
    "render_slide",
    "write_decks",
]
