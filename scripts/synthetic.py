"""Synthetic curricula for the benchmarks: N modules and T tracks, built from the real lessons.

Every synthetic module is a copy of one bundled lesson (so its length, blocks, handouts and
reading level are real), renamed `<lesson id>-c<copy>`; its prerequisites and links point at
lessons of the same copy, which always exist. Track t teaches every module whose number
leaves remainder t when divided by T (but lessons written for families only), each after
the prerequisites it needs, one lesson per session of 3 h 10 min with a 10-minute break,
three sessions a week (9 clinical hours, ASAM 2.1), the last week filled with group work.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([a-z0-9-]+)\.md")
PROGRAM = """name: Synthetic Benchmark IOP
short_name: Benchmark
stock_library: false
welcome: A synthetic program with {modules} lessons and {tracks} tracks, made by scripts/bench.py.
colors: {{primary: "#1d5c63", accent: "#b4462d"}}
crisis_lines:
  - {{label: 988 Suicide & Crisis Lifeline, reach: Call or text 988, note: "Free, confidential, 24/7"}}
  - {{label: SAMHSA National Helpline, reach: Call 1-800-662-4357, note: "Free, confidential, 24/7"}}
  - {{label: Crisis Text Line, reach: Text HOME to 741741, note: "Free, 24/7"}}
  - {{label: Emergency, reach: Call 911, note: If you or someone else is in danger now}}
"""
SESSION_MINUTES, PER_WEEK = 190, 3


def agenda(lesson: tuple[str, int] | None) -> list[dict]:
    """Check-in, the lesson (id, minutes), a break, a process group that fills the session, wrap-up."""
    taught = [{"module": lesson[0]}] if lesson else []
    process = SESSION_MINUTES - 20 - 10 - 10 - (lesson[1] if lesson else 0)
    return [
        {"activity": "Check-in", "minutes": 20},
        *taught,
        {"activity": "Break", "minutes": 10},
        {"activity": "Process group", "minutes": process},
        {"activity": "Wrap-up", "minutes": 10},
    ]


@dataclass(frozen=True)
class Template:
    id: str
    domain: str
    front: dict
    body: str


def bundled_templates() -> list[Template]:
    """The bundled lessons in teaching order (a lesson's prerequisites come before it)."""
    from psychoed.loader import load

    curriculum, _ = load(REPO, ())
    templates = []
    for module in curriculum.library():
        text = module.source.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        templates.append(Template(module.id, module.domain, yaml.safe_load(front), body))
    return _prerequisites_first(templates)


def _prerequisites_first(templates: list[Template]) -> list[Template]:
    """Keep the order, but move each lesson after its prerequisites."""
    by_id = {t.id: t for t in templates}
    ordered: dict[str, Template] = {}

    def place(template: Template) -> None:
        if template.id in ordered:
            return
        for prerequisite in template.front.get("prerequisites") or []:
            place(by_id[prerequisite])
        ordered[template.id] = template

    for template in templates:
        place(template)
    return list(ordered.values())


def generate(root: Path, modules: int, tracks: int, templates: list[Template] | None = None) -> Path:
    """Write a program folder with `modules` lessons and `tracks` tracks into `root`."""
    # Fewer modules than bundled lessons: the first ones in teaching order, which hold their
    # own prerequisites (bundled_templates puts every lesson after them).
    templates = (templates or bundled_templates())[:modules]
    shutil.rmtree(root, ignore_errors=True)
    (root / "curriculum" / "tracks").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # The hotlines the bundled lessons print besides the crisis lines, as the bundled program allows them.
    bundled = yaml.safe_load((REPO / "curriculum" / "program.yml").read_text(encoding="utf-8"))
    allowed = yaml.safe_dump({"allowed_numbers": bundled.get("allowed_numbers") or []}, sort_keys=False)
    (root / "curriculum" / "program.yml").write_text(
        PROGRAM.format(modules=modules, tracks=tracks) + allowed, encoding="utf-8"
    )
    plan = [(templates[i % len(templates)], i // len(templates) + 1) for i in range(modules)]
    existing = {copy_id(template.id, copy) for template, copy in plan}
    lessons = dict(_write_module(root, template, copy, existing) for template, copy in plan)
    ids = [i for i, lesson in lessons.items() if "participant" in lesson["audience"]]
    for t in range(tracks):
        _write_track(root, t + 1, _prerequisites_placed(ids[t::tracks], lessons), lessons)
    return root


def _prerequisites_placed(module_ids: list[str], lessons: dict[str, dict]) -> list[str]:
    """The lessons in order, each after the prerequisites it needs (added where the track lacks them)."""
    placed: dict[str, None] = {}

    def place(module_id: str) -> None:
        if module_id not in placed:
            for prerequisite in lessons[module_id]["prerequisites"]:
                place(prerequisite)
            placed[module_id] = None

    for module_id in module_ids:
        place(module_id)
    return list(placed)


def copy_id(module_id: str, copy: int) -> str:
    """`grounding-5-4-3-2-1-c10`: a letter before the copy's number, or the content checks would
    read `5-4-3-2-1-10` (in the links to the lesson) as a phone number that is not a crisis line."""
    return f"{module_id}-c{copy}"


def _write_module(root: Path, template: Template, copy: int, existing: set[str]) -> tuple[str, dict]:
    def renamed(module_id: str) -> str:
        # The last copy may be partial: point at the first copy of a lesson it lacks, and a
        # link to a lesson the curriculum lacks altogether at the lesson itself.
        same_copy = copy_id(module_id, copy)
        if same_copy in existing:
            return same_copy
        return copy_id(module_id, 1) if copy_id(module_id, 1) in existing else copy_id(template.id, copy)

    front = dict(template.front, id=copy_id(template.id, copy), title=f"{template.front['title']} (copy {copy})")
    front["prerequisites"] = [renamed(p) for p in template.front.get("prerequisites") or []]
    body = LINK.sub(lambda m: f"]({renamed(m.group(1))}.md", template.body)
    folder = root / "modules" / template.domain
    folder.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    (folder / f"{front['id']}.md").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return front["id"], front


def _write_track(root: Path, number: int, module_ids: list[str], lessons: dict[str, dict]) -> None:
    taught = [(module_id, lessons[module_id]["duration"]) for module_id in module_ids]
    taught += [None] * (-len(taught) % PER_WEEK)  # group work fills the last week to its hours
    sessions = [
        {
            "title": f"Session {n + 1}" if lesson else f"Session {n + 1}: group work",
            "week": n // PER_WEEK + 1,
            "agenda": agenda(lesson),
        }
        for n, lesson in enumerate(taught)
    ]
    track = {
        "id": f"track-{number:02d}",
        "title": f"Benchmark track {number}",
        "description": "Three evenings a week, three hours each.",
        "population": "adult",
        "level_of_care": "asam-2.1",
        "weeks": sessions[-1]["week"],
        "schedule": {"sessions_per_week": PER_WEEK, "session_minutes": SESSION_MINUTES},
        "group_size": 10,
        "sessions": sessions,
    }
    path = root / "curriculum" / "tracks" / f"{track['id']}.yml"
    path.write_text(yaml.safe_dump(track, sort_keys=False, width=1000), encoding="utf-8")
