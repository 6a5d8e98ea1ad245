"""`psychoed check`: one failing and one passing case per content rule, and the output formats."""

from __future__ import annotations

import json
import os
import re
import shutil
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
        "hint": (
            "say 'person with a substance use disorder' instead (source: NIDA, Words Matter - Terms to Use and Avoid "
            "When Talking About Addiction (2021)); to keep it, add <!-- allow: addict --> to the line"
        ),
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
    assert re.fullmatch(
        r"reading level is over the limit: Flesch-Kincaid grade [\d.]+ \(limit 8\), SMOG [\d.]+ \(limit 8\)",
        p["message"],
    ), p["message"]
    assert (
        "Neurobiological adaptations" in p["hint"] and "fewer words of three or more syllables, such as: " in p["hint"]
    )


def test_reading_level_follows_the_programs_smog_limit(mini):
    assert check_json(mini)[0] == 0
    edit(
        mini, PROGRAM, "stock_library: false", "stock_library: false\nreading_level: {en: {max_grade: 12, max_smog: 4}}"
    )
    code, data = check_json(mini)
    messages = [p["message"] for p in problems(data, "reading-level")]
    assert code == 1 and messages and all("(limit 12)" in m and "(limit 4)" in m for m in messages)


def test_text_is_scored_as_a_reader_meets_it():
    from psychoed.checks.readability import sentences

    text = (
        "## What helps\n\nWhen a craving comes, you can:\n\n- Call a friend\n- Go for a walk\n- Drink water\n\n"
        "Steps:\n\n1. Stop.\n2. Breathe slowly.\n\n| Trigger | What I do |\n|---|---|\n| Payday | Pay bills first |\n\n"
        "- A long item that\n  wraps onto the next line\n"
    )
    assert sentences(text) == [
        "What helps.",
        "When a craving comes, you can call a friend, go for a walk, drink water.",
        "Steps.",
        "Stop.",
        "Breathe slowly.",
        "Trigger, What I do.",
        "Payday, Pay bills first.",
        "A long item that wraps onto the next line.",
    ]


def test_reading_level_ignores_facilitator_notes_and_follows_program_limit(mini):
    edit(mini, ALPHA, "FACILITATOR-MARKER-7Q", "FACILITATOR-MARKER-7Q " + HARD)
    assert check_json(mini)[0] == 0
    edit(
        mini, PROGRAM, "stock_library: false", "stock_library: false\nreading_level: {en: {max_grade: 1, max_smog: 1}}"
    )
    code, data = check_json(mini)
    assert code == 1 and {p["path"] for p in problems(data, "reading-level")} == {
        ALPHA,
        BETA,
        "modules/stress/stress-gamma.md",
    }


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
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\navoid_terms:\n  - {term: drug seeker, use: person seeking help}",
    )
    add_to_body(mini, BETA, "Nobody here is a drug seeker.")
    code, data = check_json(mini)
    [p] = problems(data, "person-first")
    assert p["path"] == BETA and "person seeking help" in p["hint"]


def test_crisis_numbers_must_be_the_programs(mini):
    add_to_body(mini, ALPHA, "Call 1-800-273-8255 any time. Or call or text 988 and press 1.")
    code, data = check_json(mini)
    messages = [p["message"] for p in problems(data, "crisis-number")]
    assert "the number 1-800-273-8255 is not one of the program's crisis lines or allowed numbers" in messages
    assert "988 menu options ('press 1') are not printed, except 'press 2' for Spanish" in messages
    assert "Call or text 988" in problems(data, "crisis-number")[0]["hint"]


@pytest.mark.parametrize(
    "text,number",
    [
        ("Call or text 505-555-0177 any time.", "505-555-0177"),
        ("Call (505) 555-0177.", "(505) 555-0177"),
        ("Call 505.555.0177.", "505.555.0177"),
        ("Call +1 505 555 0177.", "+1 505 555 0177"),
        ("Call 555-0177.", "555-0177"),
        ("Call 1-800-QUIT-NOW.", "1-800-QUIT-NOW"),
        ("Call +44 116 123.", "+44 116 123"),
        ("In Mexico, call +52 55 1234 5678.", "+52 55 1234 5678"),
        ("Call 116 123.", "116 123"),
    ],
)
def test_phone_numbers_are_read_whole(mini, text, number):
    add_to_body(mini, ALPHA, text)
    code, data = check_json(mini)
    assert code == 1
    assert [p["message"] for p in problems(data, "crisis-number")] == [
        f"the number {number} is not one of the program's crisis lines or allowed numbers"
    ]


def test_numbers_of_the_program_pass_and_a_near_miss_gets_did_you_mean(mini):
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\ncontact: {phone: (505) 555-0100}\nallowed_numbers:\n"
        "  - {number: 505-555-0177, label: Peer line}\n  - {number: 1-800-784-8669, label: 1-800-QUIT-NOW}\n  - "
        "{number: +44 116 123, label: Samaritans}",
    )
    add_to_body(
        mini,
        ALPHA,
        "Call or text 505-555-0177, or 555-0177 from town. The front desk is 505.555.0100. "
        "Call 1-800-QUIT-NOW or +44 116 123.",
    )
    assert check_json(mini)[0] == 0
    add_to_body(mini, BETA, "Call 505-555-0171, 1-800-662-4375 or 505-555-0717.")
    code, data = check_json(mini)
    hints = {p["message"].split()[2]: p["hint"] for p in problems(data, "crisis-number")}
    assert hints == {
        "505-555-0171": "did you mean 505-555-0177 (Peer line)?",
        "1-800-662-4375": "did you mean 1-800-662-4357 (SAMHSA National Helpline)?",
        "505-555-0717": "did you mean 505-555-0177 (Peer line)?",
    }


def test_988_in_spanish_is_allowed_and_retired_options_are_not(mini):
    add_to_body(
        mini, ALPHA, "En español: llame al 988 y oprima 2. In Spanish, call 988 and press 2, or text AYUDA to 988."
    )
    assert check_json(mini)[0] == 0
    add_to_body(mini, BETA, "LGBTQ+ youth can call 988 and press 3. Or text PRIDE to 988.")
    code, data = check_json(mini)
    messages = [p["message"] for p in problems(data, "crisis-number")]
    assert messages == [
        "988's 'press 3' option (LGBTQ+ youth) ended on 2025-07-17",
        "988's 'text pride' option (LGBTQ+ youth text) ended on 2025-07-17",
    ]
    assert "SAMHSA" in problems(data, "crisis-number")[0]["hint"]


def test_listed_crisis_numbers_pass(mini):
    add_to_body(mini, ALPHA, "Call or text 988. Call 1-800-662-4357. Text HOME to 741741. Call 911.")
    assert check_json(mini)[0] == 0


def test_program_allows_its_own_numbers(mini):
    add_to_body(mini, ALPHA, "For free help to quit smoking, call 1-800-784-8669.")
    code, data = check_json(mini)
    assert code == 1 and "the number 1-800-784-8669 is not one of the program's crisis lines or allowed numbers" in [
        p["message"] for p in problems(data, "crisis-number")
    ]
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\nallowed_numbers:\n  - {number: 1-800-784-8669, label: 1-800-QUIT-NOW}",
    )
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
    assert (
        "modules/stress/stress-gamma.md",
        "the module has no facilitator notes, though a track uses it for more than 30 minutes",
    ) in found


def test_human_output_grouped_by_file_with_summary(mini):
    edit(mini, BETA, "reviewed: 2026-11-01", "reviewed: 2019-01-01")
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    out = run_cli("-C", mini, "check").out.splitlines()
    assert out[0] == BETA.replace("cbt-beta", "cbt-beta") or out[0] in (ALPHA, BETA)
    assert out[-1] == "1 error, 1 warning in 2 files"


def test_bundled_curriculum_passes_check_with_only_its_waivers():
    """The bundled program.yml waives the rules its tracks fail until issue 15 rewrites them;
    nothing else may warn or fail."""
    import yaml

    waived = {
        rule
        for rule, level in (yaml.safe_load((REPO / PROGRAM).read_text()).get("rules") or {}).items()
        if level == "warning"
    }
    code, data = check_json(REPO)
    assert code == 0, data["problems"][:5]
    assert {p["rule"] for p in data["problems"]} <= waived, [p for p in data["problems"] if p["rule"] not in waived][:5]


def test_reading_level_scores_with_the_network_unavailable(tmp_path):
    """textstat would fetch NLTK's CMU dictionary; we must not need the network for it."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network unavailable in this test')\n"
        "class NoNetwork(socket.socket):\n"
        "    connect = connect_ex = sendto = refuse\n"
        "socket.socket = NoNetwork; socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from psychoed.checks.readability import score\n"
        "s = score('Cravings come and go. You can ride them out. Call someone you trust.')\n"
        "print(s.flesch_kincaid, s.words)\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    grade, words = done.stdout.split()
    assert -3 < float(grade) < 6 and words == "13"
    assert not (tmp_path / "nltk").exists()


@pytest.mark.parametrize("edition", ["all", "participant", "facilitator"])
def test_build_stops_on_a_content_problem_and_keeps_the_last_good_site(mini, edition):
    # During `build` the checks run in a second process while MkDocs renders.
    before = fingerprint(mini / "site")
    add_to_body(mini, ALPHA, "Some people call themselves an addict.")
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", edition)
    assert result.code == 1, result.text
    assert (
        f"{ALPHA}:{line_of(mini, ALPHA, 'call themselves an addict')}: error: 'addict' is stigmatizing language"
        in result.err
    )
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


def test_template_placeholders_are_errors_and_the_title_reads_as_a_title(mini):
    assert run_cli("-C", mini, "new", "module", "cbt/cbt-thought-log").code == 0
    path = mini / "modules/cbt/cbt-thought-log.md"
    assert "title: Thought Log\n" in path.read_text()
    code, data = check_json(mini)
    found = problems(data, "placeholder")
    assert code == 1 and {p["path"] for p in found} == {"modules/cbt/cbt-thought-log.md"}
    texts = {p["message"].split('"')[1] for p in found}
    for expected in (
        "One plain sentence that tells a participant what this lesson is about.",
        "The first thing to remember",
        "Tell the group what to do, step by step.",
        "A title for the worksheet",
        "One thing I learned today:",
        "**How to open:** ...",
        "Author or agency. Title of a public clinical source. Publisher, year.",
    ):
        assert expected in texts, texts
    lines = path.read_text().splitlines()
    for p in found:
        assert p["message"].split('"')[1].split(":")[0].strip("*") in lines[p["line"] - 1] or p["line"] <= 12, p
    # Each placeholder replaced (here: the whole body): nothing left to report.
    text = path.read_text()
    front = text.split("---\n")[1]
    for old, new in (
        ("One plain sentence that tells a participant what this lesson is about.", "How to log a thought."),
        ("Name one thing a participant will be able to do after this lesson", "Log one thought"),
        (
            "Author or agency. Title of a public clinical source. Publisher, year.",
            "NIDA. Drugs, Brains, and Behavior, 2020.",
        ),
    ):
        front = front.replace(old, new)
    body = FIXTURE_BODY
    path.write_text(f"---\n{front}---\n{body}")
    code, data = check_json(mini)
    assert problems(data, "placeholder") == [], problems(data, "placeholder")


FIXTURE_BODY = """Write down a thought when it comes.

!!! activity "Practice: log one thought (10 min)"
    Write one thought from today.

!!! facilitator "Facilitator notes"
    **How to open:** ask who kept a log before.

/// handout | My thought log
One thought I had: ______________________
///
"""


def test_link_to_a_hidden_lesson_is_reported_and_shown_as_text(mini):
    from test_validation import add_module

    add_module(mini, "stress-delta")
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nhide: {modules: [stress-delta]}")
    add_to_body(mini, ALPHA, "See [the delta lesson](stress-delta.md) too.")
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    line = line_of(mini, ALPHA, "[the delta lesson]")
    assert result.code == 1
    assert (
        f"{ALPHA}:{line}: error: the link points to the lesson 'stress-delta', which the site does not have "
        f"(program.yml hides it); the page shows the link's text without a link (link a lesson the site has"
        in result.err
    ), result.err
    assert fingerprint(mini / "site") == before
    # Turned down, the build goes on and the page shows the text without a dead link.
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nrules: {hidden-link: warning}")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 0, result.text
    assert "WARNING" not in result.err  # MkDocs found no dead link
    for edition in ("participant", "facilitator"):
        page = (mini / f"site/{edition}/lessons/rp-alpha/index.html").read_text()
        assert "See the delta lesson too." in page and "stress-delta" not in page
        session = (mini / f"site/{edition}/tracks/mini-track/session-01/index.html").read_text()
        assert "stress-delta" not in session


def test_crisis_and_contact_numbers_are_tap_to_call_or_text(mini):
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\ncontact: {phone: 505-555-0100}")
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant").code == 0
    site = mini / "site/participant"
    for page in ("index.html", "crisis/index.html", "lessons/rp-alpha/index.html"):
        html = (site / page).read_text()
        assert '<a href="tel:988">988</a>' in html, page  # banner and footer on every page
        assert '<a href="sms:988" aria-label="Text 988">text</a>' in html, page
        assert '<a href="sms:741741?body=HOME">741741</a>' in html, page
        assert '<a href="tel:+18006624357">1-800-662-4357</a>' in html and '<a href="tel:911">911</a>' in html, page
    assert '<a href="tel:+15055550100">505-555-0100</a>' in (site / "crisis/index.html").read_text()


NEW_CONTENT_RULES = [
    (
        "placeholder",
        lambda r: add_to_body(r, ALPHA, "Tell the group what to do, step by step."),
        "Tell the group what to do",
        r"error: the module still holds the template's placeholder \"Tell the group what to do, step by step.\"",
    ),
    (
        "crisis-number-whole",
        lambda r: add_to_body(r, ALPHA, "Call or text 505-555-0177."),
        "505-555-0177",
        r"error: the number 505-555-0177 is not one of the program's crisis lines or allowed numbers",
    ),
    (
        "crisis-number-near-miss",
        lambda r: add_to_body(r, ALPHA, "Call 1-800-662-4375."),
        "1-800-662-4375",
        r"\(did you mean 1-800-662-4357 \(SAMHSA National Helpline\)\?\)",
    ),
    (
        "988-retired-option",
        lambda r: add_to_body(r, ALPHA, "Call 988 and press 3."),
        "press 3",
        r"error: 988's 'press 3' option \(LGBTQ\+ youth\) ended on 2025-07-17",
    ),
    (
        "reading-level-smog",
        lambda r: (
            edit(r, PROGRAM, "stock_library: false", "stock_library: false\nreading_level: {en: {max_smog: 5}}"),
            add_to_body(
                r, ALPHA, "Medication, counseling, community, and accountability are important opportunities. " * 3
            ),
        ),
        None,
        r"error: reading level is over the limit: Flesch-Kincaid grade [\d.]+ \(limit 8\), SMOG [\d.]+ \(limit 5\)",
    ),
]


@pytest.mark.parametrize(
    "change,needle,pattern", [c[1:] for c in NEW_CONTENT_RULES], ids=[c[0] for c in NEW_CONTENT_RULES]
)
def test_new_content_rules_stop_the_build_and_keep_the_last_good_site(mini, change, needle, pattern):
    before = fingerprint(mini / "site")
    change(mini)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and "Traceback" not in result.text, result.text
    assert re.search(pattern, result.err), result.err
    line = line_of(mini, ALPHA, needle) if needle else None
    assert re.search(rf"{ALPHA}:{line or '[0-9]+'}: error: ", result.err), result.err
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize(
    "text,hint",
    [
        ("Call 1\u20138OO\u2013662\u20134375.", None),  # en dashes, and letters O for zeros: not read as the line
        ("Call 1\u2013800\u2013662\u20134375.", "did you mean 1-800-662-4357"),  # en dashes
        ("Call 1\u2011800\u2011662\u20114375.", "did you mean 1-800-662-4357"),  # non-breaking hyphens
        ("Call 1\u00a0800\u00a0662\u00a04375.", "did you mean 1-800-662-4357"),  # no-break spaces
        ("Call 1-800-66\u200b2-4375.", "did you mean 1-800-662-4357"),  # a zero-width space
        ("Text HOME to \uff17\uff14\uff11\uff17\uff14\uff12.", "did you mean 741741"),  # fullwidth digits
        ("Call 1-800-662-43577 now.", "did you mean 1-800-662-4357"),  # a digit too many
        ("Call 1-800-662-435 now.", "did you mean 1-800-662-4357"),  # a digit too few
        ("Call 1.800.662.4375.", "did you mean 1-800-662-4357"),  # dots
        ("Call 9888 now.", "did you mean 988"),
        ("Call 1-800-662-4537.", "did you mean 1-800-662-4357"),  # two digits off
    ],
)
def test_wrong_numbers_in_other_spellings_are_caught(mini, text, hint):
    add_to_body(mini, ALPHA, text)
    code, data = check_json(mini)
    found = problems(data, "crisis-number")
    assert code == 1 and found, text
    if hint:
        assert any(p["hint"].startswith(hint) for p in found), (text, found)


@pytest.mark.parametrize("text", ["Call 9 8 8 now.", "Call 1-8006-62-4357."])
def test_a_right_number_grouped_oddly_is_an_error(mini, text):
    add_to_body(mini, ALPHA, text)
    [p] = problems(check_json(mini)[1], "crisis-number")
    assert "grouped in an odd way" in p["message"] and p["line"]


def test_the_right_numbers_in_other_spellings_pass(mini):
    add_to_body(
        mini,
        ALPHA,
        "Call 1\u2011800\u2011662\u20114357. Call 9\u200b11. Text HOME to \uff17\uff14\uff11\uff17\uff14\uff11. "
        "On 2026-10-01 we met 3 times for 90 minutes. The guidelines for 2025-2030 say so, and (2025-2030) too.",
    )
    assert check_json(mini)[0] == 0


@pytest.mark.parametrize("text,right", [("Text HELLO to 741741.", "HOME"), ("Text AYUDA to 741741.", "HOME")])
def test_the_crisis_text_line_keyword_is_checked(mini, text, right):
    add_to_body(mini, ALPHA, text)
    [p] = problems(check_json(mini)[1], "crisis-number")
    assert "does not reach the Crisis Text Line" in p["message"] and p["hint"].startswith(f"write {right}")


def test_a_wrong_keyword_in_program_yml_is_an_error_at_its_line(mini):
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\ncrisis_lines:\n  - {label: 988, reach: Call or text 988}\n"
        "  - label: Crisis Text Line\n    reach: Text HELLO to 741741",
    )
    code, data = check_json(mini)
    [p] = problems(data, "crisis-number")
    assert (
        code == 1
        and p["path"] == PROGRAM
        and p["line"] == line_of(mini, PROGRAM, "reach: Text HELLO")
        and "HOME" in p["hint"]
    )


def test_a_fictional_555_01xx_number_gets_a_warning(mini):
    edit(
        mini,
        PROGRAM,
        "stock_library: false",
        "stock_library: false\ncontact: {phone: (505) 555-0100}\nallowed_numbers:\n"
        "  - {number: 555-0199, label: Peer line}\n  - {number: 505-555-0200, label: Front desk}",
    )
    code, data = check_json(mini)
    found = problems(data, "fictional-number")
    assert [p["severity"] for p in found] == ["warning", "warning"] and code == 0
    assert "(505) 555-0100" in found[0]["message"] and "nobody answers it" in found[0]["message"]
    assert found[0]["line"] == line_of(mini, PROGRAM, "contact: {phone") and found[1]["line"] == line_of(
        mini, PROGRAM, "555-0199"
    )
    assert run_cli("-C", mini, "check", "--strict").code == 1


US_LINES = (
    "  - {label: 988 Suicide & Crisis Lifeline, reach: Call or text 988}\n"
    "  - {label: SAMHSA National Helpline, reach: Call 1-800-662-4357}\n"
    "  - {label: Crisis Text Line, reach: Text HOME to 741741}\n"
    "  - {label: Emergency, reach: Call 911}\n"
)


def crisis_lines(extra: int) -> str:
    """program.yml's US lines and `extra` long local ones after them."""
    local = "".join(
        f"  - {{label: Harbor Light after-hours counselling line for adults and families {n}, "
        f"reach: Call 207-555-20{n:02d} any evening or weekend}}\n"
        for n in range(extra)
    )
    return "crisis_lines:\n" + US_LINES + local


def test_crisis_lines_that_fit_no_wallet_card_stop_check_and_build(mini):
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\n" + crisis_lines(2))
    assert run_cli("-C", mini, "check").code == 0  # six lines fit, in smaller type
    edit(mini, PROGRAM, crisis_lines(2), crisis_lines(8))
    line = line_of(mini, PROGRAM, "crisis_lines:")
    message = (
        f"{PROGRAM}:{line}: error: the crisis lines do not fit on a wallet card (3.5 x 2 in), even in 6 pt type "
        "(12 lines, "
    )
    hint = "(shorten the lines' `label` and `reach` (the card leaves the note off), or list fewer lines)"
    result = run_cli("-C", mini, "check")
    assert result.code == 1 and message in result.out and hint in result.out, result.out
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and message in result.err and "Traceback" not in result.text, result.text
    assert fingerprint(mini / "site") == before and leftovers(mini / "site") == []


def test_spanish_crisis_lines_that_fit_no_card_are_named_in_program_es_yml(tmp_path):
    """The Spanish card has its own wording: lines of program.es.yml too long for a card are an
    error at their line there, named as the Spanish card."""
    from helpers import FIXTURES
    from test_spanish import lay_spanish

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    lay_spanish(root)
    edit(root, PROGRAM, "stock_library: false", "stock_library: false\n" + crisis_lines(3))
    spanish = root / "curriculum/program.es.yml"
    local = "".join(
        f"  - {{label: Línea de consejería nocturna de Harbor Light para adultos y familias {n}, "
        f"reach: Llame al 207-555-20{n:02d} cualquier noche o fin de semana}}\n"
        for n in range(3)
    )
    spanish.write_text(spanish.read_text() + "crisis_lines:\n" + local)
    assert run_cli("-C", root, "check").code == 0  # English: seven lines fit
    longer = spanish.read_text().replace("fin de semana", "fin de semana y también los días feriados del año")
    spanish.write_text(longer)
    result = run_cli("-C", root, "check")
    line = line_of(root, "curriculum/program.es.yml", "crisis_lines:")
    assert result.code == 1, result.out
    assert (
        f"curriculum/program.es.yml:{line}: error: the crisis lines do not fit on a wallet card (3.5 x 2 in) in "
        "Spanish, even in 6 pt type"
    ) in result.out, result.out
