"""The participant site on a phone: Listen reads a lesson with the phone's own voices only, in
English and Spanish, asking nothing of any other address. (The site installed and offline is in
test_workbook.py's flow; a new build replacing it, in test_update.py.)

Listen is tested with a stand-in for speechSynthesis that records what it is asked to say: it
offers a local and a remote (cloud) voice for each language, the remote one the default, so a
page that took the default or any non-local voice would be caught.
"""

from __future__ import annotations

import re

import pytest
from checks import until
from conftest import PHONE

LESSON = "lessons/rp-cravings/"
LANGS = {"en": "", "es": "es/"}

# window.speechSynthesis replaced by a recorder: speak() records the text, language, voice and
# rate, then ends the utterance a moment later, as a voice would.
RECORDER = """
(() => {
  const voices = %s;
  const spoken = [];
  window.__spoken = spoken;
  class Utterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; }
  }
  let current = null;
  const synth = {
    speaking: false, paused: false, pending: false,
    getVoices: () => voices,
    speak(u) {
      spoken.push({
        text: u.text, lang: u.lang, voice: u.voice && u.voice.name,
        local: !!(u.voice && u.voice.localService), rate: u.rate,
      });
      current = u;
      setTimeout(() => { if (current === u) { current = null; u.onend && u.onend({}); } }, window.__slow ? 300 : 2);
    },
    cancel() { const u = current; current = null; if (u && u.onerror) u.onerror({error: "interrupted"}); },
    pause() {}, resume() {},
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
})();
"""
BOTH_VOICES = [
    {"name": "Cloud English", "lang": "en-US", "localService": False, "default": True, "voiceURI": "cloud-en"},
    {"name": "Phone English", "lang": "en-US", "localService": True, "default": False, "voiceURI": "local-en"},
    {"name": "Cloud Spanish", "lang": "es-US", "localService": False, "default": False, "voiceURI": "cloud-es"},
    {"name": "Phone Spanish", "lang": "es-ES", "localService": True, "default": False, "voiceURI": "local-es"},
]
ONLY_CLOUD = [v for v in BOTH_VOICES if not v["localService"]]


@pytest.fixture(scope="module")
def site(bundled_site, serve):
    return serve(bundled_site / "participant")


def phone(browser, voices=None):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    if voices is not None:
        import json

        context.add_init_script(RECORDER % json.dumps(voices))
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    return context


def lesson_text(page) -> str:
    """The lesson as a reader sees it, images as their descriptions: the words Listen must say,
    in order (the Listen controls themselves left out)."""
    return page.evaluate("""() => {
        document.querySelector('[data-psychoed-listen]').style.display = 'none';
        document.querySelectorAll('.md-content__inner img[alt]').forEach(img => img.replaceWith(' ' + img.alt + ' '));
        return document.querySelector('.md-content__inner').innerText;
    }""")


def squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


@pytest.mark.parametrize("lang", LANGS)
def test_listen_reads_the_lesson_in_order_with_a_local_voice(browser, site, lang):
    context = phone(browser, BOTH_VOICES)
    page = context.new_page()
    page.goto(site.url + LANGS[lang] + LESSON)
    assert page.evaluate("window.__spoken.length") == 0  # no autoplay
    assert page.locator(".md-content__inner table").count() >= 1  # read row by row
    # The bundled lessons have no pictures yet: give this one a picture, which is read by its alt.
    page.evaluate("""document.querySelector('.md-content__inner h2').insertAdjacentHTML('beforebegin',
        '<p><img src="data:," alt="A wave that rises, peaks and falls."></p>')""")
    button = page.get_by_role("button", name={"en": "Listen", "es": "Escuchar"}[lang], exact=True)
    button.focus()
    page.keyboard.press("Enter")  # from the keyboard
    until(page, "window.__spoken.length > 20")
    assert page.locator("[data-psychoed-listen] button[aria-pressed=true]").count() == 1
    until(page, "!document.querySelector('[data-psychoed-listen] button[aria-pressed=true]')", 60)
    spoken = page.evaluate("window.__spoken")
    assert {s["voice"] for s in spoken} == {{"en": "Phone English", "es": "Phone Spanish"}[lang]}
    assert all(s["local"] and s["lang"].startswith(lang) for s in spoken)
    said = squash(" ".join(s["text"] for s in spoken))
    title = page.locator(".md-content__inner h1").first.inner_text()
    assert said.startswith(squash(title)), said[:200]
    # Everything the page shows, in the order it shows it (tables row by row, images by alt).
    shown = squash(lesson_text(page).replace("\t", " "))
    assert said.replace(" ", "") == shown.replace(" ", ""), (said, shown)
    assert "a wave that rises peaks and falls" in said
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_listen_pauses_stops_and_stops_when_the_person_leaves(browser, site, lang):
    context = phone(browser, BOTH_VOICES)
    page = context.new_page()
    page.goto(site.url + LANGS[lang] + LESSON)
    page.evaluate("""() => { const s = window.speechSynthesis, speak = s.speak.bind(s);
        s.speak = (u) => { window.__held = u; speak(u); }; }""")
    # Slow the stand-in down so that the page is mid-lesson when the controls are used.
    page.evaluate("window.__slow = true")
    page.locator("[data-psychoed-listen] .psychoed-listen__play").click()
    until(page, "window.__spoken.length >= 3")
    page.locator("[data-psychoed-listen] .psychoed-listen__play").click()  # pause
    count = page.evaluate("window.__spoken.length")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__spoken.length") == count
    assert page.locator(".psychoed-listen__play").inner_text() == {"en": "Go on", "es": "Seguir"}[lang]
    page.locator("[data-psychoed-listen] .psychoed-listen__play").click()  # go on, from the same sentence
    until(page, f"window.__spoken.length > {count}")
    spoken = page.evaluate("window.__spoken")
    assert spoken[count]["text"] == spoken[count - 1]["text"]
    page.locator("[data-psychoed-listen] .psychoed-listen__stop").click()
    stopped = page.evaluate("window.__spoken.length")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__spoken.length") == stopped
    assert page.locator(".psychoed-listen__play").inner_text() == {"en": "Listen", "es": "Escuchar"}[lang]
    # Leaving the page: the speech is cancelled.
    page.locator("[data-psychoed-listen] .psychoed-listen__play").click()
    page.evaluate(
        "window.__cancelled = 0; const c = speechSynthesis.cancel; speechSynthesis.cancel = () => { "
        "window.__cancelled++; c(); }"
    )
    page.evaluate("dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert page.evaluate("window.__cancelled") >= 1
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_listen_without_a_local_voice_says_so_and_speaks_nothing(browser, site, lang):
    context = phone(browser, ONLY_CLOUD)
    page = context.new_page()
    page.goto(site.url + LANGS[lang] + LESSON)
    page.locator("[data-psychoed-listen] .psychoed-listen__play").click()
    message = page.locator("[data-psychoed-listen] [role=status]")
    message.wait_for()
    until(page, "document.querySelector('[data-psychoed-listen] [role=status]').textContent.length > 0")
    text = message.inner_text()
    assert page.evaluate("window.__spoken.length") == 0
    if lang == "en":
        assert "no voice for English" in text and "Text-to-speech" in text and "Spoken Content" in text
    else:
        assert "no tiene una voz en español" in text and "Texto a voz" in text and "Contenido leído" in text
    context.close()
