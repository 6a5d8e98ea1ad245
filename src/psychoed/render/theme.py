"""What the theme needs from the program: name, colours, logo, crisis lines, edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..calendar import dated_tracks
from ..languages import SOURCE_LANGUAGE, language
from ..languages.phones import linked
from ..languages.words import words
from ..markdown import urls
from ..model import LANGUAGES, Curriculum
from ..resources import stock_root
from .app import app_settings
from .downloads import LINK_TEXT, download_uri

PROGRAM_CSS = "assets/psychoed/program.css"
STOCK_CSS = "assets/stylesheets/psychoed.css"  # from the stock overrides/
# The pocket workbook (pages/workbook.py): worksheets on the phone, their print, My workbook.
WORKBOOK_CSS = "assets/stylesheets/workbook.css"
WORKBOOK_JS = "assets/javascripts/workbook.js"
THIS_WEEK_JS = "assets/javascripts/this-week.js"  # from the stock overrides/


@dataclass
class ThemeSettings:
    site_name: str
    extra: dict
    assets: list[tuple[str, Path | str | bytes]] = field(default_factory=list)
    logo: str = ""
    favicon: str = ""
    locale: str = SOURCE_LANGUAGE
    description: str = ""
    scripts: list[str] = field(default_factory=list)  # the theme's own script files the pages load

    def apply(self, config) -> None:
        config.site_name = html_text(self.site_name)
        # The meta description of pages that set none of their own (lessons, sessions and the
        # home page set theirs).
        config.site_description = config.site_description or html_text(self.description)
        config.extra["psychoed"] = self.theme_extra(config.use_directory_urls, offline=_offline(config))
        config.extra_css.extend(self.extra_css(config.extra_css))
        config.extra_javascript.extend(self.extra_javascript(config.extra_javascript))
        config.extra_javascript.extend(s for s in self.scripts if s not in config.extra_javascript)
        if self.extra.get("languages"):
            # Our header shows the switcher (overrides/partials/alternate.html); Material's own
            # `extra.alternate` would also write <link rel=alternate> with relative addresses.
            _set_language(config, self.locale)
        config.theme["font"] = (
            False  # Material's default loads Roboto from Google Fonts (mkdocs_yml.py refuses any other value)
        )
        if self.logo:
            config.theme["logo"] = self.logo
        if self.favicon:
            config.theme["favicon"] = self.favicon
        _layer_stock_overrides(config)

    def theme_extra(self, directory_urls: bool, offline: bool = False) -> dict:
        """`extra.psychoed`, which the templates in overrides/ read."""
        extra = {**self.extra, "crisis_url": "crisis/" if directory_urls else "crisis.html"}
        if offline:  # the offline copy is what the download link fetches
            extra["download"] = ""
        return extra

    @staticmethod
    def extra_css(present) -> list[str]:
        """The stylesheets to add to `extra_css`: the stock theme's and the program's colours."""
        return [css for css in (STOCK_CSS, WORKBOOK_CSS, PROGRAM_CSS) if css not in present]

    @staticmethod
    def extra_javascript(present) -> list[str]:
        """The scripts to add to `extra_javascript`: files of the stock theme, never inline
        (the Content-Security-Policy runs no inline script but the theme's own, render/csp.py)."""
        return [js for js in (WORKBOOK_JS,) if js not in [str(p) for p in present]]

    @staticmethod
    def nav(nav):
        """The navigation with its titles as HTML text (see html_text)."""
        if isinstance(nav, list):
            return [ThemeSettings.nav(item) for item in nav]
        if isinstance(nav, dict):
            return {html_text(key): ThemeSettings.nav(value) for key, value in nav.items()}
        return nav


def html_text(text: str) -> Markup:
    """A program's text as the theme needs it: MkDocs and Material treat the site name and the
    titles of pages and sections as HTML and print them raw (`{{ config.site_name }}`), so
    `<script>` or `&` in a program name must arrive escaped. Markup, so that the templates'
    own `| e` does not escape it twice."""
    return Markup.escape(" ".join(str(text).split()))


def theme_settings(curriculum: Curriculum, edition: str) -> ThemeSettings:
    program = curriculum.program
    suffix = " · Facilitator edition" if edition == "facilitator" else ""
    w = words(curriculum.lang)
    extra = {
        "edition": edition,
        "program": program.name,
        "short_name": program.short_name or program.name,
        # `reach_html`: each number a tap-to-call (tel:) or tap-to-text (sms:) link.
        "crisis_lines": [
            {"label": c.label, "reach": c.reach, "reach_html": linked(c.reach, text_label=w.text_label), "note": c.note}
            for c in program.crisis_lines
        ],
        "contact": {**vars(program.contact), "phone_html": linked(program.contact.phone, text_label=w.text_label)},
        # Each edition links its offline zip (render/offline.py writes both).
        "download": download_uri(program, edition),
        "download_text": w.download_lessons if edition == "participant" else LINK_TEXT[edition],
        "words": dict(w),
        # The language switcher: the same page in each of the site's languages (participant edition).
        "languages": switcher(program.languages, curriculum.lang)
        if edition == "participant" and len(program.languages) > 1
        else [],
        # Where this site sits in its edition: another language's site is a folder (es/).
        "folder": "" if curriculum.lang == program.languages[0] else f"{curriculum.lang}/",
        # The notice names the script's host (`https://host/...`, `//host/...`); "" for the site's own.
        "analytics": {**vars(program.analytics), "host": urls.host(program.analytics.script)}
        if program.analytics
        else None,
        # Search engines leave both editions out unless the program opts in for the participant site.
        "noindex": not (edition == "participant" and program.search_engines),
    }
    if edition == "participant":  # the installable app (render/app.py); Listen comes with it
        extra["app"], app_files = app_settings(curriculum)
    description = w("site_description", program=program.name)
    settings = ThemeSettings(program.name + suffix, extra, locale=program.locale, description=description)
    settings.assets.append((PROGRAM_CSS, program_css(program.primary_color, program.accent_color)))
    if edition == "participant":
        settings.assets += app_files
    if edition == "facilitator" and dated_tracks(curriculum):
        settings.scripts.append(THIS_WEEK_JS)  # the home page's sessions of this week (pages/home.py)
    for attr in ("logo", "favicon"):
        path = getattr(program, attr)
        if path:
            uri = f"assets/program/{attr}{Path(path).suffix}"
            settings.assets.append((uri, curriculum.root / path))
            setattr(settings, attr, uri)
    return settings


def switcher(languages: tuple[str, ...], current: str) -> list[dict]:
    """Each language's name and the path from this language's root to its root: the source
    language is the edition's root, each other language a folder in it (`es/`)."""

    def root(lang: str) -> str:
        return "" if lang == languages[0] else f"{lang}/"

    up = "" if current == languages[0] else "../"
    return [
        {"lang": lang, "name": LANGUAGES[lang], "root": up + root(lang), "current": lang == current}
        for lang in languages
    ]


def _set_language(config, lang: str) -> None:
    """Material's own words, `<html lang>` and the search's stemming in the page's language."""
    record = language(lang)
    config.theme["language"] = record.material
    if config.theme.get("palette") is not None:
        config.theme["palette"] = translated_palette(config.theme["palette"], lang)
    search = _search_plugin(config)
    if search is not None:
        search.config.lang = [record.search]


# lunr's word stemmers (Material's assets/javascripts/lunr/), of which the search loads only its
# languages' (Material 9's search worker: the stemmer of each language that has one, lunr knowing
# English itself; the support they share, the multi-language one for more than one language, a
# word cutter for Japanese, Hindi and Thai).
LUNR = "assets/javascripts/lunr/"


def not_loaded(theme_files: set[str], search_languages: list[str] | None) -> set[str]:
    """The files of the theme (`theme_files`, as src_uri) that no page loads: the source maps
    (for a developer's browser tools, 1.5 MB an edition), and the stemmers for languages the
    search does not use (`search_languages`; None: not known, all are kept). Left out of the site,
    they are left out of its upload."""
    maps = {name for name in theme_files if name.endswith(".map")}
    if search_languages is None:
        return maps
    needed = {f"{LUNR}min/lunr.{lang}.min.js" for lang in search_languages} & theme_files
    needed |= {f"{LUNR}tinyseg.js" for lang in search_languages if lang == "ja"}
    needed |= {f"{LUNR}wordcut.js" for lang in search_languages if lang in ("hi", "th")}
    if len(search_languages) > 1:
        needed.add(f"{LUNR}min/lunr.multi.min.js")
    if needed:
        needed.add(f"{LUNR}min/lunr.stemmer.support.min.js")
    return maps | {name for name in theme_files if name.startswith(LUNR) and name not in needed}


def search_languages(config) -> list[str] | None:
    """The languages the site's search stems in (set by _set_language), None without a search."""
    search = _search_plugin(config)
    return list(search.config.lang) if search is not None and search.config.lang else None


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def translated_palette(palette, lang: str):
    """The colour-palette toggle's title and label in the page's language. A toggle switches to
    the next palette option (Material's palette.html), so its words name that option's scheme.
    The build sets it on MkDocs' config, `psychoed export` writes it into the plain project."""
    if lang == SOURCE_LANGUAGE or not isinstance(palette, list):
        return palette
    w = words(lang)
    options = [dict(option) for option in palette]
    for index, option in enumerate(options):
        if isinstance(option.get("toggle"), dict):
            dark = options[(index + 1) % len(options)].get("scheme") == "slate"
            option["toggle"] = {**option["toggle"], "name": w.switch_to_dark if dark else w.switch_to_light}
    return options


def program_css(primary: str, accent: str) -> str:
    return (
        ":root,[data-md-color-scheme=default],[data-md-color-scheme=slate]{"
        f"--md-primary-fg-color:{primary};--md-primary-fg-color--light:{primary};"
        f"--md-primary-fg-color--dark:{primary};--md-accent-fg-color:{accent};"
        f"--psychoed-primary:{primary};--psychoed-accent:{accent}}}\n"
    )


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _layer_stock_overrides(config) -> None:
    """A program's own overrides/ come first, then the stock theme, then Material's."""
    stock = stock_root()
    if not stock or not (stock / "overrides").is_dir():
        return
    stock_dir = str((stock / "overrides").resolve())
    dirs = [str(Path(d).resolve()) for d in config.theme.dirs]
    if stock_dir not in dirs:
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, stock_dir)
