"""Coverage as one self-contained HTML page, in the validation report's style.

A procurement team forwards this page to colleagues and vendors: so, like the validation
report, it has no external assets, escapes every name (item and field names come from
vendors' files), and needs no script. The stylesheet and escaping are the report's own.
"""

from __future__ import annotations

from layout_tool import __version__
from layout_tool.coverage.model import Coverage, Figures, FileCoverage, ItemCoverage
from layout_tool.coverage.render import SUMMARY_COLUMNS, heading, pct, verdict
from layout_tool.i18n import t
from layout_tool.report.html import page_head, text
from layout_tool.report.html_assets import CSS
from layout_tool.report.tables import attr, html_table, num

STATUS = {s: f"status.{s}" for s in ("covered", "narrower", "constant", "missing")}
ORDER = {"missing": 0, "narrower": 1, "constant": 2, "covered": 3}
EXTRA_CSS = """
tr.missing td.status, tr.narrower td.status { color: var(--fail); font-weight: 600; }
tr.constant td.status { color: var(--warn); font-weight: 600; }
tr.covered td.status { color: var(--pass); }
"""


def render_html(coverage: Coverage) -> str:
    """The whole page as a string (UTF-8 when written)."""
    state = t("verdict.pass" if coverage.passed else "verdict.fail")
    title = t("covhtml.title", area=coverage.area.id, verdict=state)
    area = coverage.area
    footer = t("covhtml.footer", version=__version__, spec=area.version, standard=area.standard)
    footer += " " + t("html.offline")
    parts = [
        *page_head(title, CSS + EXTRA_CSS),
        "<body>",
        _banner(coverage),
        "<main>",
        _summary(coverage),
        *(_file(f) for f in coverage.files),
        _vendor(coverage),
        _notes(coverage),
        "</main>",
        f"<footer>{text(footer)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _banner(coverage: Coverage) -> str:
    state = "pass" if coverage.passed else "fail"
    verdict_ja = text(t("verdict.pass" if coverage.passed else "verdict.fail"))
    lines = "".join(f"<p>{text(line.strip())}</p>" for line in heading(coverage))
    return (
        f'<header class="banner {state}" id="verdict"'
        f' data-passed="{str(coverage.passed).lower()}">'
        f"<h1>{verdict_ja}</h1>{lines}<p>{text(verdict(coverage))}</p></header>"
    )


def _figure(key: str, label: str, value: str, bad: bool = False) -> str:
    klass = ' class="bad"' if bad else ""
    return f'<div{klass}><dt>{text(label)}</dt><dd id="n-{key}">{text(value)}</dd></div>'


def _summary(coverage: Coverage) -> str:
    s = coverage.summary()
    figures = [
        _figure("covered", t("covhtml.fig-covered"), pct(s.covered_pct)),
        _figure("required", t("covhtml.fig-required"), pct(s.required_pct), not coverage.passed),
        _figure("missing", t("status.missing"), num(s.missing), s.required_missing > 0),
        _figure("narrower", t("status.narrower"), num(s.narrower), s.narrower > 0),
        _figure("constant", t("status.constant"), num(s.constant)),
        _figure("unplaced", t("covhtml.fig-unplaced"), num(coverage.unplaced_count)),
    ]
    headers = [(text(t(f"covcol.{c}")), "" if i < 3 else "num")
               for i, c in enumerate(SUMMARY_COLUMNS)]  # fmt: skip
    rows = [_summary_row(f.file.id, f.file.name, f.vendor, f.summary()) for f in coverage.files]
    rows.append(_summary_row(t("covcol.area"), coverage.area.name, None, s))
    return (
        f'<section id="summary"><h2>{text(t("h.summary"))}</h2>'
        f'<dl class="figures">{"".join(figures)}</dl>'
        f"{html_table('summary-table', headers, rows)}</section>"
    )


def _summary_row(file_id: str, name: str, vendor: str | None, s: Figures) -> str:
    counts = (s.items, s.covered, s.narrower, s.constant, s.missing)
    cells = "".join(f'<td class="num">{num(n)}</td>' for n in counts)
    return (
        f"<tr><td>{text(file_id)}</td><td>{text(name)}</td><td>{text(vendor or '-')}</td>"
        f'{cells}<td class="num">{pct(s.covered_pct)}</td>'
        f'<td class="num">{num(s.required)}</td>'
        f'<td class="num">{num(s.required_covered)}</td>'
        f'<td class="num">{pct(s.required_pct)}</td></tr>'
    )


def _item_row(i: ItemCoverage) -> str:
    issues = "".join(f"<li>{text(x.kind)}: {text(x.message)}</li>" for x in i.issues)
    return (
        f'<tr class="{attr(i.status)}" data-status="{attr(i.status)}">'
        f'<td class="num">{i.item.no}</td><td>{text(i.item.name)}</td>'
        f"<td>{text(t('cov.required-mark')) if i.item.required else ''}</td>"
        f'<td>{text(i.item.type)}</td><td class="num">{i.item.length}</td>'
        f'<td class="status">{text(t(STATUS[i.status]))}</td>'
        f"<td>{text(', '.join(i.vendor))}</td><td>{text(i.via or '')}</td>"
        f"<td>{f'<ul>{issues}</ul>' if issues else ''}</td></tr>"
    )


def _file(f: FileCoverage) -> str:
    s = f.summary()
    order = sorted(f.items, key=lambda i: (ORDER[i.status], not i.item.required, i.item.no))
    columns = ["no", "item", "required", "type", "length", "status", "vendor-items", "via", "why"]
    headers = [(text(t(f"covcol.{c}")), "num" if c in ("no", "length") else "")
               for c in columns]  # fmt: skip
    source = text(f.vendor) if f.vendor else text(t("covhtml.no-vendor"))
    table_id = attr(f"items-{f.file.id}")
    rows = [_item_row(i) for i in order]
    line = t("covhtml.file-line", covered=s.covered, items=s.items, pct=pct(s.covered_pct),
             req_covered=s.required_covered, required=s.required,
             req_pct=pct(s.required_pct))  # fmt: skip
    return (
        f'<section id="file-{attr(f.file.id)}"><h2>{text(f.file.name)}'
        f"<small>{text(f.file.id)} ← {source}</small></h2>"
        f"<p>{text(line)}</p>"
        f'<div class="scroll">{html_table(table_id, headers, rows)}</div></section>'
    )


def _vendor(coverage: Coverage) -> str:
    what = t("cov.fields" if coverage.kind == "mapping" else "cov.items")
    head = f'<section id="unplaced"><h2>{text(t("covhtml.unplaced", what=what))}</h2>'
    rows = []
    for v in coverage.vendor_files:
        names = "".join(
            f"<li>{text(u.name)}"
            + (f' <span class="muted">{text(u.detail)}</span>' if u.detail else "")
            + "</li>"
            for u in v.unplaced
        )
        rows.append(
            f"<tr><td>{text(v.id)}</td><td>{text(v.name)}</td>"
            f"<td>{text(v.standard_file or '-')}</td>"
            f'<td class="num">{num(v.fields)}</td><td class="num">{num(len(v.unplaced))}</td>'
            f"<td>{f'<ul>{names}</ul>' if names else text(t('head.none'))}</td></tr>"
        )
    headers = [
        (text(t("covcol.vendor-file")), ""), (text(t("covcol.name")), ""),
        (text(t("covcol.standard-file")), ""), (text(what), "num"),
        (text(t("covcol.unplaced")), "num"), (text(t("covcol.list")), ""),
    ]  # fmt: skip
    return head + html_table("unplaced-table", headers, rows) + "</section>"


def _notes(coverage: Coverage) -> str:
    if not coverage.notes:
        return ""
    items = "".join(f"<li>{text(n)}</li>" for n in coverage.notes)
    return f'<section id="notes"><h2>{text(t("h.notes"))}</h2><ul>{items}</ul></section>'
