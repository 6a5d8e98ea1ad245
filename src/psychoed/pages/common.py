"""What every page builder shares: the page and edition types, paths, and small formatters."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Curriculum, Module, Session, Track

LESSONS = "lessons"
TRACKS = "tracks"


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "lessons/rp-cravings.md"
    title: str
    markdown: str


@dataclass
class Edition:
    name: str
    pages: list[Page] = field(default_factory=list)
    nav: list = field(default_factory=list)

    def add(self, path: str, title: str, markdown: str) -> str:
        self.pages.append(Page(path, title, markdown))
        return path


def lesson_path(module_id: str) -> str:
    return f"{LESSONS}/{module_id}.md"


def session_slug(session: Session) -> str:
    return f"session-{session.number:02d}"


def session_path(track: Track, session: Session) -> str:
    return f"{TRACKS}/{track.id}/{session_slug(session)}.md"


def hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def crisis_markdown(curriculum: Curriculum) -> str:
    rows = "\n".join(f"- **{c.label}**: {c.reach}" + (f". {c.note}." if c.note else "") for c in curriculum.program.crisis_lines)
    return rows


def module_link(module: Module, prefix: str) -> str:
    return f"[{module.title}]({prefix}{module.id}.md)"
