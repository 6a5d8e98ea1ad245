"""The numbers program.yml and program.<lang>.yml give, checked where they are written: the
Crisis Text Line's keyword, each language's crisis lines against program.yml's (the same numbers
in the same order; the lines psychoed knows in a language are filled in), and fictional 555-01xx
numbers, which nobody answers. Rules `crisis-number` and `fictional-number`. Kept free of the
loader: program.py calls it while it reads the files."""

from __future__ import annotations

import re

from ..errors import Report
from ..languages import CrisisLine, language, languages, phones, source

# NANPA keeps 555-0100 to 555-0199 for fiction: in any area code, nobody answers them.
_FICTIONAL = re.compile(r"55501\d\d")


def keyword_problem(phone: phones.Phone, lang: str) -> tuple[str, str] | None:
    """(message, hint) when a text to a known short code carries the wrong keyword."""
    known = {record.english_name: record.keywords[phone.key] for record in languages() if phone.key in record.keywords}
    if not phone.keyword or not known:
        return None
    right = language(lang).keywords.get(phone.key) or source().keywords[phone.key]
    if phone.keyword.upper() in right:
        return None
    each = ", ".join(f"{words[0]} in {name}" for name, words in known.items())
    return (
        f"the keyword {phone.keyword} does not reach the Crisis Text Line at {phone.written}",
        f"write {right[0]}, the line's own keyword in this language ({each})",
    )


def is_fictional(key: str) -> bool:
    return bool(_FICTIONAL.fullmatch(key[-7:])) and len(key) in (7, 10)


def check_program(data, program, shown: str, report: Report) -> None:
    """program.yml: the keywords of its crisis lines, and no fictional number to call."""
    _keywords(data, program.crisis_lines, program.locale, shown, report)
    contact = data.get("contact")
    for phone in phones.find(program.contact.phone):
        if is_fictional(phone.key):
            line = contact.line_of("phone") if hasattr(contact, "line_of") else data.line_of("contact")
            _fictional(shown, line, phone.written, "`contact.phone`", report)
    entries = data.get("allowed_numbers") or []
    for index, (number, _) in enumerate(program.allowed_numbers):
        if is_fictional(phones.key_of(number)):
            _fictional(
                shown,
                _line(entries, index, "number", data, "allowed_numbers"),
                number,
                "an `allowed_numbers` entry",
                report,
            )


def _fictional(shown: str, line, number: str, where: str, report: Report) -> None:
    report.warning(
        shown,
        line,
        f"{where} is {number}, a fictional 555-01xx number: nobody answers it",
        "give the real number people call, or leave it out until you have it",
        rule="fictional-number",
    )


def known_line(line: CrisisLine, lang: str) -> CrisisLine | None:
    """psychoed's own wording of `line` in `lang`, found by its numbers (988, SAMHSA's helpline,
    Crisis Text Line, 911), so a program writes only the lines psychoed does not know."""
    for english, local in zip(source().crisis_lines, language(lang).crisis_lines, strict=False):
        if _numbers(english) == _numbers(line):
            return local
    return None


def matched(english: tuple[CrisisLine, ...], given: tuple[CrisisLine, ...]) -> list[int | None]:
    """For each line program.<lang>.yml gives, the index of program.yml's line it translates.
    As many lines as program.yml: line by line. Fewer: each by its numbers."""
    if len(given) == len(english):
        return list(range(len(given)))
    theirs = [_numbers(line) for line in english]
    return [theirs.index(_numbers(line)) if _numbers(line) in theirs else None for line in given]


def filled(english: tuple[CrisisLine, ...], given: tuple[CrisisLine, ...], lang: str) -> tuple[CrisisLine, ...]:
    """The lines in `lang`, in program.yml's order: the language file's own, else psychoed's,
    else (already reported by check_language) the English line."""
    own = {index: line for line, index in zip(given, matched(english, given), strict=True) if index is not None}
    return tuple(own.get(index) or known_line(line, lang) or line for index, line in enumerate(english))


def check_language(
    data, english: tuple[CrisisLine, ...], given: tuple[CrisisLine, ...], lang: str, shown: str, report: Report
) -> None:
    """program.<lang>.yml's crisis lines: each reaches the numbers of a line of program.yml, in
    program.yml's order; a line psychoed does not know in `lang` needs one."""
    _keywords(data, given, lang, shown, report)
    entries = data.get("crisis_lines") or []
    indexes = matched(english, given)
    if len(given) == len(english):
        _line_by_line(data, entries, english, given, shown, report)
    for index, (line, at) in enumerate(zip(given, indexes, strict=True)):
        if len(given) == len(english):
            break
        where = _line(entries, index, "reach", data, "crisis_lines")
        if at is None:
            report.error(
                shown,
                where,
                f"crisis line {index + 1} ({line.label}) reaches {', '.join(_shown(line)) or 'no number'}, which no "
                "line of program.yml reaches",
                "give the same number(s) as a line of program.yml: "
                + "; ".join(f"{e.label}: {', '.join(_shown(e))}" for e in english),
                rule="crisis-number",
            )
        elif index and (before := indexes[index - 1]) is not None and at < before:
            report.error(
                shown,
                where,
                f"crisis line {index + 1} ({line.label}) comes before line {index} ({given[index - 1].label}) in "
                "program.yml",
                "put the lines in program.yml's order",
                rule="crisis-number",
            )
    _untranslated(data, english, set(indexes), lang, shown, report)


def _line_by_line(data, entries, english, local, shown: str, report: Report) -> None:
    theirs = [_numbers(line) for line in english]
    for index, (line, want) in enumerate(zip(local, theirs, strict=True)):
        have = _numbers(line)
        if have == want:
            continue
        hint = (
            "put the lines in program.yml's order"
            if have in theirs
            else f"write the number(s) of program.yml's line {index + 1} ({english[index].label}): "
            f"{', '.join(_shown(english[index]))}"
        )
        report.error(
            shown,
            _line(entries, index, "reach", data, "crisis_lines"),
            f"crisis line {index + 1} ({line.label}) reaches {', '.join(_shown(line)) or 'no number'}, but line "
            f"{index + 1} of program.yml ({english[index].label}) reaches {', '.join(_shown(english[index]))}",
            hint,
            rule="crisis-number",
        )


def _untranslated(data, english, given: set, lang: str, shown: str, report: Report) -> None:
    """Each line of program.yml that neither the language file nor psychoed has in `lang`: one
    message, with the YAML to paste (the English words, to translate)."""
    missing = [line for index, line in enumerate(english) if index not in given and known_line(line, lang) is None]
    if not missing:
        return
    name = language(lang).english_name
    paste = "".join(
        f"\n  - label: {_quoted(line.label)}\n    reach: {_quoted(line.reach)}"
        + (f"\n    note: {_quoted(line.note)}" if line.note else "")
        for line in missing
    )
    listed = "; ".join(f"{line.label} ({', '.join(_shown(line)) or line.reach})" for line in missing)
    where = data.line_of("crisis_lines") if "crisis_lines" in data else None
    some = "lines" if len(missing) > 1 else "line"
    report.error(
        shown,
        where,
        f"the {name} pages need program.yml's crisis {some} {listed} in {name}; psychoed knows only 988, SAMHSA's "
        f"helpline, Crisis Text Line and 911 in {name}",
        f"paste this under `crisis_lines:` in {shown} and put its words in {name} (the lines psychoed knows need no "
        f"entry):{paste}",
        rule="translation",
    )


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _keywords(data, lines: tuple[CrisisLine, ...], lang: str, shown: str, report: Report) -> None:
    entries = data.get("crisis_lines") or []
    for index, line in enumerate(lines):
        for phone in phones.find(line.reach):
            problem = keyword_problem(phone, lang)
            if problem:
                report.error(
                    shown, _line(entries, index, "reach", data, "crisis_lines"), *problem, rule="crisis-number"
                )


def same_service() -> dict[str, str]:
    """Another way into a service, printed in one language only (Crisis Text Line's Spanish
    WhatsApp beside its 741741) -> the service's number. It may stand beside that number."""
    return {phones.key_of(other): number for record in languages() for other, number in record.same_service.items()}


def _numbers(line: CrisisLine) -> tuple[str, ...]:
    keys = tuple(dict.fromkeys(p.key for p in phones.find(line.reach)))
    return tuple(k for k in keys if same_service().get(k) not in keys)


def _shown(line: CrisisLine) -> list[str]:
    return list(dict.fromkeys(p.written for p in phones.find(line.reach)))


def _line(entries, index: int, key: str, data, section: str) -> int:
    """The line of `key` in entry `index` of a list setting, else of the entry, else of the list."""
    entry = entries[index] if index < len(entries) else None
    if entry is not None and hasattr(entry, "line_of"):
        return entry.line_of(key)
    return entries.line_of(index) if hasattr(entries, "line_of") else data.line_of(section)
