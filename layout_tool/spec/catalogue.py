"""The bundled catalogue: every 業務 known, with detailed specs where we have them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from layout_tool.errors import LayoutToolError
from layout_tool.i18n import Msg
from layout_tool.spec.loader import load_area_file, load_shared_codes
from layout_tool.spec.model import AreaSpec, CatalogueEntry, CodeTable
from layout_tool.yamlsource import check_schema, parse_yaml, plain

DEFAULT_VERSION = "2.7"
# Spec families and their folders under specs/: 中間標準レイアウト V2.7 (``chukan``, today's
# ids) and the 基本データリスト of the 標準準拠システム (``kihon``). ``--spec FAMILY:AREA``
# names an area of a family (``kihon:001``); a bare id is 中間標準.
FAMILIES: dict[str, str] = {"chukan": f"v{DEFAULT_VERSION}", "kihon": "kihon"}
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_root(kind: str = "specs") -> Path:
    """Where bundled data lives: inside an installed wheel, or the checkout's top folder."""
    for candidate in (_PACKAGE / "_bundled" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise LayoutToolError(f"bundled {kind} not found (looked beside {_PACKAGE})")


def version_dir(version: str = DEFAULT_VERSION) -> Path:
    """The folder of a version (``2.7``) or of a family (``chukan``, ``kihon``)."""
    path = bundled_root() / FAMILIES.get(version, f"v{version}")
    if not path.is_dir():
        raise LayoutToolError(f"no bundled specs for version {version}")
    return path


@cache
def shared_codes(version: str = DEFAULT_VERSION) -> dict[str, CodeTable]:
    path = version_dir(version) / "codes.yaml"
    return load_shared_codes(path) if path.is_file() else {}


@cache
def _catalogue_rows(version: str) -> tuple[dict[str, object], ...]:
    """The catalogue file's areas (number, id, name, status), schema-checked."""
    doc = parse_yaml(version_dir(version) / "catalogue.yaml")
    check_schema(doc, "spec/catalogue.schema.json")
    return tuple(plain(doc.root)["areas"])


@cache
def _area_spec(path: Path, version: str) -> AreaSpec:
    """One bundled area spec, checked against its catalogue row (loaded once per process)."""
    spec = load_area_file(path, shared_codes(version))
    row = next((r for r in _catalogue_rows(version) if r["id"] == spec.id), None)
    if row is None:
        raise LayoutToolError(f"area specs not in the catalogue: {spec.id}", path=str(path.parent))
    if spec.number != row["number"]:
        raise LayoutToolError(
            f"area {spec.id} has number {spec.number}, catalogue says {row['number']}",
            path=spec.path,
        )
    return spec


@cache
def catalogue(version: str = DEFAULT_VERSION) -> tuple[CatalogueEntry, ...]:
    """Every area of the catalogue file, joined with the area specs found beside it."""
    specs = {spec.id: spec for spec in _area_specs(version)}
    entries = []
    for raw in _catalogue_rows(version):
        spec = specs.pop(str(raw["id"]), None)
        number, name, status = raw["number"], raw["name"], raw["status"]
        assert isinstance(number, int) and isinstance(name, str) and isinstance(status, str)
        family = "kihon" if version == "kihon" else "chukan"
        edition = raw.get("edition")
        entries.append(
            CatalogueEntry(
                number,
                str(raw["id"]),
                name,
                status,
                spec,
                family,
                edition if isinstance(edition, str) else None,
            )
        )
    return tuple(sorted(entries, key=lambda e: e.number))


def _area_specs(version: str) -> list[AreaSpec]:
    folder = version_dir(version)
    names = sorted(p for p in folder.glob("*.yaml") if p.stem not in {"catalogue", "codes"})
    return [_area_spec(path, version) for path in names]


def load_area(name: str, version: str = DEFAULT_VERSION) -> AreaSpec:
    """An area by id, number, Japanese name, or the path of a spec file.

    By id, only that area's file is read (a command needs one area; reading all of them
    costs about 0.3 s of YAML parsing at every start).
    """
    path = Path(name)
    if path.suffix in {".yaml", ".yml"}:
        return load_area_file(path, shared_codes(version))
    family, sep, rest = name.partition(":")
    if sep:
        if family not in FAMILIES:
            known = ", ".join(FAMILIES)
            raise LayoutToolError(
                Msg("spec.unknown-family", family=repr(family), name=repr(name), known=known)
            )
        key = DEFAULT_VERSION if family == "chukan" else family
        return load_area(rest.lstrip("0") if rest.isdigit() else rest, key)
    direct = version_dir(version) / f"{name}.yaml"
    if name.isidentifier() and name not in {"catalogue", "codes"} and direct.is_file():
        spec = _area_spec(direct, version)
        if spec.id == name:
            return spec
    for entry in catalogue(version):
        if name in {entry.id, entry.name, str(entry.number)}:
            if entry.spec is None:
                raise LayoutToolError(Msg("spec.no-detail", area=entry.id, name=entry.name))
            return entry.spec
    from layout_tool.suggest import did_you_mean

    entries = catalogue(version)
    known = ", ".join(e.id for e in entries if e.spec is not None)
    hint = did_you_mean(name, [n for e in entries for n in (e.id, e.name)])
    raise LayoutToolError(Msg("spec.unknown-area", name=repr(name), hint=hint, known=known))
