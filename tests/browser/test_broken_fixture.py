"""The checks catch what they are for: a fixture page with an image without alt text and a
script from another host fails them, with messages that name the page and the rule."""

from __future__ import annotations

import re
import shutil

import pytest
from checks import axe_sweep, foreign_requests, new_context
from conftest import COMBOS, EDITIONS, own_styling
from helpers import FIXTURES, run_cli

BROKEN = "about/broken-page/"


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    """The mini fixture with tests/fixtures/broken-a11y laid over it."""
    root = tmp_path_factory.mktemp("broken") / "program"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(FIXTURES / "broken-a11y", root, dirs_exist_ok=True)
    result = run_cli("-C", root, "build", "--no-pdf")
    assert result.code == 0, result.text
    # Every page's Content-Security-Policy would block the script before it is requested: take it
    # off the broken page, so that the sweep's own request log is what must catch it.
    for edition in EDITIONS:
        page = root / "site" / edition / BROKEN / "index.html"
        html, found = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text())
        assert found == 1, page
        page.write_text(html)
    return root / "site"


@pytest.fixture(scope="module")
def checked(browser, serve, broken_site):
    """The same sweep as for the bundled site, on the broken page and two good ones per edition."""
    found = {}
    for edition in EDITIONS:
        server = serve(broken_site / edition)
        context = new_context(browser, COMBOS["phone-light"], allowed=(server.url,), axe=True)
        urls = {f"{edition}/{path}": server.url + path for path in ("", "lessons/rp-alpha/", BROKEN)}
        # The bundled sweep's choice of pages for colour contrast: only those with styling of their own.
        contrast = lambda name: own_styling(broken_site, name)  # noqa: E731
        for name, result in axe_sweep(context, urls, "phone, light", contrast).items():
            found[name] = (result.axe, foreign_requests(result.requests, (server.url,), name))
        context.close()
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_image_without_alt_text_fails_axe_naming_page_and_rule(checked, edition):
    axe, _ = checked[f"{edition}/{BROKEN}"]
    assert any(
        m.startswith(f"{edition}/{BROKEN} [phone, light]: axe image-alt (critical): Images must have alternative text")
        for m in axe
    ), axe


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_page_with_colours_of_its_own_gets_the_contrast_check(checked, broken_site, edition):
    axe, _ = checked[f"{edition}/{BROKEN}"]
    assert any(f"{edition}/{BROKEN} [phone, light]: axe color-contrast (serious)" in m for m in axe), axe
    assert not own_styling(broken_site, f"{edition}/lessons/rp-alpha/")  # its kind's sample stands for it


@pytest.mark.parametrize("edition", EDITIONS)
def test_script_from_another_host_fails_privacy_naming_page_and_rule(checked, edition):
    _, foreign = checked[f"{edition}/{BROKEN}"]
    assert foreign == [f"{edition}/{BROKEN}: privacy-other-host: the page asked for https://cdn.example.com/tracker.js"]


def test_the_other_pages_pass_so_the_failures_are_the_broken_page_alone(checked):
    failing = sorted(name for name, (axe, foreign) in checked.items() if axe or foreign)
    assert failing == sorted(f"{edition}/{BROKEN}" for edition in EDITIONS)
    assert len(checked) == 6
