"""The validation report as one self-contained HTML page, for people who read and forward it.

Municipal staff open the file offline, print it or attach it to a mail: so there are no
external assets, every figure is exact (from the report's counters, not from the capped
findings list), every piece of data is escaped, and values are shown exactly as the report
holds them (masked unless ``--show-values``). 外字 are shown as their code points, since
no font has them.
"""

from __future__ import annotations

import re
from html import escape

from layout_tool import __version__
from layout_tool.findings import Finding
from layout_tool.gaiji.inventory import GaijiEntry, first_rows_text
from layout_tool.i18n import code_action, code_title, counted, get_lang, t
from layout_tool.i18n import text as as_text
from layout_tool.report.core import by_count
from layout_tool.report.head import Positions, encoding, head_lines, legend
from layout_tool.report.html_assets import CSS, JS
from layout_tool.report.report import Report
from layout_tool.report.tables import attr as _attr
from layout_tool.report.tables import html_table as _table
from layout_tool.report.tables import num as _num
from layout_tool.spec.model import STANDARD_NAMES

# Private-use characters (外字) and control characters: shown as code points, never raw.
_SPECIAL = re.compile("([\ue000-\uf8ff\U000f0000-\U0010fffd]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f])")
NUM_TYPE = ' data-type="num"'
KINDS = ("validation", "verification")


def page_head(title: str, css: str) -> list[str]:
    """The start of every page layout-tool writes: self-contained, UTF-8, Japanese."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{get_lang()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="layout-tool {escape(__version__)}">',
        f"<title>{escape(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
    ]


def render_html(report: Report) -> str:
    """The whole page as a string (UTF-8 when written)."""
    verdict = t("verdict.pass" if report.valid else "verdict.fail")
    kind = t("kind." + report.kind) if report.kind in KINDS else report.kind
    title = f"{kind} {report.area} — {verdict}"
    parts = [
        *page_head(title, CSS),
        "<body>",
        _banner(report, verdict),
        "<main>",
        _summary(report),
        _head(report),
        _files(report),
        _by_code(report),
        _by_item(report),
        _gaiji(report),
        _masked(report),
        _findings(report),
        _notes(report),
        "</main>",
        f"<footer>layout-tool {escape(__version__)} — 中間標準レイアウト仕様"
        f" v{escape(report.spec_version)}（{escape(report.standard)}）。"
        f"{t('html.offline')}</footer>",
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def text(value: object) -> str:
    """Escape for HTML and show 外字 / control characters as visible code points."""
    if value is None:
        return ""
    out = []
    for i, piece in enumerate(_SPECIAL.split(str(value))):
        if i % 2 == 0:
            out.append(escape(piece))
        else:
            cp = f"U+{ord(piece):04X}"
            if ord(piece) >= 0xE000:  # the character itself shows where an 外字 font is installed
                out.append(f'<mark class="pua" title="外字 {cp}">{piece}[{cp}]</mark>')
            else:
                out.append(f'<mark class="pua" title="制御文字 {cp}">[{cp}]</mark>')
    return "".join(out)


def _banner(report: Report, verdict: str) -> str:
    state = "pass" if report.valid else "fail"
    return (
        f'<header class="banner {state}" id="verdict" data-valid="{str(report.valid).lower()}">'
        f"<h1>{verdict}</h1>" + f"<p>{text(_where(report))}</p>"
        f"<p>{text(_counts(report))}</p>"
        + (f'<p id="coverage">{text(report.coverage() or "")}</p>' if report.area_files else "")
        + (
            f'<p id="profile">{text(t("head.profile"))}: {text(report.profile["path"])}'
            f" (SHA-256 {text(report.profile['sha256'])})</p>"
            if report.profile
            else ""
        )
        + "</header>"
    )


def _where(report: Report) -> str:
    standard = STANDARD_NAMES.get(report.standard, report.standard)
    return t("html.banner", area=report.area, standard=standard, version=report.spec_version)


def _counts(report: Report) -> str:
    errors = counted(report.errors, "error")
    warnings = counted(report.warnings, "warning")
    files, rows = counted(len(report.files), "file"), counted(report.rows, "row")
    return t("html.counts", errors=errors, warnings=warnings, files=files, rows=rows)


def _head(report: Report) -> str:
    """When, what, against which spec, with which profile and tool (the report's head)."""
    rows = "".join(
        f"<div><dt>{text(label)}</dt><dd>{text(value)}</dd></div>"
        for label, value in head_lines(report)
    )
    return f'<section id="head"><dl class="head">{rows}</dl></section>'


def _figure(key: str, label: str, n: int, cls: str = "") -> str:
    label = t(label)
    klass = f' class="{cls}"' if cls else ""
    return f'<div{klass}><dt>{label}</dt><dd id="n-{key}" data-value="{n}">{_num(n)}</dd></div>'


def _summary(report: Report) -> str:
    figures = [
        _figure("files", "fig.files", len(report.files)),
        _figure("rows", "fig.rows", report.rows),
        _figure("errors", "fig.errors", report.errors, "bad" if report.errors else ""),
        _figure("warnings", "fig.warnings", report.warnings, "warn" if report.warnings else ""),
        _figure("gaiji", "fig.gaiji", len(report.gaiji.entries())),
    ]
    return (
        f'<section id="summary"><h2>{t("h.summary")}</h2>'
        f'<dl class="figures">{"".join(figures)}</dl></section>'
    )


def _files(report: Report) -> str:
    rows = [
        "<tr>"
        f'<td class="path">{text(f.path)}</td><td>{text(f.file_id or "-")}</td>'
        f'<td class="num" data-sort="{f.rows}">{_num(f.rows)}</td>'
        f"<td>{text(encoding(f))}</td>"
        f'<td class="num">{_num(f.bytes)}</td>'
        f'<td class="muted" title="{_attr(f.sha256)}">{text((f.sha256 or "-")[:16])}</td>'
        "</tr>"
        for f in report.files
    ]
    headers = [
        (t("col.file"), ""),
        (t("col.file-id"), ""),
        (t("col.rows"), "num"),
        (t("col.encoding"), ""),
        (t("col.bytes"), "num"),
        ("SHA-256", ""),
    ]
    return (
        f'<section id="files"><h2>{t("h.files")}</h2>'
        f"{_table('files-table', headers, rows)}</section>"
    )


def _by_code(report: Report) -> str:
    if not report.by_code:
        return (
            f'<section id="by-code"><h2>{t("h.by-code")}</h2><p>{t("h.no-findings")}</p></section>'
        )
    rows = [
        f'<tr data-code="{_attr(code)}">'
        f'<td><button class="link" type="button" data-filter-code="{_attr(code)}">'
        f"{text(code)}</button></td>"
        f"<td>{text(code_title(code))}</td>"
        f'<td class="num">{_num(n)}</td>'
        f'<td class="action">{text(code_action(code))}</td></tr>'
        for code, n in report.codes_by_count()
    ]
    headers = [
        (t("col.code"), ""),
        (t("col.meaning"), ""),
        (t("col.count"), "num"),
        (t("col.action"), ""),
    ]
    return (
        f'<section id="by-code"><h2>{t("h.by-code")}</h2>'
        f"{_table('by-code-table', headers, rows)}</section>"
    )


def _example(f: Finding) -> str:
    where = t("where.row", row=f.row) if f.row is not None else "-"
    value = f"：{text(f.value)}" if f.value is not None else ""
    return f"<li>{text(where)}{value}</li>"


def _by_item(report: Report) -> str:
    if not report.by_item:
        return ""
    rows = []
    for (item, code), n in report.items_by_count():
        examples = report.examples.get((item, code), [])
        shown = "".join(_example(f) for f in examples)
        rows.append(
            f'<tr><td>{text(item)}</td><td>{text(code)}</td><td class="num">{_num(n)}</td>'
            f"<td><ul>{shown}</ul></td></tr>"
        )
    headers = [
        (t("col.item"), ""),
        (t("col.code"), ""),
        (t("col.count"), "num"),
        (t("col.examples"), ""),
    ]
    return (
        f'<section id="by-item"><h2>{t("h.by-item")}</h2>'
        f"{_table('by-item-table', headers, rows)}</section>"
    )


def _gaiji_row(entry: GaijiEntry, several: bool) -> str:
    cp = entry.codepoints
    return (
        f'<tr data-codepoint="{_attr(cp)}">'
        f'<td><button class="link" type="button" data-filter-text="{_attr(cp)}">{text(cp)}</button>'
        f"</td><td>{text(entry.token)}</td>"
        f'<td class="num">{_num(entry.count)}</td>'
        f"<td>{text(', '.join(entry.items))}</td>"
        f'<td class="path">{text(", ".join(entry.files))}</td>'
        f"<td>{text(first_rows_text(entry, several))}</td></tr>"
    )


def _gaiji(report: Report) -> str:
    entries = report.gaiji.entries()
    head = f'<section id="gaiji"><h2>{t("h.gaiji")}</h2>'
    if not entries:
        return head + f"<p>{t('html.no-gaiji')}</p></section>"
    several = len(report.files) > 1
    rows = [_gaiji_row(e, several) for e in entries]
    headers = [
        (t("col.code-point"), ""),
        (t("col.char"), ""),
        (t("col.occurrences"), "num"),
        (t("col.items"), ""),
        (t("col.file"), ""),
        (t("col.first-rows"), ""),
    ]
    return (
        head + f"<p>{t('html.gaiji-intro', distinct=len(entries), total=report.gaiji.total)}</p>"
        f"{_table('gaiji-table', headers, rows)}</section>"
    )


def _masked(report: Report) -> str:
    head = f'<section id="masked"><h2>{t("h.masked")}</h2>'
    if report.filter.show_values:
        return head + f'<p class="note">{t("html.shown-values")}</p></section>'
    if not report.masked:
        return head + f"<p>{t('html.no-masked')}</p></section>"
    rows = [
        f'<tr><td>{text(item)}</td><td class="num">{_num(n)}</td></tr>'
        for item, n in by_count(report.masked)
    ]
    return (
        head + f"<p>{t('html.masked')}</p>"
        f"{_table('masked-table', [(t('col.item'), ''), (t('col.masked'), 'num')], rows)}"
        "</section>"
    )


def _finding_row(f: Finding, where: Positions) -> str:
    name = where.file(f)
    excel = where.excel_row(f)
    return (
        f'<tr class="{_attr(f.severity)}" data-code="{_attr(f.code)}"'
        f' data-severity="{_attr(f.severity)}">'
        f'<td class="sev">{t("severity." + f.severity)}</td>'
        f"<td>{text(f.code)}</td>"
        f'<td class="path" title="{_attr(f.file)}">{text(name)}</td>'
        f'<td class="num">{"" if f.row is None else f.row}</td>'
        f'<td class="num">{"" if f.line is None else f.line}</td>'
        f'<td class="num">{"" if excel is None else excel}</td>'
        f"<td>{text(f.item)}</td>"
        f'<td class="num">{"" if f.column is None else f.column}</td>'
        f'<td class="value">{text(f.value)}</td>'
        f"<td>{text(f.text())}</td></tr>"
    )


def _findings(report: Report) -> str:
    findings = report.sorted_findings()
    total = sum(report.by_code.values())
    head = f'<section id="list"><h2>{t("h.list")}<small>{t("h.list-hint")}</small></h2>'
    if not findings:
        return head + f"<p>{t('h.no-findings')}</p></section>"
    codes = sorted({f.code for f in findings})
    options = "".join(f'<option value="{_attr(c)}">{text(c)}</option>' for c in codes)
    controls = (
        '<div class="controls">'
        f'<label>{t("html.filter")} <input id="filter-text" type="search"'
        f' placeholder="{_attr(t("html.filter-hint"))}"></label>'
        f'<label>{t("col.code")} <select id="filter-code"><option value="">{t("html.all")}'
        f"</option>{options}</select></label>"
        f'<label>{t("col.severity")} <select id="filter-severity"><option value="">'
        f'{t("html.all")}</option><option value="error">{t("severity.error")}</option>'
        f'<option value="warning">{t("severity.warning")}</option></select></label>'
        f'<span><span id="shown-count" data-value="{len(findings)}">{_num(len(findings))}</span>'
        f' {t("html.shown")} <span id="listed-count">{_num(len(findings))}</span>'
        f" {t('html.listed')}</span>"
        "</div>"
    )
    capped = ""
    if report.truncated:
        capped = f'<p class="note">{t("html.capped", listed=len(findings), total=total)}</p>'
    headers = [
        (t("col.severity"), "sortable"),
        (t("col.code"), "sortable"),
        (t("col.file"), "sortable"),
        (t("col.row"), "sortable num"),
        (t("col.line"), "sortable num"),
        (t("col.excel-row"), "sortable num"),
        (t("col.item"), "sortable"),
        (t("col.column"), "sortable num"),
        (t("col.value"), ""),
        (t("col.message"), ""),
    ]
    head_cells = "".join(
        f'<th class="{cls}"{NUM_TYPE if "num" in cls else ""}>{label}</th>'
        for label, cls in headers
    )
    where = Positions(report)
    body = "".join(_finding_row(f, where) for f in findings)
    explained = "".join(f"<li>{text(x)}</li>" for x in legend())
    legend_html = (
        f'<details id="legend" open><summary>{t("sec.legend")}</summary>'
        f"<ul>{explained}</ul></details>"
    )
    return (
        head + capped + controls + legend_html + '<div class="scroll"><table id="findings-table">'
        f"<thead><tr>{head_cells}</tr></thead><tbody>{body}</tbody></table></div></section>"
    )


def _notes(report: Report) -> str:
    if not report.notes:
        return ""
    items = "".join(f"<li>{text(as_text(n))}</li>" for n in report.notes)
    return f'<section id="notes"><h2>{t("h.notes")}</h2><ul>{items}</ul></section>'
