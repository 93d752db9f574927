"""YAML files with line numbers: parse, validate against a JSON Schema, locate errors.

Specs and mappings are both declarative YAML; both report problems as ``file:line``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg, Text, t
from layout_tool.safety.text import clip, inert
from layout_tool.safety.yamlguard import check_yaml_size


class YamlDoc:
    """A parsed YAML document that can say where each node came from.

    ``root`` holds the values (plain dicts and lists when libyaml read the text); the
    positions come from ruamel's round-trip nodes, which are built only when a line is
    asked for (an error to report), from ``text``.
    """

    def __init__(self, path: str, root: Any, text: str | None = None) -> None:
        self.path = path
        self.root = root
        self._text = text
        self._located: Any = None if text is not None else root

    def _positions(self) -> Any:
        if self._located is None:
            assert self._text is not None
            try:
                self._located = YAML(typ="rt").load(self._text)
            except (YAMLError, *_VALUE_ERRORS):
                # libyaml read it; should ruamel not, the lines are unknown
                self._located = self.root
        return self._located

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """1-based line of the node at ``path`` (or of the nearest ancestor we can place)."""
        node = self._positions()
        # The document's own start (after any leading comments), not always line 1.
        start = getattr(getattr(node, "lc", None), "line", None)
        line: int | None = start + 1 if isinstance(start, int) else 1
        for step in path:
            try:
                if isinstance(node, CommentedMap) and step in node:
                    line = node.lc.key(step)[0] + 1
                elif isinstance(node, CommentedSeq) and isinstance(step, int):
                    line = node.lc.item(step)[0] + 1
                node = node[step]
            except (KeyError, IndexError, TypeError, AttributeError):
                break
        return line

    def error(self, message: Text, path: Sequence[str | int] = ()) -> LayoutToolError:
        return LayoutToolError(message, path=self.path, line=self.line_of(path))


# libyaml (ruamel.yaml.clib) builds plain dicts about five times faster than ruamel's
# round-trip reader: 0.06 s against 0.31 s for the bundled specs, paid by every command.
# Same YAML 1.2 resolver and duplicate-key refusal; tests/property/test_yaml_fast.py holds
# both readers to the same values.
_FAST = YAML(typ="safe", pure=False)
# What ruamel raises, besides its YAML errors, for a value its tag or form cannot be: an
# empty ``!!int ''`` is an IndexError, a huge exponent an OverflowError.
_VALUE_ERRORS = (
    ValueError, KeyError, AssertionError, TypeError, IndexError, OverflowError, RecursionError
)  # fmt: skip


def parse_yaml(path: Path, text: str | None = None) -> YamlDoc:
    """Parse one YAML file; a syntax error or duplicate key is a one-line error.

    The text is read by libyaml; a text it refuses, or would read otherwise than ruamel
    (``_ROUND_TRIP_ONLY``), goes through ruamel's round-trip reader, whose errors carry the
    line to blame (``_syntax_error``).
    """
    shown = str(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise LayoutToolError(Msg("yaml.not-found"), path=shown) from None
        except UnicodeDecodeError as exc:
            bad_line = exc.object[: exc.start].count(b"\n") + 1
            raise LayoutToolError(
                Msg("yaml.not-utf8", byte=str(exc.start)), path=shown, line=bad_line
            ) from None
        except OSError as exc:
            raise LayoutToolError(Msg("yaml.unreadable", why=exc.strerror), path=shown) from None
    try:
        check_yaml_size(text, shown)  # alias bombs and deep nesting, before building anything
        fast, root = _read_fast(text)
        if not fast:
            root = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        message, line = _syntax_error(exc)
        raise LayoutToolError(f"YAML: {message}", path=shown, line=line) from None
    except YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise LayoutToolError(f"YAML: {first}", path=shown) from None
    except _VALUE_ERRORS as exc:
        # A value its tag or form cannot be (``2001-02-30``, ``!!int 0o8``, ``!!int ''``,
        # ``%YAML 1.3``): ruamel raises these without a position.
        why = clip(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        raise LayoutToolError(f"YAML: {inert(why)}", path=shown) from None
    if root is None:
        raise LayoutToolError(Msg("yaml.empty"), path=shown, line=1)
    return YamlDoc(shown, root, text if fast else None)


# What libyaml reads otherwise than ruamel's round-trip reader: tabs where ruamel refuses
# them, duplicate keys beside a merge key (``<<``), directives (``%YAML 1.1``, also behind a
# byte-order mark, so any U+FEFF), and NEL, LS and PS, which libyaml takes for line breaks
# and ruamel does not. A text with any of them goes to the round-trip reader, as every text
# did before.
_ROUND_TRIP_ONLY = re.compile("\t|<<|^%|[\x85\u2028\u2029\ufeff]", re.MULTILINE)


def _read_fast(text: str) -> tuple[bool, Any]:
    """(True, the values) when libyaml reads the text as ruamel would; else (False, None),
    and ruamel's round-trip reader reads it (or says why not, and where)."""
    if _ROUND_TRIP_ONLY.search(text):
        return False, None
    try:
        return True, _FAST.load(text)
    except (YAMLError, *_VALUE_ERRORS):
        return False, None


def _syntax_error(exc: MarkedYAMLError) -> tuple[str, int | None]:
    """The message and the line to blame for a YAML syntax error.

    An unclosed quote or bracket is only noticed lines later (often at the end of the
    file); the mistake is where it was opened, which ruamel reports as the context.
    Elsewhere (duplicate keys, bad indentation) the problem mark is the offending node.
    """
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    context = (exc.context or "").strip()
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    if (
        exc.problem
        and context_mark is not None
        and context.startswith(("while scanning a", "while parsing a flow"))
    ):
        found = f" (line {problem_mark.line + 1})" if problem_mark is not None else ""
        return f"{context}: {problem}{found}", context_mark.line + 1
    mark = problem_mark or context_mark
    return problem, (mark.line + 1 if mark is not None else None)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema by its path inside the package, e.g. ``spec/spec.schema.json``."""
    text = resources.files("layout_tool").joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def check_schema(doc: YamlDoc, schema_name: str) -> None:
    """Validate against a bundled JSON Schema; the first error becomes a ``file:line`` error."""
    schema = load_schema(schema_name)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc.root), key=lambda e: [str(p) for p in e.path])
    if not errors:
        return
    err = min(errors, key=lambda e: doc.line_of(list(e.path)) or 0)
    path: list[str | int] = list(err.path)
    message = _describe(err)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            path.append(extra[0])
            allowed_keys = ", ".join(sorted(allowed))
            message = t("specfile.unknown-key", key=repr(extra[0]), allowed=allowed_keys)
    raise doc.error(message, path)


def _describe(err: jsonschema.ValidationError) -> str:
    """One line: jsonschema's own message quotes the whole offending value (a huge one, or
    one an alias expanded), so only a clipped repr of a scalar is quoted here."""
    where = ".".join(str(p) for p in err.path) or "top level"
    if err.validator == "required":
        return f"{where}: {_first_line(err.message)}"
    if err.validator == "enum":
        allowed: Any = err.validator_value  # the enum's list (typed loosely by jsonschema)
        options = ", ".join(str(v) for v in allowed)
        return f"{where}: {_brief(err.instance)} is not one of {options}"
    return f"{where}: {_first_line(err.message)}"


def _brief(value: Any) -> str:
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    return inert(clip(repr(value)))


def _first_line(message: str) -> str:
    return inert(clip(message.split("\n", 1)[0], "MAX_REPORT_MESSAGE"))


def plain(node: Any) -> Any:
    """ruamel's round-trip nodes as plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)
