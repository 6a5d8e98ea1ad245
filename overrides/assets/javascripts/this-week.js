/* The facilitator home page's "This week": the site is static, so the browser works out which
   sessions fall in the current week (Monday to Sunday, in the program's time zone) from the dated
   schedule below it. Each row's <time> holds the session's first date, how many days its round
   takes (data-every) and the day its calendar ends (data-until). Nothing is sent anywhere. */
(function () {
  var DAY = 86400000;

  function dayNumber(iso) {  // days since 1970-01-01 of a YYYY-MM-DD date
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY);
  }

  function today(zone) {  // today's date where the program is, as YYYY-MM-DD
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function show(box) {
    var now = dayNumber(today(box.getAttribute("data-timezone")));
    var monday = now - ((new Date(now * DAY).getUTCDay() + 6) % 7);
    var found = [];
    document.querySelectorAll("time[data-every]").forEach(function (time) {
      var first = dayNumber(time.getAttribute("datetime"));
      var every = +time.getAttribute("data-every"), until = dayNumber(time.getAttribute("data-until"));
      for (var day = monday; day < monday + 7; day++) {
        if (day >= first && day < until && (day - first) % every === 0) found.push({ day: day, row: time.closest("tr") });
      }
    });
    found.sort(function (a, b) { return a.day - b.day; });
    var list = document.createElement("ul");
    found.forEach(function (f) {
      var cells = f.row.querySelectorAll("td"), item = document.createElement("li");
      var date = new Date(f.day * DAY).toLocaleDateString(document.documentElement.lang || "en", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
      item.appendChild(document.createTextNode(date + ", " + cells[1].textContent + ", " + cells[2].textContent + ": "));
      item.appendChild(cells[3].querySelector("a").cloneNode(true));
      list.appendChild(item);
    });
    box.textContent = "";
    if (found.length) box.appendChild(list);
    else box.appendChild(document.createTextNode(box.getAttribute("data-none")));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".psychoed-this-week").forEach(show);
  });
})();
