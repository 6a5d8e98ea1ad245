"""Rule `crisis-card`: every crisis line fits one wallet card (handouts/crisis-card.pdf), in each
language the site has.

The fit is arithmetic on the lines' lengths, not a render, so `psychoed check` finds it before
`build` starts; the card's renderer (pdf/packets.py) sets its type at the size `card_font_size`
gives, so check and build agree on every program.
"""

from __future__ import annotations

from ..errors import CurriculumError, Report
from ..model import LANGUAGES_IN_ENGLISH, Curriculum, Program

CARD_W, CARD_H = 3.5, 2.0  # inches: a wallet card
CARD_TEXT_PT = ((CARD_W - 0.28) * 72, (CARD_H - 0.24) * 72)  # inside the padding
CARD_SIZES_PT = (9, 8, 7, 6.5, 6)
CARD_EM_PER_CHAR = 0.58  # DejaVu Sans, bold labels included, with room to spare


def card_font_size(lines) -> float | None:
    """The largest type size at which every line fits one card: the lines as they wrap, the
    title, the program's name and the spacing between items (see pdf/packets.py, _card_css);
    None if none does."""
    width, height = CARD_TEXT_PT
    for size in CARD_SIZES_PT:
        per_line = int(width / (size * CARD_EM_PER_CHAR))
        rows = sum(-(-len(f"{c.label}: {c.reach}") // per_line) for c in lines)
        needed = (
            size * 1.25 * rows
            + size * 0.15 * len(lines)
            + size * 1.2 * 1.25
            + size * 0.3 * 1.2
            + size * 0.9 * 1.25
            + size * 0.3
        )
        if needed <= height * 0.92:
            return size
    return None


def overflow(program: Program, lang: str = "", source: Program | None = None) -> CurriculumError:
    """The error for `program`'s crisis lines, which fit no card. A translation (`lang`) that
    gives no `crisis_lines` of its own (psychoed words the lines it knows) is reported at
    program.yml's (`source`), whose lines it shows."""
    path, line = program.path, program.lines.get("crisis_lines")
    if line is None and source is not None:
        path, line = source.path, source.lines.get("crisis_lines")
    in_language = f" in {LANGUAGES_IN_ENGLISH[lang]}" if source is not None else ""
    characters = sum(len(c.label) + len(c.reach) for c in program.crisis_lines)
    return CurriculumError(
        path,
        line,
        f"the crisis lines do not fit on a wallet card (3.5 x 2 in){in_language}, even in 6 pt type "
        f"({len(program.crisis_lines)} lines, {characters} characters of label and reach)",
        "shorten the lines' `label` and `reach` (the card leaves the note off), or list fewer lines",
        rule="crisis-card",
    )


def check(curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    for lang in program.languages:
        local = program.in_language(lang)
        if card_font_size(local.crisis_lines) is None:
            report.add(overflow(local, lang, None if local is program else program))
