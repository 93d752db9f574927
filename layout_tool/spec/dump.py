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
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from layout_tool.spec.model import AreaSpec

# Wide enough that no item line is ever folded: a folded flow mapping is still valid
# YAML, but "one item per line" is what makes spec diffs readable.
_WIDTH = 1 << 16

# Top-level sections preceded by a blank line, as in the hand-written specs.
_SPACED_SECTIONS = ("files", "codes", "references", "rules")

# Characters YAML treats as line breaks; a string holding one would otherwise be
# written as a multi-line single-quoted scalar and split its item over several lines.
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
# A plain scalar starting with an indicator is fragile: ruamel 0.19 writes ": 0" and
# "? a" unquoted inside flow mappings, which it then cannot read back. Quote them all.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def dump_area(spec: AreaSpec, header: str | None = None) -> str:
    """The spec-file YAML of ``spec`` (``AreaSpec.to_file_dict()``).

    ``header`` becomes leading ``#`` comment lines (provenance notes for people; the
    loader ignores them, so they are not part of the round trip).
    """
    data = _styled(spec.to_file_dict())
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
    _yaml().dump(root, out)
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
        out[key] = CommentedMap(value) if key == "values" else value
    return out


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


def _styled(value: Any) -> Any:
    """Pick a safe quoting for awkward strings; ruamel decides for the ordinary ones."""
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, Mapping):
        return {_styled(k): _styled(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_styled(v) for v in value]
    return value


def _quoted(text: str) -> str:
    if _LINE_BREAKS & set(text):
        return DoubleQuotedScalarString(text)  # line breaks become \n escapes: one line
    if text and (text[0] in _INDICATORS or text[0].isspace() or text[-1].isspace()):
        return SingleQuotedScalarString(text)
    return text


def _space_entries(seq: CommentedSeq) -> None:
    """A blank line between the entries of a block sequence (between files)."""
    for index in range(1, len(seq)):
        seq.yaml_set_comment_before_after_key(index, before="\n")
