"""Structural checks of a tagged PDF (PDF/UA-1), read with pikepdf: what the independent checker
(pdfua) does not cover or skips. `tag_problems(pdf)` lists every problem as text; [] is clean."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

HEADING = re.compile(r"/H([1-6])$")
ROW_ROLES = {"/TR"}  # siblings that sit side by side, so their order is not top-to-bottom
LIST_ITEM_KIDS = {"/Lbl", "/LBody"}
TABLE_KIDS = {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"}
Y_SLACK = 4.0  # CSS px: baselines of one line differ a little (a bold run, a list number)


def elements(node):
    """Structure elements under `node`, depth first: the reading order."""
    for kid in elements_of(node):
        yield kid
        yield from elements(kid)


def elements_of(node) -> list:
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def role(element) -> str:
    return str(element.get("/S", ""))


def mcids(element) -> list[int]:
    kids = element.get("/K")
    return [int(k) for k in (kids if isinstance(kids, pikepdf.Array) else [kids]) if isinstance(k, int)]


def text_positions(pdf: pikepdf.Pdf) -> tuple[dict, set]:
    """{(page number, MCID): y of its first text line (CSS px from the top)} for tagged content,
    and the set of (page, MCID) marked anywhere in the content streams."""
    positions, marked = {}, set()
    for number, page in enumerate(pdf.pages):
        stack: list[int | None] = []
        for instruction in pikepdf.parse_content_stream(page):
            op = str(instruction.operator)
            if op == "BDC":
                props = instruction.operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append(int(mcid) if mcid is not None else None)
                if mcid is not None:
                    marked.add((number, int(mcid)))
            elif op == "BMC":
                stack.append(None)
            elif op == "EMC" and stack:
                stack.pop()
            elif op == "Tm" and stack and stack[-1] is not None:
                positions.setdefault((number, stack[-1]), float(instruction.operands[5]))
    return positions, marked


def tag_problems(path: Path, title: str | None = None, lang: str = "en") -> list[str]:
    with pikepdf.open(path) as pdf:
        return _problems(pdf, title, lang)


def _problems(pdf: pikepdf.Pdf, title: str | None, lang: str) -> list[str]:
    root = pdf.Root
    if "/StructTreeRoot" not in root:
        return ["no /StructTreeRoot: the PDF is not tagged"]
    problems = []
    if root.get("/MarkInfo", {}).get("/Marked") is not True:
        problems.append("/MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")) != lang:
        problems.append(f"/Lang is {root.get('/Lang')!r}, not {lang!r}")
    if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        problems.append("/ViewerPreferences /DisplayDocTitle is not true")
    shown = str(pdf.docinfo.get("/Title", ""))
    if not shown or (title is not None and shown != title):
        problems.append(f"title is {shown!r}, not {title!r}")
    if pdf.open_metadata().get("pdfuaid:part") != "1":
        problems.append("the XMP metadata has no pdfuaid:part 1")
    tree = list(elements(root.StructTreeRoot))
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    problems += _headings(tree) + _lists(tree) + _tables(tree) + _figures(tree) + _links(pdf, tree)
    problems += _content(pdf, root.StructTreeRoot, tree, pages)
    return problems


def _headings(tree) -> list[str]:
    problems, previous = [], 0
    for element in tree:
        match = HEADING.match(role(element))
        if not match:
            continue
        level = int(match.group(1))
        if level > previous + 1:
            problems.append(f"heading /H{level} follows /H{previous or '(none)'}: a level is skipped")
        if not any(mcids(e) for e in [element, *elements(element)]):
            problems.append(f"heading /H{level} is empty")
        previous = level
    return problems


def _lists(tree) -> list[str]:
    problems = []
    for element in tree:
        kids = [role(k) for k in elements_of(element)]
        if role(element) == "/L" and not set(kids) <= {"/LI", "/L"}:
            problems.append(f"/L holds {sorted(set(kids) - {'/LI', '/L'})}")
        if role(element) == "/LI" and not set(kids) <= LIST_ITEM_KIDS:
            problems.append(f"/LI holds {sorted(set(kids) - LIST_ITEM_KIDS)}")
    return problems


def _tables(tree) -> list[str]:
    problems = []
    for element in tree:
        kids = {role(k) for k in elements_of(element)}
        name = role(element)
        if name == "/Table" and not kids <= TABLE_KIDS:
            problems.append(f"/Table holds {sorted(kids - TABLE_KIDS)}")
        if name in ("/THead", "/TBody", "/TFoot") and not kids <= {"/TR"}:
            problems.append(f"{name} holds {sorted(kids - {'/TR'})}")
        if name == "/TR" and not kids <= {"/TH", "/TD"}:
            problems.append(f"/TR holds {sorted(kids - {'/TH', '/TD'})}")
        if name == "/TH" and "/Scope" not in element.get("/A", {}):
            problems.append("/TH without /Scope")
    return problems


def _figures(tree) -> list[str]:
    return ["/Figure without /Alt" for e in tree if role(e) == "/Figure" and not str(e.get("/Alt", "")).strip()]


def _links(pdf, tree) -> list[str]:
    problems = []
    for number, page in enumerate(pdf.pages):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            contents = str(annotation.get("/Contents", "")).strip()
            target = str(annotation.get("/Dest", "")) or str(annotation.get("/A", {}).get("/URI", ""))
            if not contents or contents == target:
                problems.append(f"page {number + 1}: link to {target!r} is described as {contents!r}")
            if "/StructParent" not in annotation:
                problems.append(f"page {number + 1}: link to {target!r} is not in the structure tree")
    for element in tree:
        if role(element) == "/Link" and not any(
            isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" for k in element.K
        ):
            problems.append("a /Link element holds no link annotation")
    return problems


def _content(pdf, root, tree, pages) -> list[str]:
    """Every piece of marked content is in the tree (the rest is an artifact), and the tree reads
    each page from top to bottom."""
    positions, marked = text_positions(pdf)
    tagged = {(pages[e.Pg.objgen], m) for e in tree if "/Pg" in e for m in mcids(e)}
    problems = [f"page {p + 1}: marked content {m} is in no structure element" for p, m in sorted(marked - tagged)]
    problems += [f"page {p + 1}: the tree names content {m} that no page marks" for p, m in sorted(tagged - marked)]
    _order(root, positions, pages, problems)
    return problems


def _order(node, positions, pages, problems) -> tuple | None:
    """(first, last) (page, y) of the text under `node`; siblings must not read upward."""
    spans, page = [], pages.get(node.Pg.objgen) if "/Pg" in node else None
    for m in mcids(node):
        if (page, m) in positions:
            spans.append(((page, positions[(page, m)]), (page, positions[(page, m)])))
    for kid in elements_of(node):
        span = _order(kid, positions, pages, problems)
        if span:
            spans.append(span)
    if role(node) not in ROW_ROLES:
        for (_, last), (first, _) in zip(spans, spans[1:], strict=False):
            if first[0] < last[0] or (first[0] == last[0] and first[1] < last[1] - Y_SLACK):
                problems.append(
                    f"page {first[0] + 1}: {role(node)} reads text at y={first[1]:.0f} after text at y={last[1]:.0f}"
                )
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


FOOTER_TOP_PT = 20 * 72 / 25.4  # the bottom page margin of handout.css, where the footer sits
_NUMBER_ONLY = re.compile(r"[\d\s/+()-]+")


def footer_problems(path: Path, curriculum) -> list[str]:
    """Every page's footer is one line: the lead, then the program's first crisis lines in its
    order, each in full or cut to its number; never a line skipped for a later one."""
    from pypdf import PdfReader

    from psychoed.languages.words import words

    lines, lead = curriculum.program.crisis_lines, words(curriculum.lang).need_help_now
    problems = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        runs: list[tuple[float, str]] = []
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size, runs=runs: (
                text.strip() and runs.append((tm[5] * cm[3] + cm[5], text))
            )
        )
        bottom = [(y, text) for y, text in runs if y < FOOTER_TOP_PT]
        shown = " ".join("".join(text for _, text in bottom).split())
        if len({round(y) for y, _ in bottom}) != 1 or not shown.startswith(lead):
            problems.append(f"page {number}: the footer is not one line that starts with {lead!r}: {shown!r}")
            continue
        items = [item.strip() for item in shown[len(lead) :].split("·")]
        wrong = [
            (item, line.reach)
            for item, line in zip(items, lines, strict=False)
            if item != " ".join(line.reach.split()) and not (_NUMBER_ONLY.fullmatch(item) and item in line.reach)
        ]
        if not items[0] or len(items) > len(lines) or wrong:
            problems.append(
                f"page {number}: the footer shows {items}, not the first of {[line.reach for line in lines]} in "
                f"order: {wrong}"
            )
    return problems
