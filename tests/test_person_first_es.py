"""The Spanish person-first list (data/person-first.es.yml) in both directions: it flags a word
used as a label for a person or a test result, and leaves the same word alone in its ordinary
use ("manos limpias", "bebidas alcohólicas", "Alcohólicos Anónimos", "está borracho").

Each sentence is a line of a real Spanish lesson, checked by a real `psychoed check` of the
bilingual mini program (one check for all the sentences; each case reads its own line).
"""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import FIXTURES, run_cli
from test_spanish import ALPHA_ES, lay_spanish

# sentence -> the word the check quotes
LABELS = {
    "Su hermano es un alcohólico.": "alcohólico",
    "Los alcohólicos no cambian nunca.": "alcohólicos",
    "Mi papá es alcohólico desde joven.": "alcohólico",
    "Ella creció con una madre alcohólica.": "alcohólica",
    "Él es ex-alcohólico y ahora ayuda a otros.": "alcohólico",
    "Es un borracho, dice la gente.": "borracho",
    "Los borrachos del barrio se juntan ahí.": "borrachos",
    "Le dicen borrachín en el trabajo.": "borrachín",
    "Su tío es un drogadicto.": "drogadicto",
    "Un adicto puede cambiar.": "adicto",
    "Ana es adicta a la heroína.": "adicta",
    "Dicen que es un vicioso.": "vicioso",
    "El tecato de la esquina pide dinero.": "tecato",
    "Lo llaman marihuanero.": "marihuanero",
    "Es usuario de drogas desde joven.": "usuario de drogas",
    "Llevo dos años limpio.": "limpio",
    "Estoy limpia desde enero.": "limpia",
    "La prueba de orina salió sucia.": "sucia",
    "El resultado: limpio.": "limpio",
    "Ese día él estaba sucio otra vez.": "sucio",
}

ORDINARY = [
    "Lávese las manos limpias antes de comer.",
    "Use agujas limpias y agua limpia cada vez.",
    "Ponga la ropa sucia en una bolsa.",
    "Revise que el equipo esté limpio y seco.",
    "Vaya a una reunión de Alcohólicos Anónimos.",
    "Las bebidas alcohólicas dañan el hígado.",
    "El contenido alcohólico de la cerveza varía.",
    "No hable con su ser querido cuando esté borracho.",
    "Otra vez llegaste borracho a la casa.",
    "Una persona borracha no puede dar su consentimiento.",
    "La tristeza y el consumo forman un círculo vicioso.",
    "Guarde sus pastillas en un pastillero.",
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict[str, list[dict]]:
    """Every sentence as its own line of the Spanish lesson, and the person-first problems by line text."""
    root = tmp_path_factory.mktemp("person-first-es") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    lay_spanish(root)
    lesson = root / ALPHA_ES
    sentences = [*LABELS, *ORDINARY]
    text = lesson.read_text().replace("Conocer sus detonantes le ayuda a planear.\n", "\n\n".join(sentences) + "\n")
    lesson.write_text(text)
    result = run_cli("-C", root, "check", "--format", "json")
    lines = text.splitlines()
    found: dict[str, list[dict]] = {s: [] for s in sentences}
    for problem in json.loads(result.out)["problems"]:
        if problem["rule"] == "person-first" and problem["path"] == ALPHA_ES:
            found.setdefault(lines[problem["line"] - 1], []).append(problem)
    return found


@pytest.mark.parametrize("sentence, word", LABELS.items())
def test_flags_a_label_for_a_person_or_a_test(checked, sentence, word):
    [problem] = checked[sentence]
    assert problem["message"] == f"'{word}' is stigmatizing language"
    assert "Las palabras importan" in problem["hint"] and "<!-- allow:" in problem["hint"]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_leaves_the_ordinary_word_alone(checked, sentence):
    assert checked[sentence] == []


def test_nothing_outside_the_sentences_is_flagged(checked):
    """The lesson's own lines stay clean: every problem is on one of the sentences above."""
    assert set(checked) == {*LABELS, *ORDINARY}
