"""The pocket workbook: a lesson's handouts as worksheets filled in on the phone, and My workbook.

The pages only carry what the script (overrides/assets/javascripts/workbook.js) needs: each
handout's place and version, and the words in the page's language. Answers live in the
browser's storage alone; nothing here, nor in the script, sends them anywhere.
"""

from __future__ import annotations

import hashlib
import html

from ..languages.words import Words, words
from ..markdown.blocks import Block
from ..markdown.edition import HandoutAttributes
from ..markdown.literal import md
from ..model import Curriculum
from .common import Edition

PAGE = "workbook.md"


def version(block: Block) -> str:
    """The worksheet's version: a changed handout gets a new one, so old answers never land in
    the fields of a different worksheet."""
    return hashlib.sha256(f"{block.title}\n{block.markdown}".encode()).hexdigest()[:12]


def handout_attributes(module_id: str, lang: str) -> HandoutAttributes:
    """The attributes that make a handout's box a worksheet: lesson, number, language, version."""

    def attributes(block: Block, number: int) -> str:
        return f' data-worksheet="{module_id}/{number}" data-lang="{lang}" data-version="{version(block)}"'

    return attributes


def tools(w: Words, page_folder: str = "../") -> str:
    """The note and Erase button each worksheet gets (the script copies them under each one;
    hidden, so that a browser without the script shows no promise it cannot keep)."""
    note = w("worksheet_saved", link=f"{page_folder}{PAGE}")
    data = _data(confirm=w.worksheet_erase_confirm, erased=w.worksheet_erased, full=w.worksheet_full)
    return f"""<div class="worksheet-tools" hidden{data} markdown="1">

{note}

<button type="button" class="md-button worksheet-erase">{html.escape(w.worksheet_erase)}</button>

<p class="worksheet-status" role="status"></p>

</div>"""


def workbook(curriculum: Curriculum, site: Edition) -> str:
    """My workbook: where answers are, what can erase them, and the buttons to print, save,
    load and erase them (the script lists the worksheets with answers)."""
    w = words(curriculum.lang)
    lessons = curriculum.library()
    # One lesson's address, as MkDocs writes it: the script makes the others from it.
    link = (
        f'<div hidden markdown="1">\n\n[{md(lessons[0].title)}](lessons/{lessons[0].id}.md){{: .workbook-lesson-link '
        "}\n\n</div>"
        if lessons
        else ""
    )
    data = _data(
        lang=curriculum.lang,
        lesson=lessons[0].id if lessons else "",
        confirm=w.workbook_erase_all_confirm,
        loaded=w.workbook_loaded,
        bad_file=w.workbook_bad_file,
        erased=w.workbook_erased,
        ticked=w.workbook_ticked,
        none=w.workbook_none,
    )
    markdown = f"""# {w.my_workbook}

**{w.workbook_here}**
{{: .workbook-here }}

{w.workbook_intro}

{w.workbook_cleared}

{w.workbook_shared_phone}

<div class="psychoed-workbook"{data} markdown="1">

<p class="workbook-needs-script">{html.escape(w.workbook_needs_script)}</p>

<div class="workbook-actions" hidden>
<button type="button" class="md-button" data-workbook="print">{html.escape(w.workbook_print)}</button>
<button type="button" class="md-button" data-workbook="save">{html.escape(w.workbook_save)}</button>
<button type="button" class="md-button" data-workbook="load">{html.escape(w.workbook_load)}</button>
<input type="file" accept=".json,application/json" hidden aria-label="{html.escape(w.workbook_load)}">
<button type="button" class="md-button" data-workbook="erase-all">{html.escape(w.workbook_erase_all)}</button>
</div>

<p class="workbook-status" role="status"></p>

## {w.workbook_list}

<div class="workbook-list"></div>

{link}

</div>
"""
    return site.add(PAGE, w.my_workbook, markdown, description=w.workbook_here)


def _data(**values: str) -> str:
    return "".join(f' data-{name.replace("_", "-")}="{html.escape(value)}"' for name, value in values.items())
