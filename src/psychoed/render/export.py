"""`psychoed export DIR`: each edition as a plain MkDocs project, without the psychoed plugin.

A program that must one day leave the psychoed plugin behind (Material for MkDocs ends in
2027, MkDocs 2.0 drops plugins) keeps its site this way: `DIR/<edition>/` holds `docs/` (the
generated Markdown, the program's colours and logo, the PDFs, decks, offline zip, calendars
and service worker of a psychoed build), `overrides/` (the stock theme with the program's own templates over it) and
`mkdocs.yml` (the program's settings with the nav, the site name and `extra.psychoed` written
out). `mkdocs build` or `properdocs build` there gives the pages `psychoed build` gives.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import yaml

from ..calendar import FOLDER as CALENDARS
from ..errors import CurriculumError, UsageError
from ..markdown.edition import strip_facilitator
from ..markdown.facilitator import holds_facilitator_text, leftover
from ..model import Curriculum
from ..pages import assemble
from ..pdf import PdfPlan
from ..resources import stock_root
from .app import OFFLINE_LIST, WORKER
from .build import build_site
from .engine import config_file
from .mkdocs_config import mkdocs_config
from .options import BuildOptions
from .plugin import PRINT_FOLDER, markdown_renderer
from .theme import ThemeSettings, html_text, theme_settings, translated_palette

MARKER = ".psychoed-export"  # in each edition's folder: a later export may replace it
# What the build's outputs after the site wrote (render/outputs.py), copied as psychoed made them:
# decks, the offline zip, the calendars, and the participant site's service worker and its list
# of files (made from the rendered site, which the plain build makes the same).
FROM_THE_BUILD = ("slides", "download", CALENDARS, WORKER, OFFLINE_LIST)
# MkDocs hooks (not plugins): the HTML fix and the security policy psychoed's plugin makes.
HOOKS = ("valid_html.py", "csp.py")
KEEP_HOOK = "keep_languages.py"  # the English project's: a rebuild keeps site/es/ (keep_languages.py)


def export_site(root: Path, editions: list[str], out: Path, options: BuildOptions | None = None) -> tuple:
    """Build (PDFs, decks, zip), then write each edition's project; (report, BuildResult or None).

    The PDFs are always made: the exported project's pages link them."""
    options = replace(options or BuildOptions(), pdf=True)
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"'{out}' is a file; an export writes a folder for each edition into a folder; choose a folder, or move "
            "the file away"
        )
    for edition in editions:
        _replaceable(out / edition)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.exporting-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        report, result = build_site(root, editions, staging / "built", options)
        if result is None or not result.ok:
            return report, result
        settings = _settings(root)
        # The Markdown as the exported project's plain build will read it: the program's own extensions.
        render = markdown_renderer(mkdocs_config(root, "participant", staging / "probe"))
        for edition in editions:
            languages = result.built.program.other_languages if edition == "participant" else ()
            write_project(
                result.built,
                edition,
                settings,
                staging / "built" / edition,
                staging / edition,
                render=render,
                keeps=bool(languages),
            )
            if edition == "participant":  # each other language: a project in a folder of its own
                for lang in languages:
                    write_project(
                        result.built.in_language(lang),
                        edition,
                        settings,
                        staging / "built" / edition / lang,
                        staging / edition / lang,
                        f"../site/{lang}",
                        render,
                    )
        _install(staging, out, editions)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report, result


def build_commands(out: Path, editions: list[str], languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(command, what it builds) for each project of an export, in the order to run them (any
    order works: each language keeps the others' pages)."""
    commands = []
    for edition in editions:
        commands.append((f"mkdocs build -f {out / edition / 'mkdocs.yml'}", f"{out / edition / 'site'}"))
        if edition == "participant":
            commands += [
                (f"mkdocs build -f {out / edition / lang / 'mkdocs.yml'}", f"{out / edition / 'site' / lang}")
                for lang in languages
            ]
    return commands


def _install(staging: Path, out: Path, editions: list[str]) -> None:
    """Each exported edition in place of the last export (an export is not a live site)."""
    out.mkdir(exist_ok=True)
    for edition in editions:
        shutil.rmtree(out / edition, ignore_errors=True)
        (staging / edition).rename(out / edition)


def _replaceable(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        kind = "a symbolic link" if target.is_symlink() else "a file"
        raise UsageError(
            f"'{target}' is {kind}; an export replaces the edition's folder as a whole; export into another folder, "
            "or move it away"
        )
    if target.exists() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UsageError(f"'{target}' exists and is not an export; choose another folder, or move it away")


def write_project(
    curriculum: Curriculum,
    edition: str,
    settings: dict,
    built: Path,
    project: Path,
    site_dir: str = "site",
    render=None,
    keeps: bool = False,
) -> None:
    """One edition as a plain project in `project`, its PDFs, decks and zip taken from `built`.

    Another language's participant site is a project in the edition's project (`es/`) that
    builds into the English site's `es/` folder (`site_dir: ../site/es`). With `keeps`, the
    English project's hook keeps that folder when its own build empties `site/`.
    """
    docs = project / "docs"
    plan = PdfPlan(edition, curriculum.program.large_print)
    site = assemble(curriculum, edition, plan)
    for page in site.pages:
        _write(docs / page.path, _page_markdown(page, edition, render))
    for uri, source in site.files.items():  # images beside the lessons
        _copy(source, docs / uri)
    theme = theme_settings(curriculum, edition)
    for uri, asset in theme.assets:
        if isinstance(asset, Path):
            _copy(asset, docs / uri)
        else:
            _write(docs / uri, asset)
    for each, local in [(plan, curriculum)] + [
        (p, curriculum.in_language(lang)) for lang, p in site.language_pdfs.items()
    ]:
        for rel in each.paths(local):
            _copy(built / rel, docs / rel)
    for name in FROM_THE_BUILD:
        for path in [built / name] if (built / name).is_file() else _files(built / name):
            _copy(path, docs / path.relative_to(built))
    _overrides(curriculum.root, settings, project / "overrides")
    hooks = [*HOOKS, KEEP_HOOK] if keeps else list(HOOKS)
    for hook in hooks:
        _copy(Path(__file__).with_name(hook), project / "hooks" / hook)
    _write(project / "mkdocs.yml", _config(settings, site.nav, theme, edition, site_dir, hooks))
    _write(project / MARKER, "Written by `psychoed export`; the next export replaces this folder.\n")


def _page_markdown(page, edition: str, render=None) -> str:
    """A page's Markdown for a plain MkDocs build, which knows no facilitator boxes.

    The participant edition's boxes are taken out here. One that only psychoed's renderer can
    take out (inside a list, a quote or another box, or a pymdownx.blocks `/// admonition` of
    type facilitator) stops the export rather than leak. `render(markdown, "facilitator")`
    renders as the exported project will, with the program's own Markdown extensions.
    """
    if edition == "facilitator":
        return page.markdown
    markdown = strip_facilitator(page.markdown)
    found = leftover(render(markdown, "facilitator")) if render else holds_facilitator_text(markdown)
    if found:
        raise CurriculumError(
            page.source or page.path,
            None,
            "the export cannot leave out a facilitator box that sits inside a list, a quote or another box, or is "
            f"written as `/// admonition` ({found})",
            "psychoed build leaves it out; for the export, write it as `!!! facilitator` at the top level of the "
            "lesson (not indented)",
            rule="facilitator-html",
        )
    return markdown


def _overrides(root: Path, settings: dict, target: Path) -> None:
    """The stock theme's templates, then the program's own over them (as the plugin layers them)."""
    stock = stock_root()
    layers = [stock / "overrides"] if stock else []
    custom = _theme(settings).get("custom_dir")
    if custom:
        layers.append(root / str(custom))
    for layer in layers:
        for path in _files(layer):
            # The print style sheet is the PDFs' (they come from the build): MkDocs would publish it.
            if not path.relative_to(layer).as_posix().startswith(PRINT_FOLDER):
                _copy(path, target / path.relative_to(layer))


def _config(
    settings: dict, nav: list, theme, edition: str, site_dir: str = "site", hooks: tuple[str, ...] | list[str] = HOOKS
) -> str:
    config = {key: value for key, value in settings.items() if key not in ("watch", "nav")}
    # MkDocs prints the site name and nav titles as HTML: they go in escaped (theme.html_text).
    config["site_name"] = str(html_text(theme.site_name))
    config["site_description"] = config.get("site_description") or str(html_text(theme.description))
    config["docs_dir"], config["site_dir"] = "docs", site_dir
    directory_urls = config.get("use_directory_urls", True)
    config["theme"] = dict(_theme(settings), custom_dir="overrides", font=False)  # no Google Fonts
    for attr in ("logo", "favicon"):
        if getattr(theme, attr):
            config["theme"][attr] = getattr(theme, attr)
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        config["plugins"] = {name: value for name, value in plugins.items() if name != "psychoed"}
    else:
        config["plugins"] = [p for p in plugins if p != "psychoed" and not (isinstance(p, dict) and "psychoed" in p)]
    extra_css = list(config.get("extra_css") or [])
    config["extra_css"] = extra_css + theme.extra_css(extra_css)
    extra_javascript = list(config.get("extra_javascript") or [])
    config["extra_javascript"] = extra_javascript + theme.extra_javascript(extra_javascript)
    # The theme's own scripts of this edition (the facilitator home page's this-week.js), as theme.apply adds them.
    config["extra_javascript"] += [s for s in theme.scripts if s not in config["extra_javascript"]]
    config["extra"] = dict(config.get("extra") or {}, psychoed=theme.theme_extra(directory_urls))
    config["nav"] = _plain(ThemeSettings.nav(nav))
    if theme.extra.get("languages"):  # as theme.apply sets them: Material's words, <html lang>, search
        config["theme"]["language"] = theme.locale
        if "palette" in config["theme"]:
            config["theme"]["palette"] = translated_palette(config["theme"]["palette"], theme.locale)
        plugins = config["plugins"]
        if isinstance(plugins, dict):
            plugins["search"] = {**(plugins.get("search") or {}), "lang": [theme.locale]}
        else:
            config["plugins"] = [{"search": {"lang": [theme.locale]}} if p == "search" else p for p in plugins]
    config["hooks"] = [*(config.get("hooks") or []), *(f"hooks/{hook}" for hook in hooks)]
    header = (
        f"# The {edition} edition as a plain MkDocs project, written by `psychoed export`.\n# Build it with `mkdocs "
        "build` (or `properdocs build`); psychoed is not needed.\n"
    )
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _theme(settings: dict) -> dict:
    theme = settings.get("theme") or "material"
    return {"name": theme} if isinstance(theme, str) else dict(theme)


def _settings(root: Path) -> dict:
    """The program's mkdocs.yml as written, tags (!ENV, !!python/name:...) kept as they are."""
    path = config_file(root)
    if path is None:  # the build that came first read it: only a file removed since is missing
        raise CurriculumError(
            "mkdocs.yml",
            None,
            "the MkDocs configuration is gone since the build",
            "put mkdocs.yml back, then export again",
        )
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise CurriculumError(path.name, None, f"the MkDocs configuration is not valid YAML: {exc}") from None
    if "INHERIT" in settings:
        raise CurriculumError(
            path.name,
            None,
            "`psychoed export` cannot follow INHERIT",
            "copy the inherited settings into this file, then export",
        )
    return settings


class _Tagged:
    """A YAML value with a tag psychoed leaves to MkDocs, such as `!ENV [SITE_URL]`."""

    def __init__(self, tag: str, node: yaml.Node, loader) -> None:
        self.tag = tag
        self.kind = type(node)
        if isinstance(node, yaml.ScalarNode):
            self.value = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            self.value = loader.construct_sequence(node, deep=True)
        else:
            self.value = loader.construct_mapping(node, deep=True)


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    return _Tagged(node.tag, node, loader)


def _represent_tagged(dumper, data: _Tagged):
    if data.kind is yaml.ScalarNode:
        return dumper.represent_scalar(data.tag, data.value)
    if data.kind is yaml.SequenceNode:
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_mapping(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)


def _files(folder: Path):
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):  # the app's icons (render/app.py)
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _plain(nav):
    """The nav with Markup titles as plain strings, which YAML's safe dumper writes."""
    if isinstance(nav, list):
        return [_plain(item) for item in nav]
    if isinstance(nav, dict):
        return {str(key): _plain(value) for key, value in nav.items()}
    return nav
