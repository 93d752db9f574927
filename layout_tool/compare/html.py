"""The compare (or rehearsal) report as one self-contained, sortable HTML page in Japanese.

The validation report's head, stylesheet and escaping are reused (``report.html``); the
script here only sorts any table by a header click and filters the differences by text.
Values are shown as the report holds them (masked unless ``--show-values``).
"""

from __future__ import annotations

from layout_tool import __version__, i18n
from layout_tool.compare.model import CompareReport
from layout_tool.compare.rehearsal import RehearsalReport
from layout_tool.compare.tables import Shown, Table, shown
from layout_tool.report.html import page_head, text
from layout_tool.report.html_assets import CSS
from layout_tool.report.tables import attr

SCRIPT = """
(function () {
  "use strict";
  function key(row, i, numeric) {
    var cell = row.cells[i];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent) : "";
    if (numeric) { var v = parseFloat(raw); return isNaN(v) ? -Infinity : v; }
    return raw;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.data"), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var num = th.getAttribute("data-type") === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var order = rows.map(function (r, n) { return [key(r, i, num), n]; });
        order.sort(function (a, b) {
          var d = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
          return (up ? d : -d) || a[1] - b[1];
        });
        var frag = document.createDocumentFragment();
        order.forEach(function (o) { frag.appendChild(rows[o[1]]); });
        body.appendChild(frag);
      });
    });
  });
  var filter = document.getElementById("filter-text");
  var target = document.getElementById("differences-table");
  if (filter && target) {
    filter.addEventListener("input", function () {
      var needle = filter.value.trim().toLowerCase(), n = 0;
      Array.prototype.forEach.call(target.tBodies[0].rows, function (r) {
        var ok = !needle || r.textContent.toLowerCase().indexOf(needle) !== -1;
        r.hidden = !ok;
        if (ok) { n++; }
      });
      var shown = document.getElementById("shown-count");
      shown.textContent = n.toLocaleString("ja-JP");
      shown.setAttribute("data-value", String(n));
    });
  }
})();
"""


def render_html(report: CompareReport | RehearsalReport) -> str:
    s = shown(report)
    parts = [
        *page_head(s.title, CSS),
        "<body>",
        _banner(s),
        "<main>",
        _figures(s),
        *[_table(t) for t in s.tables],
        _notes(s),
        "</main>",
        f"<footer>{text(i18n.t('cmp.footer', version=__version__))}"
        f"{text(i18n.t('html.offline'))}</footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _banner(s: Shown) -> str:
    state = "pass" if s.same else "fail"
    lines = "".join(f"<p>{text(line)}</p>" for line in s.lines)
    return (
        f'<header class="banner {state}" id="verdict" data-same="{str(s.same).lower()}">'
        f"<h1>{text(s.verdict)}</h1>{lines}</header>"
    )


def _figures(s: Shown) -> str:
    figures = "".join(
        f'<div class="{"bad" if value and key != "files" and key != "matched" else ""}">'
        f'<dt>{text(label)}</dt><dd id="n-{key}" data-value="{value}">{value:,}</dd></div>'
        for key, label, value in s.figures
    )
    head = text(i18n.t("h.summary"))
    return f'<section id="summary"><h2>{head}</h2><dl class="figures">{figures}</dl></section>'


def _table(t: Table) -> str:
    heads = "".join(
        f'<th class="sortable num" data-type="num">{text(h)}</th>'
        if i in t.numeric
        else f'<th class="sortable">{text(h)}</th>'
        for i, h in enumerate(t.headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num" data-sort="{text(v)}">{_num(v)}</td>'
            if i in t.numeric
            else f'<td class="value">{text(v)}</td>'
            if i in t.values
            else f"<td>{text(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in t.rows
    )
    controls = ""
    if t.id == "differences":
        hint, label = attr(i18n.t("cmp.filter")), attr(i18n.t("html.filter"))
        controls = (
            '<div class="controls"><input id="filter-text" type="search"'
            f' placeholder="{hint}" aria-label="{label}">'
            f'<span><span id="shown-count" data-value="{len(t.rows)}">{len(t.rows):,}</span>'
            f" {text(i18n.t('cmp.shown'))}</span></div>"
        )
    empty = "" if t.rows else f'<p class="muted">{text(i18n.t("head.none"))}</p>'
    rows = text(i18n.t("cmp.rows-count", n=len(t.rows)))
    return (
        f'<section id="{t.id}"><h2>{text(t.title)} <small>{rows}</small></h2>'
        f'{controls}{empty}<div class="scroll"><table class="data" id="{t.id}-table">'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div></section>"
    )


def _num(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return text(value)


def _notes(s: Shown) -> str:
    if not s.notes:
        return ""
    items = "".join(f"<li>{text(n)}</li>" for n in s.notes)
    head = text(i18n.t("sec.notes"))
    return f'<section id="notes"><h2>{head}</h2><ul>{items}</ul></section>'
