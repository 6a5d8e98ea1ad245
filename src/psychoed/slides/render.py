"""A deck as one HTML file a session, beside the reveal.js files it loads (nothing from another host)."""

from __future__ import annotations

import html
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path
from string import Template

import markdown as markdown_lib

from ..cache import Verdicts, code_salt
from ..colours import AA_TEXT, WHITE, contrast
from ..errors import CurriculumError
from ..languages.words import words
from ..markdown.edition import in_language, writing_lines
from ..markdown.facilitator import extensions_for
from ..model import Curriculum, Program
from ..resources import PACKAGE_DIR
from .deck import build_deck
from .fit import LINK
from .model import Deck, Slide

REVEAL_DIR = PACKAGE_DIR / "vendor" / "reveal.js"
TEMPLATES = PACKAGE_DIR / "templates"
# Only what a deck loads, plus the licence that must travel with it (no demo, test or theme files).
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/reveal.js", "plugin/notes/notes.js", "LICENSE")

MARKDOWN_EXTENSIONS = [  # the same as mkdocs.yml, so a lesson renders the same on slide and page
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]
_BLOCK_START = re.compile(r"^(\d*)([-*+#>.)])(?=\s)")  # "1. Stop" would make a title a list

_converters: dict[str, markdown_lib.Markdown] = {}


# While write_decks runs: the slides' HTML that earlier builds of the program made, by their
# Markdown (psychoed.cache.Verdicts). Converting each slide's Markdown was most of the decks' time.
_KEPT: list[Verdicts] = []
# What a slide's HTML comes from, besides its Markdown.
_CODE = ("slides/render.py", "slides/fit.py", "markdown/edition.py", "markdown/facilitator.py")


def render_markdown(text: str, edition: str = "participant") -> str:
    """Slide Markdown as HTML; what the room sees is participant text (no facilitator boxes,
    however deep), the speaker notes are the facilitator's."""
    if not _KEPT:
        return _converted(text, edition)
    return _KEPT[-1].made(str, lambda: _converted(text, edition), edition, text)


@lru_cache(maxsize=8192)
def _converted(text: str, edition: str) -> str:
    # Cached: a module taught in four tracks has the same slides in four decks.
    if edition not in _converters:
        converter = markdown_lib.Markdown(
            extensions=MARKDOWN_EXTENSIONS + extensions_for(edition),
            extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
        )
        # A list split over two slides goes on numbering where it stopped ("4." starts at 4).
        converter.parser.blockprocessors["olist"].LAZY_OL = False
        _converters[edition] = converter
    return _converters[edition].reset().convert(writing_lines(LINK.sub(r"\1", text)))


def render_slide(slide: Slide, program: Program, up: str = "../") -> str:
    tag = "h1" if slide.kind == "title" else "h2"
    title = _inline_html(slide.title)
    background = f' data-background-color="{html.escape(program.primary_color)}"' if slide.kind == "title" else ""
    kicker = f'<p class="kicker">{html.escape(slide.kicker)}</p>\n' if slide.kicker else ""
    if slide.kind == "title" and program.logo:
        alt = html.escape(words(program.locale)("logo_alt", program=program.name))
        kicker = f'<img class="deck-logo" src="{up}{logo_file(program)}" alt="{alt}">\n{kicker}'
    notes = (
        f'\n<aside class="notes">\n{render_markdown(slide.notes, "facilitator")}\n</aside>'
        if slide.notes.strip()
        else ""
    )
    return (
        f'<section class="slide kind-{slide.kind}"{background}>\n<div class="frame">\n{kicker}'
        f'<{tag} class="slide-title">{title}</{tag}>\n<div class="slide-body">\n{render_markdown(slide.body)}\n</div>\n'
        f"</div>{notes}\n</section>"
    )


def _inline_html(text: str) -> str:
    """Inline Markdown (a title) as HTML, never a list or heading of its own."""
    return re.sub(r"^<p>(.*)</p>$", r"\1", render_markdown(_BLOCK_START.sub(r"\1\\\2", text)), flags=re.S)


def render_deck(deck: Deck, program: Program) -> str:
    up = "../" * deck.path.count("/")  # from the deck's folder to slides/
    title = words(program.locale)("session_title", number=deck.session.number, title=deck.session.title)
    return _deck_template().substitute(
        lang=html.escape(program.locale),
        up=up,
        title=html.escape(f"{title} · {program.name}"),
        reveal_version=html.escape(_reveal_version()),
        slides=in_language("\n\n".join(render_slide(s, program, up) for s in deck.slides), program.locale),
    )


def deck_css(program: Program) -> str:
    """The deck style sheet with the program's colours, and text colours that stay readable on them."""
    on_primary = _readable_on(program.primary_color)
    heading = program.primary_color if contrast(program.primary_color, WHITE) >= AA_TEXT else "#1a1a1a"
    accent = program.accent_color if contrast(program.accent_color, WHITE) >= 3 else heading
    colours = (
        f":root{{--deck-primary:{program.primary_color};--deck-on-primary:{on_primary};"
        f"--deck-heading:{heading};--deck-accent:{accent}}}\n"
    )
    return colours + (TEMPLATES / "deck.css").read_text(encoding="utf-8")


def logo_file(program: Program) -> str:
    """The logo's name in the slides folder, beside deck.css (decks are one folder below)."""
    return "logo" + Path(program.logo).suffix.lower()


def _readable_on(background: str) -> str:
    return WHITE if contrast(background, WHITE) >= contrast(background, "#111111") else "#111111"


@lru_cache(maxsize=1)
def _deck_template() -> Template:
    return Template((TEMPLATES / "deck.html").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _reveal_version() -> str:
    return json.loads((REVEAL_DIR / "package.json").read_text(encoding="utf-8")).get("version", "")


def write_decks(curriculum: Curriculum, slides_dir: Path) -> None:
    """Every session's deck, in each of the program's languages, and the files they load, into
    `slides_dir` (the facilitator edition's slides/ folder)."""
    _copy_reveal(slides_dir / "reveal")
    (slides_dir / "deck.css").write_text(deck_css(curriculum.program), encoding="utf-8")
    shutil.copyfile(TEMPLATES / "deck.js", slides_dir / "deck.js")
    if curriculum.program.logo:
        shutil.copyfile(curriculum.root / curriculum.program.logo, slides_dir / logo_file(curriculum.program))
    salt = code_salt((PACKAGE_DIR / name for name in _CODE), ("markdown", "pymdown-extensions"))
    _KEPT.append(Verdicts(curriculum.root, "slides", salt))
    try:
        for local in [curriculum.in_language(lang) for lang in curriculum.program.languages]:
            for track in local.tracks.values():  # each language's decks: slides/<track>/, slides/es/<track>/
                for session in track.sessions:
                    deck = build_deck(local, track, session)
                    target = slides_dir / deck.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(render_deck(deck, local.program), encoding="utf-8")
        _KEPT[-1].save()
    finally:
        _KEPT.pop()


def _copy_reveal(target: Path) -> None:
    missing = [name for name in REVEAL_FILES if not (REVEAL_DIR / name).is_file()]
    if missing:
        raise CurriculumError(
            "src/psychoed/vendor/reveal.js",
            None,
            f"reveal.js is not installed (missing {', '.join(missing)}), so the slide decks cannot be built",
            "run `make vendor`",
        )
    for name in REVEAL_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REVEAL_DIR / name, target / name)
