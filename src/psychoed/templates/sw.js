/* psychoed's service worker for one language's participant site (render/app.py writes it).

   Each build writes its own VERSION here, so a new build is a new worker: it installs beside the
   old one, waits until the page's "reload" says go, then replaces the old cache whole (the pages
   the person had kept are fetched again from the new build). It keeps only what data costs
   allow: the core pages (home, crisis, start here, my workbook) and their files, the pages the
   person opens, and every lesson only when the person asks for it (offline.json lists them with
   their sizes). It answers only for the site's own address, and not for the other languages'
   folders (each has its own worker); it never touches localStorage.

   What it takes from the network it asks the server for again ("no-cache": a 304 costs no data),
   never from the browser's HTTP cache alone: hosts let a browser keep a file for minutes
   (GitHub Pages 10), and a worker that took those would keep the old build's pages under the
   new build's name. */
"use strict";
var VERSION = "__VERSION__";
var LANG = "__LANG__";
var CORE = __CORE__;
var OTHERS = __OTHERS__;  // the other languages' folders, e.g. ["es/"]
var PREFIX = "psychoed-" + LANG + "-";
var CACHE = PREFIX + VERSION;
var SAVED_ALL = "psychoed-saved-all";  // a marker kept in the cache: the person saved every lesson

function here(path) { return new URL(path, self.registration.scope).href; }
function fresh(url) { return new Request(url, {cache: "no-cache"}); }
function ours(url) {
  return url.indexOf(self.registration.scope) === 0 && !OTHERS.some(function (folder) { return url.indexOf(here(folder)) === 0; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(CORE.map(here).map(fresh)); }));
});

function isPage(url) { return /\/$|\.html$/.test(new URL(url).pathname); }

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return Promise.all(old.map(function (name) {
      return caches.open(name).then(function (cache) { return cache.keys(); }).then(function (requests) {
        return requests.map(function (r) { return r.url; }).filter(isPage);
      });
    })).then(function (lists) {
      var kept = [].concat.apply([], lists), savedAll = kept.indexOf(here(SAVED_ALL)) >= 0;
      return Promise.all(old.map(function (name) { return caches.delete(name); })).then(function () {
        return caches.open(CACHE);
      }).then(function (cache) {
        var again = kept.filter(function (url) { return url !== here(SAVED_ALL); });
        return Promise.all(again.map(function (url) { return cache.add(fresh(url)).catch(function () {}); })).then(function () {
          if (savedAll) return saveAll(null);
        });
      });
    });
  }).then(function () { return self.clients.claim(); }));
});

// The response from the network, kept (the worker stays alive until it is).
function fromNetwork(event, request, cache) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") event.waitUntil(cache.put(event.request, response.clone()));
    return response;
  });
}

// A page asked of the server again (a browser too old to copy a navigation's request asks as it was).
function revalidated(request) {
  try { return new Request(request, {cache: "no-cache"}); } catch (error) { return request; }
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !ours(request.url)) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    if (request.mode === "navigate") {  // the newest page online, the kept one offline
      return fromNetwork(event, revalidated(request), cache).catch(function () {
        return cache.match(request, {ignoreSearch: true}).then(function (kept) { return kept || Response.error(); });
      });
    }
    return cache.match(request, {ignoreSearch: true}).then(function (kept) { return kept || fromNetwork(event, request, cache); });
  }));
});

function tell(client, message) { if (client) client.postMessage(message); }

function saveAll(client) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(here("offline.json")).then(function (kept) {
      return kept || fetch(here("offline.json"));
    }).then(function (r) { return r.json(); }).then(function (list) {
      var done = 0, failed = 0, total = list.files.length;
      return list.files.reduce(function (chain, file) {
        return chain.then(function () {
          return cache.match(here(file.url)).then(function (kept) { return kept || cache.add(fresh(here(file.url))); })
            .catch(function () { failed++; })
            .then(function () { done++; if (done % 10 === 0 || done === total) tell(client, {type: "saving", done: done, total: total}); });
        });
      }, Promise.resolve()).then(function () {
        if (!failed) return cache.put(here(SAVED_ALL), new Response("1"));
      }).then(function () { tell(client, {type: "saved", failed: failed}); });
    });
  }).catch(function () { tell(client, {type: "saved", failed: 1}); });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "update") self.skipWaiting();
  if (data.type === "save-all") event.waitUntil(saveAll(event.source));
  if (data.type === "visited" && ours(String(data.url))) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return cache.match(data.url, {ignoreSearch: true}).then(function (kept) {
        return kept || cache.add(new Request(data.url, {cache: "force-cache"}));
      });
    }).catch(function () {}));
  }
});
