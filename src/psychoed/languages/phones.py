"""Phone numbers in text, read whole: US forms (555-0177, 505-555-0177, (505) 555-0177,
505.555.0177, +1 505 555 0177, 1-800-QUIT-NOW), international ones (+44 116 123,
+52 55 1234 5678) and short codes after a verb ("call 988", "text HOME to 741741",
"call 116 123"). Each has a key that compares numbers however they are written, and can
become a tap-to-call (`tel:`) or tap-to-text (`sms:`) link."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .records import SOURCE_LANGUAGE, Language, either, patterns

_KEYPAD = {
    letter: str(digit)
    for digit, letters in {2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"}.items()
    for letter in letters
}
_AREA = r"(?:\+?1[-. ]?)?(?:\(\d{3}\)[-. ]?|\d{3}[-. ])"
_WHOLE = re.compile(
    r"(?<![\w+.-])(?:"
    rf"(?P<us>{_AREA}\d{{3}}[-. ]\d{{4}})"  # 505-555-0177, (505) 555-0177, +1 505 555 0177
    rf"|(?P<vanity>{_AREA}(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{{2,4}}-?[A-Z0-9]{{2,7}})"  # 1-800-QUIT-NOW
    r"|(?P<intl>\+\d{1,3}(?:[-. ]\(?\d{1,5}\)?){1,5})"  # +44 116 123, +52 55 1234 5678
    r"|(?P<local>\d{3}[-.]\d{4})"  # 555-0177
    r")(?![\w-]|\.\d)"
)
# Each language's verbs before a short code ("call 988", "text HOME to 741741", "envíe AYUDA al
# 741741") and before a whole number are in its record (data/languages/<code>.yml, `phones:`).
_DIGIT = re.compile(r"\d")
# "por WhatsApp al 442-AYUDAME", "442-AYUDAME (WhatsApp)": a number reached in WhatsApp, not by a call.
_WHATSAPP = re.compile(r"\bwhats\s?app\b", re.I)


@dataclass(frozen=True)
class Phone:
    written: str  # as the text has it
    key: str  # digits (a US number without its leading 1), or + and digits for another country
    start: int
    end: int
    verbs: str = ""  # "call", "text", "call or text" when a verb comes right before it
    keyword: str = ""  # "HOME" in "text HOME to 741741"
    whatsapp: bool = False  # the text says it is a WhatsApp number: a call would not reach the service
    loose: bool = False  # a run of digits `find` did not read as a number (see `loose`)

    @property
    def number(self) -> str:
        """As a tel: or sms: link dials it: a US number with +1."""
        return f"+1{self.key}" if len(self.key) == 10 and self.key.isdigit() else self.key

    @property
    def href(self) -> str:
        if self.whatsapp:  # WhatsApp's own click-to-chat link, with the number in international form
            return "https://wa.me/" + self.number.lstrip("+")
        if "text" in self.verbs.lower() and "call" not in self.verbs.lower():
            return f"sms:{self.number}" + (f"?body={self.keyword}" if self.keyword else "")
        return f"tel:{self.number}"


def key_of(number: str) -> str:
    """The comparable key of a number written on its own ('1-800-QUIT-NOW' -> '8007848669')."""
    digits = "".join(_KEYPAD.get(c, c) for c in number.upper() if c.isalnum())
    if number.strip().startswith("+") and not digits.startswith("1"):
        return "+" + digits
    if len(digits) > 11 and not number.strip().startswith("+"):
        digits = digits[:11] if digits.startswith("1") else digits[:10]  # extra vanity letters are not dialled
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def find(text: str) -> list[Phone]:
    """Every phone number and short code in the text, in order, none inside another."""
    if not _DIGIT.search(text):
        return []  # most lines: the patterns are slow to fail
    found: list[Phone] = []
    for m in _WHOLE.finditer(text):
        if m.group("vanity") and sum(c.isalnum() for c in m.group("vanity")) < 10:
            continue  # "988 TODAY": a vanity number has seven letters or digits after its area code
        before = next(
            (
                b
                for _, pattern in patterns("before_number")
                if (b := pattern.search(text, max(0, m.start() - 40), m.start()))
            ),
            None,
        )
        found.append(
            Phone(
                m.group(0),
                key_of(m.group(0)),
                m.start(),
                m.end(),
                *_verbs(before),
                whatsapp=_in_whatsapp(text, m, found),
            )
        )
    taken = [(p.start, p.end) for p in found]
    for record, pattern in patterns("short_code"):
        for m in pattern.finditer(text):
            start, end = m.span("num")
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append(
                    Phone(
                        m.group("num"),
                        key_of(m.group("num")),
                        start,
                        end,
                        _in_english(m.group("verbs"), record),
                        m.group("keyword") or "",
                    )
                )
    return sorted(found, key=lambda p: p.start)


def _in_whatsapp(text: str, m: re.Match, earlier: list[Phone]) -> bool:
    """WhatsApp is named between the previous number and this one, or right after it."""
    start = earlier[-1].end if earlier else 0
    return bool(_WHATSAPP.search(text, start, m.start()) or _WHATSAPP.match(text[m.end() :].lstrip(" (")))


def _in_english(verbs: str, record: Language) -> str:
    """'llame o envíe' -> 'call or text': what a link to the number does (the source language's
    verbs stay as written)."""
    if record.code == SOURCE_LANGUAGE:
        return verbs
    said = [
        word
        for word in re.findall(r"\w+", verbs)
        if re.fullmatch(f"{record.phones.call}|{record.phones.text}", word, re.I)
    ]
    kinds = ["call" if re.fullmatch(record.phones.call, word, re.I) else "text" for word in said]
    return " or ".join(dict.fromkeys(kinds))


def _verbs(match: re.Match | None) -> tuple[str, str]:
    return (match.group("verbs"), match.group("keyword") or "") if match else ("", "")


def is_allowed(key: str, allowed: Iterable[str]) -> bool:
    """The same number, or a 7-digit local number of an allowed US number."""
    return any(key == a or (len(key) == 7 and len(a) == 10 and a.endswith(key)) for a in allowed)


def near(key: str, allowed: Iterable[str]) -> str | None:
    """An allowed key one edit off (a digit wrong, added, left out, or two neighbours swapped);
    two edits off for a number of seven digits or more."""
    best: tuple[int, str] | None = None
    for a in allowed:
        candidate = a[-7:] if len(key) == 7 and len(a) == 10 else a
        edits = _edits(key, candidate)
        if (
            candidate != key
            and edits <= (2 if min(len(key), len(candidate)) >= 7 else 1)
            and (best is None or edits < best[0])
        ):
            best = (edits, a)
    return best[1] if best else None


def _edits(a: str, b: str) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


# Other spellings of the same characters: dashes and hyphens, spaces, fullwidth digits and signs
# become their ASCII selves; zero-width characters and soft hyphens go. Numbers are read after.
_SAME = {
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    **{
        c: " "
        for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    },
    **{c: None for c in "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"},
    **{chr(0xFF10 + n): str(n) for n in range(10)},
    "\uff0b": "+",
    "\uff08": "(",
    "\uff09": ")",
    "\uff0e": ".",
    "\u2024": ".",
}
_SAME_TABLE = str.maketrans(_SAME)


def normalized(text: str) -> str:
    """The text with numbers in plain ASCII, however they were typed or pasted."""
    return text.translate(_SAME_TABLE) if not text.isascii() else text


# A run of digits with the separators a number is written with: what `find` does not read as a
# number may still be one, grouped oddly ("9 8 8") or with a digit too many ("1-800-662-43577").
_RUN = re.compile(r"(?<![\w/:,.])\(?\d(?:[\d]|[-. ()](?=\(?\d))*\d(?![\w/:%]|[.,]\d)")
# an ISO date (2026-12-07) or a span of years (2025-2030, 2025 - 2030): never a phone number
_DATE = re.compile(r"\(?(?:\d{4}-\d{2}-\d{2}|(?:19|20)\d{2} ?- ?(?:19|20)\d{2})")


def loose(text: str, found: list[Phone]) -> list[Phone]:
    """Digit runs that may be a number but that `find` did not read as one: 7 or more digits, or a
    shorter run after "call"/"text"/"al"."""
    runs = []
    for m in _RUN.finditer(text):
        written, digits = m.group(0), re.sub(r"\D", "", m.group(0))
        if any(p.start < m.end() and m.start() < p.end for p in found) or _DATE.fullmatch(written):
            continue
        after_verb = either("verb_before").search(text, max(0, m.start() - 40), m.start())
        if len(digits) >= 7 or (after_verb and len(digits) >= 3 and written != digits):
            key = digits[1:] if len(digits) >= 11 and digits.startswith("1") else digits
            runs.append(Phone(written, key, m.start(), m.end(), loose=True))
    return runs


def linked(text: str, escape=lambda part: html.escape(part, quote=False), text_label: str = "Text {number}") -> str:
    """The text as HTML, each number a tap-to-call or tap-to-text link.

    In "call or text 988" the number calls and the word "text" texts. `escape` makes the text
    between the links literal: HTML escaping for templates, `literal.md` in generated Markdown.
    """
    out, last = [], 0

    def kept(part: str) -> str:
        return _kept_spaces(part, escape)

    for phone in find(text):
        out.append(kept(text[last : phone.start]))
        verbs = phone.verbs.lower()
        texting = list(either("texting").finditer(out[-1]))
        if "call" in verbs and "text" in verbs and texting:
            head, at = out.pop(), texting[-1]
            out.append(
                f'{head[: at.start()]}<a href="sms:{phone.number}" '
                f'aria-label="{html.escape(text_label.format(number=phone.written))}">{at.group(0)}</a>'
                f"{head[at.end() :]}"
            )
        out.append(f'<a href="{html.escape(phone.href)}">{html.escape(phone.written)}</a>')
        last = phone.end
    out.append(kept(text[last:]))
    return "".join(out)


def _kept_spaces(part: str, escape) -> str:
    """`part` escaped, with the space at either end kept: `literal.md` trims a line's ends, and
    "Call " before a link would otherwise read "Call911"."""
    if not part.strip():
        return " " if part else ""
    lead = " " if part[0].isspace() else ""
    tail = " " if part[-1].isspace() else ""
    return lead + escape(part.strip()) + tail
