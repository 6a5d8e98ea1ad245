/* psychoed slide decks: start reveal.js, put today's date on the title slide, and keep every
 * slide inside the screen. Loaded from the facilitator edition's slides/ folder, so it works
 * from a web server or straight from the disk, with no network. */
(function () {
  "use strict";

  var WIDTH = 1920, HEIGHT = 1080;  // the slide's own size; reveal.js scales it to the screen
  var FIT_STEPS = ["fit-1", "fit-2"];  // see deck.css: 92% and 84% of the type size, no less

  // The build splits long slides by an estimate; this shrinks what the estimate let through,
  // a step at a time, so nothing runs off the bottom of the projected slide.
  function fit(section) {
    var frame = section.querySelector(".frame");
    if (!frame) return;
    FIT_STEPS.forEach(function (step) { frame.classList.remove(step); });
    for (var i = 0; i < FIT_STEPS.length && frame.scrollHeight > frame.clientHeight + 1; i++) {
      frame.classList.add(FIT_STEPS[i]);
    }
  }

  // Says the layout is final (for the browser tests, and anything else that waits to print).
  function ready() { document.documentElement.classList.add("deck-ready"); }

  // The deck is built once and used on many days: the date line is the day it is shown.
  var lang = document.documentElement.lang || undefined;
  var today = new Date().toLocaleDateString(lang, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
  document.querySelectorAll("[data-today]").forEach(function (el) { el.textContent = today; });

  var printing = /print-pdf/i.test(window.location.search);
  Reveal.initialize({
    width: WIDTH,
    height: HEIGHT,
    margin: 0,
    minScale: 0.1,
    maxScale: 4,
    center: false,         // text starts at the top: the eye finds it in the same place on every slide
    hash: true,            // a reload stays on the same slide
    transition: "none",    // no motion: easier on the room and on slow laptops
    backgroundTransition: "none",
    controls: true,
    controlsTutorial: false,
    progress: true,
    slideNumber: "c/t",
    showSlideNumber: "speaker",
    showNotes: false,      // never print or project the facilitator notes
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,
    plugins: [RevealNotes]
  }).then(function () {
    if (printing) return;  // laid out again for paper: fitted on "pdf-ready" below
    fit(Reveal.getCurrentSlide());
    ready();
  });
  // The print view shows every slide at once, so every slide is fitted.
  Reveal.on("pdf-ready", function () { Reveal.getSlides().forEach(fit); ready(); });
  Reveal.on("slidechanged", function (event) { fit(event.currentSlide); });
  Reveal.on("resize", function () { fit(Reveal.getCurrentSlide()); });
})();
