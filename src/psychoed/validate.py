"""Rules that need the whole curriculum: references between modules and tracks, timing, ASAM levels."""

from __future__ import annotations

from .errors import Report, did_you_mean
from .model import Curriculum, Module, Track

# Weekly hours by ASAM level of care and population: (minimum, below) in hours.
ASAM_HOURS = {
    ("asam-1.0", "adult"): (0, 9),
    ("asam-1.0", "adolescent"): (0, 6),
    ("asam-2.1", "adult"): (9, None),
    ("asam-2.1", "adolescent"): (6, None),
    ("asam-2.5", "adult"): (20, None),
    ("asam-2.5", "adolescent"): (20, None),
}


def validate(curriculum: Curriculum, report: Report) -> None:
    for module in curriculum.modules.values():
        _check_module(module, curriculum, report)
    _check_cycles(curriculum.modules, report)
    for track in curriculum.tracks.values():
        _check_track(track, curriculum, report)
    _check_hidden(curriculum, report)
    _check_pdf_names(curriculum, report)


def _check_pdf_names(curriculum: Curriculum, report: Report) -> None:
    """A lesson's handout and a track's workbook share handouts/: one PDF would replace the other."""
    for module in curriculum.modules.values():
        track = module.id.removesuffix("-workbook")
        if track != module.id and track in curriculum.tracks:
            report.error(module.path, module.lines.get("id"), f"the handout of '{module.id}' and the workbook of the track '{track}' would both be handouts/{module.id}.pdf", "give the lesson another id")


def _check_module(module: Module, curriculum: Curriculum, report: Report) -> None:
    domains = curriculum.program.domains
    if module.domain not in domains:
        hint = did_you_mean(module.domain, domains) or "domains are: " + ", ".join(domains) + " (a program adds its own under `domains:` in program.yml)"
        report.error(module.path, module.lines.get("domain"), f"unknown domain '{module.domain}'", hint)
    for prerequisite in module.prerequisites:
        if prerequisite == module.id:
            report.error(module.path, module.lines.get("prerequisites"), "the module lists itself as a prerequisite", "remove it from `prerequisites`")
        elif prerequisite not in curriculum.modules and prerequisite not in curriculum.broken:
            hint = did_you_mean(prerequisite, curriculum.modules) or "list the id of an existing module"
            report.error(module.path, module.lines.get("prerequisites"), f"the prerequisite '{prerequisite}' does not exist", hint)


def _check_cycles(modules: dict[str, Module], report: Report) -> None:
    """Report each prerequisite cycle once, at the module where the search found it."""
    state: dict[str, str] = {}
    seen_cycles: set[frozenset] = set()

    def visit(module_id: str, path: list[str]) -> None:
        state[module_id] = "open"
        for nxt in modules[module_id].prerequisites:
            if nxt not in modules or nxt == module_id:
                continue
            if state.get(nxt) == "open":
                cycle = path[path.index(nxt):] + [nxt]
                if frozenset(cycle) not in seen_cycles:
                    seen_cycles.add(frozenset(cycle))
                    module = modules[module_id]
                    report.error(module.path, module.lines.get("prerequisites"), "prerequisites go in a circle: " + " -> ".join(cycle), "remove one of these prerequisites so that one lesson comes first")
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[module_id] = "done"

    for module_id in sorted(modules):
        if module_id not in state:
            visit(module_id, [module_id])


def _check_track(track: Track, curriculum: Curriculum, report: Report) -> None:
    modules = curriculum.modules
    first_seen: dict[str, int] = {}
    position = 0
    for session in track.sessions:
        if session.week > track.weeks:
            report.error(track.path, session.line, f"session {session.number} is in week {session.week}, but the track has {track.weeks} weeks", f"use a week from 1 to {track.weeks}, or raise `weeks`")
        for item in session.agenda:
            position += 1
            if not item.module:
                continue
            if item.module in curriculum.broken:
                continue
            if item.module not in modules:
                hint = did_you_mean(item.module, modules) or "run `psychoed list modules` to see the ids"
                report.error(track.path, item.line, f"unknown module '{item.module}'", hint)
                continue
            if item.module in first_seen:
                report.error(track.path, item.line, f"the module '{item.module}' is in this track twice", f"it is already on line {first_seen[item.module]}; remove one")
                continue
            first_seen[item.module] = item.line
        if session.minutes_in(modules) > track.session_minutes:
            report.error(track.path, session.line, f"session {session.number} ('{session.title}') adds up to {session.minutes_in(modules)} minutes, more than the {track.session_minutes} of `session_minutes`", "shorten or move an agenda item")
    _check_order(track, modules, report)
    _check_hours(track, report)


def _check_order(track: Track, modules: dict[str, Module], report: Report) -> None:
    order = {m: i for i, m in enumerate(track.modules)}
    lines = {item.module: item.line for s in track.sessions for item in s.agenda if item.module}
    for module_id, index in order.items():
        if module_id not in modules:
            continue
        for prerequisite in modules[module_id].prerequisites:
            if prerequisite in order and order[prerequisite] > index:
                report.warning(track.path, lines[module_id], f"'{module_id}' comes before its prerequisite '{prerequisite}'", f"move '{prerequisite}' to an earlier session", rule="prerequisite-order")


def _check_hours(track: Track, report: Report) -> None:
    if not track.level_of_care:
        return
    minimum, below = ASAM_HOURS[(track.level_of_care, track.population)]
    hours = track.weekly_hours
    line = track.lines.get("level_of_care")
    who = f"{track.population}s"
    if hours < minimum:
        report.error(track.path, line, f"{track.level_of_care} needs at least {minimum} hours a week for {who}, but the schedule gives {hours:g}", "add sessions or minutes to `schedule`, or choose another `level_of_care`")
    if below is not None and hours >= below:
        report.error(track.path, line, f"{track.level_of_care} is under {below} hours a week for {who}, but the schedule gives {hours:g}", "choose `asam-2.1` for this many hours, or shorten the schedule")


def _check_hidden(curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    for module_id in program.hide_modules:
        if module_id not in curriculum.modules:
            report.error(program.path, None, f"`hide: modules` names an unknown module '{module_id}'", did_you_mean(module_id, curriculum.modules))
    for domain in program.hide_domains:
        if domain not in program.domains:
            report.error(program.path, None, f"`hide: domains` names an unknown domain '{domain}'", did_you_mean(domain, program.domains))
