"""YAML bombs refused before a document is built: aliases may not expand it beyond
``MAX_YAML_NODES`` nodes, and it may not nest deeper than ``MAX_YAML_DEPTH``.

The check walks ruamel's event stream (no document is built, nothing recurses), counting
each anchored node's expanded size, so 9 aliases × 10 levels is refused in microseconds.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)

from layout_tool.errors import LayoutToolError
from layout_tool.safety.limits import limit


def check_yaml_size(text: str, shown: str) -> None:
    """Raise a one-line error when ``text`` would expand or nest beyond the limits."""
    most_nodes, most_depth = limit("MAX_YAML_NODES"), limit("MAX_YAML_DEPTH")
    if "&" not in text and _depth_bound(text) <= most_depth:
        return  # no anchor, so no alias; not deep enough to matter: nothing to walk
    sizes: dict[str, int] = {}  # anchor → expanded node count
    # per open collection: (anchor, expanded size so far)
    stack: list[tuple[str | None, int]] = []
    total = 0
    for event in YAML(typ="rt").parse(text):
        if isinstance(event, AliasEvent):
            size = sizes.get(event.anchor or "", 1)
        elif isinstance(event, CollectionStartEvent):
            stack.append((event.anchor, 1))
            if len(stack) > most_depth:
                raise _error(shown, event, f"nested deeper than {most_depth:,} levels",
                             "MAX_YAML_DEPTH")  # fmt: skip
            continue
        elif isinstance(event, CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor is not None:
                sizes[anchor] = size
        elif isinstance(event, NodeEvent):  # a scalar
            size = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        else:
            continue
        if stack:
            anchor, so_far = stack[-1]
            stack[-1] = (anchor, so_far + size)
        else:
            total += size
        if size > most_nodes or (stack and stack[-1][1] > most_nodes) or total > most_nodes:
            raise _error(shown, event, f"aliases expand it beyond {most_nodes:,} nodes",
                         "MAX_YAML_NODES")  # fmt: skip


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth: flow brackets, and per line its indentation
    plus its leading ``- `` / ``? `` entries (each may open a level)."""
    depth = best = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        entries = len(_ENTRIES.match(stripped).group(0)) // 2  # type: ignore[union-attr]
        best = max(best, indent + entries)
    return best


_ENTRIES = re.compile(r"(?:[-?] +)*")


def _error(shown: str, event: object, what: str, name: str) -> LayoutToolError:
    mark = getattr(event, "start_mark", None)
    line = mark.line + 1 if mark is not None else None
    return LayoutToolError(
        f"YAML: {what}; refused (limit LAYOUT_TOOL_{name}={limit(name):,})", path=shown, line=line
    )
