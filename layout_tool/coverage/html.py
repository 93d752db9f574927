"""Coverage as one self-contained HTML page, in the validation report's style.

A procurement team forwards this page to colleagues and vendors: so, like the validation
report, it has no external assets, escapes every name (item and field names come from
vendors' files), and needs no script. The stylesheet and escaping are the report's own.
"""

from __future__ import annotations

from html import escape

from layout_tool import __version__
from layout_tool.coverage.model import Coverage, Figures, FileCoverage, ItemCoverage
from layout_tool.coverage.render import heading, pct, verdict
from layout_tool.report.html import page_head, text
from layout_tool.report.html_assets import CSS
from layout_tool.report.tables import attr, html_table, num

STATUS_JA = {
    "covered": "対応",
    "narrower": "型・桁数不足",
    "constant": "固定値",
    "missing": "欠落",
}
ORDER = {"missing": 0, "narrower": 1, "constant": 2, "covered": 3}
EXTRA_CSS = """
tr.missing td.status, tr.narrower td.status { color: var(--fail); font-weight: 600; }
tr.constant td.status { color: var(--warn); font-weight: 600; }
tr.covered td.status { color: var(--pass); }
"""


def render_html(coverage: Coverage) -> str:
    """The whole page as a string (UTF-8 when written)."""
    state = "PASS" if coverage.passed else "FAIL"
    title = f"カバレッジ {coverage.area.id} — {state}"
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
        f"<footer>layout-tool {escape(__version__)} — 中間標準レイアウト仕様"
        f" v{text(coverage.area.version)}（{text(coverage.area.standard)}）。"
        "このファイルは外部に接続せずに表示できます。</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _banner(coverage: Coverage) -> str:
    state = "pass" if coverage.passed else "fail"
    verdict_ja = "合格 PASS" if coverage.passed else "不合格 FAIL"
    lines = "".join(f"<p>{text(line.strip())}</p>" for line in heading(coverage))
    return (
        f'<header class="banner {state}" id="verdict"'
        f' data-passed="{str(coverage.passed).lower()}">'
        f"<h1>{verdict_ja}</h1>{lines}<p>{text(verdict(coverage))}</p></header>"
    )


def _figure(key: str, label: str, value: str, bad: bool = False) -> str:
    klass = ' class="bad"' if bad else ""
    return f'<div{klass}><dt>{label}</dt><dd id="n-{key}">{text(value)}</dd></div>'


def _summary(coverage: Coverage) -> str:
    s = coverage.summary()
    figures = [
        _figure("covered", "対応率 covered", pct(s.covered_pct)),
        _figure("required", "必須項目の対応率 required", pct(s.required_pct), not coverage.passed),
        _figure("missing", "欠落 missing", num(s.missing), s.required_missing > 0),
        _figure("narrower", "型・桁数不足 narrower", num(s.narrower), s.narrower > 0),
        _figure("constant", "固定値 constant", num(s.constant)),
        _figure("unplaced", "標準外の項目 unplaced", num(coverage.unplaced_count)),
    ]
    headers = [
        ("ファイル file", ""), ("名称", ""), ("ベンダー vendor", ""), ("項目 items", "num"),
        ("対応 covered", "num"), ("不足 narrower", "num"), ("固定値", "num"),
        ("欠落 missing", "num"), ("対応率", "num"), ("必須", "num"), ("必須対応", "num"),
        ("必須対応率", "num"),
    ]  # fmt: skip
    rows = [_summary_row(f.file.id, f.file.name, f.vendor, f.summary()) for f in coverage.files]
    rows.append(_summary_row("(業務全体)", coverage.area.name, None, s))
    return (
        '<section id="summary"><h2>概要<small>summary</small></h2>'
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
        f"<td>{'必須' if i.item.required else ''}</td>"
        f'<td>{text(i.item.type)}</td><td class="num">{i.item.length}</td>'
        f'<td class="status">{STATUS_JA[i.status]}</td>'
        f"<td>{text(', '.join(i.vendor))}</td><td>{text(i.via or '')}</td>"
        f"<td>{f'<ul>{issues}</ul>' if issues else ''}</td></tr>"
    )


def _file(f: FileCoverage) -> str:
    s = f.summary()
    order = sorted(f.items, key=lambda i: (ORDER[i.status], not i.item.required, i.item.no))
    headers = [
        ("no", "num"), ("データ項目名称", ""), ("必須", ""), ("型", ""), ("桁数", "num"),
        ("状態 status", ""), ("ベンダー項目 vendor", ""), ("取得方法 via", ""), ("理由 why", ""),
    ]  # fmt: skip
    source = text(f.vendor) if f.vendor else "対応するベンダーのファイルなし"
    table_id = attr(f"items-{f.file.id}")
    rows = [_item_row(i) for i in order]
    return (
        f'<section id="file-{attr(f.file.id)}"><h2>{text(f.file.name)}'
        f"<small>{text(f.file.id)} ← {source}</small></h2>"
        f"<p>{num(s.covered)} / {num(s.items)} 項目に対応（{pct(s.covered_pct)}）、"
        f"必須 {num(s.required_covered)} / {num(s.required)}（{pct(s.required_pct)}）。"
        "欠落・型桁数不足・固定値・対応の順に、それぞれ必須項目を先頭に並べています。</p>"
        f'<div class="scroll">{html_table(table_id, headers, rows)}</div></section>'
    )


def _vendor(coverage: Coverage) -> str:
    what = "フィールド" if coverage.kind == "mapping" else "項目"
    head = (
        f'<section id="unplaced"><h2>標準に対応しないベンダーの{what}'
        "<small>vendor fields with no standard home (団体独自項目?)</small></h2>"
    )
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
            f"<td>{f'<ul>{names}</ul>' if names else 'なし'}</td></tr>"
        )
    headers = [
        ("ベンダーのファイル", ""), ("名称", ""), ("標準のファイル", ""), (what, "num"),
        ("対応なし", "num"), ("一覧", ""),
    ]  # fmt: skip
    return head + html_table("unplaced-table", headers, rows) + "</section>"


def _notes(coverage: Coverage) -> str:
    if not coverage.notes:
        return ""
    items = "".join(f"<li>{text(n)}</li>" for n in coverage.notes)
    return f'<section id="notes"><h2>備考<small>notes</small></h2><ul>{items}</ul></section>'
