"""The deck model: plain data, so tests can count slides without a browser."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SOURCE_LANGUAGE, Session, Track


@dataclass(frozen=True)
class Slide:
    title: str  # inline Markdown
    body: str = ""  # Markdown (raw HTML allowed)
    kind: str = "content"  # title | agenda | lesson | content | key-points | activity | discussion | closing
    kicker: str = ""  # the small line above the title: where in the session we are
    notes: str = ""  # Markdown for the speaker view; never on the projected slide


@dataclass(frozen=True)
class Deck:
    track: Track
    session: Session
    slides: tuple[Slide, ...]

    lang: str = SOURCE_LANGUAGE

    @property
    def path(self) -> str:
        """Relative to the facilitator edition's slides/ folder (another language's in a folder of its own)."""
        folder = "" if self.lang == SOURCE_LANGUAGE else f"{self.lang}/"
        return f"{folder}{self.track.id}/{self.session.number}.html"
