"""Rules that need the whole curriculum: references between modules and tracks, audience,
prerequisites, and (in schedule.py and safety.py) timing, ASAM hours and safety coverage."""

from __future__ import annotations

from ..errors import Report, did_you_mean
from ..model import Curriculum, Module, Track
from . import safety
from .schedule import check_schedule

AUDIENCE_PLURAL = {"participant": "participants", "family": "families"}


def validate(curriculum: Curriculum, report: Report) -> None:
    for module in curriculum.modules.values():
        _check_module(module, curriculum, report)
    _check_cycles(curriculum.modules, report)
    for track in curriculum.tracks.values():
        _check_track(track, curriculum, report)
    _check_hidden(curriculum, report)
    safety.check_program(curriculum, report)
    _check_pdf_names(curriculum, report)


def _check_pdf_names(curriculum: Curriculum, report: Report) -> None:
    """A lesson's handout and a track's workbook share handouts/: one PDF would replace the other."""
    for module in curriculum.modules.values():
        track = module.id.removesuffix("-workbook")
        if track != module.id and track in curriculum.tracks:
            report.error(
                module.path,
                module.lines.get("id"),
                f"the handout of '{module.id}' and the workbook of the track '{track}' would both be "
                f"handouts/{module.id}.pdf",
                "give the lesson another id",
            )


def _check_module(module: Module, curriculum: Curriculum, report: Report) -> None:
    domains = curriculum.program.domains
    if module.domain not in domains:
        hint = (
            did_you_mean(module.domain, domains)
            or "domains are: " + ", ".join(domains) + " (a program adds its own under `domains:` in program.yml)"
        )
        report.error(module.path, module.lines.get("domain"), f"unknown domain '{module.domain}'", hint)
    for prerequisite in module.prerequisites:
        if prerequisite == module.id:
            report.error(
                module.path,
                module.lines.get("prerequisites"),
                "the module lists itself as a prerequisite",
                "remove it from `prerequisites`",
            )
        elif prerequisite not in curriculum.modules and prerequisite not in curriculum.broken:
            hint = did_you_mean(prerequisite, curriculum.modules) or "list the id of an existing module"
            report.error(
                module.path,
                module.lines.get("prerequisites"),
                f"the prerequisite '{prerequisite}' does not exist",
                hint,
            )


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
                cycle = path[path.index(nxt) :] + [nxt]
                if frozenset(cycle) not in seen_cycles:
                    seen_cycles.add(frozenset(cycle))
                    module = modules[module_id]
                    report.error(
                        module.path,
                        module.lines.get("prerequisites"),
                        "prerequisites go in a circle: " + " -> ".join(cycle),
                        "remove one of these prerequisites so that one lesson comes first",
                    )
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[module_id] = "done"

    for module_id in sorted(modules):
        if module_id not in state:
            visit(module_id, [module_id])


def _check_track(track: Track, curriculum: Curriculum, report: Report) -> None:
    modules = curriculum.modules
    repeatable = set(safety.required(track, curriculum))  # safety and orientation lessons come round again
    first_seen: dict[str, int] = {}
    for session in track.sessions:
        for item in session.agenda:
            if not item.module or item.module in curriculum.broken:
                continue
            if item.module not in modules:
                hint = did_you_mean(item.module, modules) or "run `psychoed list modules` to see the ids"
                report.error(track.path, item.line, f"unknown module '{item.module}'", hint)
                continue
            if item.module in first_seen and item.module not in repeatable:
                report.error(
                    track.path,
                    item.line,
                    f"the module '{item.module}' is in this track twice",
                    f"it is already on line {first_seen[item.module]}; remove one (only the program's safety and "
                    "orientation lessons may come again)",
                )
                continue
            first_seen.setdefault(item.module, item.line)
            _check_audience(track, modules[item.module], item.line, report)
    _check_prerequisites(track, modules, first_seen, report)
    check_schedule(track, curriculum, report)
    safety.check_track(track, curriculum, report)


def _check_audience(track: Track, module: Module, line: int, report: Report) -> None:
    if track.audience in module.audience:
        return
    written_for = " and ".join(module.audience)
    report.error(
        track.path,
        line,
        f"'{module.id}' is written for {written_for}, but this track is for {AUDIENCE_PLURAL[track.audience]}",
        f"choose a lesson whose `audience` includes {track.audience}, or add {track.audience} to the `audience` of "
        f"{module.path} if it fits them",
        rule="audience",
    )


def _check_prerequisites(track: Track, modules: dict[str, Module], first_seen: dict[str, int], report: Report) -> None:
    """Every prerequisite of a lesson is taught earlier in the same track."""
    order = {module_id: index for index, module_id in enumerate(first_seen)}
    for module_id, index in order.items():
        for prerequisite in modules[module_id].prerequisites:
            if prerequisite not in modules:
                continue  # reported at the module
            line = first_seen[module_id]
            if prerequisite not in order:
                report.error(
                    track.path,
                    line,
                    f"'{module_id}' needs '{prerequisite}', which this track never teaches",
                    f"teach '{prerequisite}' in an earlier session, or take it out of the `prerequisites` of "
                    f"'{module_id}'",
                    rule="prerequisites",
                )
            elif order[prerequisite] > index:
                report.error(
                    track.path,
                    line,
                    f"'{module_id}' comes before its prerequisite '{prerequisite}' (line {first_seen[prerequisite]})",
                    f"move '{prerequisite}' to an earlier session",
                    rule="prerequisites",
                )


def _check_hidden(curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    for module_id in program.hide_modules:
        if module_id not in curriculum.modules:
            report.error(
                program.path,
                program.lines.get("hide.modules"),
                f"`hide: modules` names an unknown module '{module_id}'",
                did_you_mean(module_id, curriculum.modules),
            )
    for domain in program.hide_domains:
        if domain not in program.domains:
            report.error(
                program.path,
                program.lines.get("hide.domains"),
                f"`hide: domains` names an unknown domain '{domain}'",
                did_you_mean(domain, program.domains),
            )
