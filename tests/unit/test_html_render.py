"""The HTML report: one self-contained page, exact counts, everything escaped."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import validate_people

from layout_tool.cli.main import main
from layout_tool.report.html import render_html, text
from layout_tool.report.report import Report

E0, E1 = "\ue000", "\ue001"
ROWS = [
    f"00001,山{E0}郎,123456789012,東京",
    "00002,<script>alert(1)</script>,12345678901X,大阪",
    f',,,"名古屋{E1}"',
    "00004,田中,,a\x07b",
    f"00005,{E0}{E0},,=cmd",
]
NAME = 'PEOPLE_"<&>.csv'


def make_report(tmp_path: Path, rows: list[str] = ROWS, **filter_args: object) -> Report:
    return validate_people(tmp_path, NAME, rows, **filter_args)


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def page(report: Report) -> lxml.html.HtmlElement:
    return parse(render_html(report))


def value_of(doc: lxml.html.HtmlElement, element_id: str) -> int:
    return int(doc.get_element_by_id(element_id).get("data-value"))


def test_counts_verdict_and_tables_match_the_report(tmp_path: Path) -> None:
    report = make_report(tmp_path)
    doc = page(report)
    banner = doc.get_element_by_id("verdict")
    assert banner.get("data-valid") == "false" and "不合格" in banner.text_content()
    assert value_of(doc, "n-errors") == report.errors > 0
    assert value_of(doc, "n-warnings") == report.warnings > 0
    assert value_of(doc, "n-rows") == 5 and value_of(doc, "n-files") == 1
    assert value_of(doc, "n-gaiji") == 2
    rows = doc.xpath('//table[@id="findings-table"]/tbody/tr')
    assert len(rows) == len(report.findings)
    assert {r.get("data-code") for r in rows} == set(report.by_code)
    by_code = {
        tr.get("data-code"): int(tr.xpath("td")[2].text_content())
        for tr in doc.xpath('//table[@id="by-code-table"]/tbody/tr')
    }
    assert by_code == dict(report.by_code)
    gaiji = doc.xpath('//table[@id="gaiji-table"]/tbody/tr')
    assert [tr.get("data-codepoint") for tr in gaiji] == ["U+E000", "U+E001"]
    assert gaiji[0].xpath("td")[2].text_content() == "3"
    files = doc.xpath('//table[@id="files-table"]/tbody/tr/td')
    assert files[0].text_content().endswith(NAME) and files[2].text_content() == "5"


def test_everything_is_escaped_and_nothing_is_loaded_from_outside(tmp_path: Path) -> None:
    html = render_html(make_report(tmp_path))
    doc = parse(html)
    assert len(doc.xpath("//script")) == 1 and "alert" not in doc.xpath("//script")[0].text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert any(td.get("title", "").endswith(NAME) for td in doc.xpath("//td[@title]"))
    for needle in ("src=", "href=", "http:", "https:", "@import", "url("):
        assert needle not in html
    assert '<meta charset="utf-8">' in html and '<html lang="ja">' in html
    assert "\x07" not in html and "[U+0007]" in html


def test_gaiji_and_masked_values_are_shown_as_the_report_holds_them(tmp_path: Path) -> None:
    report = make_report(tmp_path)
    doc = page(report)
    values = [td.text_content() for td in doc.xpath('//td[@class="value"]')]
    assert f"山{E0}[U+E000]郎" in values
    assert "1234********" in values and "12345678901X" not in render_html(report)
    masked = doc.get_element_by_id("masked").text_content()
    assert "個人番号" in masked
    shown = page(make_report(tmp_path, show_values=True))
    assert "--show-values" in shown.get_element_by_id("masked").text_content()


def test_pass_report_and_capped_list(tmp_path: Path) -> None:
    clean = page(make_report(tmp_path, rows=["00001,山田,,東京"]))
    assert clean.get_element_by_id("verdict").get("data-valid") == "true"
    assert "指摘はありません" in clean.get_element_by_id("list").text_content()
    capped = make_report(tmp_path, max_findings=2)
    doc = page(capped)
    assert len(doc.xpath('//table[@id="findings-table"]/tbody/tr')) == 2
    assert "最初の 2 件" in doc.get_element_by_id("list").text_content()
    assert value_of(doc, "n-errors") == capped.errors > 2


def test_text_helper() -> None:
    assert text(None) == ""
    assert text('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert re.fullmatch(r'<mark class="pua" title="外字 U\+F0001">.\[U\+F0001\]</mark>',
                        text("\U000f0001"))  # fmt: skip


def test_cli_writes_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_report(tmp_path)
    out = tmp_path / "report.html"
    args = ["validate", "--spec", str(tmp_path / "spec.yaml"), str(tmp_path / NAME)]
    with pytest.raises(SystemExit) as ended:
        main([*args, "--format", "html", "-o", str(out)])
    assert ended.value.code == 1
    assert "レポート:" in capsys.readouterr().err  # Japanese by default
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
