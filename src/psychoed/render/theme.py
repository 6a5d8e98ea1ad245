"""What the theme needs from the program: name, colours, logo, crisis lines, edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..loader import stock_root
from ..model import Curriculum
from .downloads import download_uri

PROGRAM_CSS = "assets/psychoed/program.css"
STOCK_CSS = "assets/stylesheets/psychoed.css"  # from the stock overrides/


@dataclass
class ThemeSettings:
    site_name: str
    extra: dict
    assets: list[tuple[str, Path | str]] = field(default_factory=list)
    logo: str = ""
    favicon: str = ""
    locale: str = "en"

    def apply(self, config) -> None:
        config.site_name = self.site_name
        config.extra["psychoed"] = self.theme_extra(config.use_directory_urls, offline=_offline(config))
        config.extra_css.extend(self.extra_css(config.extra_css))
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
        return [css for css in (STOCK_CSS, PROGRAM_CSS) if css not in present]


def theme_settings(curriculum: Curriculum, edition: str) -> ThemeSettings:
    program = curriculum.program
    suffix = " · Facilitator edition" if edition == "facilitator" else ""
    extra = {
        "edition": edition,
        "program": program.name,
        "short_name": program.short_name or program.name,
        "crisis_lines": [{"label": c.label, "reach": c.reach, "note": c.note} for c in program.crisis_lines],
        "contact": vars(program.contact),
        # The participant edition links its offline zip (written by offline.write_offline_zip).
        "download": download_uri(program) if edition == "participant" else "",
        "analytics": vars(program.analytics) if program.analytics else None,
    }
    settings = ThemeSettings(program.name + suffix, extra, locale=program.locale)
    settings.assets.append((PROGRAM_CSS, program_css(program.primary_color, program.accent_color)))
    for attr in ("logo", "favicon"):
        path = getattr(program, attr)
        if path:
            uri = f"assets/program/{attr}{Path(path).suffix}"
            settings.assets.append((uri, curriculum.root / path))
            setattr(settings, attr, uri)
    return settings


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
