"""The MkDocs plugin: a thin adapter that hands the assembled pages and nav to MkDocs."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Protocol, TypeVar, cast

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..cache import Verdicts
from ..calendar import write_calendars
from ..checks.markup import html_findings
from ..errors import CurriculumError
from ..languages import source
from ..loader import load
from ..markdown.facilitator import ParticipantExtension, extensions_for, leftover
from ..model import Curriculum
from ..pages import Edition, assemble
from ..pdf import (
    Document,
    PdfError,
    PdfPlan,
    RenderStats,
    documents,
    pdf_failures,
    render_documents,
)
from ..pdf.packets import day_one_documents
from ..pdf.paperwork import paperwork_documents
from . import csp
from .app import write_worker
from .config import PsychoedConfig
from .judged import judged_pages
from .offline import FileUrls
from .reload import GeneratedPage, PageMemory
from .template_cache import template_cache
from .theme import ThemeSettings, not_loaded, search_languages, theme_settings
from .valid_html import error_page_links, valid_toggles

PRINT_FOLDER = "print/"  # the PDFs' style sheet in overrides/ (pdf.CSS)
log = get_plugin_logger(__name__)
T = TypeVar("T")


class PageSink(Protocol):
    """An output that takes a site's pages as MkDocs writes them (offline.OfflineZip)."""

    def start(self, urls: FileUrls, other_languages: bool) -> None: ...

    def add(self, dest: str, html: str) -> None: ...


@dataclass(frozen=True)
class Preview:
    """What `psychoed serve` previews, handed to the plugin as arguments."""

    edition: str
    language: str = ""


class PsychoedPlugin(BasePlugin[PsychoedConfig]):
    def __init__(self) -> None:
        self._site: Edition | None = None
        # The CLI hands over the curriculum it already loaded and checked.
        self.preloaded: Curriculum | None = None
        self._curriculum: Curriculum | None = None
        self.pdfs: PdfPlan | None = None
        self.pdf_stats: RenderStats | None = None
        # `psychoed build` renders the PDFs itself (its "pdfs" output, render/outputs.py): the
        # plugin hands it the documents. A plain `mkdocs build` renders them here.
        self.defer_pdfs = False
        self.pdf_documents: list[Document] | None = None
        self._theme: ThemeSettings | None = None
        # `psychoed build` hands the render to its outputs that take the pages as MkDocs writes
        # them (the participant edition's offline zip), page by page: see PageSink.
        self.sinks: list[PageSink] = []
        # Set by `mkdocs serve` (previewing) and `mkdocs serve --dirty` (reloading, which
        # `psychoed serve` runs); because this plugin has on_startup, MkDocs keeps this one
        # instance for every rebuild of a serve.
        self.previewing = self.reloading = False
        self.memory = PageMemory()
        # A content problem found while MkDocs renders; `psychoed build` reports it as one
        # (MkDocs itself only says "Aborted with a BuildError!").
        self.failure: CurriculumError | None = None
        # The edition and language `psychoed serve` was asked for (Preview), else None: then the
        # plugin's options in mkdocs.yml decide. Never the environment: a variable left set in a
        # shell would publish the facilitator edition as the participant site.
        self.preview: Preview | None = None
        # The pages earlier builds judged clean (judged.py); None in a preview, which judges every page.
        self.judged: Verdicts | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.previewing = command == "serve"
        self.reloading = self.previewing and dirty
        self.memory = PageMemory()
        self.defer_pdfs, self.sinks = False, []

    def on_shutdown(self) -> None:
        self.previewing = self.reloading = False
        self.preview = None

    def _load(self, root: Path):
        curriculum, report = load(root, known_rules())
        if self.config.checks:
            run_checks(curriculum, report)
        if report.failed(self.config.strict):
            raise PluginError(format_report(report))
        for warning in report.warnings:
            log.warning(str(warning))
        return curriculum

    # What on_config makes for each build: MkDocs runs on_config before every event that reads them.
    @property
    def curriculum(self) -> Curriculum:
        return _configured(self._curriculum)

    @property
    def site(self) -> Edition:
        return _configured(self._site)

    @property
    def theme(self) -> ThemeSettings:
        return _configured(self._theme)

    @property
    def edition(self) -> str:
        return self.preview.edition if self.preview else self.config.edition

    @property
    def language(self) -> str:
        return self.preview.language if self.preview else self.config.language

    def _in_language(self, curriculum):
        """A preview or plain build in another of the program's languages (`psychoed serve --lang`)."""
        lang = self.language
        if lang and lang not in curriculum.program.languages:
            raise PluginError(
                f"'{lang}' is not one of the program's languages ({', '.join(curriculum.program.languages)}); list "
                "it under `languages:` in curriculum/program.yml"
            )
        return curriculum.in_language(lang) if lang and self.edition == "participant" else curriculum

    # Before the search plugin's: it sets up its index (its stemmer, stop words) from the theme's
    # language, which a site in another language sets here.
    @event_priority(100)
    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        curriculum = self.preloaded or self._in_language(self._load(root))
        self._curriculum, self.preloaded = curriculum, None
        self.failure = None
        self.pdf_stats = self.pdf_documents = None
        large = self.config.large_print or curriculum.program.large_print
        # A live preview skips the PDFs: they take seconds, and `psychoed build` makes them.
        self.pdfs = (
            PdfPlan(self.edition, large, site_url=config.site_url or "")
            if self.config.pdf and not self.previewing
            else None
        )
        self._site = assemble(curriculum, self.edition, self.pdfs)
        self.judged = None if self.previewing else judged_pages(root, self.edition, curriculum.lang)
        self._theme = theme_settings(curriculum, self.edition)
        if self.preview and self.preview.language:
            self.theme.extra["folder"] = ""  # a preview in one language: the language's site is the whole preview
        self.theme.apply(config)
        config.nav = self.theme.nav(self.site.nav)
        # Facilitator text is removed from the element tree Markdown builds, so that no page,
        # and no search index made from the pages, holds any (see psychoed/facilitator.py).
        config.markdown_extensions = [e for e in config.markdown_extensions if not isinstance(e, ParticipantExtension)]
        config.markdown_extensions += extensions_for(self.edition)
        if self.reloading:
            self.memory.start((self.site.nav, config.site_name, config.extra, self.theme.assets), config.site_dir)
        for folder in ("modules", "curriculum"):
            if (root / folder).is_dir() and str(root / folder) not in config.watch:
                config.watch.append(str(root / folder))
        return config

    def on_files(self, files: Files, config) -> Files:
        _published_files_only(files, config)
        for page in self.site.pages:
            # File.generated makes a `cls`, though MkDocs declares it to return a File
            file = cast(GeneratedPage, GeneratedPage.generated(config, page.path, content=page.markdown))
            if self.reloading:
                file.changed = self.memory.changed(page.path, page.markdown)
            files.append(file)
        for plan, curriculum in self._pdf_plans():
            for path in plan.paths(curriculum):
                # Placeholders, so that MkDocs checks and rewrites links to the PDFs that
                # the PDFs render over them (on_post_build, or the "pdfs" output of `psychoed build`).
                files.append(File.generated(config, path, content=b""))
        for src_uri, src_path in self.site.files.items():
            files.append(File.generated(config, src_uri, abs_src_path=str(src_path)))
        for src_uri, asset in self.theme.assets:
            if isinstance(asset, Path):
                files.append(File.generated(config, src_uri, abs_src_path=str(asset)))
            else:
                files.append(File.generated(config, src_uri, content=asset))
        if self.sinks:
            urls, other_languages = FileUrls.of(files.documentation_pages()), _other_languages(config)
            for sink in self.sinks:
                sink.start(urls, other_languages)
        return files

    def on_env(self, env, config, files):
        env.bytecode_cache = template_cache(Path(config.config_file_path or ".").resolve().parent)
        return env

    @event_priority(-100)  # last, so that it sees the page as MkDocs writes it
    def on_post_page(self, output: str, page, config) -> str:
        output = valid_toggles(output)
        # The theme puts the crisis lines on every page; an override that drops them fails the build.
        # A program's own older partial may print `reach` without the tap-to-call links.
        missing = [
            line["reach"]
            for line in config.extra["psychoed"]["crisis_lines"]
            if line["reach_html"] not in output and str(escape(line["reach"])) not in output
        ]
        if missing:
            raise PluginError(
                f"{page.file.src_uri}: the page does not show the crisis line(s) {', '.join(missing)}; a template in "
                "overrides/ may have dropped partials/crisis.html"
            )
        # The page judged, unless an earlier build judged the same content and HTML clean (judged.py).
        judged = self.judged
        if judged is None:
            self._judge_rendered(page, output)
        else:
            digest = judged.digest(page.content or "", output)
            if judged.known(digest) or self._judge_rendered(page, output):
                judged.keep(digest)
        # `psychoed serve` (a local preview) goes without the policy: MkDocs' live reload is an inline
        # script its server adds to each page as it sends it, which the policy would block, and the
        # open page would never show an edit. Every page a build writes carries it.
        if not self.previewing:
            output = csp.with_policy(output, page.content or "", csp.script_hosts(config.extra["psychoed"]))
        for sink in self.sinks:
            sink.add(page.file.dest_uri, output)
        return output

    def _judge_rendered(self, page, output: str) -> bool:
        """The page as rendered, judged again: what Markdown made of the source is what loads.
        True when nothing at all was found (clean whatever the program's rules say)."""
        # The last defence: whatever Markdown did not read as a box still must not reach participants.
        left = leftover(output) if self.edition != "facilitator" else ""
        if left:
            self._failed(
                page,
                f"the participant page {page.file.src_uri} still holds facilitator text: {left}",
                "run `psychoed check`: it names the line",
                "facilitator-html",
            )
        # As strict as the program's rules: a rule program.yml turns down leaves the policy (csp.py) as the wall.
        levels = self.curriculum.program.rules
        # facilitator-html is the leftover search's to decide (above): a facilitator page is full of it.
        errors = [
            f for f in html_findings(page.content or "") if f.severity == "error" and f.rule != "facilitator-html"
        ]
        found = next((f for f in errors if levels.get(f.rule, "error") == "error"), None)
        if found:
            self._failed(page, f"the page {page.file.src_uri} as rendered: {found.message}", found.hint, found.rule)
        return not errors

    def _failed(self, page, message: str, hint: str, rule: str) -> NoReturn:
        source = next((p.source for p in self.site.pages if p.path == page.file.src_uri), "") or page.file.src_uri
        self.failure = CurriculumError(source, None, message, hint, rule=rule)
        raise PluginError(str(self.failure))

    def on_template_context(self, context, template_name: str, config):
        return error_page_links(context, template_name, config)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        if template_name != "404.html":
            return output
        return csp.with_policy(valid_toggles(output), "", csp.script_hosts(config.extra["psychoed"]))

    def _pdf_plans(self) -> list:
        """(plan, curriculum) of each set of PDFs: the edition's own, and in the facilitator
        edition each other language's handouts and workbooks (handouts/es/...)."""
        if not self.pdfs:
            return []
        return [(self.pdfs, self.curriculum)] + [
            (plan, self.curriculum.in_language(lang)) for lang, plan in self.site.language_pdfs.items()
        ]

    def on_post_build(self, config) -> None:
        if self.reloading:
            self.memory.finished()
        if self.judged:
            self.judged.save()
        # Under `psychoed build` the calendars and the app's worker are outputs of their own
        # (render/outputs.py); a plain `mkdocs build` or `serve` makes them here.
        if not self.defer_pdfs:
            write_calendars(self.curriculum, Path(config.site_dir))
        if self.pdfs:
            self._render_pdfs(config)
        if self.edition == "participant" and not self.previewing and not self.defer_pdfs:
            # After the PDFs: the worker's version is made from every file (render/app.py).
            skip = tuple(f"{lang}/" for lang in self.curriculum.program.other_languages)
            write_worker(Path(config.site_dir), self.curriculum.lang, skip)

    def _render_pdfs(self, config) -> None:
        with pdf_step(self):
            render = markdown_renderer(config)
            docs = [
                doc
                for plan, curriculum in self._pdf_plans()
                for doc in documents(curriculum, plan, render) + day_one_documents(curriculum, plan, render)
            ]
            if self.edition == "facilitator":
                docs += paperwork_documents(self.curriculum)
            if self.defer_pdfs:
                self.pdf_documents = docs
                return
            self.pdf_stats = render_documents(self.curriculum, docs, Path(config.site_dir), self.config.progress)
        log.info(f"PDFs: {self.pdf_stats.rendered} rendered, {self.pdf_stats.cached} from cache")


def _published_files_only(files: Files, config) -> None:
    """The site is psychoed's pages and the theme: nothing in docs_dir (which exists only because
    MkDocs needs one) is published, be it a stray file or a link to /etc/passwd, no file of the
    program's overrides/ that is a symbolic link or leads out of the folder, not the print style
    sheet (overrides/print/), which is the PDFs' alone, and no file of the theme that no page
    loads (theme.not_loaded)."""
    docs = Path(config.docs_dir).resolve()
    # Files psychoed generates have no src_dir; every other one comes from a folder.
    stray = [f for f in files if f.src_dir and Path(f.src_dir).resolve() == docs]
    for file in stray:
        files.remove(file)
        log.info(f"docs/{file.src_uri} is not published: psychoed makes every page itself")
    if stray:  # a file in docs_dir hides the theme's file of the same name: bring the theme's back
        files.add_files_from_theme(config.theme.get_env(), config)
    for file in [f for f in files if f.src_dir and f.src_uri.startswith(PRINT_FOLDER)]:
        files.remove(file)
    themes = {str(Path(d).resolve()) for d in config.theme.dirs}
    theme_files = {f.src_uri: f for f in files if f.src_dir and str(Path(f.src_dir).resolve()) in themes}
    for src_uri in not_loaded(set(theme_files), search_languages(config)):
        files.remove(theme_files[src_uri])
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    for file in list(files) if custom else ():
        source = Path(file.abs_src_path or "")
        if (
            file.src_dir
            and Path(file.src_dir).resolve() == custom
            and (source.is_symlink() or not source.resolve().is_relative_to(custom))
        ):
            files.remove(file)
            log.warning(
                f"overrides/{file.src_uri} is not published: it is a link to a file elsewhere; copy the file into "
                "overrides/ instead"
            )


def _configured(value: T | None) -> T:
    if value is None:
        raise PluginError("the psychoed plugin was asked for its pages before MkDocs configured it (on_config)")
    return value


@contextmanager
def pdf_step(plugin: PsychoedPlugin):
    """A PDF failure stops MkDocs the way MkDocs reports a plugin's failure."""
    try:
        with pdf_failures():
            yield
    except CurriculumError as exc:  # a content problem (a handout that would print facilitator text)
        plugin.failure = exc
        raise PluginError(str(exc)) from exc
    except PdfError as exc:
        raise PluginError(str(exc)) from exc


def markdown_renderer(config: MkDocsConfig) -> Callable[..., str]:
    """Markdown to HTML as MkDocs renders pages (same extensions, same settings), for an edition:
    `render(text, "participant")` leaves out facilitator text, whichever edition is building."""
    import markdown

    base = [e for e in config.markdown_extensions if not isinstance(e, ParticipantExtension)]
    converters: dict[str, markdown.Markdown] = {}

    def render(text: str, edition: str = "participant") -> str:
        if edition not in converters:
            converters[edition] = markdown.Markdown(
                extensions=base + extensions_for(edition), extension_configs=config.mdx_configs or {}
            )
        return converters[edition].reset().convert(text)

    return render


def _other_languages(config) -> bool:
    """Whether search needs lunr's stemmers for languages other than English."""
    search = config.plugins.get("material/search")
    return search is None or list(search.config.lang or [source().search]) != [source().search]


def known_rules() -> tuple[str, ...]:
    from ..checks import RULES

    return tuple(RULES)


def run_checks(curriculum, report) -> None:
    from ..checks import check_all

    check_all(curriculum, report)


def format_report(report) -> str:
    from ..reporting import text_report

    return "psychoed found problems in the curriculum:\n" + text_report(report)
