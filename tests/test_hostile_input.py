"""Hostile input a director can write (issue 13): what `check` finds, with file and line, and
what the commands refuse. The built outputs of such input are in test_invariants.py."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from helpers import fingerprint, run_cli
from test_validation import ALPHA, PROGRAM, edit, line_of, override

from psychoed.markdown.blocks import parse_body
from psychoed.markdown.facilitator import is_facilitator

# (id, Markdown appended to a lesson, the line's needle, the address reported)
REMOTE = [
    ("inline-image", "![A wave](https://img.example/wave.png)", "img.example", "https://img.example/wave.png"),
    (
        "reference-image",
        "![A wave][wave]\n\n[wave]: https://img.example/ref.png",
        "![A wave][wave]",
        "https://img.example/ref.png",
    ),
    ("raw-img", '<img src="https://img.example/raw.png" alt="">', "raw.png", "https://img.example/raw.png"),
    ("video", '<video src="//video.example/v.mp4" controls></video>', "video.example", "//video.example/v.mp4"),
    (
        "srcset",
        '<img src="local.png" srcset="local.png 1x, https://img.example/2x.png 2x" alt="">',
        "srcset",
        "https://img.example/2x.png",
    ),
    ("object", '<object data="https://obj.example/doc.pdf"></object>', "obj.example", "https://obj.example/doc.pdf"),
    (
        "stylesheet",
        '<link rel="stylesheet" href="https://fonts.example/f.css">',
        "fonts.example",
        "https://fonts.example/f.css",
    ),
    (
        "style-url",
        '<p style="background: url(https://bg.example/b.png)">Hi</p>',
        "bg.example",
        "https://bg.example/b.png",
    ),
    ("attachment", '<a rel="attachment" href="file:///etc/passwd">notes</a>', "attachment", "file:///etc/passwd"),
    # Addresses and markup as a browser reads them (issue 21): entities, tabs, spaces and
    # backslashes hide no scheme or host; CSS is read by a tokenizer; SVG and <base> load too.
    ("entity-scheme", "![A wave](https&#58;//ent.example/a.png)", "ent.example", "ent.example/a.png"),
    ("tab-scheme", '<img src="ht&#9;tps://tab.example/a.png" alt="">', "tab.example", "tab.example/a.png"),
    ("space-scheme", '<img src=" https://space.example/a.png" alt="">', "space.example", "https://space.example/a.png"),
    ("backslash-host", '<img src="/\\back.example/a.png" alt="">', "back.example", "back.example/a.png"),
    (
        "image-set",
        """<p style="background-image: image-set('https://set.example/a.png' 1x)">Hi</p>""",
        "set.example",
        "https://set.example/a.png",
    ),
    (
        "escaped-url",
        '<p style="background: \\75 rl(https://esc.example/a.png)">Hi</p>',
        "esc.example",
        "https://esc.example/a.png",
    ),
    (
        "style-element",
        "<style>\n.x { background: image-set(url(https://css.example/a.png) 1x) }\n</style>",
        "css.example",
        "https://css.example/a.png",
    ),
    (
        "fe-image",
        '<svg><filter id="f"><feImage href="https://fe.example/a.png"/></filter></svg>',
        "fe.example",
        "https://fe.example/a.png",
    ),
    ("base", '<base href="https://cdn.example/">', "<base", "<base>"),
    (
        "list-definition",
        "- ![A wave][li]\n\n    [li]: https://list.example/a.png",
        "![A wave][li]",
        "https://list.example/a.png",
    ),
    (
        "quote-definition",
        "> ![A wave][bq]\n>\n> [bq]: https://quote.example/a.png",
        "![A wave][bq]",
        "https://quote.example/a.png",
    ),
]
# Script in a lesson: an error whose hint says what to do instead.
SCRIPT = [
    ("script", "<script>alert(1)</script>", "<script>", "<script>"),
    ("event-handler", '<button onclick="alert(1)">Go</button>', "onclick", "onclick="),
    ("javascript-url", "[Click](javascript:alert(1))", "javascript:", "javascript: address"),
    ("entity-javascript", "[Click](jav&#x61;script:alert(1))", "jav&#x61;script", "javascript: address"),
    ("tab-javascript", '<a href="java&#9;script:alert(1)">Click</a>', "java&#9;script", "javascript: address"),
    ("data-url", '<a href="data:text/html,hi">open</a>', "data:text", "data: address"),
    ("srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>', "srcdoc", "srcdoc"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0; url=https://away.example/">', "http-equiv", "http-equiv"),
]
FRAMES = [
    ("iframe", '<iframe src="page.html"></iframe>', "iframe", "<iframe>"),
    ("object", '<object data="page.pdf"></object>', "<object", "<object>"),
]


def add_to_lesson(root: Path, text: str) -> None:
    path = root / ALPHA
    path.write_text(path.read_text() + "\n" + text + "\n")


def problems(result) -> list[str]:
    return [line.strip() for line in result.out.splitlines() if re.match(r"\s+\S+:\d+: (error|warning): ", line)]


@pytest.mark.parametrize("text,needle,url", [c[1:] for c in REMOTE], ids=[c[0] for c in REMOTE])
def test_check_finds_every_remote_reference_in_a_lesson(mini, text, needle, url):
    add_to_lesson(mini, text)
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    line = line_of(mini, ALPHA, needle)
    assert any(p.startswith(f"{ALPHA}:{line}: error: ") and url in p for p in problems(result)), result.out


@pytest.mark.parametrize("where", ["welcome", "extra-page", "overrides-css", "overrides-css-import"])
def test_check_finds_remote_references_in_the_programs_own_files(mini, where):
    if where == "welcome":
        edit(
            mini,
            PROGRAM,
            "stock_library: false",
            'stock_library: false\nwelcome: "Hello ![us](https://img.example/us.png)"',
        )
        rel, needle = PROGRAM, "welcome:"
    elif where == "extra-page":
        (mini / "pages").mkdir()
        (mini / "pages/about.md").write_text(
            "# About\n\nWe meet here.\n\n<img src='https://img.example/us.png' alt='Us'>\n"
        )
        edit(
            mini,
            PROGRAM,
            "stock_library: false",
            "stock_library: false\nextra_pages: [{title: About, path: pages/about.md}]",
        )
        rel, needle = "pages/about.md", "img.example"
    else:
        css = (
            "@import url('https://img.example/us.css');\n"
            if where.endswith("import")
            else ".logo {\n  background: url(https://img.example/us.png);\n}\n"
        )
        override(mini, "overrides/assets/extra.css", css)
        rel, needle = "overrides/assets/extra.css", "img.example"
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert any(
        p.startswith(f"{rel}:{line_of(mini, rel, needle)}: error: ") and "img.example" in p for p in problems(result)
    ), result.out


@pytest.mark.parametrize("text,needle,what", [c[1:] for c in SCRIPT], ids=[c[0] for c in SCRIPT])
def test_script_in_a_lesson_is_an_error_that_says_what_to_do_instead(mini, text, needle, what):
    add_to_lesson(mini, text)
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    line = line_of(mini, ALPHA, needle)
    found = [p for p in problems(result) if p.startswith(f"{ALPHA}:{line}: error: ") and what in p]
    assert found and all("instead" in p for p in found), result.out
    assert run_cli("-C", mini, "build", "--no-pdf").code == 1
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize("text,needle,what", [c[1:] for c in FRAMES], ids=[c[0] for c in FRAMES])
def test_check_warns_on_frames_of_the_sites_own_files(mini, text, needle, what):
    add_to_lesson(mini, text)
    result = run_cli("-C", mini, "check")
    assert result.code == 0, result.text  # a frame of the site's own file: the author's choice
    line = line_of(mini, ALPHA, needle)
    assert any(p.startswith(f"{ALPHA}:{line}: warning: ") and what in p for p in problems(result)), result.out
    assert run_cli("-C", mini, "check", "--strict").code == 1


def test_script_in_welcome_is_an_error(mini):
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nwelcome: 'Hello <script>alert(1)</script>'")
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    line = line_of(mini, PROGRAM, "welcome:")
    assert any(
        p.startswith(f"{PROGRAM}:{line}: error: in `welcome`: ") and "<script>" in p for p in problems(result)
    ), result.out


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect width="9" height="9"/></a></svg>',
    ],
    ids=["script", "onload", "javascript-link"],
)
def test_an_svg_image_that_carries_script_is_an_error(mini, svg):
    (mini / "modules/relapse-prevention/drawing.svg").write_text(svg)
    add_to_lesson(mini, "![A drawing](drawing.svg)")
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    line = line_of(mini, ALPHA, "drawing.svg")
    assert any(
        p.startswith(f"{ALPHA}:{line}: error: the SVG image drawing.svg carries script") and "PNG" in p
        for p in problems(result)
    ), result.out


def test_a_plain_svg_image_is_fine(mini):
    (mini / "modules/relapse-prevention/drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>'
    )
    add_to_lesson(mini, "![A drawing](drawing.svg)")
    result = run_cli("-C", mini, "check")
    assert result.code == 0, result.text


@pytest.mark.parametrize(
    "where,text,needle",
    [
        (
            "overrides/assets/extra.css",
            ".logo {\n  background: image-set('https://set.example/us.png' 1x);\n}\n",
            "set.example",
        ),
        (
            "overrides/assets/extra.css",
            ".logo {\n  background: \\75 rl(https://esc.example/us.png);\n}\n",
            "esc.example",
        ),
        ("overrides/assets/extra.css", "@import '//imp.example/us.css';\n", "imp.example"),
        (
            "overrides/main.html",
            '{% extends "base.html" %}\n{% block extrahead %}\n<link rel="stylesheet" '
            'href="/\\\\tpl.example/x.css">\n{% endblock %}\n',
            "tpl.example",
        ),
    ],
    ids=["image-set", "escaped-url", "import-string", "template-backslash"],
)
def test_check_reads_override_css_and_templates_as_a_browser_does(mini, where, text, needle):
    override(mini, where, text)
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert any(
        p.startswith(f"{where}:{line_of(mini, where, needle)}: error: ") and needle in p for p in problems(result)
    ), result.out


def test_check_finds_nothing_in_the_bundled_library():
    from helpers import REPO

    result = run_cli("-C", REPO, "check", "--format", "json")
    rules = {"remote-content", "unsafe-html", "facilitator-html"}
    assert [p for p in __import__("json").loads(result.out)["problems"] if p["rule"] in rules] == []


@pytest.mark.parametrize("where", ["lesson", "extra-page", "welcome"])
def test_raw_facilitator_html_is_refused_with_file_and_line(mini, where):
    raw = '<div class="facilitator">Staff only: RAW-SECRET</div>'
    if where == "lesson":
        add_to_lesson(mini, raw)
        rel, needle = ALPHA, "RAW-SECRET"
    elif where == "extra-page":
        (mini / "pages").mkdir()
        (mini / "pages/about.md").write_text(f"# About\n\n{raw}\n")
        edit(
            mini,
            PROGRAM,
            "stock_library: false",
            "stock_library: false\nextra_pages: [{title: About, path: pages/about.md}]",
        )
        rel, needle = "pages/about.md", "RAW-SECRET"
    else:
        edit(mini, PROGRAM, "stock_library: false", f"stock_library: false\nwelcome: '{raw}'")
        rel, needle = PROGRAM, "welcome:"
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    found = [line for line in result.err.splitlines() if f"{rel}:{line_of(mini, rel, needle)}: error: " in line]
    assert found and 'raw HTML <div class="facilitator">' in found[0], result.err
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize(
    "text",
    [
        '<div class="facilitator">RAW-SECRET</div>',
        '  !!! facilitator "Notes"\n      RAW-SECRET indented two spaces: Markdown shows it as text',
    ],
    ids=["raw-html", "misplaced-marker"],
)
def test_the_participant_build_fails_on_facilitator_text_left_in_a_page(mini, text):
    # With the rule turned off, the last defence is the build: the participant page is checked.
    add_to_lesson(mini, text)
    edit(mini, PROGRAM, "stock_library: false", 'stock_library: false\nrules: {facilitator-html: "off", schema: "off"}')
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    assert f"{ALPHA}: error: the participant page lessons/rp-alpha.md still holds facilitator text" in result.err
    assert "Traceback" not in result.text
    assert fingerprint(mini / "site") == before


def test_a_misplaced_facilitator_marker_is_an_error(mini):
    add_to_lesson(mini, '  !!! facilitator "Notes"\n      Shown to everyone.')
    result = run_cli("-C", mini, "check")
    assert result.code == 1
    assert (
        f"{ALPHA}:{line_of(mini, ALPHA, '  !!! facilitator')}: error: this line looks like a facilitator block"
        in result.out
    )


FORMS = [
    "!!! facilitator",
    "!!!facilitator",
    '!!! facilitator "Notes"',
    '!!! facilitator inline "Notes"',
    '!!! facilitator "A "quoted" title"',
    "!!! Facilitator",
    '!!! note facilitator "Staff"',
    "!!!\tfacilitator",
    "??? facilitator",
    '???+ facilitator "Open"',
    "???facilitator",
    "!!!  facilitator",
    '!!! activity "Practice (5 min)"',
    "!!! note",
    '??? "Just a title"',
    "!!! facilitator-ish",
    "!!! facilitators",
]


@pytest.mark.parametrize("marker", FORMS)
def test_the_block_parser_decides_facilitator_as_python_markdown_does(marker):
    text = f"Before.\n\n{marker}\n    SECRET text\n\nAfter.\n"
    html = markdown.markdown(text, extensions=["admonition", "pymdownx.details"])
    rendered_as_facilitator = any(is_facilitator(c) for c in re.findall(r'class="([^"]*)"', html))
    parsed_as_facilitator = bool(parse_body(text).blocks("facilitator"))
    assert parsed_as_facilitator == rendered_as_facilitator


@pytest.mark.parametrize("how", ["dangling-file-link", "linked-domain-folder"])
def test_new_module_never_writes_through_a_link_out_of_the_program(mini, tmp_path, how):
    outside = tmp_path / "outside"
    outside.mkdir()
    if how == "dangling-file-link":
        (mini / "modules/housing").mkdir()
        (mini / "modules/housing/housing-basics.md").symlink_to(outside / "written.md")
    else:
        (mini / "modules/housing").symlink_to(outside)
    result = run_cli("-C", mini, "new", "module", "housing/housing-basics")
    assert result.code == 1, result.text
    assert "modules/housing" in result.err and "Traceback" not in result.text
    assert list(outside.iterdir()) == []


def test_new_module_writes_inside_the_program(mini):
    result = run_cli("-C", mini, "new", "module", "housing/housing-basics")
    assert result.code == 0, result.text
    assert (mini / "modules/housing/housing-basics.md").is_file()


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object/new:os.system ['touch {marker}']",
    ],
)
def test_mkdocs_yml_with_python_tags_is_refused_before_it_runs(mini, tmp_path, tag):
    marker = tmp_path / "ran"
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "extra:\n  x: " + tag.format(marker=marker) + "\n")
    before = fingerprint(mini / "site")
    for command in (("check",), ("build", "--no-pdf")):
        result = run_cli("-C", mini, *command)
        assert result.code == 1, result.text
        line = line_of(mini, "mkdocs.yml", "x: !!python")
        assert f"mkdocs.yml:{line}: error: the tag !!python/" in result.text
        assert "runs Python code" in result.text and "Traceback" not in result.text
    assert not marker.exists()
    assert fingerprint(mini / "site") == before


def test_mkdocs_yml_may_use_mkdocs_own_tags(mini, monkeypatch):
    monkeypatch.setenv("PSYCHOED_TEST_SITE", "mini from env")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: mini", "site_name: !ENV [PSYCHOED_TEST_SITE, mini]"))
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 0, result.text


@pytest.mark.parametrize(
    "name",
    ["Hope: Recovery IOP", "'Our' IOP", "On Track IOP", "Line one\nLine two IOP", 'Say "hi" # not a comment & more'],
)
def test_init_writes_any_name_as_quoted_yaml(tmp_path, name):
    result = run_cli("init", tmp_path / "program", "--name", name)
    assert result.code == 0, result.text
    program = yaml.safe_load((tmp_path / "program/curriculum/program.yml").read_text())
    config = (tmp_path / "program/mkdocs.yml").read_text()
    site_name = yaml.safe_load(next(line for line in config.splitlines() if line.startswith("site_name:")))["site_name"]
    assert program["name"] == name and site_name == name
    assert isinstance(program["short_name"], str) and program["short_name"]
    assert run_cli("-C", tmp_path / "program", "check").code == 0


def test_prose_about_the_facilitator_is_not_mistaken_for_a_block(mini):
    add_to_lesson(mini, "Questions??? Ask your facilitator after group. Wow!!! Your facilitator knows.")
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 0, result.text
    assert "Ask your facilitator after group" in (mini / "site/participant/lessons/rp-alpha/index.html").read_text()


def test_a_handout_that_would_print_facilitator_text_stops_the_build(mini):
    # The facilitator edition prints handouts for the room: they are participant documents. Raw
    # HTML in a key-points box (the handout of a lesson without one) is no element Markdown builds.
    gamma = "modules/stress/stress-gamma.md"
    edit(mini, gamma, "/// handout | My breathing log\n- [ ] Monday\n- [ ] Tuesday\n///\n", "")
    edit(
        mini,
        gamma,
        "    - Slow breaths calm the body.\n",
        '    - Slow breaths calm the body.\n\n    <div class="facilitator">RAW-SECRET</div>\n',
    )
    edit(mini, PROGRAM, "stock_library: false", 'stock_library: false\nrules: {facilitator-html: "off"}')
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--edition", "facilitator")
    assert result.code == 1, result.text
    assert f"{gamma}: error: the handout would print facilitator text" in result.err, result.err
    assert fingerprint(mini / "site") == before


# Files from outside the program folder (issue 21): refused with file and line, the last good site kept.


def _refused(root: Path, needle: str) -> None:
    before = fingerprint(root / "site")
    for command in (("check",), ("build", "--no-pdf")):
        result = run_cli("-C", root, *command)
        assert result.code == 1, result.text
        assert needle in result.text and "Traceback" not in result.text
    assert fingerprint(root / "site") == before


def test_a_theme_folder_outside_the_program_is_refused(mini, tmp_path):
    (tmp_path / "elsewhere/assets").mkdir(parents=True)
    (tmp_path / "elsewhere/assets/secret.txt").write_text("OUTSIDE-SECRET")
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: ../elsewhere\n", 1)
    )
    line = line_of(mini, "mkdocs.yml", "custom_dir:")
    _refused(
        mini, f"mkdocs.yml:{line}: error: the theme folder `custom_dir: ../elsewhere` is outside the program folder"
    )


@pytest.mark.parametrize("rel", ["modules/stress/stress-linked.md", "modules/relapse-prevention/rp-alpha.es.md"])
def test_a_lesson_or_translation_linked_to_a_file_outside_is_refused(mini, tmp_path, rel):
    outside = tmp_path / "outside.md"
    outside.write_text((mini / ALPHA).read_text().replace("id: rp-alpha", f"id: {Path(rel).stem.split('.')[0]}"))
    (mini / rel).symlink_to(outside)
    _refused(mini, f"{rel}:1: error: this file is a link to a file outside the program folder")


def test_a_linked_file_in_overrides_is_refused(mini, tmp_path):
    (tmp_path / "secret.txt").write_text("OUTSIDE-SECRET")
    override(mini, "overrides/assets/own.txt", "our own file")
    (mini / "overrides/assets/secret.txt").symlink_to(tmp_path / "secret.txt")
    _refused(mini, "overrides/assets/secret.txt:1: error: this file is a link to a file outside the program folder")


# (id, Markdown appended to a lesson, the marker line's needle): facilitator markers that Markdown
# does not read as one, in any language, at any depth, and disguised.
WRONG_MARKERS = [
    ("list-misspelled", "- An item\n\n    !!! facilitatr\n        NESTED-SECRET in a list item.", "!!! facilitatr"),
    ("quote-misspelled", "> A quote\n>\n> !!! facilitater\n>     NESTED-SECRET in a quote.", "!!! facilitater"),
    (
        "box-misspelled",
        '!!! activity "Try it (5 min)"\n    Do it.\n\n    !!! facilitater "Notes"\n        NESTED-SECRET in a box.',
        "!!! facilitater",
    ),
    ("attr-misspelled", "NESTED-SECRET a paragraph.\n{: .facilitatr }", "{: .facilitatr }"),
    ("zero-width", "!!!\u200b facilitator\n    NESTED-SECRET behind a zero-width space.", "\u200b"),
    ("fullwidth", "\uff01\uff01\uff01 facilitator\n    NESTED-SECRET behind fullwidth marks.", "\uff01"),
    ("soft-hyphen", "!!! facili\u00adtator\n    NESTED-SECRET behind a soft hyphen.", "\u00ad"),
    (
        "nested-disguised",
        "- An item\n\n    !!! facili\u00adtator\n        NESTED-SECRET nested and disguised.",
        "\u00ad",
    ),
]
ALPHA_ES = "modules/relapse-prevention/rp-alpha.es.md"
# The same in a Spanish translation: the Spanish word for facilitator (data/words/es.yml).
WRONG_MARKERS_ES = [
    ("es-list", '- Un punto\n\n    !!! facilitador "Notas"\n        NESTED-SECRET en una lista.', "!!! facilitador"),
    (
        "es-box",
        '!!! note "Nota"\n    Texto.\n\n    !!! facilitador\n        NESTED-SECRET en otra caja.',
        "!!! facilitador",
    ),
    ("es-attr", "NESTED-SECRET un párrafo.\n{: .facilitador }", "{: .facilitador }"),
]


@pytest.mark.parametrize(
    "text,needle",
    [c[1:] for c in WRONG_MARKERS + WRONG_MARKERS_ES],
    ids=[c[0] for c in WRONG_MARKERS + WRONG_MARKERS_ES],
)
def test_a_facilitator_marker_markdown_would_not_read_is_an_error(mini, text, needle):
    rel = ALPHA
    if needle.endswith("facilitador") or "facilitador }" in needle:
        from test_spanish import lay_spanish

        lay_spanish(mini)
        rel = ALPHA_ES
    path = mini / rel
    path.write_text(path.read_text() + "\n" + text + "\n")
    line = line_of(mini, rel, needle)
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert any(p.startswith(f"{rel}:{line}: error: this looks like a facilitator block") for p in problems(result)), (
        result.out
    )
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and f"{rel}:{line}: error: this looks like a facilitator block" in result.err, result.text
    assert fingerprint(mini / "site") == before
    # With the rule turned off, the build's last check of each participant page still stops it
    # (the participant edition, in every language: the facilitator edition is not searched).
    edit(mini, PROGRAM, "stock_library: false", 'stock_library: false\nrules: {facilitator-html: "off", schema: "off"}')
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 1 and "still holds facilitator text" in result.err, result.text
    assert "Traceback" not in result.text and fingerprint(mini / "site") == before


def test_each_language_has_its_word_for_facilitator():
    from psychoed.markdown.blocks import facilitator_words

    assert facilitator_words() == ("facilitador", "facilitator")


@pytest.mark.parametrize(
    "link",
    ['<a rel="attachment" href="rp-alpha.md">notes</a>', '<a href="rp-alpha.md" rel="nofollow attachment">notes</a>'],
)
def test_an_attachment_link_is_an_error(mini, link):
    add_to_lesson(mini, link)
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    line = line_of(mini, ALPHA, "attachment")
    assert any(
        p.startswith(f"{ALPHA}:{line}: error: ") and "attachment" in p and "rp-alpha.md" in p for p in problems(result)
    ), result.out


# (id, what mkdocs.yml gets, the line's needle, the message's words)
SETTINGS = [
    ("hook", "hooks:\n  - hooks/mine.py\n", "hooks/mine.py", "`hooks:` runs the Python file hooks/mine.py"),
    (
        "extra-javascript",
        "extra_javascript:\n  - https://cdn.example/x.js\n",
        "cdn.example",
        "`extra_javascript` loads https://cdn.example/x.js",
    ),
    (
        "extra-javascript-module",
        "extra_javascript:\n  - path: //cdn.example/m.js\n    type: module\n",
        "cdn.example",
        "`extra_javascript` loads //cdn.example/m.js",
    ),
    (
        "extra-css",
        "extra_css:\n  - ' https://fonts.example/f.css'\n",
        "fonts.example",
        "`extra_css` loads  https://fonts.example/f.css",
    ),
    ("repo-url", "repo_url: https://github.com/example/iop\n", "repo_url", "`repo_url` makes every page ask GitHub"),
]


@pytest.mark.parametrize("text,needle,words", [c[1:] for c in SETTINGS], ids=[c[0] for c in SETTINGS])
def test_settings_that_run_code_or_load_from_elsewhere_are_refused(mini, tmp_path, text, needle, words):
    marker = tmp_path / "ran"
    (mini / "hooks").mkdir()
    (mini / "hooks/mine.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + text)
    before = fingerprint(mini / "site")
    for command in (("check",), ("build", "--no-pdf")):
        result = run_cli("-C", mini, *command)
        assert result.code == 1, result.text
        assert f"mkdocs.yml:{line_of(mini, 'mkdocs.yml', needle)}: error: {words}" in result.text
        assert "Traceback" not in result.text
    assert not marker.exists()
    assert fingerprint(mini / "site") == before


def test_theme_font_other_than_false_is_refused(mini):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font:\n    text: Roboto\n"))
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert (
        f"mkdocs.yml:{line_of(mini, 'mkdocs.yml', 'font:')}: error: `theme.font` makes every page load its fonts "
        f"from Google Fonts" in result.text
    )
    assert "font: false" in result.text


def test_without_theme_font_no_page_asks_google_fonts(mini, tmp_path):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", ""))
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant", "--out", tmp_path / "out")
    assert result.code == 0, result.text
    pages = list((tmp_path / "out/participant").rglob("*.html"))
    assert pages and not [p for p in pages if "fonts.googleapis" in p.read_text() or "fonts.gstatic" in p.read_text()]


def test_psychoeds_own_hooks_are_allowed(mini):
    from psychoed.load.mkdocs_yml import OWN_HOOKS

    (mini / "hooks").mkdir()
    for own in OWN_HOOKS:
        (mini / "hooks" / own.name).write_bytes(own.read_bytes())
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks/valid_html.py\n  - hooks/csp.py\n")
    result = run_cli("-C", mini, "check")
    assert result.code == 0, result.text


def test_the_analytics_notice_names_the_host_of_a_scheme_relative_script(mini, tmp_path):
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\nanalytics: {script: //stats.example.org/js/script.js}",
    )
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant", "--out", tmp_path / "out")
    assert result.code == 0, result.text
    home = (tmp_path / "out/participant/index.html").read_text()
    assert "counts page visits with an analytics service (stats.example.org)" in home and "(this website)" not in home
    # The one host the policy then names, for the script and for the counts it sends.
    assert (
        "script-src 'self'" in home
        and "https://stats.example.org" in home.split("Content-Security-Policy", 1)[1].split(">", 1)[0]
    )
