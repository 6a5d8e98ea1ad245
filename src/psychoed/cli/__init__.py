"""The `psychoed` command line. Exit codes: 0 success, 1 content problems, 2 wrong usage."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from ..errors import EXIT_CONTENT, EXIT_USAGE, CurriculumError, UsageError
from ..model import EDITIONS, LANGUAGES, SOURCE_LANGUAGE


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="psychoed",
        description="Build psychoeducation lesson sites and handouts from Markdown modules and YAML tracks.",
    )
    p.add_argument("-C", "--dir", default=".", help="the program folder (default: the current folder)")
    p.add_argument("--version", action="version", version=f"psychoed {installed_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    b = sub.add_parser("build", help="check the curriculum and build the sites (and PDFs)")
    b.add_argument("--edition", choices=(*EDITIONS, "all"), default="all", help="which edition to build (default: all)")
    b.add_argument("--no-pdf", action="store_true", help="skip the PDF handouts, workbooks and guides")
    b.add_argument("--large-print", action="store_true", help="also make 18 pt large-print participant PDFs")
    b.add_argument("--out", help="output folder (default: site/ in the program folder)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")

    s = sub.add_parser("serve", help="preview an edition with live reload")
    s.add_argument("--edition", choices=EDITIONS, default="participant")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    s.add_argument(
        "--lang", default="", help="preview the participant site in another of the program's languages, such as es"
    )

    x = sub.add_parser("export", help="write each edition as a plain MkDocs project, without the psychoed plugin")
    x.add_argument("directory", metavar="DIR", help="where to write DIR/participant/ and DIR/facilitator/")
    x.add_argument(
        "--edition", choices=(*EDITIONS, "all"), default="all", help="which edition to export (default: all)"
    )

    c = sub.add_parser("check", help="run every validation and content check, without building")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.add_argument("--links", action="store_true", help="also list every external link (never fetched)")

    ls = sub.add_parser("list", help="list modules or tracks, with minutes")
    ls.add_argument("what", nargs="?", choices=("modules", "tracks"), default="modules")
    ls.add_argument(
        "--changed",
        action="store_true",
        help="with modules: only your copies of stock lessons whose stock version moved",
    )

    d = sub.add_parser(
        "diff",
        help="what changed in a stock lesson since your copy of it was made, "
        "or in an English lesson since its translation",
    )
    d.add_argument(
        "module",
        metavar="MODULE",
        help="the id of a lesson you copied from the stock library (with --lang: any lesson)",
    )
    d.add_argument(
        "--lang",
        choices=tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE),
        help="what changed in the English lesson since the version its translation follows",
    )

    n = sub.add_parser("new", help="create a new module from the template")
    n_sub = n.add_subparsers(dest="kind", metavar="KIND", required=True)
    nm = n_sub.add_parser("module", help="a new lesson module: psychoed new module DOMAIN/ID")
    nm.add_argument("target", metavar="DOMAIN/ID")
    nm.add_argument(
        "--lang",
        choices=tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE),
        help="start a translation of the lesson ID (a file beside it, <ID>.<lang>.md)",
    )

    i = sub.add_parser("init", help="create a new program folder that uses the stock library")
    i.add_argument("directory", metavar="DIR")
    i.add_argument("--name", default="", help="the program's name (default: from the folder name)")
    i.add_argument(
        "--short-name",
        default="",
        help="a short name for phones and file names, about 12 characters "
        "(default: the name's own words, such as 'Harbor Light' for 'Harbor Light Recovery IOP')",
    )
    return p


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("psychoed")
    except PackageNotFoundError:  # run from a source folder that was never installed
        from .. import __version__

        return __version__


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    try:
        _working_folder(args.dir)
        root = Path(args.dir).resolve()
        if not root.is_dir():
            raise UsageError(f"the program folder '{args.dir}' does not exist")
        from . import commands

        return getattr(commands, f"cmd_{args.command}")(root, args)
    except UsageError as exc:
        print(f"psychoed: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CurriculumError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130


def _working_folder(program: str) -> None:
    """A folder deleted under the shell that is still in it: go to the program folder if named in full."""
    try:
        os.getcwd()
    except FileNotFoundError:
        if not Path(program).is_absolute():
            raise UsageError(
                "the current folder no longer exists (it was deleted or moved); cd into the program folder, then run "
                "psychoed again"
            ) from None
        os.chdir(program)


if __name__ == "__main__":
    sys.exit(main())
