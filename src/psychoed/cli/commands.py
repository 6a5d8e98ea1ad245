"""One function per CLI command; each returns the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from ..errors import EXIT_CONTENT, EXIT_OK, UsageError
from ..loader import load
from ..model import EDITIONS
from ..reporting import print_report

if TYPE_CHECKING:
    from ..render.build import BuildResult


def checked(root: Path):
    """Load, validate and run the content checks; the report holds every problem."""
    from ..checks import RULES, check_all

    curriculum, report = load(root, tuple(RULES))
    check_all(curriculum, report, side_by_side=True)
    return curriculum, report


def cmd_build(root: Path, args) -> int:
    from ..render.build import build_site
    from ..render.options import BuildOptions

    editions, out = _editions(root, args), Path(args.out).resolve() if args.out else root / "site"
    _separate(out, root)
    options = BuildOptions(pdf=not args.no_pdf, large_print=args.large_print, progress=True, strict=args.strict)
    report, result = build_site(root, editions, out, options)
    if not _built(result, report):
        return EXIT_CONTENT
    counts = ", ".join(f"{e}: {n} pages" for e, n in result.pages.items())
    print(f"Built {counts} into {out} in {result.seconds:.1f} s with {_engine()}.")
    if result.pdfs:
        rendered = sum(s.rendered for s in result.pdfs)
        cached = sum(s.cached for s in result.pdfs)
        copied = sum(s.copied for s in result.pdfs)
        pages = sum(s.pages for s in result.pdfs)
        seconds = sum(s.seconds for s in result.pdfs)
        print(
            f"PDFs: {rendered} rendered ({pages} pages), {copied} copies of PDFs this build rendered (the same handout "
            f"in both editions), {cached} kept from the last build (nothing in them changed), {seconds:.1f} s."
        )
    return EXIT_OK


def cmd_export(root: Path, args) -> int:
    from ..output import refuse_output_folder
    from ..render.export import export_site
    from ..render.options import BuildOptions

    editions, out = _editions(root, args), Path(args.directory).resolve()
    _separate(out, root)
    refuse_output_folder(out)
    report, result = export_site(root, editions, out, BuildOptions(progress=True))
    if not _built(result, report):
        return EXIT_CONTENT
    from ..render.export import build_commands

    print(
        f"Exported {' and '.join(editions)} to {out}. Build each site with these commands, in this order (properdocs "
        "works in place of mkdocs):"
    )
    for command, site in build_commands(out, editions, result.built.program.other_languages):
        print(f"  {command}    # into {site}")
    return EXIT_OK


def _editions(root: Path, args) -> list[str]:
    """The editions a build or export makes, once the folder is known to be a program's."""
    from ..render.serve import quiet_mkdocs

    _program_folder(root)
    quiet_mkdocs(getattr(args, "verbose", False))
    return list(EDITIONS) if args.edition == "all" else [args.edition]


def _separate(out: Path, root: Path) -> None:
    """Refuse an output inside an edition or inside the program's sources (output.py)."""
    from ..load.mkdocs_yml import theme_folder
    from ..output import SOURCES, refuse_nested

    theme = theme_folder(root)
    refuse_nested(out, root, [root / name for name in SOURCES] + ([theme] if theme else []))


def _built(result: BuildResult | None, report) -> TypeGuard[BuildResult]:
    """Print what the build found; False (and why) when it left the last good output as it was."""
    if result is None:
        _nothing_built(report)
        return False
    print_report(report)
    if not result.ok:
        print(f"psychoed: error: {result.message}", file=sys.stderr)
        print("psychoed: the last good site is unchanged.", file=sys.stderr)
        return False
    return True


def _engine() -> str:
    from ..render.engine import engine_name

    return engine_name()


def _program_folder(root: Path) -> None:
    from ..render.engine import config_file

    if config_file(root) is None:
        raise UsageError(f"no mkdocs.yml in {root}; run psychoed in a program folder (see `psychoed init`)")


def _nothing_built(report) -> int:
    print_report(report)
    print("psychoed: nothing was built; the last good site is unchanged.", file=sys.stderr)
    return EXIT_CONTENT


def cmd_serve(root: Path, args) -> int:
    from ..render.serve import serve

    _program_folder(root)
    curriculum, report = checked(root)
    print_report(report)
    if report.failed():
        return EXIT_CONTENT
    if args.lang and args.lang not in curriculum.program.languages:
        raise UsageError(
            f"'{args.lang}' is not one of the program's languages ({', '.join(curriculum.program.languages)}); list "
            "it under `languages:` in curriculum/program.yml"
        )
    serve(root, args.edition, args.dev_addr, args.lang)
    return EXIT_OK


def cmd_check(root: Path, args) -> int:
    from ..reporting import json_report, text_report

    curriculum, report = checked(root)
    _remember_english(curriculum)
    if args.format == "json":
        print(json_report(report))
    else:
        print(text_report(report, show_allowed=True))
        if args.links:
            from ..checks.links import external_links

            for path, line, url in external_links(curriculum):
                print(f"{path}:{line}: external link {url}")
    return EXIT_CONTENT if report.failed(args.strict) else EXIT_OK


def cmd_list(root: Path, args) -> int:
    from .listing import list_modules, list_tracks

    if args.changed and args.what != "modules":
        raise UsageError("--changed goes with `list modules`")
    curriculum, report = checked(root)
    if args.changed:
        from .stockdiff import list_changed

        print(list_changed(curriculum))
    else:
        print((list_modules if args.what == "modules" else list_tracks)(curriculum))
    _problem_count(report)
    return EXIT_OK


def _problem_count(report) -> None:
    """One line, not every message: the table is what `list` is for."""
    from ..reporting import summary

    if report.items:
        print(f"{summary(report)}: run `psychoed check` to see them.", file=sys.stderr)


def cmd_diff(root: Path, args) -> int:
    from .stockdiff import stock_diff, translation_diff

    curriculum, report = load(root)
    if report.failed():
        print_report(report)
        return EXIT_CONTENT
    print(translation_diff(curriculum, args.module, args.lang) if args.lang else stock_diff(curriculum, args.module))
    return EXIT_OK


def cmd_new(root: Path, args) -> int:
    from .scaffold import new_module, new_translation

    if args.lang:
        path, from_stock = new_translation(root, args.target, args.lang)
        _remember_english(load(root)[0])
        if from_stock:
            module_id = path.name.split(".")[0]
            print(
                f"Created {path.relative_to(root)} from the stock translation: bring it in line with your English "
                f"lesson (`psychoed diff {module_id} --lang {args.lang}` shows what changed), then set its "
                "`source_hash` as `psychoed check` says."
            )
        else:
            print(
                f"Created {path.relative_to(root)}: translate it (its English lesson is the text to start from), "
                "then run `psychoed check`."
            )
        return EXIT_OK
    path = new_module(root, args.target)
    print(f"Created {path.relative_to(root)}. Fill it in, then run `psychoed check`.")
    return EXIT_OK


def _short_name(target: Path) -> str:
    import yaml

    return yaml.safe_load((target / "curriculum/program.yml").read_text(encoding="utf-8")).get("short_name", "")


def _remember_english(curriculum) -> None:
    """Keep the English each up-to-date translation follows, for `psychoed diff ID --lang`."""
    from .stockdiff import remember_english

    remember_english(curriculum)


def cmd_init(root: Path, args) -> int:
    from .scaffold import init_program

    target = init_program(Path(args.directory), args.name, args.short_name)
    print(
        f"Created a program folder in {target}. Its short name (the label under the icon on a phone) is "
        f"'{_short_name(target)}': change `short_name` in curriculum/program.yml if you like. Next: cd "
        f"{args.directory} && psychoed build"
    )
    return EXIT_OK
