"""Broken spec files fail with one clear ``file:line`` message, in the library and the CLI.

The corpus lives in ``tests/spec_errors/``: each ``NAME.yaml`` is a small spec with one
mistake, and ``NAME.expected`` holds a substring of the error, ``NAME.yaml:LINE: message``,
where LINE is the line of the offending node.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout_tool.cli.main import main
from layout_tool.errors import EXIT_USAGE, LayoutToolError
from layout_tool.spec.catalogue import shared_codes
from layout_tool.spec.loader import load_area_file

# The wording these tests pin is the English one (--lang en); Japanese: test_lang_errors.py
pytestmark = pytest.mark.usefixtures("english")

CORPUS = Path(__file__).resolve().parent.parent / "spec_errors"
CASES = sorted(CORPUS.glob("*.yaml"))
WHERE = re.compile(r"^(?P<file>[^:]+\.yaml):(?P<line>\d+): ")

# The mistakes the corpus must keep covering (more cases are welcome).
REQUIRED_CASES = {
    "yaml_syntax",
    "duplicate_yaml_key",
    "unknown_top_key",
    "unknown_item_key",
    "missing_item_type",
    "wrong_field_type",
    "bad_item_type",
    "duplicate_item_name",
    "no_gap",
    "missing_code_table",
    "key_missing_item",
    "reference_missing_file",
    "reference_missing_item",
    "rule_missing_item",
    "empty_file",
    "not_utf8",
    "allow_unknown_date_not_date",
    "type_code_without_table",
}


def expected_for(path: Path) -> tuple[str, int]:
    text = path.with_suffix(".expected").read_text(encoding="utf-8").strip()
    found = WHERE.match(text)
    assert found is not None, f"{path.name}.expected must start with NAME.yaml:LINE: "
    assert found["file"] == path.name
    return text, int(found["line"])


def test_corpus_is_complete() -> None:
    names = {p.stem for p in CASES}
    assert names >= REQUIRED_CASES, REQUIRED_CASES - names
    expected = {p.stem for p in CORPUS.glob("*.expected")}
    assert expected == names, "every case needs its .expected and vice versa"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_broken_spec_fails_with_file_and_line(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, line = expected_for(path)

    with pytest.raises(LayoutToolError) as info:
        load_area_file(path, shared_codes())
    message = str(info.value)
    assert expected in message
    assert info.value.line == line
    assert info.value.path == str(path)
    assert "\n" not in message

    with pytest.raises(SystemExit) as exited:
        main(["spec", "show", str(path)])
    assert exited.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    assert expected in err
    assert "Traceback" not in err


def test_broken_spec_with_json_format_is_still_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CORPUS / "no_gap.yaml"
    with pytest.raises(SystemExit) as exited:
        main(["spec", "show", str(path), "--format", "json"])
    assert exited.value.code == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert expected_for(path)[0] in err
