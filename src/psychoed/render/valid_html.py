"""Valid HTML from Material's templates: fixes the templates cannot make themselves.

Material's menu and search toggles carry autocomplete="off" (so Firefox does not restore them
when someone goes back a page), which HTML allows on text inputs, not on checkboxes (the Nu
HTML Checker's error). They sit in Material's base.html outside any block that a template
override could replace, so the attribute is taken out of the written page; overrides/main.html
closes both toggles when a page comes back from the browser's cache instead.

MkDocs gives the 404 page links that start at the server's root, where it assumes the site is.
Another language's site is a folder in the edition (`extra.psychoed.folder`, es/): its error
page's links start there (`error_page_links`).

The psychoed plugin calls both. This file imports nothing of psychoed's, so that
`psychoed export` can copy it into a plain project as an MkDocs hook (`hooks:` in mkdocs.yml):
the exported site's pages then match psychoed's.
"""

from __future__ import annotations

import re

_TOGGLES = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") '
    r'autocomplete="off">'
)


def valid_toggles(html: str) -> str:
    return _TOGGLES.sub(r"\1>", html, count=2)


def on_post_page(output: str, **kwargs) -> str:  # MkDocs hook
    return valid_toggles(output)


def on_post_template(output: str, *, template_name: str, **kwargs) -> str:  # MkDocs hook: the 404 page
    return valid_toggles(output) if template_name == "404.html" else output


def error_page_links(context, template_name: str, config):
    folder = (config.extra.get("psychoed") or {}).get("folder")
    if template_name == "404.html" and folder:
        context["base_url"] = f"{context['base_url'].rstrip('/')}/{folder}"
    return context


def on_template_context(context, *, template_name: str, config, **kwargs):  # MkDocs hook
    return error_page_links(context, template_name, config)
