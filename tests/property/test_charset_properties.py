"""Any string of charset characters passes the character checks (with the charset) and
round-trips through UTF-8 CSV and the XML form; tags round-trip through the charset."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from charset_fixtures import MJ_SPEC, SYNTHETIC, charset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_tool.charset.escapes import to_chars, to_tags
from layout_tool.charset.setup import char_policy
from layout_tool.conversion.forms import convert_standard
from layout_tool.spec.catalogue import load_area
from layout_tool.validate import Options, validate_paths

CS = charset()
# Every character of the set (GJ, MJ with and without IVS, registered IVS) and plain text.
PIECES = sorted({chr(c) for c in CS.gj} | set(CS.mj.values()) | set(CS.ivs) | set("山田花子東京都"))
NAMES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)


def _csv(rows: list[tuple[str, str, str]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["番号", "氏名", "住所"])
    writer.writerows(rows)
    return buf.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(st.tuples(NAMES, NAMES), min_size=1, max_size=6))
def test_charset_strings_pass_and_round_trip(values: list[tuple[str, str]]) -> None:
    rows = [(f"{99900 + i}", name, address) for i, (name, address) in enumerate(values)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "spec.yaml").write_text(MJ_SPEC, encoding="utf-8")
        data = folder / "in" / "PEOPLE.csv"
        data.parent.mkdir()
        data.write_text(_csv(rows), encoding="utf-8")
        spec = load_area(str(folder / "spec.yaml"))
        chars, _ = char_policy(spec, str(SYNTHETIC), "characters")
        report = validate_paths(spec, [data.parent], Options(chars=chars))
        assert report.valid, report.findings
        assert not report.gaiji  # nothing to inventory: every character is standard
        convert_standard(spec, [data.parent], folder / "xml", "xml")
        convert_standard(spec, [folder / "xml"], folder / "csv", "csv")
        back = next((folder / "csv").glob("*.csv")).read_text(encoding="utf-8-sig")
        got = list(csv.reader(io.StringIO(back, newline="")))[1:]
        assert [tuple(r) for r in got] == rows


@given(text=st.lists(st.sampled_from([*PIECES, "{", "}", "GJ"]), max_size=8).map("".join))
def test_tags_round_trip(text: str) -> None:
    tagged = to_tags(text, CS)
    assert not any(ord(c) >= 0x100000 for c in tagged)  # no GJ character left
    back, unknown = to_chars(tagged, CS)
    if "{" not in text:  # literal braces in the text may form a tag of their own
        assert back == text and unknown == []


ODD = [*PIECES, "\ue000", "\U0010fff0", "\U000f0001", "葛\U000e0105", "◆UF929◆", "{GJ000554}",
       "&#x9AD9;", "\ufffd", "&", "{", "◆", "ｱ", "a", "ア", " "]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.lists(st.sampled_from(ODD), max_size=4).map("".join), max_size=20))
def test_screened_character_checks_equal_unscreened(values: list[str]) -> None:
    """The charset and lost-char checks read ``char_screen``'s column: same flags as the value."""
    import polars as pl

    from layout_tool.charset.policy import CharPolicy
    from layout_tool.checks.items import char_screen
    from layout_tool.spec.model import Item

    policy = CharPolicy(charset=CS)
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    for kind in ("zenkaku", "kana", "text"):
        item = Item(1, "x", kind, 100)
        value = pl.col("v")
        screen = char_screen(item, value)
        assert screen is not None
        plain = frame.select(*[f.alias(c) for c, f in policy.scans(item, value)])
        screened = frame.select(*[f.alias(c) for c, f in policy.scans(item, value, screen)])
        assert plain.equals(screened), kind
