"""A QR code of a lesson's address on its paper handout: scanning the worksheet in your hand
opens the lesson on the phone, where it can be read aloud or filled in.

Drawn by segno (a maintained library with no other packages) as SVG: vector art that prints
sharp at any size. It goes into the PDF's HTML as an <img> of a data: address, so that
WeasyPrint tags it as a /Figure whose /Alt is the image's alt text. The short address is
printed under it. Large print gets a larger code. Without `site_url` in mkdocs.yml there is no
address to print, and `psychoed check` says so (rule qr-no-site-url).
"""

from __future__ import annotations

import base64
import html

from ..languages.words import words

SIZE_MM = {False: 22, True: 34}  # the printed code, normal and large print


def lesson_address(site_url: str, lang: str, source_lang: str, module_id: str) -> str:
    """The lesson's page on the participant site: <site_url>[<lang>/]lessons/<id>/."""
    folder = "" if lang == source_lang else f"{lang}/"
    return f"{site_url.rstrip('/')}/{folder}lessons/{module_id}/"


def short_address(address: str) -> str:
    """The address as people type it: no scheme, no `www.`, no closing slash."""
    short = address.split("://", 1)[-1].removeprefix("www.")
    return short.rstrip("/")


def qr_block(address: str, lang: str, large: bool) -> str:
    """The code and the short address under it, as HTML for the handout."""
    import segno

    svg = segno.make(address, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=False)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    short = short_address(address)
    alt = words(lang)("qr_alt", address=short)
    size = SIZE_MM[large]
    return (
        f'<div class="lesson-qr"><img src="{uri}" alt="{html.escape(alt, quote=True)}" '
        f'style="width:{size}mm;height:{size}mm"><p class="lesson-qr__address">{html.escape(short)}</p></div>'
    )
