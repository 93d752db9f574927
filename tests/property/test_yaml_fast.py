"""libyaml's reading of a YAML file agrees with ruamel's round-trip reader.

``yamlsource.parse_yaml`` reads specs, mappings, profiles and charsets with libyaml (fast,
plain dicts) and keeps ruamel's round-trip nodes for error lines only. Both must give the
same values, on every bundled file and on generated documents full of the scalars YAML
resolves in surprising ways (leading zeros, dates, booleans, octal-looking codes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from layout_tool.errors import LayoutToolError
from layout_tool.yamlsource import parse_yaml, plain

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(
    p
    for folder in ("specs", "mappings", "layout_tool")
    for p in (ROOT / folder).rglob("*.y*ml")
    if p.suffix in {".yaml", ".yml"}
)


def _round_trip(text: str) -> object:
    return plain(YAML(typ="rt").load(text))


def test_bundled_files_are_found() -> None:
    assert len(BUNDLED) >= 10


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_file_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = parse_yaml(path)
    assert plain(doc.root) == _round_trip(text)


# Scalars that YAML 1.1 and 1.2 resolve differently, or that look like numbers or dates.
TRICKY = st.sampled_from(
    [
        "01", "007", "0o17", "0x1F", "1_000", "1e3", ".5", "-0", "+1", "yes", "no", "on",
        "off", "y", "n", "true", "False", "~", "null", "2019-05-01", "2019-05-01 10:00:00",
        "1:20", "令和1年", "R01.05.01", "ｱｲｳ", "全角", "0123456789012345678901", ".inf",
        ".NaN", "'quoted'", '"dq"', "a: b", "- x", "#c",
    ]
)  # fmt: skip
KEYS = st.text(alphabet="abcxyz住所コード_0123", min_size=1, max_size=6)
SCALARS = TRICKY | st.integers(-(10**20), 10**20).map(str) | KEYS


def _render(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        return "".join(
            f"{pad}{k}:\n{_render(v, indent + 2)}"
            if isinstance(v, (dict, list)) and v
            else f"{pad}{k}: {_render(v).strip()}\n"
            for k, v in value.items()
        )
    if isinstance(value, list):
        return "".join(
            f"{pad}-\n{_render(v, indent + 2)}"
            if isinstance(v, (dict, list)) and v
            else f"{pad}- {_render(v).strip()}\n"
            for v in value
        )
    return f"{pad}{value}\n"


DOCS = st.recursive(
    SCALARS,
    lambda inner: (
        st.dictionaries(KEYS, inner, min_size=1, max_size=4)
        | st.lists(inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
).filter(lambda d: isinstance(d, dict))


@given(DOCS)
def test_generated_documents_read_the_same(doc: object) -> None:
    text = _render(doc)
    try:
        expected = _round_trip(text)
    except Exception:  # ruamel refuses it: parse_yaml must refuse it too
        with pytest.raises(LayoutToolError):
            parse_yaml(Path("generated.yaml"), text)
        return
    if expected is None:
        return
    assert plain(parse_yaml(Path("generated.yaml"), text).root) == expected


def test_error_lines_still_come_from_the_round_trip_nodes() -> None:
    text = "a: 1\nb:\n  c: 2\n  d:\n    - x\n    - y\n"
    doc = parse_yaml(Path("t.yaml"), text)
    assert isinstance(doc.root, dict) and type(doc.root) is dict  # libyaml's plain dict
    assert doc.line_of(["b", "d", 1]) == 6
    assert doc.line_of(["b", "c"]) == 3
    assert doc.error("bad", ["b"]).line == 2


def test_duplicate_key_is_refused_with_its_line() -> None:
    with pytest.raises(LayoutToolError) as caught:
        parse_yaml(Path("t.yaml"), "a: 1\nb: 2\na: 3\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x: &x {a: 1}\nz:\n  <<: *x\n  b: 1\n  b: 2\n", 5),  # duplicate beside a merge key
        ("a: b\t\nc: d\n", 1),  # tabs libyaml lets through and ruamel refuses
        ("a\t: b\n", 1),
    ],
)
def test_what_libyaml_would_let_through_is_still_refused(text: str, line: int) -> None:
    with pytest.raises(LayoutToolError) as caught:
        parse_yaml(Path("t.yaml"), text)
    assert caught.value.line is not None


def test_a_yaml_1_1_directive_is_read_as_before() -> None:
    text = "%YAML 1.1\n---\nrequired: yes\nb: 010\nd: 0o17\n"
    assert plain(parse_yaml(Path("t.yaml"), text).root) == _round_trip(text)
    assert plain(parse_yaml(Path("t.yaml"), text).root)["required"] is True


@pytest.mark.parametrize(
    "text", ["since: 2001-02-30\n", "a: !!int 0o8\n", "a: !!bool x\n", "%YAML 1.3\n---\na: 1\n"]
)
def test_a_value_its_form_cannot_be_is_a_one_line_error(text: str) -> None:
    with pytest.raises(LayoutToolError) as caught:
        parse_yaml(Path("t.yaml"), text)
    assert caught.value.message.startswith("YAML: ")
    assert "\n" not in caught.value.message


def test_error_lines_are_right_in_a_text_with_a_tab_in_a_comment() -> None:
    text = "a: 1  # note\nb:\n  c: 2\n  d: [x,\ty]\n"
    doc = parse_yaml(Path("t.yaml"), text)
    assert doc.line_of(["b", "d"]) == 4


def test_a_yaml_1_1_directive_behind_a_byte_order_mark_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"  # a spec saved by a Windows editor starts with a BOM
    path.write_bytes("\ufeff%YAML 1.1\n---\nfixed: yes\nlength: 010\nkey: 1:30\n".encode())
    root = plain(parse_yaml(path).root)
    assert root == {"fixed": True, "length": 8, "key": 90}
    assert root == _round_trip(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("text", ["- a{}- b\n", "a: 1{}b: 2\n", "a: >\n  x{}  y\n"])
def test_unicode_line_breaks_read_as_the_round_trip_reader_reads_them(brk: str, text: str) -> None:
    """libyaml takes NEL, LS and PS for line breaks, ruamel does not: such a text is ruamel's."""
    text = text.format(brk)
    try:
        expected = _round_trip(text)
    except Exception:  # ruamel refuses it: so does parse_yaml, in one line
        with pytest.raises(LayoutToolError) as caught:
            parse_yaml(Path("t.yaml"), text)
        assert "\n" not in caught.value.message
        return
    assert plain(parse_yaml(Path("t.yaml"), text).root) == expected


@pytest.mark.parametrize(
    "value", ["!!int ''", "!!int 0x", "!!int _", "!!int +", "!!int '-_'", "!!float ''", "!!float _"]
)
def test_an_empty_tagged_number_is_a_one_line_error(value: str) -> None:
    with pytest.raises(LayoutToolError) as caught:  # ruamel raises IndexError for these
        parse_yaml(Path("t.yaml"), f"a: {value}\n")
    assert caught.value.message.startswith("YAML: ")
    assert "\n" not in caught.value.message
