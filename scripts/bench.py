"""Speed and scale of psychoed, side by side with plain MkDocs.

    python scripts/bench.py                 # 50, 200 and 1,000 modules, and `serve`
    python scripts/bench.py --quick         # 50 modules only, no browser: under a minute
    python scripts/bench.py --update-readme # also put the table into handbook/docs/performance.md

For each size it generates a synthetic curriculum (scripts/synthetic.py) and measures, each
step in a fresh Python process so that its time and peak memory are its own:

- load and validate (`load`), and the content checks (`check`);
- the commands as users run them, each a process of its own timed from start to exit, its
  wall time and its CPU time (user + system, of the command and every process it waited for):
  `psychoed build --no-pdf --edition participant` (load, checks, MkDocs with the psychoed
  plugin, the offline zip), the same for the facilitator edition (with its decks and its
  offline zip), and a whole `psychoed build --no-pdf` (both editions side by side on two
  cores, decks, zips); psychoed renders with MkDocs here (PSYCHOED_ENGINE=mkdocs);
- plain `mkdocs build` with mkdocs-material and no psychoed plugin, on the very Markdown
  pages and navigation psychoed gave MkDocs for the participant edition, also as a command;
- the PDFs of both editions with an empty cache (cold), then again (warm).

It prints a Markdown table and writes it to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

REPO = synthetic.REPO
BIN = Path(sys.executable).parent  # psychoed and mkdocs, as installed beside this Python
SIZES = [(50, 5), (200, 20), (1000, 50)]
RESULTS = REPO / "benchmarks" / "results.md"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


# --- steps, each run in its own process by `bench.py --step NAME ROOT` -----------------------


def step_load(root: Path) -> dict:
    from psychoed.checks import RULES, check_all
    from psychoed.loader import load

    started = time.perf_counter()
    curriculum, report = load(root, tuple(RULES))
    loaded = time.perf_counter()
    check_all(curriculum, report)
    return {
        "load": loaded - started,
        "checks": time.perf_counter() - loaded,
        "errors": len(report.errors),
        "modules": len(curriculum.modules),
        "tracks": len(curriculum.tracks),
    }


def _command(root: Path, *args: str, out: Path, cache: str | None = None) -> dict:
    """One command as a user runs it, in a process of its own: wall time from start to exit, and
    CPU time (user + system) of it and of the processes it waited for (the zip, the checks).

    psychoed renders with MkDocs here (PSYCHOED_ENGINE), like the plain build it is compared with.
    `cache`: the user's cache folder for it (XDG_CACHE_HOME), to start from an empty one.
    """
    env = dict(os.environ, PSYCHOED_ENGINE="mkdocs", **({"XDG_CACHE_HOME": cache} if cache else {}))
    before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - before
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    counted = re.findall(r"(\d+) pages", done.stdout.split(" into ")[0])  # psychoed's own count, decks left out
    return {
        "seconds": seconds,
        "cpu": cpu,
        "pages": sum(map(int, counted)) if counted else sum(1 for _ in out.rglob("*.html")),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _psychoed(root: Path, out: str, edition: str | None = None, cache: str | None = None) -> dict:
    """`psychoed build --no-pdf [--edition EDITION]` into `out`."""
    options = ["--edition", edition] if edition else []
    built = root / out / edition if edition else root / out
    return _command(root, str(BIN / "psychoed"), "build", "--no-pdf", "--out", out, *options, out=built, cache=cache)


@contextlib.contextmanager
def _nothing_kept(root: Path):
    """An empty .psychoed-cache/ and an empty user cache folder (no compiled templates, a key of
    its own) while a step runs, as on a program's first build; what the program had kept is put
    back afterwards, for the rebuilds measured next. Yields the user cache folder to use."""
    kept, aside = root / ".psychoed-cache", root / ".psychoed-cache-aside"
    if kept.exists():
        kept.rename(aside)
    try:
        with tempfile.TemporaryDirectory(prefix="psychoed-bench-cache-") as cache:
            yield cache
    finally:
        shutil.rmtree(kept, ignore_errors=True)
        if aside.exists():
            aside.rename(kept)


def _first_build(root: Path, edition: str) -> dict:
    """The edition's command with nothing kept from an earlier build."""
    with _nothing_kept(root) as cache:
        return _psychoed(root, "site", edition, cache=cache)


def step_participant(root: Path) -> dict:
    """`psychoed build --no-pdf --edition participant`: check, render, offline zip."""
    return _psychoed(root, "site", "participant")


def step_facilitator(root: Path) -> dict:
    """`psychoed build --no-pdf --edition facilitator`: check, render, decks, offline zip."""
    return _psychoed(root, "site", "facilitator")


def step_participant_first(root: Path) -> dict:
    """The participant command as a first build: nothing kept from an earlier one."""
    return _first_build(root, "participant")


def step_facilitator_first(root: Path) -> dict:
    """The facilitator command as a first build: nothing kept from an earlier one."""
    return _first_build(root, "facilitator")


def step_whole(root: Path) -> dict:
    """`psychoed build --no-pdf`: both editions (side by side on two cores), decks, offline zip."""
    return _psychoed(root, "site-whole")


def step_outputs(root: Path) -> dict:
    """The decks, the output step of `psychoed build`, on the facilitator edition left in site/,
    with no slide kept from an earlier build."""
    from psychoed.loader import load
    from psychoed.slides import write_decks

    curriculum, _ = load(root, ())
    with _nothing_kept(root) as cache:  # every slide converted, as in a first build
        os.environ["XDG_CACHE_HOME"] = cache
        started = time.perf_counter()
        write_decks(curriculum, root / "site" / "facilitator" / "slides")
        return {"decks": time.perf_counter() - started}


def step_pdf(root: Path) -> dict:
    """Both editions' PDFs, as on_post_build renders them: with an empty cache, then again."""
    from psychoed.loader import load
    from psychoed.pdf import CACHE, PdfPlan, build_pdfs
    from psychoed.render.mkdocs_config import mkdocs_config
    from psychoed.render.plugin import markdown_renderer

    curriculum, _ = load(root, ())
    shutil.rmtree(root / CACHE, ignore_errors=True)
    result = {}
    for run in ("cold", "warm"):
        started, stats = time.perf_counter(), []
        for edition in ("participant", "facilitator"):
            site_dir = root / "pdf-site" / edition
            config = mkdocs_config(root, edition, site_dir, curriculum)
            stats.append(
                build_pdfs(
                    curriculum, PdfPlan(edition, curriculum.program.large_print), markdown_renderer(config), site_dir
                )
            )
        result[run] = {
            "seconds": time.perf_counter() - started,
            "rendered": sum(s.rendered for s in stats),
            "files": sum(s.rendered + s.cached for s in stats),
            "pdf_pages": sum(s.pages for s in stats),
        }
    return result


def step_export(root: Path) -> dict:
    """Write the participant edition's Markdown and nav as a plain MkDocs project in plain/."""
    from plain_material import write_plain_project

    return {"pages": write_plain_project(root, root / "plain")}


def step_plain(root: Path) -> dict:
    """`mkdocs build` on the plain project: the same pages, no psychoed plugin."""
    return _command(root / "plain", str(BIN / "mkdocs"), "build", "-q", out=root / "plain" / "site")


STEPS = {name[5:]: fn for name, fn in globals().items() if name.startswith("step_")}


def run_step(name: str, root: Path) -> dict:
    """Run one step in a fresh process; add its peak memory (MB) to what it reports."""
    command = [sys.executable, __file__, "--step", name, str(root)]
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    if done.returncode != 0:
        raise SystemExit(f"bench step {name} failed on {root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child_main(name: str, root: Path) -> None:
    import logging

    logging.disable(logging.WARNING)  # MkDocs' INFO lines would bury the JSON
    result = STEPS[name](root)
    peak_kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["memory_mb"] = peak_kb / 1024
    print(json.dumps(result))


# --- one size ---------------------------------------------------------------------------------


def measure(root: Path, modules: int, tracks: int, templates, repeat: int = 1, commands_only: bool = False) -> dict:
    synthetic.generate(root, modules, tracks, templates)
    row = {"modules": modules, "tracks": tracks, "repeat": repeat}
    print(f"  {modules} modules, {tracks} tracks:", end="", flush=True)
    run_step("export", root)
    # Each edition's command and plain MkDocs run in turn (edition, plain, edition, plain...), so
    # that a slower spell of the machine weighs on both alike; each ratio is taken pair by pair
    # and its median kept, as is the median run of each command.
    for edition in ("participant", "facilitator"):
        row[f"first-{edition}"] = _progress(f"{edition} first build", run_step(f"{edition}_first", root))
        run_step(edition, root)  # the build before, as a director's next build finds it (not measured)
        pairs = [(run_step(edition, root), run_step("plain", root)) for _ in range(repeat)]
        row[edition] = _progress(edition, _median(a for a, _ in pairs))
        row[f"plain-{edition}"] = _progress("plain", _median(b for _, b in pairs))
        row[f"ratio-{edition}"] = {
            key: statistics.median(a[key] / b[key] for a, b in pairs) for key in ("cpu", "seconds")
        }
    row["plain"] = row["plain-participant"]
    if commands_only:
        print()
        return row
    row["load"] = _progress("load", run_step("load", root))
    row["outputs"] = _progress("outputs", run_step("outputs", root))
    row["whole"] = _progress("whole build", run_step("whole", root))
    pdf = run_step("pdf", root)
    row["pdf_cold"], row["pdf_warm"] = pdf["cold"], dict(pdf["warm"], memory_mb=pdf["memory_mb"])
    _progress("pdf cold", row["pdf_cold"]), _progress("pdf warm", row["pdf_warm"])
    print()
    return row


def _median(runs) -> dict:
    """The run with the median time: short builds vary by a few tenths of a second from run to run."""
    runs = sorted(runs, key=lambda r: r["seconds"])
    return runs[len(runs) // 2]


def _progress(label: str, result: dict) -> dict:
    seconds = result.get("seconds", result.get("load", 0.0))
    print(f" {label} {seconds:.1f}s", end="", flush=True)
    return result


# --- serve: edit a module, time until the open page shows the change ---------------------------


def measure_serve(runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="psychoed-serve-") as tmp:
        root = Path(tmp)
        for name in ("modules", "curriculum", "overrides", "docs"):
            shutil.copytree(REPO / name, root / name)
        shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
        with open(root / "curriculum" / "program.yml", "a", encoding="utf-8") as program:
            program.write("\nstock_library: false\n")  # it is the stock library, not a program on top of it
        module = root / "modules" / "relapse-prevention" / "rp-triggers.md"
        port = _free_port()
        url = f"http://127.0.0.1:{port}/lessons/rp-triggers/"
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "psychoed"),
                "-C",
                str(root),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(url, server)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                page = browser.new_page()
                page.goto(url)
                times = [_edit_and_wait(page, module, n) for n in range(runs)]
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"runs": times, "median": statistics.median(times)}


def _edit_and_wait(page, module: Path, n: int) -> float:
    # Letters only: a long number in a lesson is a phone number the content checks refuse, and
    # the preview would then keep the page as it was.
    marker = f"Benchmark edit {''.join(random.choices(string.ascii_lowercase, k=12))}."
    text = module.read_text(encoding="utf-8")
    time.sleep(1.0)  # let the previous reload settle
    started = time.perf_counter()
    module.write_text(text + f"\n{marker}\n", encoding="utf-8")
    # Polled with evaluate: wait_for_function evaluates its script as a string, which the page's
    # security policy (no eval) refuses, so it would wait for ever.
    deadline = started + 120
    while not _shows(page, marker):
        if time.perf_counter() > deadline:
            raise SystemExit(f"psychoed serve: the open page did not show the edit of {module.name} in 120 s")
        page.wait_for_timeout(50)
    return time.perf_counter() - started


def _shows(page, text: str) -> bool:
    """Whether the open page shows `text`; False while live reload is replacing the page."""
    from playwright.sync_api import Error

    try:
        return page.evaluate("m => !!document.body && document.body.innerText.includes(m)", text)
    except Error:  # "Execution context was destroyed": the reload is under way
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, server: subprocess.Popen, timeout: float = 180) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("psychoed serve stopped before it served the site")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"psychoed serve did not answer {url} within {timeout:.0f} s")


# --- the report --------------------------------------------------------------------------------


def report(rows: list[dict], serve: dict | None) -> str:
    lines = [*_commands_table(rows), ""]
    if "load" not in rows[0]:  # --commands: nothing else was measured
        return "\n".join(lines + [f"- Machine: {machine()}."]) + "\n"
    head = (
        "| modules | tracks | pages (participant + facilitator) | load and validate | content checks "
        "| decks | whole build, no PDFs | PDFs cold | PDFs warm | peak memory |"
    )
    lines += [head, "|" + " --- |" * 10]
    for r in rows:
        pdf = r["pdf_cold"]
        memory = max(v.get("memory_mb", 0) for v in r.values() if isinstance(v, dict))
        lines.append(
            f"| {r['modules']:,} | {r['tracks']} | {r['participant']['pages']:,} + {r['facilitator']['pages']:,} "
            f"| {r['load']['load']:.2f} s | {r['load']['checks']:.2f} s "
            f"| {r['outputs']['decks']:.1f} s | {r['whole']['seconds']:.1f} s "
            f"| {pdf['seconds']:.1f} s ({pdf['files']:,} PDFs, {pdf['rendered']:,} rendered, {pdf['pdf_pages']:,} "
            f"pages) "
            f"| {r['pdf_warm']['seconds']:.1f} s ({r['pdf_warm']['rendered']} rendered) | {memory:,.0f} MB |"
        )
    lines += ["", *_growth(rows)]
    if any(r["repeat"] > 1 for r in rows):
        sizes = ", ".join(f"{r['modules']:,}" for r in rows if r["repeat"] > 1)
        lines.append(f"- At {sizes} modules each edition's command and plain MkDocs ran three times in turn (medians).")
    if serve:
        runs = ", ".join(f"{t:.2f}" for t in serve["runs"])
        lines.append(
            f"- `psychoed serve` on the bundled curriculum: an edited module shows in the open browser page "
            f"{serve['median']:.2f} s after saving (median of {len(serve['runs'])}: {runs} s)."
        )
    lines.append(f"- Machine: {machine()}.")
    return "\n".join(lines) + "\n"


def _commands_table(rows: list[dict]) -> list[str]:
    """Each edition's whole command against plain MkDocs on the same pages: CPU time first (the
    figure a busy machine moves least), then wall time; ratios are medians of the pairs. Each pair's
    build follows a build of the same program (a director's next build); a first build, with
    nothing kept (one run), is set against the same median of plain MkDocs."""
    lines = [
        "| command | modules | CPU (user + system) | plain MkDocs, CPU | **CPU ratio** | wall | plain MkDocs, wall | "
        "wall ratio | first build: CPU ratio | first build: wall ratio |",
        "|" + " --- |" * 10,
    ]
    for edition, what in (("participant", "participant"), ("facilitator", "facilitator, with decks")):
        for r in rows:
            mine, plain, ratio, first = r[edition], r[f"plain-{edition}"], r[f"ratio-{edition}"], r[f"first-{edition}"]
            lines.append(
                f"| {what} | {r['modules']:,} | {mine['cpu']:.1f} s | {plain['cpu']:.1f} s | **{ratio['cpu']:.2f}×** "
                f"| {mine['seconds']:.1f} s | {plain['seconds']:.1f} s | {ratio['seconds']:.2f}× "
                f"| {first['cpu'] / plain['cpu']:.2f}× | {first['seconds'] / plain['seconds']:.2f}× |"
            )
    return lines


def _growth(rows: list[dict]) -> list[str]:
    """The exponent k in time ~ modules^k, fitted over the sizes measured."""
    if len(rows) < 2:
        return ["- Growth: measure two sizes or more to fit the exponent."]
    out = []
    for label, pick in (
        ("load and validate", lambda r: r["load"]["load"]),
        ("participant edition", lambda r: r["participant"]["seconds"]),
        ("plain MkDocs", lambda r: r["plain"]["seconds"]),
        ("PDFs cold", lambda r: r["pdf_cold"]["seconds"]),
    ):
        out.append(f"{label} {_exponent([r['modules'] for r in rows], [pick(r) for r in rows]):.2f}")
    return ["- Growth, time ~ modules^k (k = 1 is linear): " + "; ".join(out) + "."]


def _exponent(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = statistics.mean(lx), statistics.mean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GB RAM; Python {platform.python_version()}, "
        f"MkDocs {version('mkdocs')} (psychoed's engine too), mkdocs-material {version('mkdocs-material')}, "
        f"WeasyPrint {version('weasyprint')}; "
        f"{time.strftime('%Y-%m-%d')}"
    )


def update_readme(table: str) -> None:
    readme = REPO / "handbook" / "docs" / "performance.md"  # the handbook's Performance page
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(text[:start] + "\n" + table + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 50-module size, and no browser")
    parser.add_argument("--sizes", help="other sizes, as MODULES:TRACKS,... (e.g. 100:10,500:25)")
    parser.add_argument(
        "--commands",
        action="store_true",
        help="only the two editions' commands against plain MkDocs (no PDFs, no serve)",
    )
    parser.add_argument("--repeat", type=int, help="pairs of runs per edition (default: 3 up to 200 modules, else 1)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `psychoed serve` reload timing")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"where to write the table (default: {RESULTS.relative_to(REPO)})"
    )
    parser.add_argument(
        "--work", type=Path, help="keep the synthetic curricula in this folder (default: a temporary one)"
    )
    parser.add_argument(
        "--update-readme",
        action="store_true",
        help="put the table into the handbook's Performance page (handbook/docs/performance.md)",
    )
    parser.add_argument("--step", nargs=2, metavar=("NAME", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        _child_main(args.step[0], Path(args.step[1]))
        return 0
    sizes = SIZES[:1] if args.quick else SIZES
    if args.sizes:
        sizes = [tuple(int(n) for n in size.split(":")) for size in args.sizes.split(",")]
    templates = synthetic.bundled_templates()
    # The smallest curriculum holds every bundled lesson once, so that every prerequisite exists
    # (63 lessons since the library grew past 50).
    sizes = [(max(m, len(templates)), t) for m, t in sizes]
    work = args.work or Path(tempfile.mkdtemp(prefix="psychoed-bench-"))
    try:
        print(f"psychoed bench: {', '.join(str(m) for m, _ in sizes)} modules, in {work}")
        # The two builds the ratio compares run three times where that is cheap (median kept).
        rows = [
            measure(
                work / f"modules-{m}",
                m,
                t,
                templates,
                args.repeat or (1 if args.quick or m > 200 else 3),
                args.commands,
            )
            for m, t in sizes
        ]
        serve = None if args.quick or args.no_serve or args.commands else measure_serve()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    table = report(rows, serve)
    print("\n" + table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        f"# psychoed benchmark\n\nWritten by `python scripts/bench.py{' --quick' if args.quick else ''}`.\n\n{table}",
        encoding="utf-8",
    )
    print(f"Written to {args.out}")
    if args.update_readme:
        update_readme(table)
        print("handbook/docs/performance.md updated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
