"""The render adapter: everything that touches MkDocs (or ProperDocs) or Material for MkDocs.

The core (load, validate, assemble, checks, PDFs, decks) never imports this package; it hands
MkDocs plain pages (path + Markdown) and a nav tree. Replacing MkDocs means replacing this package.
`engine` picks MkDocs or ProperDocs before any module of either is imported, so it comes first.
"""

from . import engine  # noqa: F401  (first: it decides what `import mkdocs` loads)
