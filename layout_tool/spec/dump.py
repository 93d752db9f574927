"""Write an AreaSpec back as a spec file, in the layout of the bundled files.

``spec import`` produces specs from official item tables; people then read, diff and
hand-edit those files, so the output must look like the bundled specs (one item per
line) and be text-stable: dumping a loaded dump gives the same bytes, so a re-import
only shows real changes in a diff.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from layout_tool.spec.model import AreaSpec

# Wide enough that no item line is ever folded: a folded flow mapping is still valid
# YAML, but "one item per line" is what makes spec diffs readable.
_WIDTH = 1 << 16

# Top-level sections preceded by a blank line, as in the hand-written specs.
_SPACED_SECTIONS = ("files", "codes", "references", "rules")

# A plain scalar starting with an indicator is fragile: ruamel 0.19 writes ": 0" and
# "? a" unquoted inside flow mappings, which it then cannot read back.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters that end or split a plain scalar inside a flow mapping (items are flow).
_FLOW_BREAKERS = frozenset(",[]{}")
_STR_TAG = "tag:yaml.org,2002:str"
# Code tables at most this long (entries, characters) are written on one line.
_SHORT_TABLE = 6
_SHORT_WIDTH = 60


def dump_area(spec: AreaSpec, header: str | None = None) -> str:
    """The spec-file YAML of ``spec`` (``AreaSpec.to_file_dict()``).

    ``header`` becomes leading ``#`` comment lines (provenance notes for people; the
    loader ignores them, so they are not part of the round trip).
    """
    yaml = _yaml()
    data = _styled(spec.to_file_dict(), yaml)
    root = CommentedMap()
    for key, value in data.items():
        root[key] = _section(key, value)
    for key in _SPACED_SECTIONS:
        if key in root:
            root.yaml_set_comment_before_after_key(key, before="\n")
    out = io.StringIO()
    if header:
        for line in header.splitlines():
            out.write(f"# {line}".rstrip() + "\n")
    yaml.dump(root, out)
    return out.getvalue()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _section(key: str, value: Any) -> Any:
    if key == "area":
        return _flow(value)
    if key == "files":
        files = CommentedSeq(_file(f) for f in value)
        _space_entries(files)
        return files
    if key == "codes":
        return CommentedMap((k, _code_table(t)) for k, t in value.items())
    if key in {"references", "rules"}:
        return CommentedSeq(_flow(entry) for entry in value)
    return value


def _file(data: Mapping[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key, value in data.items():
        if key == "key":
            out[key] = _flow(value)
        elif key == "items":
            out[key] = CommentedSeq(_flow(item) for item in value)
        else:
            out[key] = value
    return out


def _code_table(data: Mapping[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key, value in data.items():
        if key == "values":
            out[key] = _flow(value) if _short(value) else CommentedMap(value)
        else:
            out[key] = value
    return out


def _short(values: Mapping[str, str]) -> bool:
    """A small table fits on one line (``{"1": 男, "2": 女}``), as people write it."""
    width = sum(len(k) + len(v) + 6 for k, v in values.items())
    return len(values) <= _SHORT_TABLE and width <= _SHORT_WIDTH


def _flow(value: Any) -> Any:
    """A mapping or list written inline (``{a: 1}`` / ``[x, y]``), nested ones too."""
    node: CommentedMap | CommentedSeq
    if isinstance(value, Mapping):
        node = CommentedMap((k, _flow(v)) for k, v in value.items())
    elif isinstance(value, list | tuple):
        node = CommentedSeq(_flow(v) for v in value)
    else:
        return value
    node.fa.set_flow_style()
    return node


def _styled(value: Any, yaml: YAML) -> Any:
    """Put every string that cannot safely stay plain in double quotes, as people do.

    Deciding here rather than leaving it to ruamel keeps the output in one quoting style
    ("02", "2.7", like the bundled files) and avoids its flow-context slips. Double
    quotes also write line breaks as escapes, so an item never spans two lines.
    """
    if isinstance(value, str):
        return value if _plain_is_safe(value, yaml) else DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        return {_styled(k, yaml): _styled(v, yaml) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_styled(v, yaml) for v in value]
    return value


def _plain_is_safe(text: str, yaml: YAML) -> bool:
    """Conservative: a False only costs a pair of quotes."""
    if not text or not text.isprintable() or text != text.strip():
        return False
    if text[0] in _INDICATORS or _FLOW_BREAKERS & set(text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    tag = yaml.resolver.resolve(ScalarNode, text, (True, False))
    return str(tag) == _STR_TAG


def _space_entries(seq: CommentedSeq) -> None:
    """A blank line between the entries of a block sequence (between files)."""
    for index in range(1, len(seq)):
        seq.yaml_set_comment_before_after_key(index, before="\n")
