"""Fast live reload for `psychoed serve`: rebuild only the pages whose Markdown changed.

`psychoed serve` runs MkDocs' dirty reload, which skips a page whose file did not change.
Our pages are generated afresh on every rebuild, so MkDocs cannot judge that by file times.
PageMemory remembers a digest of each page's Markdown and of what every page shares (the
navigation and the theme settings); a page counts as changed when its own digest or the
shared one differs from the last build. A change to the shared part rebuilds everything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from mkdocs.structure.files import File
from mkdocs.utils import clean_directory


class GeneratedPage(File):
    """A page psychoed generated; MkDocs asks `is_modified` to decide whether to rebuild it."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


@dataclass
class PageMemory:
    shared: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # as of the last build that finished
    pending: dict[str, str] = field(default_factory=dict)

    def start(self, shared: object, site_dir: str) -> None:
        """Begin a rebuild; if what all pages share changed, start from an empty site."""
        digest = _digest(repr(shared))
        self.pending = {}
        if digest != self.shared:
            self.shared, self.pages = digest, {}
            # Also drops pages that no longer exist (a dirty build never deletes anything).
            clean_directory(site_dir)

    def changed(self, path: str, markdown: str) -> bool:
        self.pending[path] = _digest(markdown)
        return self.pages.get(path) != self.pending[path]

    def finished(self) -> None:
        """The rebuild wrote every changed page; a failed one is tried again in full next time."""
        self.pages.update(self.pending)
        self.pending = {}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
