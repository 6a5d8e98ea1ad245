"""Synthetic curricula for the benchmarks: N modules and T tracks, built from the real lessons.

Every synthetic module is a copy of one bundled lesson (so its length, blocks, handouts and
reading level are real), renamed `<lesson id>-<copy>`; its prerequisites and links point at
lessons of the same copy, which always exist. Fewer modules than bundled lessons take the
first lessons in teaching order (their prerequisites among them); a link to a lesson left out
keeps its text only. Track t teaches every module whose number
leaves remainder t when divided by T, one lesson per three-hour session, three sessions a
week, in the bundled teaching order, so no prerequisite comes late.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[([^\]]*)\]\(([a-z0-9-]+)\.md\)")
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
allowed_numbers:  # as the bundled program: the lessons copied from it print these
  - {{number: 1-800-784-8669, label: "1-800-QUIT-NOW, free help to quit tobacco (CDC)"}}
  - {{number: 1-800-799-7233, label: "National Domestic Violence Hotline"}}
"""
AGENDA_BEFORE = [{"activity": "Check-in", "minutes": 20}]
AGENDA_AFTER = [{"activity": "Break", "minutes": 10}, {"activity": "Process group", "minutes": 60}, {"activity": "Wrap-up", "minutes": 10}]


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
    templates = templates or bundled_templates()
    shutil.rmtree(root, ignore_errors=True)
    (root / "curriculum" / "tracks").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "curriculum" / "program.yml").write_text(PROGRAM.format(modules=modules, tracks=tracks), encoding="utf-8")
    plan = [(templates[i % len(templates)], i // len(templates) + 1) for i in range(modules)]
    existing = {f"{template.id}-{copy}" for template, copy in plan}
    ids = [_write_module(root, template, copy, existing) for template, copy in plan]
    for t in range(tracks):
        _write_track(root, t + 1, ids[t::tracks])
    return root


def _write_module(root: Path, template: Template, copy: int, existing: set[str]) -> str:
    def renamed(module_id: str) -> str | None:
        # The last copy may be partial: point at the first copy of a lesson it lacks.
        for candidate in (f"{module_id}-{copy}", f"{module_id}-1"):
            if candidate in existing:
                return candidate
        return None

    def link(m: re.Match) -> str:
        target = renamed(m.group(2))
        return f"[{m.group(1)}]({target}.md)" if target else m.group(1)

    front = dict(template.front, id=f"{template.id}-{copy}", title=f"{template.front['title']} ({copy})")
    front["prerequisites"] = [renamed(p) for p in template.front.get("prerequisites") or []]
    body = LINK.sub(link, template.body)
    folder = root / "modules" / template.domain
    folder.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    (folder / f"{front['id']}.md").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
    return front["id"]


def _write_track(root: Path, number: int, module_ids: list[str]) -> None:
    sessions = [
        {"title": f"Session {n + 1}", "week": n // 3 + 1, "agenda": [*AGENDA_BEFORE, {"module": module_id}, *AGENDA_AFTER]}
        for n, module_id in enumerate(module_ids)
    ]
    track = {
        "id": f"track-{number:02d}",
        "title": f"Benchmark track {number}",
        "description": "Three evenings a week, three hours each.",
        "population": "adult",
        "level_of_care": "asam-2.1",
        "weeks": sessions[-1]["week"],
        "schedule": {"sessions_per_week": 3, "session_minutes": 180},
        "group_size": 10,
        "sessions": sessions,
    }
    path = root / "curriculum" / "tracks" / f"{track['id']}.yml"
    path.write_text(yaml.safe_dump(track, sort_keys=False, width=1000), encoding="utf-8")
