"""The room's paperwork, in the facilitator edition: a sign-in sheet for every session of a track
(`guides/<track>-sign-in.pdf`) and its certificate of completion (`guides/<track>-certificate.pdf`).

Both are forms to fill in by hand: no participant's name is printed or stored. They are tagged
PDF/UA like every other PDF (the sign-in rows are a real table with column headers) and go
through the same cache. Each carries the crisis lines in its footer; the certificate also in full.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..clock import session_span
from ..languages.words import hours
from ..markdown.edition import WRITE_LINE
from ..model import Curriculum, Session, Track
from .documents import Document, frame
from .paper import crisis_box
from .plan import certificate_path, sign_in_path

# A row is tall enough to sign in; a big group's rows get shorter down to this, then the table
# goes on over a second page (its header repeated).
ROW_INCHES = (0.3, 0.5)
ROWS_INCHES_PER_PAGE = 6.4
STYLE = """<style>
.paperwork-program { font-size: 1.1em; margin: 0; }
.sign-in { break-after: page; }
.sign-in:last-child { break-after: auto; }
.sign-in h1 { margin: .2em 0; font-size: 1.5em; }
.sign-in .session-meta { margin: .2em 0 .6em; }
table.sign-in-table { table-layout: fixed; }
table.sign-in-table th.number, table.sign-in-table td.number { width: 3em; }
table.sign-in-table td { vertical-align: bottom; }
.certificate { text-align: center; padding-top: 12mm; }
.certificate h1 { font-size: 2.4em; margin: .4em 0; }
.certificate .certificate-track { font-size: 1.6em; font-weight: bold; margin: .3em 0; }
.certificate .answer, .certificate .signature { text-align: left; margin: 1.6em 8% 0; }
.certificate .crisis-box { margin-top: 18mm; }
</style>"""


def paperwork_documents(curriculum: Curriculum) -> list[Document]:
    """Every track's sign-in sheets and certificate, for the facilitator edition."""
    return [
        doc
        for track in curriculum.tracks.values()
        for doc in (sign_in(curriculum, track), certificate(curriculum, track))
    ]


def write_sign_in(curriculum: Curriculum, edition_dir: Path, options: dict | None = None):
    """Render every track's sign-in sheets into the edition's folder (through the PDF cache)."""
    return _write(curriculum, [sign_in(curriculum, t) for t in curriculum.tracks.values()], edition_dir, options)


def write_certificate(curriculum: Curriculum, edition_dir: Path, options: dict | None = None):
    """Render every track's certificate of completion into the edition's folder."""
    return _write(curriculum, [certificate(curriculum, t) for t in curriculum.tracks.values()], edition_dir, options)


def _write(curriculum: Curriculum, docs: list[Document], edition_dir: Path, options: dict | None):
    from . import render_documents  # the package's renderer, which imports this module's siblings

    return render_documents(curriculum, docs, Path(edition_dir), (options or {}).get("progress", False))


def sign_in(curriculum: Curriculum, track: Track) -> Document:
    """One page a session: program, track, session and week, a blank date, `group_size` rows."""
    pages = "".join(_sign_in_page(curriculum, track, s) for s in track.sessions)
    content = f"{STYLE}{pages}"
    return Document(sign_in_path(track.id), f"{track.title}: sign-in sheets", frame(curriculum, content, False))


def _sign_in_page(curriculum: Curriculum, track: Track, session: Session) -> str:
    size = track.group_size
    height = max(ROW_INCHES[0], min(ROW_INCHES[1], ROWS_INCHES_PER_PAGE / size))
    rows = "".join(
        f'<tr style="height: {height:.2f}in"><td class="number">{n}</td><td></td><td></td></tr>'
        for n in range(1, size + 1)
    )
    table = (
        '<table class="sign-in-table">'
        '<thead><tr><th scope="col" class="number">No.</th><th scope="col">Name or initials</th><th '
        'scope="col">Signature</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return (
        f'<section class="sign-in"><p class="paperwork-program">{html.escape(curriculum.program.name)}</p>'
        f"<h1>Sign-in: {html.escape(track.title)}</h1>"
        f'<p class="session-meta">Session {session.number}: {html.escape(session.title)} · Week '
        f"{session.week}{_time(track, session, curriculum)}</p>"
        f'<p class="answer"><span class="prompt">Date:</span>{WRITE_LINE}</p>{table}</section>'
    )


def _time(track: Track, session: Session, curriculum: Curriculum) -> str:
    span = session_span(track, session, curriculum.modules)
    return f" · {span}" if span else ""


def clinical_minutes(curriculum: Curriculum, track: Track) -> int:
    """The track's clinical time (breaks left out), the hours a certificate states."""
    return sum(s.clinical_minutes(curriculum.modules) for s in track.sessions)


def certificate(curriculum: Curriculum, track: Track) -> Document:
    program = curriculum.program
    minutes = clinical_minutes(curriculum, track)
    content = (
        f'{STYLE}<section class="certificate"><p class="paperwork-program">{html.escape(program.name)}</p>'
        "<h1>Certificate of completion</h1><p>This certifies that</p>"
        f'<p class="answer"><span class="prompt">Name:</span>{WRITE_LINE}</p>'
        f'<p>has completed</p><p class="certificate-track">{html.escape(track.title)}</p>'
        f"<p>{len(track.sessions)} sessions over {track.weeks} weeks: {round(minutes / 60, 2):g} clinical hours "
        f"({hours(minutes)}, breaks not counted).</p>"
        f'<p class="answer"><span class="prompt">Date:</span>{WRITE_LINE}</p>'
        f'<p class="answer signature"><span class="prompt">Signature:</span>{WRITE_LINE}</p>'
        f'<p class="answer"><span class="prompt">Name and title of who signs:</span>{WRITE_LINE}</p>'
        f"{crisis_box(program.crisis_lines)}</section>"
    )
    return Document(
        certificate_path(track.id), f"{track.title}: certificate of completion", frame(curriculum, content, False)
    )
