"""The Spanish edition: translations, the Spanish gates, and the site, PDFs and decks in Spanish.

`spanish` is the mini fixture with `languages: [en, es]` and tests/fixtures/spanish laid over it:
program.es.yml and translations of two of its three lessons (stress-gamma stays English).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml
from helpers import FIXTURES, REPO, built_mini, fingerprint, run_cli
from test_validation import PROGRAM, TRACK, edit, line_of

from psychoed.languages import language
from psychoed.languages.phones import linked
from psychoed.model import US_CRISIS_LINES, CrisisLine, file_hash

US_CRISIS_LINES_ES = language("es").crisis_lines

ALPHA_ES = "modules/relapse-prevention/rp-alpha.es.md"
BETA_ES = "modules/cbt/cbt-beta.es.md"
ALPHA = "modules/relapse-prevention/rp-alpha.md"


def lay_spanish(root: Path) -> Path:
    """The Spanish overlay on a copy of the mini fixture, each translation following its English lesson."""
    shutil.copytree(FIXTURES / "spanish", root, dirs_exist_ok=True)
    for rel in (ALPHA_ES, BETA_ES):
        english = (root / rel.replace(".es.md", ".md")).read_text()
        path = root / rel
        path.write_text(re.sub(r'"HASH-[a-z-]+"', f'"{file_hash(english)}"', path.read_text()))
    program = root / PROGRAM
    program.write_text(program.read_text() + "languages: [en, es]\n")
    # The bundled theme's light and dark palettes, whose toggle has a title and label.
    mkdocs = root / "mkdocs.yml"
    palette = re.search(r"^  palette:\n(?:    .*\n)+", (REPO / "mkdocs.yml").read_text(), re.M).group(0)
    mkdocs.write_text(mkdocs.read_text().replace("  font: false\n", "  font: false\n" + palette))
    return root


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    """The bilingual mini program, built with PDFs: the last good build of the tests below."""
    return built_mini(tmp_path_factory, "spanish", prepare=lay_spanish)


@pytest.fixture
def spanish(tmp_path, spanish_site) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(spanish_site, root)
    return root


def check(root: Path) -> tuple[int, list[dict]]:
    result = run_cli("-C", root, "check", "--format", "json")
    return result.code, json.loads(result.out)["problems"]


def of_rule(problems: list[dict], rule: str) -> list[dict]:
    return [p for p in problems if p["rule"] == rule]


def build_fails(root: Path, path: str, line: int | None, message: str) -> None:
    """The mistake stops the build with file:line, exit 1, and the last good site stays."""
    before = fingerprint(root / "site")
    result = run_cli("-C", root, "build", "--no-pdf")
    where = f"{path}:{line}" if line else path
    assert result.code == 1, result.text
    assert re.search(re.escape(where) + r": error: .*" + message, result.err), result.err
    assert fingerprint(root / "site") == before


# -- a program's languages and its translations ------------------------------------------------


def test_the_bilingual_program_checks_clean(spanish):
    code, problems = check(spanish)
    # stress-gamma has no Spanish translation yet: a warning, and its page says so in Spanish
    assert code == 0 and [(p["rule"], p["path"]) for p in problems] == [
        ("translation-missing", "modules/stress/stress-gamma.md")
    ]
    assert "psychoed new module --lang es stress-gamma" in problems[0]["hint"]


@pytest.mark.parametrize(
    "change, path, needle, message",
    [
        (
            lambda r: edit(r, ALPHA_ES, "id: rp-alpha", "id: rp-beta"),
            ALPHA_ES,
            "id: rp-beta",
            r"the id 'rp-beta' differs from the file name 'rp-alpha.es'",
        ),
        (
            lambda r: edit(r, ALPHA_ES, "lang: es", "lang: en"),
            ALPHA_ES,
            "lang: en",
            r"`lang: en` differs from the file name's language 'es'",
        ),
        (
            lambda r: edit(r, ALPHA_ES, "reviewed:", "duration: 40\nreviewed:"),
            ALPHA_ES,
            "duration: 40",
            r"unknown key 'duration'",
        ),
        (
            lambda r: (r / ALPHA_ES).rename(r / "modules/relapse-prevention/rp-alfa.es.md"),
            "modules/relapse-prevention/rp-alfa.es.md",
            "---",
            r"translates a lesson 'rp-alfa' that does not exist",
        ),
        (
            lambda r: edit(r, PROGRAM, "languages: [en, es]", "languages: [es, en]"),
            PROGRAM,
            "languages:",
            r"`languages` starts with 'es', but lessons are written in English first",
        ),
        (
            lambda r: edit(r, PROGRAM, "languages: [en, es]", "locale: es"),
            PROGRAM,
            "locale: es",
            r"`locale: es` does not make a site in that language",
        ),
        (
            lambda r: edit(
                r,
                PROGRAM,
                "languages: [en, es]",
                "languages: [en, es]\ncrisis_lines:\n  - {label: Samaritans, reach: Call 116 123}",
            ),
            "curriculum/program.es.yml",
            None,
            r"the Spanish pages need program.yml's crisis line Samaritans \(116 123\) in Spanish",
        ),
        (
            lambda r: edit(
                r, "curriculum/program.es.yml", "name: Programa Mini de Prueba", "nombre: Programa Mini de Prueba"
            ),
            "curriculum/program.es.yml",
            "nombre:",
            r"unknown key 'nombre'",
        ),
    ],
)
def test_a_broken_translation_or_language_setting_stops_the_build(spanish, change, path, needle, message):
    change(spanish)
    build_fails(spanish, path, line_of(spanish, path, needle) if needle else None, message)


def test_a_language_file_for_a_language_the_program_does_not_list_is_reported(spanish):
    edit(spanish, PROGRAM, "languages: [en, es]", "")
    code, problems = check(spanish)
    assert code == 0
    assert {p["path"] for p in of_rule(problems, "translation")} == {"curriculum/program.es.yml", ALPHA_ES, BETA_ES}


# -- the gates, in Spanish --------------------------------------------------------------------


def test_spanish_reading_level_uses_the_spanish_formulas(spanish):
    hard = (
        "La implementación sistemática de intervenciones farmacoterapéuticas multidisciplinarias "
        "interinstitucionales constituye, indudablemente, la consideración metodológica fundamental "
        "correspondiente a la rehabilitación biopsicosocial contemporánea. "
    ) * 6
    edit(spanish, ALPHA_ES, "Conocer sus detonantes le ayuda a planear.", hard)
    code, problems = check(spanish)
    [p] = of_rule(problems, "reading-level")
    assert (
        code == 1 and p["path"] == ALPHA_ES and "Fernández-Huerta" in p["message"] and "Szigriszt-Pazos" in p["message"]
    )
    build_fails(spanish, ALPHA_ES, p["line"], "the Spanish is harder to read than the limit")


def test_spanish_reading_limits_are_the_programs(spanish):
    edit(
        spanish,
        PROGRAM,
        "languages: [en, es]",
        "languages: [en, es]\nreading_level: {es: {min_fernandez_huerta: 99, min_szigriszt_pazos: 99}}",
    )
    code, problems = check(spanish)
    assert code == 1 and {p["path"] for p in of_rule(problems, "reading-level")} == {ALPHA_ES, BETA_ES}


def test_spanish_person_first_terms(spanish):
    edit(spanish, ALPHA_ES, "Conocer sus detonantes le ayuda a planear.", "Un adicto no es una persona limpia.")
    code, problems = check(spanish)
    found = {p["message"] for p in of_rule(problems, "person-first")}
    assert code == 1 and found == {"'adicto' is stigmatizing language", "'limpia' is stigmatizing language"}
    assert any(
        "persona con un trastorno por consumo de sustancias" in p["hint"] and "Las palabras importan" in p["hint"]
        for p in of_rule(problems, "person-first")
    )


def test_988_in_spanish_allows_its_live_options_only(spanish):
    edit(
        spanish,
        ALPHA_ES,
        "Conocer sus detonantes le ayuda a planear.",
        "Llame al 988 y marque el 2, o envíe AYUDA por mensaje de texto al 988.",
    )
    assert check(spanish) == (0, of_rule(check(spanish)[1], "translation-missing"))
    edit(spanish, ALPHA_ES, "marque el 2", "marque el 3")
    code, problems = check(spanish)
    [p] = of_rule(problems, "crisis-number")
    assert code == 1 and "988's 'press 3' option (LGBTQ+ youth) ended on 2025-07-17" in p["message"]


def test_a_number_in_a_translation_is_checked_too(spanish):
    edit(spanish, ALPHA_ES, "Conocer sus detonantes le ayuda a planear.", "Llame al 1-800-273-8255.")
    code, problems = check(spanish)
    assert code == 1 and [p["path"] for p in of_rule(problems, "crisis-number")] == [ALPHA_ES]


def test_a_translation_behind_its_english_lesson_is_stale(spanish):
    edit(
        spanish,
        ALPHA,
        "Knowing your triggers helps you plan ahead.",
        "Knowing your triggers helps you plan ahead, day by day.",
    )
    code, problems = check(spanish)
    [p] = of_rule(problems, "translation-stale")
    now = file_hash((spanish / ALPHA).read_text())
    assert code == 0 and p["path"] == ALPHA_ES and p["severity"] == "warning"
    assert (
        ALPHA in p["message"]
        and f'source_hash: "{now}"' in p["hint"]
        and p["line"] == line_of(spanish, ALPHA_ES, "source_hash")
    )
    assert run_cli("-C", spanish, "check", "--strict").code == 1
    assert "es*" in run_cli("-C", spanish, "list", "modules").out


def test_a_translation_still_in_english_is_refused(spanish):
    (spanish / ALPHA_ES).unlink()
    assert run_cli("-C", spanish, "new", "module", "--lang", "es", "rp-alpha").code == 0
    code, problems = check(spanish)
    [p] = of_rule(problems, "translation")
    assert code == 1 and p["path"] == ALPHA_ES and "still the English lesson's, word for word" in p["message"]


def test_a_translation_needs_the_english_lessons_activities_and_worksheet(spanish):
    edit(spanish, ALPHA_ES, "(15 min)", "(10 min)")
    text = (spanish / ALPHA_ES).read_text()
    (spanish / ALPHA_ES).write_text(
        text[: text.index("/// handout")] + text[text.index("///\n", text.index("/// handout") + 4) + 4 :]
    )
    code, problems = check(spanish)
    messages = [p["message"] for p in of_rule(problems, "completeness")]
    assert code == 1 and any(
        "same activities and discussions as the English lesson (minutes [15], here [10])" in m for m in messages
    )
    assert any("worksheet, though the English lesson has one" in m for m in messages)


def test_track_words_without_a_translation_are_reported(spanish):
    edit(spanish, "curriculum/program.es.yml", "  Calm body: Un cuerpo en calma\n", "")
    code, problems = check(spanish)
    [p] = of_rule(problems, "translation-words")
    assert (
        code == 0
        and p["path"] == TRACK
        and p["line"] == line_of(spanish, TRACK, "title: Calm body")
        and "'Calm body'" in p["message"]
    )


def test_track_words_psychoed_knows_need_no_entry(spanish):
    for word in (
        "Check-in: Bienvenida",
        "Break: Descanso",
        "Process group: Grupo de proceso",
        "Wrap-up: Cierre",
        "Skills practice: Práctica",
    ):
        edit(spanish, "curriculum/program.es.yml", f"  {word}\n", "")
    code, problems = check(spanish)
    assert code == 0 and not of_rule(problems, "translation-words"), problems
    from psychoed.loader import load

    track = load(spanish)[0].in_language("es").tracks["mini-track"]
    assert [i.activity for i in track.sessions[0].agenda if i.activity][:2] == [
        "Bienvenida: cómo llegamos hoy",
        "Descanso",
    ]


def test_a_programs_own_topic_needs_its_spanish(spanish):
    edit(spanish, "modules/stress/stress-gamma.md", "domain: stress", "domain: about-us")
    edit(spanish, PROGRAM, "languages: [en, es]", "languages: [en, es]\ndomains:\n  about-us: About our program")
    code, problems = check(spanish)
    [p] = [p for p in of_rule(problems, "translation-words") if p["path"] == PROGRAM]
    assert code == 0 and p["line"] == line_of(spanish, PROGRAM, "about-us: About our program")
    assert (
        "the topic 'About our program' has no Spanish translation" in p["message"]
        and '"About our program": "..."' in p["hint"]
    )
    path = spanish / "curriculum/program.es.yml"
    path.write_text(path.read_text() + "  About our program: Sobre nuestro programa\n")
    assert not of_rule(check(spanish)[1], "translation-words")


# -- what directors run -------------------------------------------------------------------------


def test_new_module_lang_starts_a_translation_from_the_english_lesson(spanish):
    (spanish / ALPHA_ES).unlink()
    result = run_cli("-C", spanish, "new", "module", "--lang", "es", "rp-alpha")
    assert result.code == 0 and ALPHA_ES in result.out
    text = (spanish / ALPHA_ES).read_text()
    assert f'source_hash: "{file_hash((spanish / ALPHA).read_text())}"' in text and "lang: es" in text
    assert '!!! activity "Practice: my trigger map (15 min)"' in text and "/// handout | My trigger map" in text
    assert "FACILITATOR-MARKER" not in text  # facilitator notes are the English edition's
    again = run_cli("-C", spanish, "new", "module", "--lang", "es", "rp-alpha")
    assert again.code == 1 and f"{ALPHA_ES}: error: this translation already exists" in again.err
    unknown = run_cli("-C", spanish, "new", "module", "--lang", "es", "rp-nothing")
    assert unknown.code == 2 and "there is no lesson 'rp-nothing' to translate" in unknown.err


def test_list_modules_shows_each_lessons_languages(spanish):
    out = run_cli("-C", spanish, "list", "modules").out
    rows = {line.split()[0]: line for line in out.splitlines()[1:4]}
    assert "en es " in rows["rp-alpha"] and "en (es)" in rows["stress-gamma"]


# -- the site, the PDFs and the decks in Spanish --------------------------------------------------


def page(root: Path, path: str) -> str:
    return (root / "site" / path).read_text()


def test_the_spanish_site_is_a_site_of_its_own(spanish_site):
    lesson = page(spanish_site, "participant/es/lessons/rp-alpha/index.html")
    assert '<html lang="es"' in lesson and "Conozca sus detonantes" in lesson
    assert "Lo que va a aprender" in lesson and "Para imprimir" in lesson and "Fuentes" in lesson
    assert (
        "¿Está en crisis?" in lesson
        and "marque el 2" in lesson
        and 'Envíe AYUDA por mensaje de texto al <a href="sms:741741?body=AYUDA"' in lesson
    )  # the Spanish crisis lines
    assert 'href="../../../lessons/rp-alpha/" hreflang="en"' in lesson  # the switcher: this page in English
    english = page(spanish_site, "participant/lessons/rp-alpha/index.html")
    assert 'href="../../es/lessons/rp-alpha/" hreflang="es"' in english and '<html lang="en"' in english
    plan = page(spanish_site, "participant/es/tracks/mini-track/session-01/index.html")
    assert "Sesión 1: Para empezar" in plan and "Descanso" in plan and "Bienvenida" in plan
    index = json.loads(page(spanish_site, "participant/es/search/search_index.json"))
    assert index["config"]["lang"] == ["es"] and any("PALABRA-BUSQUEDA-ZANAHORIA" in d["text"] for d in index["docs"])
    assert not any(
        "Knowing your triggers" in d["text"] for d in index["docs"] if d["location"].startswith("lessons/rp-alpha")
    )


def test_a_lesson_not_translated_yet_shows_in_english_with_a_notice(spanish_site):
    lesson = page(spanish_site, "participant/es/lessons/stress-gamma/index.html")
    assert '<p class="untranslated" lang="es">Esta lección todavía no está en español.' in lesson
    assert '<div lang="en">' in lesson  # the English text is marked as English for screen readers


def test_no_facilitator_text_in_any_spanish_output(spanish_site):
    for path in (spanish_site / "site/participant/es").rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            assert "FACILITATOR-MARKER" not in path.read_text(), path


def test_the_spanish_pdfs_are_spanish(spanish_site):
    for rel in (
        "participant/es/handouts/rp-alpha.pdf",
        "participant/es/handouts/mini-track-workbook.pdf",
        "facilitator/handouts/es/rp-alpha.pdf",
    ):
        with pikepdf.open(spanish_site / "site" / rel) as pdf:
            assert str(pdf.Root.Lang) == "es", rel
            text = b"".join(
                page.Contents.read_bytes() if not isinstance(page.Contents, pikepdf.Array) else b""
                for page in pdf.pages
            )
            assert text, rel
    handout = _pdf_text(spanish_site / "site/participant/es/handouts/rp-alpha.pdf")
    assert "Mi mapa de detonantes" in handout and "marque el 2" in handout and "¿Necesita ayuda ahora?" in handout


def test_the_spanish_pdfs_are_tagged_pdf_ua(spanish_site):
    from pdftags import tag_problems
    from pdfua import validate
    from test_pdf_tags import CHECKER_BUGS

    pdfs = sorted((spanish_site / "site/participant/es").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        report = validate(str(pdf))
        assert not report.findings and {o.rule_id for o in report.skipped} <= CHECKER_BUGS, pdf.name
        assert tag_problems(pdf, lang="es") == [], pdf.name


def _pdf_text(path: Path) -> str:
    import pypdf

    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_facilitator_edition_stays_english_and_links_the_spanish_materials(spanish_site):
    plan = page(spanish_site, "facilitator/tracks/mini-track/session-01/index.html")
    assert '<html lang="en"' in plan and "In Spanish" in plan
    assert 'href="../../../slides/es/mini-track/1.html"' in plan and "../../handouts/es/rp-alpha.pdf" in plan
    # The Spanish handouts' titles are Spanish on an English page: each link says so.
    spanish_links = re.findall(r'<a href="../../handouts/es/[^"]*" ([^>]*)>([^<]*)</a>', plan)
    assert spanish_links and all(attrs == 'lang="es" hreflang="es"' for attrs, _ in spanish_links), spanish_links
    assert any("hoja de trabajo" in text for _, text in spanish_links), spanish_links
    deck = (spanish_site / "site/facilitator/slides/es/mini-track/1.html").read_text()
    assert '<html lang="es">' in deck and "Sesión 1: Para empezar" in deck and "Conozca sus detonantes" in deck
    assert 'href="../../reveal/dist/reveal.css"' in deck
    assert (
        "FACILITATOR-MARKER-7Q Open with a quick round of names" in deck
    )  # the English notes, in the speaker view only
    assert not (spanish_site / "site/facilitator/es").exists()


def test_the_facilitator_start_here_page_links_the_spanish_day_one_pdfs(spanish_site):
    """Facilitators hand these out on day one: the English and the Spanish copies, the Spanish ones
    named in the facilitator's words and marked as leading to Spanish (hreflang)."""
    facilitator = spanish_site / "site/facilitator"
    links = re.findall(r"<a ([^>]*)>([^<]*)</a>", (facilitator / "start-here/index.html").read_text())
    found = {re.search(r'href="([^"]*)"', attrs).group(1): (attrs, text) for attrs, text in links}
    for href, text in (
        ("../handouts/es/start-here.pdf", "Start here in Spanish: what a newcomer needs on day one (PDF)"),
        ("../handouts/es/crisis-card.pdf", "Wallet cards with every crisis line, in Spanish (PDF)"),
    ):
        attrs, shown = found[href]
        assert shown == text and 'hreflang="es"' in attrs and "lang=" not in attrs.replace("hreflang=", ""), attrs
        assert (facilitator / "start-here" / href).resolve().is_file(), href
    assert "../handouts/start-here.pdf" in found and "../handouts/crisis-card.pdf" in found
    # The participant sites link their own copies only.
    assert "handouts/es/" not in page(spanish_site, "participant/start-here/index.html")


def test_each_language_has_its_own_offline_copy(spanish_site):
    import zipfile

    [english] = (spanish_site / "site/participant/download").glob("*.zip")
    [spanish] = (spanish_site / "site/participant/es/download").glob("*.zip")
    assert spanish.name.endswith("-lecciones.zip")
    with zipfile.ZipFile(english) as archive:
        assert not any("/es/" in name for name in archive.namelist())
    with zipfile.ZipFile(spanish) as archive:
        readme = archive.read(next(n for n in archive.namelist() if n.endswith("README.txt"))).decode()
        lesson = archive.read(next(n for n in archive.namelist() if n.endswith("lessons/rp-alpha.html"))).decode()
    assert "para leer sin internet" in readme and "marque el 2" in readme
    assert "psychoed:languages" not in lesson  # the copy holds one language: no switcher


def test_every_site_word_has_its_spanish():
    import yaml

    from psychoed.languages import language
    from psychoed.resources import DATA_DIR

    english, spanish = (yaml.safe_load((DATA_DIR / language(lang).words).read_text()) for lang in ("en", "es"))
    assert sorted(set(english) - set(spanish)) == []
    assert sorted(set(spanish) - set(english) - {"domains", "track_words"}) == []
    placeholders = re.compile(r"\{\w+(?::[^}]*)?\}")
    for key, text in english.items():
        if isinstance(text, str):
            assert sorted(placeholders.findall(text)) == sorted(placeholders.findall(spanish[key])), key


def test_the_crisis_text_line_in_spanish_links_whatsapp_and_sms():
    """The bundled program's Spanish Crisis Text Line: AYUDA by text, and 442-AYUDAME in WhatsApp,
    whose link opens a WhatsApp chat (a tel: link would call a number no one answers)."""
    lines = yaml.safe_load((REPO / "curriculum" / "program.es.yml").read_text(encoding="utf-8"))["crisis_lines"]
    [reach] = [line["reach"] for line in lines if line["label"] == "Crisis Text Line"]
    html = linked(reach)
    assert '<a href="sms:741741?body=AYUDA">741741</a>' in html
    assert '<a href="https://wa.me/14422983263">442-AYUDAME</a>' in html and "tel:" not in html


def visible_text(markup: str) -> str:
    """What a reader sees of a page: no scripts or styles, tags gone, spaces as one."""
    import html

    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    markup = re.sub(rf"</?(?:{_BLOCKS})\b[^>]*>", " ", markup, flags=re.I)  # blocks part words; inline tags do not
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


_BLOCKS = (
    "p|div|li|ul|ol|h[1-6]|br|tr|td|th|table|section|article|aside|header|footer|nav|main|dl|dt|dd|blockquote|"
    "details|summary|label|form|input|button|hr|body"
)


# A web address that starts with a number (988lifeline.org) is not a number glued to a word.
_WEB_ADDRESS = re.compile(r"\(?(?:https?://)?[\w-]+(?:\.[\w-]+)*\.(?:org|com|gov|net)(?:/\S*)?[).,;]?")
_GLUED = re.compile(r"(?i)\b(?:call|text|to|al|llame|marque)(?=\d)|\d(?=[^\W\d_])")


def test_every_crisis_line_reads_as_written_on_every_page_and_pdf(spanish_site):
    """The text of every crisis rendering (banner, footer, home page, crisis page, PDFs), not
    only its links: "Call 911", never "Call911"."""
    from psychoed.languages import language
    from psychoed.model import US_CRISIS_LINES

    US_CRISIS_LINES_ES = language("es").crisis_lines

    site = spanish_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        text = visible_text(path.read_text(encoding="utf-8"))
        lines = US_CRISIS_LINES_ES if "/participant/es/" in path.as_posix() else US_CRISIS_LINES
        numbers = [t for t in re.findall(r"\S*(?:988|911|741741|662-4357)\S*", text) if not _WEB_ADDRESS.fullmatch(t)]
        assert not _GLUED.findall(" ".join(numbers)), (path, text)
        if (
            path.parent.name == "crisis"
            or path.parent.name in ("participant", "es", "facilitator")
            and path.name == "index.html"
        ):
            for line in lines:
                assert line.reach in text, (path, line.reach)
    for pdf in sorted(site.rglob("*.pdf")):
        lines = US_CRISIS_LINES_ES if "/es/" in pdf.as_posix() else US_CRISIS_LINES
        last = " ".join(_pdf_text(pdf).split())
        assert all(line.reach in last for line in lines), pdf


# Words that mark an interface string as English (none is also a Spanish word).
ENGLISH_WORDS = frozenset(
    """the to and of for your you with this is are switch mode dark light space write search clear
    skip back top next previous week session sessions lesson lessons select language copy clipboard share open close
    menu print download help now page table contents navigation header footer tabs edit view home tracks handout
    workbook call text need get here more""".split()
)
INTERFACE_ATTRIBUTES = (
    "aria-label",
    "title",
    "alt",
    "placeholder",
    "aria-description",
    "aria-roledescription",
    "data-md-tooltip",
)


def english_interface_phrases() -> set[str]:
    """psychoed's own words and Material's whose Spanish differs, as English shows them."""
    import material
    import yaml

    from psychoed.languages import language
    from psychoed.resources import DATA_DIR

    phrases = {"(space to write)", "Switch to dark mode", "Switch to light mode", "Lessons:", "Need help now?"}
    en, es = (yaml.safe_load((DATA_DIR / language(lang).words).read_text()) for lang in ("en", "es"))
    for key, value in en.items():
        if isinstance(value, str) and value != es.get(key):
            parts = [part.strip() for part in re.split(r"\{[^}]*\}|\[|\]\([^)]*\)", value)]
            # a whole word, or a phrase of a word with blanks ("Text {number}" gives no "Text")
            phrases.update(part for part in parts if len(part) >= 4 and (len(parts) == 1 or " " in part))
    theme = Path(material.__file__).parent / "templates/partials/languages"
    en, es = (dict(re.findall(r'"([\w.]+)": "([^"]*)"', (theme / f"{lang}.html").read_text())) for lang in ("en", "es"))
    phrases.update(
        value
        for key, value in en.items()
        if value != es.get(key) and len(value) >= 4 and key not in ("language", "direction")
    )
    palette = (REPO / "mkdocs.yml").read_text()
    phrases.update(re.findall(r"name: (.+)", palette))
    return phrases


class _Interface(__import__("html.parser").parser.HTMLParser):
    """A page's Spanish interface: text and attributes, less what is marked lang="en" (an
    English lesson's own text, shown under a notice until it is translated)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.langs, self.texts, self.attributes, self.skip = lang, [lang], [], [], 0
        self.untranslated = False  # a lesson not translated yet: its description is its English summary

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang", self.langs[-1])
        if lang == self.lang:
            self.attributes += [(tag, name, attrs[name]) for name in INTERFACE_ATTRIBUTES if attrs.get(name)]
            if tag == "meta" and attrs.get("name") == "description" and not self.untranslated:
                self.attributes.append((tag, "content", attrs.get("content") or ""))
        if tag not in self.VOID:
            self.langs.append(lang)
            self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.langs) > 1:
            self.skip -= tag in ("script", "style") and self.skip > 0
            self.langs.pop()

    def handle_data(self, data):
        if self.langs[-1] == self.lang and not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def english_in(markup: str, phrases: set[str], lang: str = "es") -> list[str]:
    """English interface strings in what the page marks as `lang`."""
    page = _Interface(lang)
    page.untranslated = 'class="untranslated"' in markup
    page.feed(markup)
    text = " | ".join(page.texts)
    found = [f"text: {phrase!r}" for phrase in phrases if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    for tag, name, value in page.attributes:
        english = ENGLISH_WORDS & set(re.findall(r"[a-z]+", value.lower()))
        if english or value in phrases:
            found.append(f"<{tag} {name}={value!r}>: {sorted(english)}")
    return found


def test_no_english_interface_string_on_a_spanish_page(spanish_site):
    """Every interface string of es/ (text, aria-label, title, alt, placeholder, the meta
    description) comes from the Spanish words: the writing lines' screen-reader text, the palette
    toggle, session descriptions, Material's own words."""
    phrases = english_interface_phrases()
    assert {"(space to write)", "Switch to dark mode", "Skip to content", "Need help now?"} <= phrases
    # The scan finds what it looks for: an English page is full of it.
    assert (
        len(english_in((spanish_site / "site/participant/lessons/rp-alpha/index.html").read_text(), phrases, "en")) > 5
    )
    pages = sorted((spanish_site / "site/participant/es").rglob("*.html"))
    assert len(pages) > 10
    found = {path.relative_to(spanish_site).as_posix(): english_in(path.read_text(), phrases) for path in pages}
    assert {path: english for path, english in found.items() if english} == {}


ES_PROGRAM = "curriculum/program.es.yml"
ES_LINES = (
    "crisis_lines:\n"
    "  - {label: Línea 988, reach: Llame al 988 y marque el 2}\n"
    "  - {label: SAMHSA, reach: Llame al 1-800-662-4357}\n"
    "  - {label: Crisis Text Line, reach: Envíe AYUDA al 741741}\n"
    "  - {label: Emergencias, reach: Llame al 911}\n"
)


@pytest.mark.parametrize(
    "wrong,right,message",
    [
        (
            "Llame al 1-800-662-4375",
            "Llame al 1-800-662-4357",
            "reaches 1-800-662-4375, but line 2 of program.yml (SAMHSA National Helpline) reaches 1-800-662-4357",
        ),
        (
            "Envíe HOLA al 741741",
            "Envíe AYUDA al 741741",
            "the keyword HOLA does not reach the Crisis Text Line at 741741",
        ),
    ],
)
def test_the_spanish_crisis_lines_are_program_ymls_numbers(spanish, wrong, right, message):
    path = spanish / ES_PROGRAM
    path.write_text(path.read_text() + ES_LINES)
    assert check(spanish)[0] == 0
    edit(spanish, ES_PROGRAM, right, wrong)
    code, problems = check(spanish)
    [p] = of_rule(problems, "crisis-number")
    assert (
        code == 1
        and p["path"] == ES_PROGRAM
        and p["line"] == line_of(spanish, ES_PROGRAM, wrong)
        and message in p["message"]
        and p["hint"]
    )


def test_the_spanish_crisis_lines_come_in_program_ymls_order(spanish):
    path = spanish / ES_PROGRAM
    swapped = (
        ES_LINES.replace("Llame al 911", "Llame al XXX")
        .replace("Llame al 988 y marque el 2", "Llame al 911")
        .replace("Llame al XXX", "Llame al 988")
    )
    path.write_text(path.read_text() + swapped)
    code, problems = check(spanish)
    found = of_rule(problems, "crisis-number")
    assert code == 1 and len(found) == 2 and all(p["hint"] == "put the lines in program.yml's order" for p in found)
    # Fewer lines than program.yml: each is matched by its numbers (psychoed fills in the 988 line), still in order.
    path.write_text(path.read_text().replace("  - {label: Emergencias, reach: Llame al 988}\n", ""))
    [p] = of_rule(check(spanish)[1], "crisis-number")
    assert "crisis line 2 (SAMHSA) comes before line 1 (Línea 988) in program.yml" in p["message"], p
    assert (
        p["line"] == line_of(spanish, ES_PROGRAM, "Llame al 1-800-662-4357")
        and p["hint"] == "put the lines in program.yml's order"
    )


LOCAL_LINE = "  - {label: Harbor Light after-hours line, reach: Call 207-555-2020, note: Our counselors}\n"


def add_local_line(root: Path) -> None:
    """program.yml: the US lines (as init writes them) and one local line after them."""
    lines = "".join(f"  - {{label: {crisis.label}, reach: {crisis.reach}}}\n" for crisis in US_CRISIS_LINES)
    edit(root, PROGRAM, "languages: [en, es]", "languages: [en, es]\ncrisis_lines:\n" + lines + LOCAL_LINE)


def test_only_the_lines_psychoed_does_not_know_need_their_spanish(spanish):
    add_local_line(spanish)
    code, problems = check(spanish)
    [p] = of_rule(problems, "translation")
    assert code == 1 and p["path"] == ES_PROGRAM and p["line"] is None
    assert "need program.yml's crisis line Harbor Light after-hours line (207-555-2020) in Spanish" in p["message"]
    assert (
        '- label: "Harbor Light after-hours line"\n    reach: "Call 207-555-2020"\n    note: "Our counselors"'
        in p["hint"]
    )
    # Pasted and translated: the one line is enough; psychoed fills in the four it knows, in program.yml's order.
    path = spanish / ES_PROGRAM
    path.write_text(
        path.read_text()
        + "crisis_lines:\n  - {label: Línea de Harbor Light, reach: Llame al 207-555-2020, note: Nuestros consejeros}\n"
    )
    code, problems = check(spanish)
    assert code == 0 and not of_rule(problems, "translation") and not of_rule(problems, "crisis-number"), problems
    from psychoed.loader import load

    lines = load(spanish)[0].program.in_language("es").crisis_lines
    assert lines == (
        *US_CRISIS_LINES_ES,
        CrisisLine("Línea de Harbor Light", "Llame al 207-555-2020", "Nuestros consejeros"),
    )


def test_a_spanish_line_must_be_one_of_program_ymls(spanish):
    add_local_line(spanish)
    path = spanish / ES_PROGRAM
    path.write_text(
        path.read_text() + "crisis_lines:\n  - {label: Línea de Harbor Light, reach: Llame al 207-555-2021}\n"
    )
    build_fails(
        spanish,
        ES_PROGRAM,
        line_of(spanish, ES_PROGRAM, "207-555-2021"),
        r"crisis line 1 \(Línea de Harbor Light\) reaches 207-555-2021, which no line of program.yml reaches",
    )


def test_whatsapp_ayudame_is_the_crisis_text_lines_own(spanish):
    path = spanish / ALPHA_ES
    path.write_text(path.read_text() + "\nTambién puede escribir por WhatsApp al 442-AYUDAME.\n")
    assert not of_rule(check(spanish)[1], "crisis-number")


def test_the_spanish_crisis_text_line_may_add_its_whatsapp(spanish):
    # 442-AYUDAME is Crisis Text Line's own Spanish way in: it may stand beside 741741, never in its place.
    path = spanish / ES_PROGRAM
    with_whatsapp = ES_LINES.replace(
        "Envíe AYUDA al 741741", '"Envíe AYUDA al 741741, o escriba por WhatsApp al 442-AYUDAME"'
    )
    path.write_text(path.read_text() + with_whatsapp)
    code, problems = check(spanish)
    assert code == 0, problems
    edit(spanish, ES_PROGRAM, '"Envíe AYUDA al 741741, o escriba', '"Escriba')
    code, problems = check(spanish)
    assert code == 1 and any(
        "reaches 442-AYUDAME, but line 3" in p["message"] for p in of_rule(problems, "crisis-number")
    )


def test_the_spanish_welcome_passes_the_same_markup_rules(spanish):
    """program.es.yml's `welcome` is Markdown like program.yml's: no remote image, no script."""
    path = spanish / "curriculum/program.es.yml"
    path.write_text(
        path.read_text().replace(
            "welcome: Bienvenido. Estas lecciones acompañan sus grupos.",
            "welcome: 'Bienvenido ![nosotros](https://img.example/us.png) <script>alert(1)</script>'",
        )
    )
    before = fingerprint(spanish / "site")
    result = run_cli("-C", spanish, "check")
    assert result.code == 1, result.text
    line = line_of(spanish, "curriculum/program.es.yml", "welcome:")
    assert (
        f"curriculum/program.es.yml:{line}: error: in `welcome`: the image loads https://img.example/us.png from "
        f"another host" in result.out
    )
    assert (
        f"curriculum/program.es.yml:{line}: error: in `welcome`: raw HTML <script> runs script in the page"
        in result.out
    )
    assert run_cli("-C", spanish, "build", "--no-pdf").code == 1
    assert fingerprint(spanish / "site") == before
