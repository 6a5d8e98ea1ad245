"""`psychoed serve`: MkDocs' live preview of one edition, reloading only the pages an edit changed."""

from __future__ import annotations

import logging
from pathlib import Path

from .engine import config_file
from .mkdocs_config import mkdocs_config
from .plugin import Preview


def serve(root: Path, edition: str, dev_addr: str, lang: str = "") -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    # MkDocs keeps one instance of a plugin with on_startup for every load of the configuration
    # in this process (the serve's rebuilds included): tell that instance what to preview.
    config = mkdocs_config(root, edition, root / "site")
    config.plugins["psychoed"].preview = Preview(edition, lang)
    # Dirty reload: the plugin tells MkDocs which pages changed (see reload.py), so saving a
    # module rebuilds its few pages instead of the whole site.
    logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())
    mkdocs_serve(str(config_file(root)), livereload=True, build_type="dirty", dev_addr=dev_addr)


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; PageMemory prevents that."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def quiet_mkdocs(verbose: bool) -> None:
    """MkDocs' INFO lines only with --verbose: a director reads psychoed's summary instead."""
    level = logging.INFO if verbose else logging.WARNING
    for name in ("mkdocs", "psychoed"):
        logging.getLogger(name).setLevel(level)
