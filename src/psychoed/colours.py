"""Colour contrast as WCAG 2.2 defines it, so that a program's brand colours stay readable."""

from __future__ import annotations

WHITE = "#ffffff"
AA_TEXT = 4.5  # WCAG 2.2 AA, 1.4.3: normal-size text


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two #rrggbb colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    try:
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return 0.0  # not #rrggbb (a named colour): treat as dark, so text on it is white
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def darkened(colour: str, against: str = WHITE, ratio: float = AA_TEXT) -> str:
    """The same hue, mixed with black in small steps until it reaches `ratio` against `against`."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    for step in range(101):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02x}" for c in channels)
        if contrast(shade, against) >= ratio:
            return shade
    return "#000000"
