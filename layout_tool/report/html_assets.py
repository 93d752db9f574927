"""The inline stylesheet and script of the HTML report (no external assets: it opens offline).

Kept apart from ``html.py`` so that the page's markup stays readable. The script only
sorts and filters the findings table; the page is complete and printable without it.
"""

from __future__ import annotations

CSS = """
:root { --pass: #1b6e3a; --fail: #b3261e; --warn: #8a5a00; --line: #d0d4da; --muted: #5b6470;
  --bg: #f6f7f9; --mark: #fff3c4; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: #1d2228; line-height: 1.5;
  font-family: system-ui, "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI",
  Meiryo, sans-serif; font-size: 15px; }
header.banner { color: #fff; padding: 18px 28px; }
header.banner.pass { background: var(--pass); }
header.banner.fail { background: var(--fail); }
header.banner h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: .04em; }
header.banner p { margin: 2px 0; }
main { max-width: 1400px; margin: 0 auto; padding: 12px 28px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 16px 0;
  padding: 12px 18px 16px; }
h2 { font-size: 18px; margin: 4px 0 10px; }
h2 small { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 6px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; }
.figures div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px;
  min-width: 140px; }
.figures dt { color: var(--muted); font-size: 13px; }
.figures dd { margin: 0; font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figures .bad dd { color: var(--fail); }
.figures .warn dd { color: var(--warn); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
th { background: #eef0f3; white-space: nowrap; }
#findings-table th { position: sticky; top: 0; }
td.action { font-size: 13px; min-width: 18em; }
.head { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.head div { display: contents; }
.head dt { font-weight: 600; }
.head dd { margin: 0; word-break: break-all; }
#legend { margin: 8px 0; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1em; }
td.value { white-space: pre-wrap; word-break: break-all; font-family: ui-monospace, monospace; }
td.path { word-break: break-all; }
tr.error td.sev { color: var(--fail); font-weight: 600; }
tr.warning td.sev { color: var(--warn); font-weight: 600; }
mark.pua { background: var(--mark); border: 1px solid #d9b800; border-radius: 3px; padding: 0 2px;
  font-family: ui-monospace, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.note { background: #fff8e1; border-left: 4px solid #e0a800; padding: 6px 10px; margin: 8px 0; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 6px 0 10px; }
.controls input, .controls select { font: inherit; padding: 4px 6px; border: 1px solid #9aa3ad;
  border-radius: 4px; }
.controls input { min-width: 260px; }
button.link { background: none; border: 0; padding: 0; color: #0b57d0; cursor: pointer;
  font: inherit; text-decoration: underline; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"]::after { content: " \\25B2"; color: #1d2228; }
th[aria-sort="descending"]::after { content: " \\25BC"; color: #1d2228; }
.scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--line); }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 16px; }
@media print {
  body { background: #fff; }
  .controls, button.link { display: none; }
  .scroll { max-height: none; overflow: visible; border: 0; }
  section { break-inside: avoid-page; border: 0; }
  header.banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Vanilla JS, no globals leaked: sort by a header click, filter by text, code and severity.
JS = """
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var text = document.getElementById("filter-text");
  var code = document.getElementById("filter-code");
  var severity = document.getElementById("filter-severity");
  var shown = document.getElementById("shown-count");

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var c = code.value, s = severity.value, n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!c || r.getAttribute("data-code") === c) &&
               (!s || r.getAttribute("data-severity") === s) &&
               (!needle || texts[i].indexOf(needle) !== -1);
      r.hidden = !ok;
      if (ok) { n++; }
    }
    shown.textContent = n.toLocaleString("ja-JP");
    shown.setAttribute("data-value", String(n));
  }

  var timer = null;
  text.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(apply, 120);
  });
  code.addEventListener("change", apply);
  severity.addEventListener("change", apply);

  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-code]"), function (b) {
    b.addEventListener("click", function () {
      code.value = b.getAttribute("data-filter-code");
      apply();
      table.scrollIntoView();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-text]"), function (b) {
    b.addEventListener("click", function () {
      text.value = b.getAttribute("data-filter-text");
      apply();
      table.scrollIntoView();
    });
  });

  function key(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent) : "";
    if (numeric) {
      var v = parseFloat(raw);
      return isNaN(v) ? -Infinity : v;
    }
    return raw;
  }

  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, index) {
    if (!th.classList.contains("sortable")) { return; }
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "num";
      var order = rows.map(function (r, i) { return [key(r, index, numeric), i]; });
      order.sort(function (a, b) {
        var d = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
        return (ascending ? d : -d) || a[1] - b[1];
      });
      var fragment = document.createDocumentFragment();
      var newRows = [], newTexts = [];
      order.forEach(function (o) {
        fragment.appendChild(rows[o[1]]);
        newRows.push(rows[o[1]]);
        newTexts.push(texts[o[1]]);
      });
      rows = newRows;
      texts = newTexts;
      body.appendChild(fragment);
    });
  });
  apply();
})();
"""
