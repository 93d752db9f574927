"""A fictitious vendor's wide 住民記録 export: one CSV row per version of a person.

Real exports often look like this: person, household, address parts, history and
foreign-resident columns side by side (100+), each date of the person with a companion
``_不詳フラグ`` column (0 known, 1 day unknown, 2 month and day unknown, the unknown parts
written as 01), codes unpadded (続柄 ``2`` for ``02``), full-width postcodes, ``2016-01``
year-months, ``09:00:00`` times and hiragana readings. Numbers are plain serials starting
9999 (no check digit); names are obviously fictitious. ``scripts/make_vendor_samples.py``
writes the bundled sample from :func:`wide_rows`; the property tests generate more.

Awkward rows planted in every export (``households >= 4``): a 除票 (moved out), foreign
residents, birth dates with unknown parts, a 世帯 whose 世帯主 moved out (the spouse
became 世帯主: 記載事由 24), and a 世帯 whose members all left.
"""

# ruff: noqa: E501 - rows of data, kept on one line each

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from layout_tool.identifiers import with_check

LGCODE = "990019"
OTHER_LGCODE = "990027"
PERSON = [
    "団体コード", "宛名番号", "個人履歴番号", "最新フラグ", "世帯番号", "住民種別", "住民状態",
    "住民票コード", "個人番号", "氏", "名", "旧氏", "氏_フリガナ", "名_フリガナ",
    "旧氏_フリガナ", "性別", "生年月日", "生年月日_不詳フラグ", "続柄", "続柄_表記",
    "世帯主_氏名", "記載順位",
]  # fmt: skip
ADDRESS = [
    "住所_市区町村コード", "住所_町字コード", "住所_都道府県", "住所_市区郡町村名", "住所_町字",
    "住所_番地号表記", "住所_方書", "住所_郵便番号",
]  # fmt: skip
EVENTS = [
    "住民となった年月日", "住民となった年月日_不詳フラグ", "住所を定めた年月日",
    "住所を定めた年月日_不詳フラグ", "届出年月日", "記載事由", "記載年月日", "本籍", "筆頭者",
    "転入前住所_都道府県", "転入前住所_市区町村", "転入前住所_町字番地",
    "転入前住所_市区町村コード", "転入前住所_郵便番号", "転出先住所",
    "転出先住所_市区町村コード", "転出予定年月日", "消除事由", "消除年月日", "消除届出年月日",
]  # fmt: skip
BENEFITS = [
    "選挙人名簿登録_有無", "国保_資格有無", "国保_資格取得年月日", "後期高齢_資格有無",
    "後期高齢_資格取得年月日", "介護_資格有無", "介護_資格取得年月日", "年金_資格有無",
    "基礎年金番号", "年金_資格種別", "年金_資格取得年月日", "児童手当_受給開始年月",
    "児童手当_受給終了年月",
]  # fmt: skip
FOREIGN = [
    "氏名_アルファベット", "通称", "通称_フリガナ", "通称_記載年月日",
    "通称_記載市区町村コード", "通称_削除年月日", "国籍_地域", "法第30条の45区分", "在留資格",
    "在留期間", "在留期間_満了日", "在留カード等番号", "特別永住者証明書番号",
    "外国人住民となった年月日", "外国人住民となった年月日_不詳フラグ",
]  # fmt: skip
HOUSEHOLD = [
    "世帯_世帯主宛名番号", "世帯_世帯主氏名_フリガナ", "世帯_状態", "世帯_構成年月日",
    "世帯_消除年月日", "世帯_地区コード", "世帯_人数",
]  # fmt: skip
HISTORY = [
    "異動_区分", "異動_届出番号", "異動_届出人氏名", "異動前_世帯番号", "異動後_世帯番号",
    "異動_通知年月日", "異動_備考",
]  # fmt: skip
SYSTEM = [
    "処理日",
    "処理時刻",
    "端末ID",
    "操作者コード",
    "更新回数",
    "データ区分",
    "個人_メモ",
    "予備1",
    "予備2",
]
FIELDS = PERSON + ADDRESS + EVENTS + BENEFITS + FOREIGN + HOUSEHOLD + HISTORY + SYSTEM

SURNAMES = [("見本", "みほん"), ("試験", "しけん"), ("例示", "れいじ"), ("架空", "かくう"),
            ("仮名", "かめい"), ("模擬", "もぎ"), ("検証", "けんしょう"), ("標本", "ひょうほん")]  # fmt: skip
MEN = [("太郎", "たろう"), ("一郎", "いちろう"), ("次郎", "じろう"), ("健太", "けんた")]
WOMEN = [("花子", "はなこ"), ("和子", "かずこ"), ("良子", "よしこ"), ("陽子", "ようこ")]
TOWNS = [("0000101", "西町五丁目", "１番３号"), ("0000102", "東町一丁目", "２番１５号"),
         ("0000103", "南町二丁目", "３番地の４"), ("0000104", "北町三丁目", "１０番２号")]  # fmt: skip
ZENKAKU_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


class _Ids:
    def __init__(self) -> None:
        self.person = 0
        self.household = 0

    def next_person(self) -> tuple[str, str, str]:
        self.person += 1
        n = self.person
        atena = f"99991{n:010d}"
        return atena, f"9999{n:07d}", with_check("mynumber", f"9999{n:07d}") or ""

    def next_household(self) -> str:
        self.household += 1
        return f"99992{self.household:010d}"


def _iso(rng: random.Random, first: int, last: int) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _row(**values: str) -> dict[str, str]:
    unknown = set(values) - set(FIELDS)
    if unknown:  # pragma: no cover - a typo in this module
        raise KeyError(sorted(unknown))
    return {f: values.get(f, "") for f in FIELDS}


def wide_rows(seed: int = 20240401, households: int = 8) -> list[dict[str, str]]:
    """Rows of the export, in 宛名番号 and 個人履歴番号 order within each 世帯."""
    rng = random.Random(seed)
    ids = _Ids()
    rows: list[dict[str, str]] = []
    for h in range(households):
        rows += _household(rng, ids, h)
    return rows


def _household(rng: random.Random, ids: _Ids, h: int) -> list[dict[str, str]]:
    setai = ids.next_household()
    surname, surname_kana = SURNAMES[h % len(SURNAMES)]
    town = TOWNS[h % len(TOWNS)]
    foreign = h % 4 == 3
    head_gone = h % 4 == 1  # the 世帯主 moved out; the spouse became 世帯主
    all_gone = h % 4 == 2 and h > 0  # every member moved out
    members = [("2", "世帯主", MEN), ("12", "妻", WOMEN)] + [("20", "子", MEN)] * rng.randint(0, 2)
    people = []
    for i, (zoku, label, names) in enumerate(members):
        given, given_kana = names[(h + i) % len(names)]
        atena, juminhyo, mynumber = ids.next_person()
        people.append((atena, juminhyo, mynumber, zoku, label, given, given_kana, names is MEN))
    head = people[1] if head_gone else people[0]
    base = {
        "団体コード": LGCODE, "世帯番号": setai, "住所_市区町村コード": LGCODE,
        "住所_町字コード": f"{h % 999 + 1:03d}0000", "住所_都道府県": "見本県",
        "住所_市区郡町村名": "見本市", "住所_町字": town[1], "住所_番地号表記": town[2],
        "住所_郵便番号": town[0].translate(ZENKAKU_DIGITS), "本籍": "見本県見本市本町１番地",
        "筆頭者": f"{surname}　{people[0][5]}", "世帯_世帯主宛名番号": head[0],
        "世帯_世帯主氏名_フリガナ": f"{surname_kana}　{head[6]}",
        "世帯_状態": "2" if all_gone else "1", "世帯_構成年月日": _iso(rng, 1980, 2015),
        "世帯_消除年月日": "2024-03-31" if all_gone else "", "世帯_地区コード": f"K{h % 3 + 1:02d}",
        "処理日": f"2024/1{h % 3}/0{h % 9 + 1}", "処理時刻": f"{9 + h % 8:02d}:{h * 7 % 60:02d}:00",
        "端末ID": f"T{h % 4 + 1:03d}", "操作者コード": f"OP{h % 5 + 1}",
    }  # fmt: skip
    if foreign:
        base.update(本籍="", 筆頭者="")
    out = []
    rank = 1
    for i, (atena, juminhyo, mynumber, zoku, label, given, given_kana, male) in enumerate(people):
        birth, flag = (
            _iso(rng, 1940, 2010).replace("1989-", "1988-"),
            "0",
        )  # 1989-00-00: 昭和 or 平成?
        if i == 0 and h % 3 == 0:
            birth, flag = birth[:4] + "-01-01", "2"  # month and day unknown
        elif i == 1 and h % 5 == 0:
            birth, flag = birth[:8] + "01", "1"  # day unknown
        came = _iso(rng, 1990, 2015)
        person = dict(base)
        person.update({
            "宛名番号": atena, "住民種別": "2" if foreign else "1", "住民票コード": juminhyo,
            "個人番号": mynumber, "氏": surname, "名": given, "氏_フリガナ": surname_kana,
            "名_フリガナ": given_kana, "性別": "1" if male else "2", "生年月日": birth,
            "生年月日_不詳フラグ": flag, "続柄": zoku, "続柄_表記": label,
            "世帯主_氏名": f"{surname}　{head[5]}", "住民となった年月日": came,
            "住民となった年月日_不詳フラグ": "0", "住所を定めた年月日": came,
            "住所を定めた年月日_不詳フラグ": "0", "届出年月日": came, "記載事由": "10",
            "記載年月日": came, "選挙人名簿登録_有無": "0" if foreign else "1",
            "国保_資格有無": "1" if i == 0 else "0", "介護_資格有無": "0", "後期高齢_資格有無": "0",
            "年金_資格有無": "0", "異動_区分": "1", "異動_届出番号": f"{h * 10 + i + 1}",
            "異動_届出人氏名": f"{surname}　{people[0][5]}", "異動後_世帯番号": setai,
            "転入前住所_都道府県": "例示県", "転入前住所_市区町村": "例示市",
            "転入前住所_町字番地": "本町２丁目３番", "転入前住所_市区町村コード": OTHER_LGCODE,
            "転入前住所_郵便番号": "0000201", "更新回数": "1", "データ区分": "1",
        })  # fmt: skip
        if i == 0:
            person.update(国保_資格取得年月日=f"H{rng.randint(10, 30):02d}.04.01")
        if zoku == "20" and int(birth[:4]) >= 2008:
            person.update(児童手当_受給開始年月=birth[:7], 児童手当_受給終了年月="2026-03")
        if foreign:
            person.update({
                "氏名_アルファベット": f"MIHON {'JOHN' if male else 'ANNA'}",
                "国籍_地域": "見本国", "法第30条の45区分": "1", "在留資格": "永住者",
                "在留カード等番号": f"AB{h % 10000:04d}{i:04d}CD", "外国人住民となった年月日": "2012-07-01",
                "外国人住民となった年月日_不詳フラグ": "2" if i == 0 else "0",
                "通称": f"{surname}　{given}" if i == 0 else "",
                "通称_フリガナ": f"{surname_kana}　{given_kana}" if i == 0 else "",
                "通称_記載年月日": "2013-01-10" if i == 0 else "",
                "通称_記載市区町村コード": LGCODE if i == 0 else "",
            })  # fmt: skip
            if i == 0:
                person["外国人住民となった年月日"] = "2012-01-01"
        leaves = all_gone or (head_gone and i == 0) or (not all_gone and i == 3)
        if head_gone and i == 1:  # the spouse: 妻 first, then 世帯主 (世帯主変更)
            person.update(続柄="12", 続柄_表記="妻", 世帯主_氏名=f"{surname}　{people[0][5]}",
                          最新フラグ="0", 個人履歴番号="1", 記載順位="2")  # fmt: skip
            out.append(person)
            person = dict(person)
            person.update(続柄="2", 続柄_表記="世帯主", 世帯主_氏名=f"{surname}　{given}",
                          個人履歴番号="2", 最新フラグ="1", 記載事由="24", 記載年月日="2023-06-01",
                          届出年月日="2023-06-01", 異動_区分="2", 異動前_世帯番号=setai,
                          異動_届出番号=f"{h * 10 + 9}", 異動_備考="世帯主の転出による")  # fmt: skip
        if leaves:
            out.append(dict(person, 最新フラグ="0", 個人履歴番号=person.get("個人履歴番号") or "1",
                            記載順位=str(i + 1)))  # fmt: skip
            moved = dict(person)
            moved.update(個人履歴番号=str(int(out[-1]["個人履歴番号"]) + 1), 住民状態="2",
                         記載事由="", 記載年月日="", 届出年月日="", 消除事由="30",
                         消除年月日="2024-03-15", 消除届出年月日="2024-03-10",
                         転出先住所="例示県例示市本町５丁目６番", 転出先住所_市区町村コード=OTHER_LGCODE,
                         転出予定年月日="2024-03-15", 異動_区分="3", 記載順位=str(10 + i))  # fmt: skip
            rows_person = [moved]
        else:
            person.update(記載順位=str(rank))
            rank += 1
            rows_person = [person]
        for row in rows_person:
            row.setdefault("最新フラグ", "1")
            row["最新フラグ"] = row.get("最新フラグ") or "1"
            row["個人履歴番号"] = row.get("個人履歴番号") or "1"
            row["住民状態"] = row.get("住民状態") or "1"
            out.append(row)
    for row in out:
        row.setdefault("住民状態", "1")
    count = sum(1 for r in out if r["最新フラグ"] == "1" and r["住民状態"] == "1")
    for row in out:
        row["世帯_人数"] = str(count)
    return [_row(**r) for r in out]


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([row[f] for f in FIELDS])
    return buf.getvalue()


def write_wide(path: Path, rows: list[dict[str, str]], encoding: str = "cp932") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(rows).encode(encoding))
