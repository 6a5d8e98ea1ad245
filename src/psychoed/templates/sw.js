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

// The old build's caches go whole; what the person had kept comes along first (carryOver).
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(old.map(function (name) { return carryOver(name, cache); }));
    }).then(function (savedAll) {
      return Promise.all(old.map(function (name) { return caches.delete(name); })).then(function () {
        if (savedAll.indexOf(true) >= 0) return saveAll(null);
      });
    });
  }).then(function () { return self.clients.claim(); }));
});

// The pages an old cache kept, into the new one: fetched again from the new build, or, with no
// signal, the old copy (an older page is better than none; the next visit online replaces it).
// Resolves to whether the person had saved every lesson.
function carryOver(name, cache) {
  return caches.open(name).then(function (oldCache) {
    return oldCache.keys().then(function (requests) {
      var savedAll = requests.some(function (r) { return r.url === here(SAVED_ALL); });
      var pages = requests.filter(function (r) { return isPage(r.url); });
      return Promise.all(pages.map(function (request) {
        return cache.match(request).then(function (already) {  // a core page, fresh from install
          return already || cache.add(fresh(request.url)).catch(function () {
            return oldCache.match(request).then(function (copy) { return copy && cache.put(request, copy); });
          });
        });
      })).then(function () { return savedAll; });
    });
  });
}

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
