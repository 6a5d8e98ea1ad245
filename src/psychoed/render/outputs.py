"""Everything `psychoed build` writes, in one ordered list: OUTPUTS.

A build makes sites: the participant edition, each other language's participant site (in
`participant/<lang>/`) and the facilitator edition. For every site, each output that applies to
it (its `editions`, and `each_language`) first starts, then writes, in the order of OUTPUTS:

1. every site's outputs start (`start`, from the last output to the first): they set up what
   runs alongside the renders, such as a zip that takes the pages as MkDocs writes them, or a
   render in another process;
2. site by site, the outputs write (`write`), each finding in the site's folder what the outputs
   before it wrote: the site's pages first, then its PDFs, then what is made of them.

An output writes only into `ctx.site_dir`, in the staging folder (output.py swaps it in whole
once every output of every site succeeded, and lists the files in `.psychoed-manifest`), and
raises CurriculumError (file, line, what is wrong, the fix) to fail the build: the last good
site then stays as it was. To add an output: write a class, add it to OUTPUTS
(handbook/docs/developer.md, "How to add an output").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..calendar import write_calendars
from ..forked import Forked
from ..model import EDITIONS, Curriculum
from ..pdf import pdf_failures, render_documents
from ..slides import write_decks
from .app import write_worker
from .offline import DECKS, OfflineZip, write_edition_zip
from .options import BuildOptions
from .plugin import PageSink
from .site import SiteRender, render_site


class Running(Protocol):
    """Work an output left running alongside the build: waited for at its end, stopped if it fails."""

    def wait(self) -> None: ...

    def stop(self) -> None: ...


@dataclass
class BuildContext:
    """One site of the build, as each output sees it."""

    root: Path  # the program folder
    curriculum: Curriculum  # in the site's language
    edition: str
    site_dir: Path  # the site's folder in staging: participant/, participant/es/, facilitator/
    options: BuildOptions
    editions: tuple[str, ...]  # every edition this build makes
    running: dict[str, Running]  # shared by every site of the build (see Running)
    sinks: list[PageSink] = field(default_factory=list)  # take the pages as MkDocs writes them
    rendered: SiteRender | None = None  # what the site output left: pages, the PDFs' documents

    @property
    def lang(self) -> str:
        return self.curriculum.lang

    @property
    def first_language(self) -> bool:
        """The edition's own site, not another language's (`participant/<lang>/`)."""
        return self.lang == self.curriculum.program.languages[0]

    def key(self, output: Output) -> str:
        """A name for what `output` leaves running for this site, unique in the build."""
        return f"{output.name}:{self.edition}:{self.lang}"


class Output:
    """One kind of file a build writes. Subclass it, set the class attributes, write `write`."""

    name: ClassVar[str] = ""  # how the build's result names what it wrote
    editions: ClassVar[tuple[str, ...]] = EDITIONS  # the editions it goes into
    each_language: ClassVar[bool] = True  # also each other language's participant site

    def applies(self, ctx: BuildContext) -> bool:
        return ctx.edition in self.editions and (self.each_language or ctx.first_language)

    def start(self, ctx: BuildContext) -> None:
        """Before any site renders: set up what runs alongside the renders (most outputs need nothing).

        A site's outputs start from the last to the first, so that whoever takes the pages is
        ready (in ctx.sinks) when the site output, first in OUTPUTS, sets up its render."""

    def write(self, ctx: BuildContext) -> Any:
        """Write into ctx.site_dir; return what the build reports of it (a count, stats), or None."""
        raise NotImplementedError


class Site(Output):
    """The edition's pages, through MkDocs, with its PDFs planned (the pages link them).

    With two editions and two cores or more, the facilitator edition renders in a forked process
    while this one renders the participant edition (MkDocs uses one core), unless an output takes
    its pages as they render (a PageSink in ctx.sinks): those are in this process.
    """

    name = "site"

    def start(self, ctx: BuildContext) -> None:
        if _renders_apart(ctx) and not ctx.sinks:
            ctx.running[ctx.key(self)] = Forked(
                render_site, ctx.root, ctx.curriculum, ctx.edition, ctx.site_dir, ctx.options
            )

    def write(self, ctx: BuildContext) -> int:
        child = ctx.running.pop(ctx.key(self), None)
        if child is None:
            ctx.rendered = render_site(ctx.root, ctx.curriculum, ctx.edition, ctx.site_dir, ctx.options, ctx.sinks)
        else:
            ctx.rendered = child.result()  # type: ignore[attr-defined]
        return ctx.rendered.pages


class Pdfs(Output):
    """The handouts, workbooks and guides the site planned (pdf/), through the PDF cache."""

    name = "pdfs"

    def write(self, ctx: BuildContext):
        docs = ctx.rendered.pdf_documents if ctx.rendered else None
        if not docs:  # --no-pdf, or a site with no PDFs
            return None
        with pdf_failures():
            return render_documents(ctx.curriculum, docs, ctx.site_dir, ctx.options.progress)


class Calendars(Output):
    """`calendar/<track>.ics` of each dated track, in both editions and every language (calendar/),
    before the offline zip takes the site."""

    name = "calendars"

    def write(self, ctx: BuildContext) -> None:
        write_calendars(ctx.curriculum, ctx.site_dir)


class AppShell(Output):
    """The installable participant site's service worker and its list of lessons (app.py), after
    the PDFs: the worker's version is made from every file the site holds but the offline zip."""

    name = "app"
    editions = ("participant",)

    def write(self, ctx: BuildContext) -> None:
        others = ctx.curriculum.program.other_languages
        write_worker(ctx.site_dir, ctx.lang, tuple(f"{lang}/" for lang in others) if ctx.first_language else ())


class OfflineLessons(Output):
    """`download/<program>-lessons.zip`: the participant site for file://, made from its one render
    as MkDocs writes the pages, in a forked process (offline.py). The first language's zip leaves
    the other languages' sites out; each of those has a zip of its own."""

    name = "offline zip"
    editions = ("participant",)

    def start(self, ctx: BuildContext) -> None:
        others = ctx.curriculum.program.other_languages
        skip = tuple(f"{lang}/" for lang in others) if ctx.first_language else ()
        zipper = OfflineZip(ctx.curriculum, ctx.site_dir, skip)
        ctx.running[ctx.key(self)] = zipper
        ctx.sinks.append(zipper)

    def write(self, ctx: BuildContext) -> None:
        # The site and its PDFs are written: the zip's process adds the rest; the build waits for it at its end.
        ctx.running[ctx.key(self)].finish()  # type: ignore[attr-defined]


class Decks(Output):
    """A reveal.js deck a session, in every language, in the facilitator edition's slides/ (slides/).

    The decks do not read the pages, so with two cores or more they are written in a forked
    process while the edition renders, into a folder beside the site (MkDocs empties the site's
    folder when it starts), and moved into it here."""

    name = "decks"
    editions = ("facilitator",)

    def start(self, ctx: BuildContext) -> None:
        if _several_cores():
            ctx.running[ctx.key(self)] = Forked(write_decks, ctx.curriculum, self._aside(ctx))

    def write(self, ctx: BuildContext) -> None:
        child = ctx.running.pop(ctx.key(self), None)
        if child is None:
            write_decks(ctx.curriculum, ctx.site_dir / DECKS)
            return
        child.wait()
        self._aside(ctx).rename(ctx.site_dir / DECKS)

    @staticmethod
    def _aside(ctx: BuildContext) -> Path:
        return ctx.site_dir.with_name(f".{ctx.site_dir.name}-{DECKS}")


class FacilitatorZip(Output):
    """`download/<program>-facilitator-edition.zip`: the edition for file://, made from its one
    render with its decks and PDFs (offline.py). Rendered in this process, its pages go to the
    zip's forked process as MkDocs writes them, as the participant's do; rendered in a forked
    process of its own (beside the participant edition), they are read back once it is done."""

    name = "facilitator zip"
    editions = ("facilitator",)

    def start(self, ctx: BuildContext) -> None:
        if not _renders_apart(ctx):
            zipper = OfflineZip(ctx.curriculum, ctx.site_dir, edition=ctx.edition)
            ctx.running[ctx.key(self)] = zipper
            ctx.sinks.append(zipper)

    def write(self, ctx: BuildContext) -> None:
        zipper = ctx.running.get(ctx.key(self))
        if zipper is None:
            write_edition_zip(ctx.curriculum, ctx.site_dir, ctx.edition)
        else:  # the decks and PDFs are in the site: the zip's process adds them; the build waits at its end
            zipper.finish()  # type: ignore[attr-defined]


def _renders_apart(ctx: BuildContext) -> bool:
    """Whether the site may render in a forked process, beside the build's first edition (MkDocs
    uses one core): an edition after the first, on two cores or more. An output that takes the
    pages as they render (a sink) keeps it in this process (see Site)."""
    return ctx.edition not in ("participant", ctx.editions[0]) and _several_cores()


def _several_cores() -> bool:
    return (os.cpu_count() or 1) > 1


# In order: an output finds in the site's folder what the outputs before it wrote.
OUTPUTS: tuple[Output, ...] = (Site(), Calendars(), Pdfs(), AppShell(), OfflineLessons(), Decks(), FacilitatorZip())


def sites(
    root: Path,
    curriculum: Curriculum,
    editions: list[str],
    staging: Path,
    options: BuildOptions,
    running: dict[str, Running],
) -> list[BuildContext]:
    """The build's sites, in the order they are written: each edition, and right after the
    participant edition its other languages, each a site in a folder of its own."""
    found = []
    for edition in editions:
        found.append(BuildContext(root, curriculum, edition, staging / edition, options, tuple(editions), running))
        for lang in curriculum.program.other_languages if edition == "participant" else ():
            local = curriculum.in_language(lang)
            found.append(
                BuildContext(root, local, edition, staging / edition / lang, options, tuple(editions), running)
            )
    return found
