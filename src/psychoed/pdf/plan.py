"""Which PDFs an edition has and where they go: one list that the pages link to and the
renderer fills, so a link never points at a PDF that was not made."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Curriculum

HANDOUTS = "handouts"
GUIDES = "guides"
LARGE = "large-print"


def sign_in_path(track_id: str) -> str:
    return f"{GUIDES}/{track_id}-sign-in.pdf"


def certificate_path(track_id: str) -> str:
    return f"{GUIDES}/{track_id}-certificate.pdf"


@dataclass(frozen=True)
class PdfPlan:
    edition: str
    large_print: bool = False
    # Another language's handouts in the facilitator edition: handouts/es/... (its own site has
    # them at its root, es/handouts/..., with no folder).
    folder: str = ""
    # The participant site's address (mkdocs.yml `site_url`): handouts print a QR code of their
    # lesson's page on it (qr.py); "" prints none.
    site_url: str = ""

    def handout(self, module_id: str, large: bool = False) -> str:
        return f"{HANDOUTS}/{self.folder}{LARGE + '/' if large else ''}{module_id}.pdf"

    def workbook(self, track_id: str, large: bool = False) -> str:
        return f"{HANDOUTS}/{self.folder}{LARGE + '/' if large else ''}{track_id}-workbook.pdf"

    def start_here(self, large: bool = False) -> str:
        """The day-one packet (pdf/packets.py)."""
        return f"{HANDOUTS}/{self.folder}{LARGE + '/' if large else ''}start-here.pdf"

    def crisis_card(self) -> str:
        """Wallet cards: a fixed size, so no large-print copy."""
        return f"{HANDOUTS}/{self.folder}crisis-card.pdf"

    def guide(self, track_id: str) -> str:
        return f"{GUIDES}/{track_id}-facilitator-guide.pdf"

    def sizes(self) -> tuple[bool, ...]:
        return (False, True) if self.large_print else (False,)

    def paths(self, curriculum: Curriculum) -> list[str]:
        """Every PDF of this edition, as paths inside the edition's folder."""
        paths = []
        for large in self.sizes():
            paths += [self.handout(m.id, large) for m in curriculum.library()]
            paths += [self.workbook(t, large) for t in curriculum.tracks]
            paths.append(self.start_here(large))
        paths.append(self.crisis_card())
        # Facilitators print handouts for the room, so their edition carries them too
        # (from the cache: the same HTML is never rendered twice).
        if self.edition == "facilitator":
            paths += [self.guide(t) for t in curriculum.tracks]
            # The room's paperwork (pdf/paperwork.py): sign-in sheets and certificates.
            paths += [path(t) for t in curriculum.tracks for path in (sign_in_path, certificate_path)]
        return paths
