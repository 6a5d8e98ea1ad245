/* psychoed's pocket workbook (pages/workbook.py writes what it reads).

   On a lesson page, each worksheet (a handout box with data-worksheet) becomes a form: its
   writing lines and empty table cells become text fields, its "- [ ]" items boxes to tick,
   each labelled by its prompt. Answers are saved in this browser's localStorage as they are
   typed, under the lesson, the language and the worksheet's version (a hash of its text made
   at build time), so a changed worksheet never shows old answers in the wrong fields.
   My workbook lists them, prints them, saves them to a file and loads them back.

   Privacy is the first rule: this script makes no request of any kind (no fetch, no
   XMLHttpRequest, no beacon, no image), and never puts an answer in an address or a title.
   A file saved from My workbook is made here, in the browser, from a Blob. */
(function () {
  "use strict";

  var PREFIX = "psychoed-workbook:";
  var FORMAT = "psychoed-workbook";
  var LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var LIMITS = {file: 5000000, text: 20000, label: 2000, fields: 1000, worksheets: 5000};
  var store = openStorage();
  var counter = 0;

  function openStorage() {
    try {
      var storage = window.localStorage, probe = PREFIX + "probe";
      storage.setItem(probe, "1");
      storage.removeItem(probe);
      return storage;
    } catch (error) {  // storage turned off, or full: the page stays a sheet to print
      return null;
    }
  }

  function keyOf(record) {
    return PREFIX + [record.lang, record.lesson, record.part, record.version].join(":");
  }

  function allRecords() {
    var found = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key.indexOf(PREFIX) !== 0) continue;
      try {
        var record = JSON.parse(store.getItem(key));
        if (isRecord(record) && keyOf(record) === key) found.push(record);
      } catch (error) { /* not ours, or damaged: left alone */ }
    }
    return found;
  }

  function eraseAll() {
    var keys = [];
    for (var i = 0; i < store.length; i++) if (store.key(i).indexOf(PREFIX) === 0) keys.push(store.key(i));
    keys.forEach(function (key) { store.removeItem(key); });
  }

  var persistAsked = false;
  // Ask the browser to keep the answers when it clears storage to make room (granted to an
  // installed site, or one visited often). Asked on the first save of a visit, and on install.
  function askToPersist() {
    if (persistAsked || !navigator.storage || !navigator.storage.persist) return;
    persistAsked = true;
    navigator.storage.persisted().then(function (kept) { return kept || navigator.storage.persist(); }).catch(function () {});
  }

  function text(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }

  function idFor(element) {
    if (!element.id) element.id = "psychoed-ws-" + (++counter);
    return element.id;
  }

  // -- a worksheet on a lesson page ------------------------------------------------------

  function isStop(node) {
    return node.nodeType === 1 && (node.matches(".write-line, .worksheet-field, input, .task-list-indicator"));
  }

  // The prompt before a writing line in its paragraph or item ("A trigger for me is:"),
  // wrapped in a span the field names as its label.
  function promptBefore(line) {
    var nodes = [];
    for (var node = line.previousSibling; node && !isStop(node); node = node.previousSibling) nodes.unshift(node);
    if (!nodes.some(function (n) { return text(n); })) return null;
    var span = document.createElement("span");
    line.parentNode.insertBefore(span, nodes[0]);
    nodes.forEach(function (n) { span.appendChild(n); });
    return idFor(span);
  }

  // The text a blank with no prompt of its own follows: the paragraph before its list or
  // paragraph, else the worksheet's title.
  function context(block, box) {
    for (var node = block; node && node !== box; node = node.parentNode) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (text(before) && !before.querySelector(".write-line, .worksheet-field, input")) return idFor(before);
      }
    }
    var title = box.querySelector(".handout-title");
    return title ? idFor(title) : null;
  }

  // A number the field's name ends with, where its prompt is shared: "Trigger, 3".
  function numberIn(element, number) {
    var span = document.createElement("span");
    span.hidden = true;
    span.textContent = String(number);
    element.appendChild(span);
    return idFor(span);
  }

  function itemNumber(item) {
    var list = item.parentNode, number = Array.prototype.indexOf.call(list.children, item) + 1;
    if (list.nodeName === "OL" && list.start) number += list.start - 1;
    return numberIn(item, number);
  }

  function lineLabels(line, box) {
    var cell = line.closest("td, th");
    if (cell) return cellLabels(cell, box);
    var prompt = promptBefore(line);
    if (prompt) return [prompt];
    var item = line.closest("li"), block = item && box.contains(item) ? item : line.parentNode;
    var labels = [context(block, box)];
    if (block === item) labels.push(itemNumber(item));
    return labels;
  }

  // A table cell is named by its column's header and its row's first cell ("Tuesday", "Mood").
  function cellLabels(cell, box) {
    var row = cell.parentNode, table = cell.closest("table"), labels = [];
    var index = Array.prototype.indexOf.call(row.cells, cell);
    var head = table.tHead && table.tHead.rows[0];
    if (head && head.cells[index] && text(head.cells[index])) labels.push(idFor(head.cells[index]));
    var first = row.cells[0];
    if (first !== cell && text(first) && !first.querySelector(".write-line, .worksheet-field")) labels.push(idFor(first));
    else labels.push(numberIn(cell, Array.prototype.indexOf.call(row.parentNode.rows, row) + 1));  // a row without a header
    return labels.length > 1 || head ? labels : [context(table, box)].concat(labels);
  }

  function makeField(labels) {
    var wrap = document.createElement("span"), area = document.createElement("textarea"), print = document.createElement("span");
    wrap.className = "worksheet-field";
    area.className = "worksheet-input";
    area.rows = 1;
    area.setAttribute("autocomplete", "off");
    area.setAttribute("aria-labelledby", labels.filter(Boolean).join(" "));
    print.className = "worksheet-print";  // what paper shows on the line (the print stylesheet)
    print.setAttribute("aria-hidden", "true");
    wrap.appendChild(area);
    wrap.appendChild(print);
    return wrap;
  }

  function fit(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
    area.nextSibling.textContent = area.value;
  }

  function labelOf(field) {
    if (field.type === "checkbox" && !field.hasAttribute("aria-labelledby")) return text(field.closest("label") || field.parentNode);
    return (field.getAttribute("aria-labelledby") || "").split(" ").map(function (id) {
      var element = document.getElementById(id);
      return element ? text(element) : "";
    }).filter(Boolean).join(", ");
  }

  function makeForm(box) {
    box.querySelectorAll(".write-line").forEach(function (line) {
      var labels = lineLabels(line, box);
      line.replaceWith(makeField(labels));
    });
    box.querySelectorAll("tbody td").forEach(function (cell) {
      if (!text(cell) && !cell.children.length) cell.appendChild(makeField(cellLabels(cell, box)));
    });
    box.querySelectorAll("input[type=checkbox]").forEach(function (tick) {
      tick.disabled = false;
      var label = tick.closest("label"), item = tick.closest("li");
      if (label && !text(label)) {  // "- [ ] ______": no words of its own, so named as its line is
        tick.setAttribute("aria-labelledby", [context(item || label, box), item ? itemNumber(item) : null].filter(Boolean).join(" "));
      }
    });
    return Array.prototype.slice.call(box.querySelectorAll("textarea.worksheet-input, input[type=checkbox]"));
  }

  function worksheet(box, tools) {
    var part = box.getAttribute("data-worksheet").split("/");
    var record = {lesson: part[0], part: Number(part[1]), lang: box.getAttribute("data-lang"), version: box.getAttribute("data-version")};
    if (!LESSON_ID.test(record.lesson) || !(record.part > 0)) return;
    var key = keyOf(record), fields = makeForm(box);
    box.classList.add("worksheet");
    fill(fields, key);
    var status = addTools(box, tools, function () {
      store.removeItem(key);
      fields.forEach(function (field) { if (field.type === "checkbox") field.checked = false; else { field.value = ""; fit(field); } });
    });
    function save() {
      var answered = fields.some(function (field) { return field.type === "checkbox" ? field.checked : field.value.trim(); });
      if (!answered) return store.removeItem(key);
      record.lessonTitle = text(document.querySelector("article h1") || document.createElement("i"));
      var title = box.querySelector(".handout-title");
      record.title = title ? text(title) : "";
      record.saved = new Date().toISOString();
      record.fields = fields.map(function (field) {
        return {label: labelOf(field), value: field.type === "checkbox" ? field.checked : field.value};
      });
      try {
        store.setItem(key, JSON.stringify(record));
        askToPersist();
      } catch (error) {  // the storage is full
        status.textContent = tools.getAttribute("data-full");
      }
    }
    fields.forEach(function (field) {
      field.addEventListener(field.type === "checkbox" ? "change" : "input", function () {
        if (field.type !== "checkbox") fit(field);
        save();
      });
    });
  }

  function fill(fields, key) {
    var saved = null;
    try { saved = JSON.parse(store.getItem(key)); } catch (error) { saved = null; }
    fields.forEach(function (field, index) {
      var answer = saved && isRecord(saved) && saved.fields.length === fields.length ? saved.fields[index].value : null;
      if (field.type === "checkbox") field.checked = answer === true;
      else field.value = typeof answer === "string" ? answer : "";
    });
    // Sized once laid out (a field in a closed or hidden box has no height yet).
    requestAnimationFrame(function () { fields.forEach(function (field) { if (field.type !== "checkbox") fit(field); }); });
  }

  // The note ("saved on this phone... My workbook") and the Erase button, under the worksheet.
  function addTools(box, tools, erase) {
    var copy = tools.cloneNode(true), status = copy.querySelector(".worksheet-status");
    copy.hidden = false;
    copy.querySelector(".worksheet-erase").addEventListener("click", function () {
      if (!window.confirm(tools.getAttribute("data-confirm"))) return;
      erase();
      status.textContent = tools.getAttribute("data-erased");
    });
    box.appendChild(copy);
    return status;
  }

  // -- My workbook -------------------------------------------------------------------------

  function isRecord(record) {
    function short(value, limit) { return typeof value === "string" && value.length <= limit; }
    return !!record && typeof record === "object" && LESSON_ID.test(record.lesson) &&
      Number.isInteger(record.part) && record.part > 0 && record.part < 1000 &&
      /^[a-z]{2,3}$/.test(record.lang) && /^[0-9a-f]{12}$/.test(record.version) &&
      short(record.lessonTitle, LIMITS.label) && short(record.title, LIMITS.label) && short(record.saved, 40) &&
      Array.isArray(record.fields) && record.fields.length <= LIMITS.fields &&
      record.fields.every(function (field) {
        return field && short(field.label, LIMITS.label) && (typeof field.value === "boolean" || short(field.value, LIMITS.text));
      });
  }

  function element(name, className, content) {
    var made = document.createElement(name);
    if (className) made.className = className;
    if (content) made.textContent = content;
    return made;
  }

  // The address of a lesson from this page: the page carries a link to one lesson, and the
  // others differ only in their id (with or without directory URLs, served or offline).
  function lessonAddress(root, id) {
    var link = root.querySelector(".workbook-lesson-link"), model = root.getAttribute("data-lesson");
    if (!link || !model) return null;
    var parts = link.getAttribute("href").split("/");
    for (var i = parts.length - 1; i >= 0; i--) {
      if (parts[i] === model || parts[i] === model + ".html") {
        parts[i] = parts[i].replace(model, id);
        return parts.join("/");
      }
    }
    return null;
  }

  function listWorksheets(root) {
    var list = root.querySelector(".workbook-list"), lang = root.getAttribute("data-lang");
    var records = allRecords().filter(function (record) { return record.lang === lang; });
    records.sort(function (a, b) { return (a.lessonTitle + a.part).localeCompare(b.lessonTitle + b.part); });
    list.textContent = "";
    if (!records.length) list.appendChild(element("p", "workbook-none", root.getAttribute("data-none")));
    records.forEach(function (record) {
      var section = element("section", "workbook-entry"), heading = element("h3"), address = lessonAddress(root, record.lesson);
      var link = element(address ? "a" : "span", "", record.lessonTitle || record.lesson);
      if (address) link.href = address;
      heading.appendChild(link);
      section.appendChild(heading);
      if (record.title) section.appendChild(element("p", "workbook-entry__title", record.title));
      var answers = element("dl", "workbook-answers");
      record.fields.forEach(function (field) {
        if (field.value === false || field.value === "") return;
        var ticked = field.value === true;
        answers.appendChild(element("dt", "", ticked ? root.getAttribute("data-ticked") : field.label));
        answers.appendChild(element("dd", "", ticked ? field.label : field.value));
      });
      section.appendChild(answers);
      list.appendChild(section);
    });
    return records.length;
  }

  function saveToFile() {
    var content = JSON.stringify({format: FORMAT, version: 1, saved: new Date().toISOString(), worksheets: allRecords()}, null, 1);
    var url = URL.createObjectURL(new Blob([content], {type: "application/json"}));
    var link = element("a");
    link.href = url;
    link.download = "workbook-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // A file's worksheets, or null if it is not a whole, valid workbook (then nothing changes).
  function readWorkbook(content) {
    var data;
    try { data = JSON.parse(content); } catch (error) { return null; }
    if (!data || data.format !== FORMAT || data.version !== 1 || !Array.isArray(data.worksheets)) return null;
    if (data.worksheets.length > LIMITS.worksheets || !data.worksheets.every(isRecord)) return null;
    return data.worksheets;
  }

  function loadFromFile(root, file, say) {
    var bad = root.getAttribute("data-bad-file");
    if (!file || file.size > LIMITS.file) return say(bad);
    file.text().then(function (content) {
      var worksheets = readWorkbook(content);
      if (!worksheets) return say(bad);
      try {
        worksheets.forEach(function (record) { store.setItem(keyOf(record), JSON.stringify(record)); });
      } catch (error) {
        return say(bad);
      }
      askToPersist();
      listWorksheets(root);
      say(root.getAttribute("data-loaded").replace("{count}", String(worksheets.length)));
    }, function () { say(bad); });
  }

  function workbookPage(root) {
    var status = root.querySelector(".workbook-status"), input = root.querySelector("input[type=file]");
    function say(message) { status.textContent = message; }
    root.querySelector(".workbook-needs-script").remove();
    root.querySelector(".workbook-actions").hidden = false;
    listWorksheets(root);
    root.querySelector(".workbook-actions").addEventListener("click", function (event) {
      var button = event.target.closest("[data-workbook]");
      var action = button && button.getAttribute("data-workbook");
      if (action === "print") window.print();
      else if (action === "save") saveToFile();
      else if (action === "load") input.click();
      else if (action === "erase-all" && window.confirm(root.getAttribute("data-confirm"))) {
        eraseAll();
        listWorksheets(root);
        say(root.getAttribute("data-erased"));
      }
    });
    input.addEventListener("change", function () {
      loadFromFile(root, input.files[0], say);
      input.value = "";
    });
  }

  function start() {
    if (!store) return;
    var tools = document.querySelector(".worksheet-tools");
    if (tools) document.querySelectorAll(".handout[data-worksheet]").forEach(function (box) { worksheet(box, tools); });
    var root = document.querySelector(".psychoed-workbook");
    if (root) workbookPage(root);
  }

  window.addEventListener("appinstalled", askToPersist);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
