"""Finish WeasyPrint's tagged PDF/UA-1 output where WeasyPrint 70 stops short (pikepdf).

WeasyPrint writes the structure tree, /MarkInfo, /Lang, the XMP identifier, DisplayDocTitle,
figure /Alt from `alt`, and table headers for data cells. What is left to us:

- Pieces. WeasyPrint makes an element that runs over a page break one structure element per page
  (a table, a list, their sections); pieces.py joins them into one, given which HTML element
  each structure element was built from.

- Page furniture. The running header and footer and the page numbers are drawn in margin boxes,
  as marked content whose structure elements hang from no tree. They become /Artifact content
  (pagination), which assistive technology skips: every crisis line is real content once, on the
  cover or last page.
- Link descriptions. WeasyPrint sets a link's /Contents to its target ("session-1", a URL);
  PDF/UA wants a description, so it becomes the link's text.
- Header scope. A /TH carries no /Scope; a header in a table's head row heads its column, a
  header that starts a body row heads its row.
- List bodies. A list item whose content is a box of its own (an answer line, see paper.py)
  gets that box as a direct child of /LI; it goes into an /LBody, the only other child an
  /LI may have besides its /Lbl.

WeasyPrint writes the parent tree as a flat /Nums array, one entry per page keyed by the page's
/StructParents, which is what is read here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pikepdf

from .pieces import Sources, join_pieces

_MARKED = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
FINISH_VERSION = "2"  # part of the PDF cache key: change it when finish() writes something new


def finish(path: str, page_html: str, sources: Sources | None = None) -> None:
    """Rewrite the PDF at `path` in place, given the HTML it was rendered from and the HTML element
    of each structure element (pieces.record_sources)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.StructTreeRoot
        join_pieces(pdf, root, sources or {})  # first: what it leaves out of the tree becomes an artifact
        elements = list(_elements(root))
        _furniture_to_artifacts(pdf, root, {e.objgen for e in elements})
        _describe_links(pdf, link_texts(page_html))
        _scope_headers(elements)
        _list_bodies(pdf, elements)
        pdf.save(path, fix_metadata_version=False)


def _elements(node: pikepdf.Object):
    """Every structure element reachable from `node`, depth first, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _furniture_to_artifacts(pdf: pikepdf.Pdf, root: pikepdf.Object, in_tree: set) -> None:
    pages = {int(page.obj.StructParents): page for page in pdf.pages if "/StructParents" in page.obj}
    nums = root.ParentTree.Nums
    for index in range(0, len(nums), 2):
        key, marked = int(nums[index]), nums[index + 1]
        if key not in pages or not isinstance(marked, pikepdf.Array):
            continue  # an annotation's entry, not a page's
        loose = {mcid for mcid, element in enumerate(marked) if element is not None and element.objgen not in in_tree}
        if loose:
            _mark_artifacts(pdf, pages[key], loose)
            for mcid in loose:
                marked[mcid] = None


def _mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    # A regular expression over the stream, not pikepdf's parser: a tenth of the time, and
    # WeasyPrint writes each marked-content start as `/Tag <</MCID n>> BDC`.
    def artifact(match: re.Match) -> bytes:
        return _ARTIFACT if int(match.group(1)) in mcids else match.group(0)

    content = _MARKED.sub(artifact, page.obj.Contents.read_bytes())
    page.obj.Contents = pdf.make_stream(content)


def _describe_links(pdf: pikepdf.Pdf, texts: dict[str, str]) -> None:
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            target = str(annotation.get("/Contents", ""))
            annotation.Contents = pikepdf.String(texts.get(target) or target or "Link")


def _scope_headers(elements: list[pikepdf.Object]) -> None:
    for element in elements:
        if element.S != pikepdf.Name.TH:
            continue
        row = element.get("/P")
        in_head = row is not None and row.get("/P") is not None and row.P.get("/S") == pikepdf.Name.THead
        first = row is not None and isinstance(row.get("/K"), pikepdf.Array) and row.K[0].objgen == element.objgen
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = element.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes.Scope = pikepdf.Name.Row if first and not in_head else pikepdf.Name.Column


def _list_bodies(pdf: pikepdf.Pdf, elements: list[pikepdf.Object]) -> None:
    for item in elements:
        kids = item.get("/K") if item.S == pikepdf.Name.LI else None
        if not isinstance(kids, pikepdf.Array):
            continue
        loose = [
            k
            for k in kids
            if isinstance(k, pikepdf.Dictionary) and k.get("/S") not in (pikepdf.Name.Lbl, pikepdf.Name.LBody)
        ]
        if not loose:
            continue
        body = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=item, K=pikepdf.Array(loose))
        )
        if "/Pg" in item:
            body.Pg = item.Pg
        for kid in loose:
            kid.P = body
        moved = {k.objgen for k in loose}
        kept = [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.objgen in moved)]
        item.K = pikepdf.Array(kept + [body])


class _Anchors(HTMLParser):
    """Each link's target (as WeasyPrint names it: an anchor without its #, or the URL) and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._open.append((href[1:] if href.startswith("#") else href, []))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            target, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if target and text:
                self.texts.setdefault(target, text)


def link_texts(page_html: str) -> dict[str, str]:
    parser = _Anchors()
    parser.feed(page_html)
    return parser.texts
