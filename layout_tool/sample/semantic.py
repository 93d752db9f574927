"""Plausible values for well-known item names: people, companies, addresses, a few lists.

All of it is fictitious (see ``pools``). What makes it plausible is consistency, not realism:
a person's 氏名, 氏, 名, フリガナ, アルファベット氏名 and 性別 come from the same draws keyed
by the person (``_anchor``), members of one household share its surname and address (keyed by
``_grp``), and 世帯主氏名 is the name of the household's head (``_head``). Keys are plan
columns, so the same person renders the same way in every file of an area.

Anything not recognised here returns None and ``values.typed_value`` takes over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from layout_tool.sample import pools
from layout_tool.sample.rand import below, between, chance, choose, full_width_digits, pick, salt
from layout_tool.sample.values import Stage, constant, inline, with_check
from layout_tool.spec.model import CodeTable, Item

ROW = pl.col("_row")
ANCHOR = pl.col("_anchor")
GROUP = pl.col("_grp")
HEAD = pl.col("_head")

_SURNAME_FORMS = tuple(zip(*pools.SURNAMES, strict=True))  # kanji, kana, romaji
_GIVEN = pools.MALE_GIVEN + pools.FEMALE_GIVEN
_GIVEN_FORMS = tuple(zip(*_GIVEN, strict=True))
_FORM = {"kanji": 0, "kana": 1, "romaji": 2}
_SEP = {"kanji": "　", "kana": "　", "romaji": " "}

FOREIGN_ADDRESS = ("転入前", "転出先", "本籍", "送付先", "異動前", "前住所")


@dataclass(frozen=True)
class Person:
    """Whose name an item holds: the key columns and salts of the surname and given name."""

    surname_key: pl.Expr
    surname_salt: int
    given_key: pl.Expr
    given_salt: int
    gender_salt: int
    shift: pl.Expr | None = None  # added to the surname index (旧氏: a different surname)


@dataclass(frozen=True)
class Semantic:
    """Renders well-known items for one run (seed) and file."""

    seed: int
    file_id: str
    codes: Mapping[str, CodeTable]
    stage: Stage = inline

    def salt(self, *parts: object) -> int:
        return salt(self.seed, *parts)

    # --- people -------------------------------------------------------------------------

    def _self(self) -> Person:
        s = self.salt
        return Person(
            GROUP, s("person", "surname"), ANCHOR, s("person", "given"), s("person", "gender")
        )

    def person_for(self, name: str) -> tuple[Person, str] | None:
        """(whose name, which part) an item named ``name`` holds, if it holds a name."""
        s = self.salt
        me = self._self()
        if name in {"氏名", "漢字氏名", "氏名又は名称", "氏名（漢字）"}:
            return me, "full"
        if name in {"氏", "氏_日本人"}:
            return me, "surname"
        if name in {"名", "名_日本人"}:
            return me, "given"
        if name == "旧氏":
            shift = below(ANCHOR, s("person", "old"), len(pools.SURNAMES) - 1) + 1
            return Person(me.surname_key, me.surname_salt, ANCHOR, 0, 0, shift), "surname"
        if name in {"世帯主氏名", "世帯主名"} or name.startswith("筆頭者"):
            head = Person(GROUP, me.surname_salt, HEAD, me.given_salt, me.gender_salt)
            return head, "full"
        if name == "通称":
            return Person(ANCHOR, s("alias", "s"), ANCHOR, s("alias", "g"), s("alias", "x")), "full"
        if name.endswith("氏名") or name.endswith("者名"):
            other = Person(
                ROW,
                s(self.file_id, name, "s"),
                ROW,
                s(self.file_id, name, "g"),
                s(self.file_id, name, "x"),
            )
            return other, "full"
        return None

    def name_expr(self, person: Person, part: str, form: str) -> pl.Expr:
        n_surnames = len(pools.SURNAMES)
        surname_index = below(person.surname_key, person.surname_salt, n_surnames)
        if person.shift is not None:
            surname_index = (surname_index + person.shift) % n_surnames
        surname = pick(_SURNAME_FORMS[_FORM[form]], surname_index)
        if part == "surname":
            return surname
        half = len(pools.MALE_GIVEN)
        given_index = below(person.given_key, person.given_salt, half)
        female = ~chance(person.given_key, person.gender_salt, 0.5)
        given_index = pl.when(female).then(given_index + half).otherwise(given_index)
        given = pick(_GIVEN_FORMS[_FORM[form]], given_index)
        if part == "given":
            return given
        return pl.concat_str([surname, pl.lit(_SEP[form]), given])

    def company(self, form: str) -> pl.Expr:
        stem = below(ANCHOR, self.salt("company", "stem"), len(pools.COMPANY_STEMS))
        kind = below(ANCHOR, self.salt("company", "form"), len(pools.COMPANY_FORMS))
        index = 0 if form == "kanji" else 1
        return pl.concat_str(
            [
                pick([s[index] for s in pools.COMPANY_STEMS], stem),
                pick([f[index] for f in pools.COMPANY_FORMS], kind),
            ]
        )

    def name_item(self, base: str, form: str) -> pl.Expr | None:
        found = self.person_for(base)
        if found is not None:
            return self.name_expr(found[0], found[1], form)
        if form != "romaji" and (
            base in {"事業所名", "法人名", "商号", "名称"}
            or base.endswith("名称")
            or base.endswith("事業所名")
        ):
            return self.company(form)
        return None

    # --- addresses ----------------------------------------------------------------------

    def _family(self, name: str) -> str | None:
        for prefix in FOREIGN_ADDRESS:
            if name.startswith(prefix):
                return prefix
        return None

    def _part(self, family: str | None, part: str, n: int) -> pl.Expr:
        return below(GROUP, self.salt("address", family or "home", part), n)

    def address(self, name: str) -> pl.Expr | None:
        """An address or one of its parts, for zenkaku/text items named like one."""
        family = self._family(name)
        if family is None:
            pref: pl.Expr = pl.lit(pools.HOME_PREFECTURE)
            city: pl.Expr = pl.lit(pools.HOME_CITY)
        else:
            pref = pick(pools.PREFECTURES, self._part(family, "pref", len(pools.PREFECTURES)))
            city = pick(pools.CITIES, self._part(family, "city", len(pools.CITIES)))
        town = pl.concat_str(
            [
                pick(pools.TOWNS, self._part(family, "town", len(pools.TOWNS))),
                pick(pools.CHOME, self._part(family, "chome", len(pools.CHOME))),
            ]
        )
        s = self.salt("address", family or "home", "banchi")
        banchi = pl.concat_str(
            [
                full_width_digits(between(GROUP, s, 1, 40).cast(pl.String)),
                pl.lit("番"),
                full_width_digits(between(GROUP, s + 1, 1, 25).cast(pl.String)),
                pl.lit("号"),
            ]
        )
        if name.endswith("都道府県"):
            return pref
        if name.endswith(("市区郡町村名", "市区町村名", "市町村名")):
            return city
        if name.endswith("町字"):
            return town
        if name.endswith(("番地号表記", "番地")):
            return banchi
        if name.endswith("方書"):
            s = self.salt("address", family or "home", "building")
            room = between(GROUP, s + 1, 1, 12) * 100 + between(GROUP, s + 2, 1, 8)
            return pl.concat_str(
                [
                    choose(pools.BUILDINGS, GROUP, s),
                    full_width_digits(room.cast(pl.String)),
                    pl.lit("号室"),
                ]
            )
        if name.endswith(("住所", "所在地", "所在", "本籍")):
            return pl.concat_str([pref, city, town, banchi])
        return None

    def address_digits(self, item: Item) -> pl.Expr | None:
        """郵便番号, 町字コード and 市区町村コード of an address, consistent with its parts."""
        name = item.name
        family = self._family(name)
        town = self._part(family, "town", len(pools.TOWNS))
        chome = self._part(family, "chome", len(pools.CHOME))
        if family is None:
            city: pl.Expr = pl.lit(0, pl.UInt64)
            pref: pl.Expr = pl.lit(0, pl.UInt64)
        else:
            city = self._part(family, "city", len(pools.CITIES))
            pref = self._part(family, "pref", len(pools.PREFECTURES))
        if name.endswith("郵便番号") and item.length == 7:
            code = (city * 100 + town * 6 + chome) % 10000
            return pl.concat_str([pl.lit("000"), code.cast(pl.String).str.zfill(4)])
        if name.endswith("町字コード") and item.length == 7:
            return pl.concat_str(
                [(town + 1).cast(pl.String).str.zfill(4), (chome + 1).cast(pl.String).str.zfill(3)]
            )
        if item.check == "lgcode" and name.endswith("市区町村コード") and name != "市区町村コード":
            if family is None:
                return constant(with_check("lgcode", pl.lit(int(pools.HOME_CITY_BODY)), 5))
            return with_check(
                "lgcode", (pref * 10 + city + 1 + 99000).cast(pl.Int64), 5, self.stage
            )
        return None

    # --- dispatch -----------------------------------------------------------------------

    def value(self, item: Item) -> pl.Expr | None:
        """A plausible value for a well-known item, or None."""
        name = item.name
        kind = item.type
        if kind in {"zenkaku", "text"}:
            for make in self._zenkaku_makers():
                found = make(item)
                if found is not None:
                    return found
            return None
        if kind == "kana" and name.endswith("フリガナ"):
            return self.name_item(name.removesuffix("フリガナ"), "kana")
        if kind == "hankaku":
            if "アルファベット" in name or "ローマ字" in name:
                return self.name_expr(self._self(), "full", "romaji")
            if name.endswith("電話番号"):
                number = (
                    below(ROW, self.salt(self.file_id, name), 10000).cast(pl.String).str.zfill(4)
                )
                return pl.concat_str([pl.lit("000-0000-"), number])
            return None
        if kind == "digits":
            return self.address_digits(item)
        if kind == "code" and name == "性別" and item.code is not None:
            return self.gender_code(self.codes[item.code])
        return None

    def _zenkaku_makers(self) -> tuple[Callable[[Item], pl.Expr | None], ...]:
        return (
            lambda item: self.name_item(item.name, "kanji"),
            lambda item: self.address(item.name),
            self._lot,
            self._listed,
        )

    def _lot(self, item: Item) -> pl.Expr | None:
        if item.name not in {"地番", "家屋番号"}:
            return None
        s = self.salt(self.file_id, "lot")
        lot = pl.concat_str(
            [
                full_width_digits(between(ANCHOR, s, 1, 999).cast(pl.String)),
                pl.lit("番"),
                full_width_digits(between(ANCHOR, s + 1, 1, 20).cast(pl.String)),
            ]
        )
        if item.name == "家屋番号":
            return pl.concat_str(
                [lot, pl.lit("の"), full_width_digits(between(ANCHOR, s + 2, 1, 5).cast(pl.String))]
            )
        return lot

    def _listed(self, item: Item) -> pl.Expr | None:
        name = item.name
        lists: tuple[tuple[bool, tuple[str, ...]], ...] = (
            ("国籍" in name, pools.NATIONALITIES),
            (name.endswith("在留資格"), pools.RESIDENCE_STATUSES),
            (name.endswith("在留期間"), pools.RESIDENCE_PERIODS),
            (name.endswith("部署名"), pools.DEPARTMENTS),
            (name.startswith("備考"), pools.REMARKS),
        )
        for matches, pool in lists:
            if matches:
                return choose(pool, ANCHOR, self.salt("list", name))
        return None

    def gender_code(self, table: CodeTable) -> pl.Expr | None:
        by_label = {label: code for code, label in table.values.items()}
        if "男" not in by_label or "女" not in by_label:
            return None
        return (
            pl.when(~chance(ANCHOR, self.salt("person", "gender"), 0.5))
            .then(pl.lit(by_label["女"]))
            .otherwise(pl.lit(by_label["男"]))
        )
