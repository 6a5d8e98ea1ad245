"""`psychoed check`: one failing and one passing case per content rule, and the output formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import REPO, fingerprint, leftovers, run_cli
from test_validation import ALPHA, BETA, PROGRAM, edit, line_of


def check_json(root):
    result = run_cli("-C", root, "check", "--format", "json")
    return result.code, json.loads(result.out)


def problems(data, rule):
    return [p for p in data["problems"] if p["rule"] == rule]


def add_to_body(root, rel, text):
    edit(root, rel, "Talk with your care team", f"{text}\n\nTalk with your care team")


def test_fixture_passes_every_rule(mini):
    code, data = check_json(mini)
    assert code == 0 and data["problems"] == []


def test_json_output_field_by_field(mini):
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    code, data = check_json(mini)
    assert code == 1
    [p] = data["problems"]
    assert p == {
        "path": ALPHA,
        "line": line_of(mini, ALPHA, "An addict is a person"),
        "rule": "person-first",
        "severity": "error",
        "message": "'addict' is stigmatizing language",
        "hint": "say 'person with a substance use disorder' instead (source: NIDA, Words Matter - Terms to Use and Avoid When Talking About Addiction (2021)); to keep it, add <!-- allow: addict --> to the line",
    }
    assert data["summary"] == {"errors": 1, "warnings": 0}


HARD = (
    "Neurobiological adaptations consequent to prolonged psychoactive substance administration "
    "fundamentally reorganize mesolimbic dopaminergic circuitry, thereby intensifying motivational "
    "salience attributed to substance-associated environmental contingencies."
)


def test_reading_level_names_grade_and_hardest_sentences(mini):
    add_to_body(mini, ALPHA, " ".join([HARD] * 6))
    code, data = check_json(mini)
    [p] = problems(data, "reading-level")
    assert code == 1 and p["path"] == ALPHA
    assert p["message"].startswith("reading level is grade ") and "over the limit of 8" in p["message"]
    assert "Flesch-Kincaid" in p["message"] and "Coleman-Liau" in p["message"]
    assert "Neurobiological adaptations" in p["hint"]


def test_reading_level_ignores_facilitator_notes_and_follows_program_limit(mini):
    edit(mini, ALPHA, "FACILITATOR-MARKER-7Q", "FACILITATOR-MARKER-7Q " + HARD)
    assert check_json(mini)[0] == 0
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nreading_level: {max_grade: 1}")
    code, data = check_json(mini)
    assert code == 1 and {p["path"] for p in problems(data, "reading-level")} == {ALPHA, BETA, "modules/stress/stress-gamma.md"}


def test_person_first_in_facilitator_text_and_front_matter(mini):
    edit(mini, ALPHA, "Watch for shame.", "Watch for users who seem dirty.")
    edit(mini, BETA, "summary: What we think", "summary: Substance abuse and what we think")
    code, data = check_json(mini)
    found = {(p["path"], p["message"]) for p in problems(data, "person-first")}
    assert found == {
        (ALPHA, "'users' is stigmatizing language"),
        (ALPHA, "'dirty' is stigmatizing language"),
        (BETA, "'Substance abuse' is stigmatizing language"),
    }


def test_person_first_allows_relapse_and_inline_marker(mini):
    add_to_body(mini, ALPHA, "Relapse prevention helps. Clean the kitchen each day. <!-- allow: clean -->")
    result = run_cli("-C", mini, "check")
    assert result.code == 0, result.out
    assert "allowed by an inline marker" in result.out and "'Clean' allowed" in result.out


def test_person_first_marker_allows_one_occurrence_only(mini):
    add_to_body(mini, ALPHA, "Clean the kitchen, then clean the car. <!-- allow: clean -->")
    code, data = check_json(mini)
    assert code == 1 and len(problems(data, "person-first")) == 1 and len(data["allowed"]) == 1


def test_program_adds_its_own_terms(mini):
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\navoid_terms:\n  - {term: drug seeker, use: person seeking help}")
    add_to_body(mini, BETA, "Nobody here is a drug seeker.")
    code, data = check_json(mini)
    [p] = problems(data, "person-first")
    assert p["path"] == BETA and "person seeking help" in p["hint"]


def test_crisis_numbers_must_be_the_programs(mini):
    add_to_body(mini, ALPHA, "Call 1-800-273-8255 any time. Or call or text 988 and press 1.")
    code, data = check_json(mini)
    messages = [p["message"] for p in problems(data, "crisis-number")]
    assert "the number 8002738255 is not one of the program's crisis lines" in messages
    assert any("press" in m for m in messages)
    assert "Call or text 988" in problems(data, "crisis-number")[0]["hint"]


def test_listed_crisis_numbers_pass(mini):
    add_to_body(mini, ALPHA, "Call or text 988. Call 1-800-662-4357. Text HOME to 741741. Call 911.")
    assert check_json(mini)[0] == 0


def test_program_allows_its_own_numbers(mini):
    add_to_body(mini, ALPHA, "For free help to quit smoking, call 1-800-784-8669.")
    code, data = check_json(mini)
    assert code == 1 and "the number 8007848669 is not one of the program's crisis lines" in [p["message"] for p in problems(data, "crisis-number")]
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nallowed_numbers:\n  - {number: 1-800-784-8669, label: 1-800-QUIT-NOW}")
    assert check_json(mini)[0] == 0


def test_freshness_missing_is_error_old_is_warning(mini):
    edit(mini, ALPHA, "reviewed: 2026-11-01\n", "")
    edit(mini, BETA, "reviewed: 2026-11-01", "reviewed: 2019-01-01")
    code, data = check_json(mini)
    by_path = {p["path"]: p for p in problems(data, "freshness")}
    assert by_path[ALPHA]["severity"] == "error" and "no `reviewed` date" in by_path[ALPHA]["message"]
    assert by_path[BETA]["severity"] == "warning" and "more than 24 months ago" in by_path[BETA]["message"]
    assert by_path[BETA]["line"] == line_of(mini, BETA, "reviewed:")


def test_rules_can_be_turned_down_or_off(mini):
    edit(mini, BETA, "reviewed: 2026-11-01", "reviewed: 2019-01-01")
    assert run_cli("-C", mini, "check", "--strict").code == 1
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nrules: {freshness: 'off'}")
    assert run_cli("-C", mini, "check", "--strict").code == 0
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    edit(mini, PROGRAM, "rules: {freshness: 'off'}", "rules: {freshness: 'off', person-first: warning}")
    result = run_cli("-C", mini, "check")
    assert result.code == 0 and "warning: 'addict'" in result.out


def test_unknown_rule_name_is_an_error(mini):
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nrules: {reading-levle: warning}")
    result = run_cli("-C", mini, "check")
    assert result.code == 1 and "unknown rule 'reading-levle' (did you mean 'reading-level'?)" in result.out


def test_links_and_images_resolve(mini):
    add_to_body(mini, ALPHA, "See [it](cbt-bta.md) and ![a map](map.png) and [NIDA](https://nida.nih.gov/).")
    code, data = check_json(mini)
    messages = {p["message"]: p for p in problems(data, "links")}
    assert "the link points to a module 'cbt-bta' that does not exist" in messages
    assert messages["the link points to a module 'cbt-bta' that does not exist"]["hint"] == "did you mean 'cbt-beta'?"
    assert "the image map.png does not exist" in messages
    (mini / "modules/relapse-prevention/map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(mini, ALPHA, "[it](cbt-bta.md)", "[it](cbt-beta.md)")
    result = run_cli("-C", mini, "check", "--links")
    assert result.code == 0, result.out
    assert f"{ALPHA}:" in result.out and "external link https://nida.nih.gov/" in result.out


def test_completeness(mini):
    edit(mini, ALPHA, "objectives:\n  - Name three of your own triggers\n", "")
    edit(mini, BETA, '!!! discussion "Talk it over (10 min)"', '!!! discussion "Talk it over"')
    edit(mini, "modules/stress/stress-gamma.md", "!!! facilitator", "!!! key-points")
    code, data = check_json(mini)
    found = {(p["path"], p["message"]) for p in problems(data, "completeness")}
    assert (ALPHA, "the module has no objectives") in found
    assert (BETA, "the discussion 'Talk it over' does not say how long it takes") in found
    assert ("modules/stress/stress-gamma.md", "the module has no facilitator notes, though a track uses it for more than 30 minutes") in found


def test_human_output_grouped_by_file_with_summary(mini):
    edit(mini, BETA, "reviewed: 2026-11-01", "reviewed: 2019-01-01")
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    out = run_cli("-C", mini, "check").out.splitlines()
    assert out[0] == BETA.replace("cbt-beta", "cbt-beta") or out[0] in (ALPHA, BETA)
    assert out[-1] == "1 error, 1 warning in 2 files"


def test_bundled_curriculum_passes_strict_check():
    result = run_cli("-C", REPO, "check", "--strict")
    assert result.code == 0, result.out


def test_reading_level_scores_with_the_network_unavailable(tmp_path):
    """textstat would fetch NLTK's CMU dictionary; we must not need the network for it."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network unavailable in this test')\n"
        "class NoNetwork(socket.socket):\n"
        "    connect = connect_ex = sendto = refuse\n"
        "socket.socket = NoNetwork; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from psychoed.readability import score\n"
        "s = score('Cravings come and go. You can ride them out. Call someone you trust.')\n"
        "print(s.grade, s.words)\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    grade, words = done.stdout.split()
    assert 0 < float(grade) < 6 and words == "13"
    assert not (tmp_path / "nltk").exists()


@pytest.mark.parametrize("edition", ["all", "participant", "facilitator"])
def test_build_stops_on_a_content_problem_and_keeps_the_last_good_site(mini, edition):
    # During `build` the checks run in a second process while MkDocs renders.
    before = fingerprint(mini / "site")
    add_to_body(mini, ALPHA, "Some people call themselves an addict.")
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", edition)
    assert result.code == 1, result.text
    assert f"{ALPHA}:{line_of(mini, ALPHA, 'call themselves an addict')}: error: 'addict' is stigmatizing language" in result.err
    assert "nothing was built; the last good site is unchanged" in result.err
    assert "Traceback" not in result.text
    assert fingerprint(mini / "site") == before
    assert leftovers(mini / "site") == [], "a staging folder was left behind"


def test_build_prints_check_warnings_and_strict_turns_them_into_errors(mini):
    edit(mini, BETA, "reviewed: 2026-11-01", "reviewed: 2019-01-01")
    built = run_cli("-C", mini, "build", "--no-pdf")
    assert built.code == 0 and "warning: " in built.err and "more than 24 months ago" in built.err, built.text
    before = fingerprint(mini / "site")
    strict = run_cli("-C", mini, "build", "--no-pdf", "--strict")
    assert strict.code == 1 and "more than 24 months ago" in strict.err, strict.text
    assert fingerprint(mini / "site") == before
