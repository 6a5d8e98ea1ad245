/* The installed participant site: registers the language's service worker (sw.js beside the
   manifest), offers "Save every lesson for offline use (N MB)" and, when a new build is
   waiting, "New lessons are ready: reload".

   A service worker runs only over http(s); the offline zip (file://) has none and needs none.
   Nothing here touches localStorage: a person's answers survive every update. The only
   requests are to the site's own files. */
(function () {
  "use strict";
  var box = document.querySelector("[data-psychoed-app]");
  var manifest = document.querySelector('link[rel="manifest"]');
  if (!box || !manifest || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var words = JSON.parse(box.getAttribute("data-words") || "{}");
  var root = new URL(".", manifest.href).href;  // the language's site: / or /es/
  var sw = navigator.serviceWorker;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function fill(word, values) {
    return String(word).replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // -- "New lessons are ready: reload" --------------------------------------------------------
  var reloading = false, waiting = null;
  function offerUpdate(worker) {
    waiting = worker;  // the newest build waiting (a later one replaces an earlier one offered)
    if (document.querySelector(".psychoed-update")) return;
    var bar = el("div", {"class": "psychoed-update md-typeset", role: "status"});
    var button = el("button", {type: "button", "class": "md-button md-button--primary"}, words.reload);
    // The live region is on the page before its words, so that screen readers announce them.
    document.body.appendChild(bar);
    setTimeout(function () {
      bar.appendChild(document.createTextNode(words.update + " "));
      bar.appendChild(button);
    }, 100);
    button.addEventListener("click", function () {
      // Another open page may have said go already: then the new build is in charge and a
      // reload is all this page needs.
      if (waiting.state !== "installed") return location.reload();
      reloading = true;
      waiting.postMessage({type: "update"});
    });
  }

  sw.addEventListener("controllerchange", function () { if (reloading) location.reload(); });

  // A new build is one that installs while this language's worker is already active (the first
  // worker to install is no news, even on a page that another language's worker controlled).
  function watch(registration) {
    if (registration.waiting && registration.active) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var coming = registration.installing;
      if (!coming) return;
      coming.addEventListener("statechange", function () {
        if (coming.state === "installed" && registration.active) offerUpdate(coming);
      });
    });
    // The browser looks for a new build when a page is opened; a page left open on a phone is
    // asked again when the person comes back to it, and every hour while it is shown: at most
    // every ten minutes (each look costs a download of sw.js, on a pay-as-you-go plan).
    var looked = 0;
    function check() {
      if (document.visibilityState !== "visible" || Date.now() - looked < 600000) return;
      looked = Date.now();
      registration.update().catch(function () {});
    }
    document.addEventListener("visibilitychange", check);
    setInterval(check, 3600000);
  }

  // -- "Save every lesson for offline use (N MB)" ---------------------------------------------
  var status = el("p", {role: "status", "class": "psychoed-app__status"});

  function offerSaveAll(size) {
    var note = el("p", {}, words.note);
    var button = el("button", {type: "button", "class": "md-button"}, fill(words.save_all, {size: size}));
    button.addEventListener("click", function () {
      button.disabled = true;
      sw.controller.postMessage({type: "save-all"});
    });
    box.appendChild(note);
    box.appendChild(button);
    box.appendChild(status);
    box.hidden = false;
  }

  sw.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "saving") status.textContent = fill(words.saving, data);
    if (data.type === "saved") status.textContent = data.failed ? words.save_failed : words.saved;
    if (data.type === "saved" && data.failed) box.querySelector("button").disabled = false;
  });

  // Controlled by this language's worker: a page of es/ opened first may be under the worker of
  // the site's root until its own takes over.
  function ours() { return !!sw.controller && sw.controller.scriptURL === root + "sw.js"; }

  function whenControlled(go) {
    if (ours()) return go();
    sw.addEventListener("controllerchange", function once() {
      if (!ours()) return;
      sw.removeEventListener("controllerchange", once);
      go();
    });
  }

  sw.register(root + "sw.js", {scope: root}).then(function (registration) {
    watch(registration);
    whenControlled(function () {
      // This page, which loaded before the worker ran, from the browser's own cache.
      sw.controller.postMessage({type: "visited", url: location.href.split("#")[0]});
      fetch(root + "offline.json").then(function (response) { return response.json(); }).then(function (list) {
        offerSaveAll(list.megabytes);
      }).catch(function () {});
    });
  }).catch(function () {});
})();
