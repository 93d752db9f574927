"""Render the HTML validation report of the bundled sample data and photograph it.

    .venv/bin/python scripts/screenshot_report.py [-o docs/img/html-report.png]

Validates ``sample_data/faulty/jumin`` (synthetic data with seeded faults), writes the HTML
report, and takes a screenshot with Debian's headless chromium (the packages ``chromium``
and ``fonts-noto-cjk`` for the Japanese text; no browser download). The README shows it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from layout_tool.report.html import render_html
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def build_report(folder: Path, area: str, data: Path) -> Path:
    """Validation of ``data`` → ``report.html`` in ``folder``."""
    report = validate_paths(load_area(area), [data], Options())
    page = folder / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def screenshot(page: Path, target: Path, chromium: str, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}"]
        command += [f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def japanese_fonts() -> bool:
    """Whether fontconfig knows a Japanese font (without one the picture shows empty boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=ja"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs/img/html-report.png")
    parser.add_argument("--area", default="jumin")
    parser.add_argument("--input", type=Path, default=Path("sample_data/faulty/jumin"))
    parser.add_argument("--size", default="1280x2000", help="window WIDTHxHEIGHT")
    parser.add_argument("--keep-html", type=Path, help="also copy the report page here")
    parser.add_argument(
        "--allow-missing-fonts", action="store_true", help="take the picture without CJK fonts"
    )
    args = parser.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        print("chromium not found: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 2
    if not japanese_fonts() and not args.allow_missing_fonts:
        print("no Japanese font found: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.split("x"))
    os.chdir(ROOT)  # the report names the inputs as given: relative, like a user's run
    with tempfile.TemporaryDirectory(prefix="layout-tool-report-") as tmp:
        page = build_report(Path(tmp), args.area, args.input)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        screenshot(page, args.output.resolve(), chromium, width, height)
        if args.keep_html is not None:
            shutil.copyfile(page, args.keep_html)
    print(f"screenshot: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
