/* Listen: a lesson read aloud by the phone's own voices, sentence by sentence.

   Privacy first: only voices the browser marks `localService` speak. A voice that is not local
   may send the text to a server (some browsers offer cloud voices), so without a local voice for
   the page's language nothing is spoken: the page says so and how to add a voice. Nothing
   starts by itself; it stops when the person leaves the page. The controls are real buttons
   and a labelled select; the words come from the page (data-words, in the page's language).
   Pause cancels and speaks the sentence again on resume: speechSynthesis.pause() is unreliable
   on Android. */
(function () {
  "use strict";
  var box = document.querySelector("[data-psychoed-listen]");
  var synth = window.speechSynthesis;
  if (!box || !synth || !window.SpeechSynthesisUtterance) return;
  var words = JSON.parse(box.getAttribute("data-words") || "{}");
  var lang = (document.documentElement.lang || "en").toLowerCase();
  var content = document.querySelector(".md-content__inner");
  var LEAF = /^(H[1-6]|P|DT|DD|FIGCAPTION|CAPTION|SUMMARY|BLOCKQUOTE|PRE)$/;
  var SKIP = "script, style, template, noscript, nav, form button, .headerlink, .md-source-file, [aria-hidden=true], [hidden], [data-psychoed-listen], .md-content__button";
  var state = {sentences: [], at: 0, playing: false, run: 0, voice: null};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  var play = el("button", {type: "button", "class": "md-button psychoed-listen__play"}, words.listen);
  var stop = el("button", {type: "button", "class": "md-button psychoed-listen__stop", disabled: ""}, words.listen_stop);
  var speedLabel = el("label", {"class": "psychoed-listen__speed"}, words.listen_speed + " ");
  var speed = el("select", {});
  ["0.75", "1", "1.25", "1.5"].forEach(function (rate) {
    var option = el("option", {value: rate}, rate.replace(".", lang.indexOf("en") === 0 ? "." : ",") + "×");
    speed.appendChild(option);
  });
  speed.value = "1";
  speedLabel.appendChild(speed);
  var message = el("div", {"class": "psychoed-listen__message", role: "status"});
  box.appendChild(play);
  box.appendChild(stop);
  box.appendChild(speedLabel);
  box.appendChild(message);
  box.hidden = false;

  // -- what is read: the lesson's text in reading order, images by their alt, tables by row ----
  function hidden(node) {
    return node.closest && node.closest(SKIP);
  }

  function textOf(node, pieces) {
    // Text nodes and image descriptions of one block, in order, for the sentence highlight.
    if (node.nodeType === 3) { pieces.push({node: node, text: node.nodeValue}); return; }
    if (node.nodeType !== 1 || hidden(node)) return;
    if (node.nodeName === "IMG") { if (node.alt) pieces.push({node: null, text: " " + node.alt + ". "}); return; }
    if (/^(UL|OL|TABLE)$/.test(node.nodeName)) return;  // read as blocks of their own
    for (var child = node.firstChild; child; child = child.nextSibling) textOf(child, pieces);
  }

  function blocks(node, out) {
    if (node.nodeType === 3) {
      if (node.nodeValue.trim()) out.push({el: node.parentElement, pieces: [{node: node, text: node.nodeValue}]});
      return;
    }
    if (node.nodeType !== 1 || hidden(node)) return;
    if (node.nodeName === "TABLE") {
      Array.prototype.forEach.call(node.rows, function (row) {
        var pieces = [];
        Array.prototype.forEach.call(row.cells, function (cell) { textOf(cell, pieces); pieces.push({node: null, text: ". "}); });
        out.push({el: row, pieces: pieces});
      });
      return;
    }
    if (node.nodeName === "IMG") { if (node.alt) out.push({el: node, pieces: [{node: null, text: node.alt}]}); return; }
    if (LEAF.test(node.nodeName) || node.nodeName === "LI" || (node.classList && node.classList.contains("admonition-title"))) {
      var pieces = [];
      textOf(node, pieces);
      out.push({el: node, pieces: pieces});
      if (node.nodeName !== "LI") return;
      for (var nested = node.firstElementChild; nested; nested = nested.nextElementSibling) {
        if (/^(UL|OL|TABLE)$/.test(nested.nodeName)) blocks(nested, out);
      }
      return;
    }
    for (var child = node.firstChild; child; child = child.nextSibling) blocks(child, out);
  }

  function split(text) {
    if (window.Intl && Intl.Segmenter) {
      var found = [];
      var segments = new Intl.Segmenter(lang, {granularity: "sentence"}).segment(text);
      for (var it = segments[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) found.push([s.value.index, s.value.index + s.value.segment.length]);
      return found;
    }
    var spans = [], re = /[^.!?]+[.!?]*["»”)]*\s*/g, m;
    while ((m = re.exec(text))) spans.push([m.index, m.index + m[0].length]);
    return spans;
  }

  function rangeOf(pieces, start, end) {
    // The DOM range of characters [start, end) of a block's text, for the highlight.
    var range = document.createRange(), at = 0, begun = false, last = null;
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i], from = at, to = at + piece.text.length;
      at = to;
      if (!piece.node) continue;
      if (!begun && to > start) { range.setStart(piece.node, Math.max(0, start - from)); begun = true; }
      if (begun) last = {node: piece.node, offset: Math.min(piece.text.length, end - from)};
      if (to >= end) break;
    }
    if (!begun || !last) return null;
    range.setEnd(last.node, Math.max(0, last.offset));
    return range;
  }

  function sentences() {
    var out = [], found = [];
    if (content) blocks(content, found);
    found.forEach(function (found) {
      var pieces = found.pieces;
      var text = pieces.map(function (p) { return p.text; }).join("");
      split(text).forEach(function (span) {
        var said = text.slice(span[0], span[1]).replace(/\s+/g, " ").trim();
        if (!/[\p{L}\p{N}]/u.test(said)) return;
        out.push({text: said, pieces: pieces, start: span[0], end: span[1], block: found.el});
      });
    });
    return out;
  }

  // -- voices: local ones only --------------------------------------------------------------------
  function localVoice() {
    var base = lang.split("-")[0];
    var voices = (synth.getVoices() || []).filter(function (v) {
      return v.localService === true && String(v.lang || "").toLowerCase().replace("_", "-").split("-")[0] === base;
    });
    var exact = voices.filter(function (v) { return String(v.lang).toLowerCase().replace("_", "-") === lang; });
    var pick = exact.length ? exact : voices;
    return pick.filter(function (v) { return v.default; })[0] || pick[0] || null;
  }

  function withVoices(go) {
    if ((synth.getVoices() || []).length) return go();
    var done = false;
    function once() { if (!done) { done = true; go(); } }
    if (synth.addEventListener) synth.addEventListener("voiceschanged", once);
    setTimeout(once, 1500);  // some browsers never fire voiceschanged
  }

  // -- the highlight ------------------------------------------------------------------------------
  var marked = null;
  function highlight(sentence) {
    if (marked) marked.classList.remove("psychoed-reading");
    if (window.CSS && CSS.highlights) CSS.highlights.delete("psychoed-reading");
    marked = null;
    if (!sentence) return;
    var range = rangeOf(sentence.pieces, sentence.start, sentence.end);
    if (range && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("psychoed-reading", new Highlight(range));
    } else if (sentence.block) {
      marked = sentence.block;
      marked.classList.add("psychoed-reading");
    }
    var shown = sentence.block;
    if (shown && shown.scrollIntoView) shown.scrollIntoView({block: "nearest"});
  }

  // -- speaking -----------------------------------------------------------------------------------
  function speakFrom(index) {
    var run = ++state.run;
    if (index >= state.sentences.length) return finish();
    state.at = index;
    var sentence = state.sentences[index];
    var utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = state.voice.lang || lang;
    utterance.voice = state.voice;
    utterance.rate = Number(speed.value) || 1;
    utterance.onend = function () { if (run === state.run && state.playing) speakFrom(index + 1); };
    utterance.onerror = function (event) {
      if (run === state.run && state.playing && !/interrupted|canceled/.test(event && event.error)) speakFrom(index + 1);
    };
    highlight(sentence);
    synth.speak(utterance);
  }

  function show(playing) {
    state.playing = playing;
    play.textContent = playing ? words.listen_pause : (state.at > 0 ? words.listen_resume : words.listen);
    play.setAttribute("aria-pressed", String(playing));
    stop.disabled = !playing && state.at === 0;
  }

  function finish() {
    state.run++;
    state.at = 0;
    highlight(null);
    show(false);
  }

  function halt() {
    state.run++;
    synth.cancel();
    finish();
  }

  play.addEventListener("click", function () {
    if (state.playing) {  // pause
      state.run++;
      synth.cancel();
      show(false);
      return;
    }
    withVoices(function () {
      state.voice = localVoice();
      if (!state.voice) {
        message.textContent = words.listen_no_voice + " " + words.listen_add_voice;
        return;
      }
      message.textContent = "";
      if (!state.sentences.length) state.sentences = sentences();
      synth.cancel();
      show(true);
      speakFrom(state.at);
    });
  });
  stop.addEventListener("click", function () { halt(); play.focus(); });
  speed.addEventListener("change", function () {
    if (state.playing) { synth.cancel(); speakFrom(state.at); }
  });
  addEventListener("pagehide", halt);
  document.addEventListener("visibilitychange", function () { if (document.hidden && (state.playing || state.at)) halt(); });
})();
