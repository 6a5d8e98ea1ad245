"""The render adapter: everything that touches MkDocs or Material for MkDocs.

The core (load, validate, assemble, checks, PDFs, decks) never imports this package; it hands
MkDocs plain pages (path + Markdown) and a nav tree. Replacing MkDocs means replacing this package.
"""
