"""One HTML element, one structure element: join what WeasyPrint splits at page breaks.

WeasyPrint 70 builds the structure tree one page at a time (WeasyPrint issue #2903): an element
that runs over a page break becomes one structure element per page, and so does each of its
ancestors. A facilitator guide's long agenda reads as two tables ("table, 4 columns, 23 rows",
then "table, 4 columns, 17 rows"), a long list as two lists, a long section as two sections.

The signal is the HTML element itself. While WeasyPrint writes the tags, `record_sources` notes
which HTML element each structure element was built from (the element of its box). The pieces of
one split table are boxes of that one `<table>`, so they name the same element; two tables, however
close on the page, are two elements and stay apart. Guessing from the layout could not tell a table
that ends at a page's foot, followed by another at the next page's top, from one table; a marker in
the HTML would not reach the tags, as WeasyPrint writes no HTML attribute into them.

`join_pieces` then folds each piece into the one on the page before: its kids go into the kids of
the first piece built from the same element (a row's cells into its cells, a list item's body into
its body), or after them. A table's header, repeated on each page, is kept once: the copies are
dropped from the tree, so `tagging` marks their text as pagination artifacts, and the header ids
that the cells on later pages name are rewritten to the first header's. A repeated footer is kept
last. Only elements that hold structure elements alone are joined: a link or an image holds marked
content of its page, and stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf

# Object number of a structure element -> id() of its HTML element. The elements (ElementTree
# nodes) live as long as the rendered document, so no two share an id during the write.
Sources = dict[int, int]


@contextmanager
def record_sources() -> Iterator[Sources]:
    """Around `write_pdf`: which HTML element each structure element WeasyPrint writes comes from.

    WeasyPrint builds the tree with `weasyprint.pdf.tags._build_box_tree`, a generator that calls
    itself by its module name for each child box and yields the elements it built for a box. It is
    wrapped here for the duration of one write (a worker process renders one document at a time).
    WeasyPrint is pinned to one major version; the tagged PDF tests fail if the wrapper stops
    seeing the elements."""
    from weasyprint.pdf import tags

    sources: Sources = {}
    build = getattr(tags, "_build_box_tree", None)
    if build is None:
        yield sources
        return

    def recorded(box, *args):
        # A positioned box reaches the tree as a placeholder that holds it (`_box`).
        element = getattr(getattr(box, "_box", box), "element", None)
        for built in build(box, *args):
            # The innermost call is the box the element was built for; an <html> or <body> box
            # only passes its children's elements on.
            if element is not None:
                sources.setdefault(built.number, id(element))
            yield built

    tags._build_box_tree = recorded
    try:
        yield sources
    finally:
        tags._build_box_tree = build


def join_pieces(pdf: pikepdf.Pdf, root: pikepdf.Object, sources: Sources) -> None:
    """Join, anywhere in the tree, each run of sibling pieces of one element on later pages."""
    if not sources:
        return
    joiner = _Joiner(pdf, sources)
    joiner.siblings(root)
    joiner.rename_headers(root)


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    listed = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [k for k in listed if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _holds_structure_only(element: pikepdf.Object) -> bool:
    kids = element.get("/K")
    return isinstance(kids, pikepdf.Array) and all(isinstance(k, pikepdf.Dictionary) and "/S" in k for k in kids)


def _append(parent: pikepdf.Object, kid: pikepdf.Object) -> None:
    parent.K.append(kid)
    kid.P = parent


def _remove(parent: pikepdf.Object, kid: pikepdf.Object) -> None:
    gone = kid.objgen
    parent.K = pikepdf.Array([k for k in parent.K if not (isinstance(k, pikepdf.Dictionary) and k.objgen == gone)])


class _Joiner:
    def __init__(self, pdf: pikepdf.Pdf, sources: Sources) -> None:
        self.sources = sources
        self.pages: dict[tuple[int, int], int] = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        self.header_ids: dict[str, pikepdf.Object] = {}  # a dropped header cell's /ID -> the kept one's

    def _source(self, element: pikepdf.Object) -> int | None:
        return self.sources.get(element.objgen[0])

    def _page(self, element: pikepdf.Object) -> int:
        return self.pages.get(element.Pg.objgen, -1) if "/Pg" in element else -1

    def _same(self, first: pikepdf.Object, later: pikepdf.Object) -> bool:
        """Two structure elements built from one HTML element with the same role."""
        source = self._source(first)
        return source is not None and source == self._source(later) and first.get("/S") == later.get("/S")

    def siblings(self, node: pikepdf.Object) -> None:
        """Fold each kid that continues the kid before it (same element, a later page) into it."""
        kids = _kids(node)
        kept: list[pikepdf.Object] = []
        for kid in kids:
            first = kept[-1] if kept else None
            if first is not None and self._continues(first, kid):
                self._join(first, kid)
                _remove(node, kid)
            else:
                kept.append(kid)
        for kid in kept:
            self.siblings(kid)

    def _continues(self, first: pikepdf.Object, later: pikepdf.Object) -> bool:
        return (
            self._same(first, later)
            and self._page(later) > self._page(first)
            and _holds_structure_only(first)
            and _holds_structure_only(later)
        )

    def _join(self, first: pikepdf.Object, later: pikepdf.Object) -> None:
        """Move `later`'s kids into `first`: into the piece of the same element, or after the rest."""
        for kid in _kids(later):
            match = next((k for k in _kids(first) if self._same(k, kid)), None)
            if match is not None and kid.S == pikepdf.Name.THead and not _has_annotations(kid):
                self._drop_repeated_header(match, kid)
            elif match is not None and kid.S == pikepdf.Name.TFoot:
                _remove(first, match)  # the footer repeated at the foot of each page: the last one stays
                _append(first, kid)
            elif match is not None and kid.S != pikepdf.Name.THead and self._continues(match, kid):
                self._join(match, kid)
            else:
                _append(first, kid)

    def _drop_repeated_header(self, kept: pikepdf.Object, repeated: pikepdf.Object) -> None:
        """The header row repeated on a later page is left out of the tree (its text becomes an
        artifact); the cells on that page named its header cells, now they name the kept ones."""
        cells = [e for e in _descendants(kept) if e.get("/S") == pikepdf.Name.TH]
        for cell in (e for e in _descendants(repeated) if e.get("/S") == pikepdf.Name.TH and "/ID" in e):
            match = next((c for c in cells if self._same(c, cell) and "/ID" in c), None)
            if match is not None:
                self.header_ids[str(cell.ID)] = match.ID

    def rename_headers(self, root: pikepdf.Object) -> None:
        if not self.header_ids:
            return
        for element in _descendants(root):
            attributes = element.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and isinstance(attributes.get("/Headers"), pikepdf.Array):
                attributes.Headers = pikepdf.Array([self.header_ids.get(str(h), h) for h in attributes.Headers])


def _descendants(node: pikepdf.Object) -> Iterator[pikepdf.Object]:
    for kid in _kids(node):
        yield kid
        yield from _descendants(kid)


def _has_annotations(element: pikepdf.Object) -> bool:
    """A header holding a link: its annotation names it as parent, so it is not dropped."""
    return any(
        isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR
        for e in [element, *_descendants(element)]
        for k in (e.K if isinstance(e.get("/K"), pikepdf.Array) else [])
    )
