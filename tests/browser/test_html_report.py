"""The HTML report in a real headless browser: Debian's chromium.

Two drivers, so that the page is exercised wherever chromium is installed:

- chromium alone (``--dump-dom`` with a probe script that fires the same events a user
  would, and ``--screenshot``): needs only the Debian package ``chromium``;
- selenium with Debian's ``chromium-driver`` (real key presses and clicks): needs also the
  pip package ``selenium``. The driver path is given, so Selenium Manager never runs and no
  browser is ever downloaded.

Each test is skipped with its reason when what it needs is missing, unless
``LAYOUT_TOOL_BROWSER_TESTS=required`` (for CI, where the set-up installs them), which turns
the skip into a failure. A screenshot is kept in ``test-artifacts/html-report.png``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PEOPLE_HEAD

from layout_tool.report.html import render_html
from layout_tool.report.report import Report
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,1800",
]
E0, E1 = "\ue000", "\ue001"
SPEC = (
    PEOPLE_HEAD
    + """\
    key: [番号]
    items:
      - {no: 1, name: 番号, type: digits, length: 5, required: true}
      - {no: 2, name: 氏名, type: zenkaku, length: 30, gaiji: true}
      - {no: 3, name: フリガナ, type: kana, length: 30}
      - {no: 4, name: 個人番号, type: digits, length: 12, sensitive: true}
      - {no: 5, name: 住所, type: text, length: 40}
"""
)


def _missing(webdriver: bool = True) -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"Debian chromium is not installed ({CHROMIUM}): apt-get install chromium"
    if not webdriver:
        return None
    if not Path(CHROMEDRIVER).is_file():
        return f"chromedriver is not installed ({CHROMEDRIVER}): apt-get install chromium-driver"
    if importlib.util.find_spec("selenium") is None:
        return "the selenium package is not installed: pip install selenium==4.52.0"
    return None


def _need_browser(webdriver: bool = True) -> None:
    reason = _missing(webdriver)
    if reason is None:
        return
    if os.environ.get("LAYOUT_TOOL_BROWSER_TESTS") == "required":
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    _need_browser()
    webdriver = pytest.importorskip("selenium.webdriver")
    service_module = pytest.importorskip("selenium.webdriver.chrome.service")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=service_module.Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    folder = tmp_path_factory.mktemp("report")
    (folder / "spec.yaml").write_text(SPEC, encoding="utf-8")
    rows = []
    for i in range(1, 121):
        name = f"山{E0}郎" if i % 10 == 0 else ("<b>太郎</b>" if i % 17 == 0 else "山田太郎")
        kana = "ﾔﾏﾀﾞ" if i % 13 == 0 else "ヤマダ"
        number = "12345678901X" if i % 29 == 0 else ""
        address = f"大阪{E1}" if i % 31 == 0 else "東京都"
        rows.append(f"{i:05d},{name},{kana},{number},{address}")
    rows.append("00001,重複,ジュウフク,,")  # a duplicate key
    data = folder / "PEOPLE.csv"
    data.write_text("番号,氏名,フリガナ,個人番号,住所\n" + "\n".join(rows) + "\n", "utf-8")
    spec = load_area(str(folder / "spec.yaml"))
    report = validate_paths(spec, [data], Options())
    page = folder / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return report, page


def _visible_rows(driver: Any) -> int:
    script = "return document.querySelectorAll('#findings-table tbody tr:not([hidden])').length"
    return int(driver.execute_script(script))


def _wait_shown(driver: Any, expected: int) -> None:
    wait_module = pytest.importorskip("selenium.webdriver.support.wait")
    wait_module.WebDriverWait(driver, 10).until(
        lambda d: d.find_element("id", "shown-count").get_attribute("data-value") == str(expected)
    )
    assert _visible_rows(driver) == expected


def _console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_report_loads_shows_counts_and_filters(
    driver: Any, report_page: tuple[Report, Path]
) -> None:
    report, page = report_page
    driver.get(page.as_uri())
    assert _console_errors(driver) == []
    by = "id"
    banner = driver.find_element(by, "verdict")
    assert banner.get_attribute("data-valid") == "false" and "不合格" in banner.text
    for key, expected in (
        ("errors", report.errors),
        ("warnings", report.warnings),
        ("rows", 121),
        ("gaiji", 2),
    ):
        element = driver.find_element(by, f"n-{key}")
        assert element.get_attribute("data-value") == str(expected)
        assert element.text == f"{expected:,}"
    listed = len(report.findings)
    assert _visible_rows(driver) == listed

    # filter by text: the code point of a 外字
    box = driver.find_element(by, "filter-text")
    box.send_keys("U+E000")
    _wait_shown(driver, sum(1 for f in report.findings if f.value and E0 in f.value))
    box.clear()
    box.send_keys(" ")  # clear() fires no input event; a blank needle shows all again
    _wait_shown(driver, listed)

    # filter by code and severity with the select boxes
    select_module = pytest.importorskip("selenium.webdriver.support.select")
    select_module.Select(driver.find_element(by, "filter-code")).select_by_value("type")
    _wait_shown(driver, report.by_code["type"])
    select_module.Select(driver.find_element(by, "filter-code")).select_by_value("")
    select_module.Select(driver.find_element(by, "filter-severity")).select_by_value("warning")
    _wait_shown(driver, sum(1 for f in report.findings if f.severity == "warning"))
    select_module.Select(driver.find_element(by, "filter-severity")).select_by_value("")
    _wait_shown(driver, listed)

    # a click on a code in the summary filters the table to it
    driver.find_element("css selector", '[data-filter-code="key-duplicate"]').click()
    _wait_shown(driver, report.by_code["key-duplicate"])
    select_module.Select(driver.find_element(by, "filter-code")).select_by_value("")
    _wait_shown(driver, listed)
    assert _console_errors(driver) == []


def test_the_page_reads_in_japanese(driver: Any, report_page: tuple[Report, Path]) -> None:
    """As a clerk sees it in the browser: every heading, column heading and message is
    Japanese (finding codes, file names and values aside)."""
    report, page = report_page
    driver.get(page.as_uri())
    assert driver.find_element("css selector", "html").get_attribute("lang") == "ja"
    japanese = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
    headings = driver.find_elements("css selector", "h1, h2, th, dt, label, footer")
    shown = [h.text for h in headings if h.text.strip()]
    assert shown and [h for h in shown if not japanese.search(h)] == ["SHA-256"]
    cells = driver.find_elements("css selector", "#findings-table tbody td:last-child")
    messages = [c.text for c in cells]  # the message column, as shown
    assert len(messages) == len(report.findings)
    assert all(japanese.search(m) for m in messages), messages
    for english in ("Result", "Findings", "must be", "errors", "is required"):
        assert english not in driver.find_element("css selector", "body").text


def test_sorting_by_row(driver: Any, report_page: tuple[Report, Path]) -> None:
    report, page = report_page
    driver.get(page.as_uri())
    header = driver.find_element("xpath", '//table[@id="findings-table"]/thead/tr/th[4]')
    script = (
        "return Array.from(document.querySelectorAll('#findings-table tbody tr'))"
        ".map(r => parseInt(r.cells[3].textContent, 10))"
    )
    header.click()
    ascending = driver.execute_script(script)
    assert ascending == sorted(ascending) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    descending = driver.execute_script(script)
    assert descending == sorted(ascending, reverse=True)
    assert len(descending) == len(report.findings)
    assert _console_errors(driver) == []


def test_screenshot_is_kept(driver: Any, report_page: tuple[Report, Path]) -> None:
    _, page = report_page
    driver.get(page.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "html-report.png"
    assert driver.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# Fires the events a user would (change, click, input) and writes what the page then shows
# into <pre id="probe"> once the debounced text filter has run.
PROBE = """
(function () {
  function visible() {
    return document.querySelectorAll("#findings-table tbody tr:not([hidden])").length;
  }
  function column(i) {
    return Array.from(document.querySelectorAll("#findings-table tbody tr"))
      .map(function (r) { return parseInt(r.cells[i].textContent, 10); });
  }
  function set(id, value, kind) {
    var el = document.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event(kind));
  }
  var out = {figures: {}};
  ["errors", "warnings", "rows", "gaiji", "files"].forEach(function (k) {
    out.figures[k] = document.getElementById("n-" + k).textContent;
  });
  out.initial = visible();
  set("filter-code", "type", "change"); out.type = visible();
  set("filter-code", "", "change");
  set("filter-severity", "warning", "change"); out.warning = visible();
  set("filter-severity", "", "change");
  document.querySelector('[data-filter-code="key-duplicate"]').click(); out.duplicate = visible();
  set("filter-code", "", "change");
  var th = document.querySelectorAll("#findings-table thead th")[3];
  th.click(); out.ascending = column(3); out.sort = th.getAttribute("aria-sort");
  th.click(); out.descending = column(3);
  set("filter-text", "U+E000", "input");
  setTimeout(function () {
    out.text = visible();
    out.shown = document.getElementById("shown-count").getAttribute("data-value");
    var pre = document.createElement("pre");
    pre.id = "probe";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }, 400);
})();
"""


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_page_in_chromium_alone(report_page: tuple[Report, Path], tmp_path: Path) -> None:
    _need_browser(webdriver=False)
    report, page = report_page
    probe = tmp_path / "probe.html"
    html = page.read_text(encoding="utf-8")
    probe.write_text(html.replace("</body>", f"<script>{PROBE}</script></body>"), "utf-8")
    run = _chromium(
        "--virtual-time-budget=5000", "--dump-dom", probe.as_uri(), profile=tmp_path / "p1"
    )
    assert run.returncode == 0, run.stderr[-2000:]
    console = [ln for ln in run.stderr.splitlines() if ":CONSOLE" in ln]
    assert console == []
    found = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert found is not None, "the probe did not run: " + run.stdout[-500:]
    out = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert out["figures"] == {
        "errors": f"{report.errors:,}",
        "warnings": f"{report.warnings:,}",
        "rows": "121",
        "gaiji": "2",
        "files": "1",
    }
    listed = len(report.findings)
    assert out["initial"] == listed
    assert out["type"] == report.by_code["type"]
    assert out["warning"] == sum(1 for f in report.findings if f.severity == "warning")
    assert out["duplicate"] == report.by_code["key-duplicate"] == 1
    assert out["ascending"] == sorted(out["ascending"]) and out["sort"] == "ascending"
    assert out["descending"] == sorted(out["ascending"], reverse=True)
    expected = sum(1 for f in report.findings if f.value and E0 in f.value)
    assert out["text"] == expected == int(out["shown"]) > 0

    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "html-report.png"
    target.unlink(missing_ok=True)
    shot = _chromium(
        "--window-size=1366,1800",
        f"--screenshot={target}",
        page.as_uri(),
        profile=tmp_path / "p2",
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
