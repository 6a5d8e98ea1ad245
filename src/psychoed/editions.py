"""Kept where outside tools import it from (`psychoed.editions.strip_facilitator`, used to build
plain-MkDocs baselines of psychoed's pages); the code lives in `psychoed.markdown.edition`."""

from .markdown.edition import *  # noqa: F401,F403
from .markdown.edition import strip_facilitator  # noqa: F401
