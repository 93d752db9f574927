"""Value pools for synthetic data. Every name, address and number here is fictitious.

Surnames are ordinary words about testing (試験, 見本, 架空 …) so no generated person can be
mistaken for a real one; prefectures and cities are invented (架空県架空市); postal codes start
with 000 and 個人番号 / 法人番号 bodies with 9999, neither of which is ever issued. Readings
(katakana) and romanisations sit beside each kanji so that 氏名, 氏名フリガナ and the alphabet
name of one person always agree.
"""

from __future__ import annotations

# (kanji, katakana, romaji)
SURNAMES: tuple[tuple[str, str, str], ...] = (
    ("試験", "シケン", "SHIKEN"),
    ("見本", "ミホン", "MIHON"),
    ("架空", "カクウ", "KAKUU"),
    ("仮名", "カメイ", "KAMEI"),
    ("模擬", "モギ", "MOGI"),
    ("検証", "ケンショウ", "KENSHO"),
    ("確認", "カクニン", "KAKUNIN"),
    ("標本", "ヒョウホン", "HYOHON"),
    ("試作", "シサク", "SHISAKU"),
    ("想定", "ソウテイ", "SOTEI"),
    ("例示", "レイジ", "REIJI"),
    ("仮設", "カセツ", "KASETSU"),
    ("様式", "ヨウシキ", "YOSHIKI"),
    ("記入", "キニュウ", "KINYU"),
    ("登録", "トウロク", "TOROKU"),
    ("照合", "ショウゴウ", "SHOGO"),
    ("変換", "ヘンカン", "HENKAN"),
    ("移行", "イコウ", "IKO"),
    ("抽出", "チュウシュツ", "CHUSHUTSU"),
    ("試行", "シコウ", "SHIKO"),
    ("予備", "ヨビ", "YOBI"),
    ("参考", "サンコウ", "SANKO"),
    ("練習", "レンシュウ", "RENSHU"),
    ("雛形", "ヒナガタ", "HINAGATA"),
    ("評価", "ヒョウカ", "HYOKA"),
    ("演習", "エンシュウ", "ENSHU"),
    ("訓練", "クンレン", "KUNREN"),
    ("標準", "ヒョウジュン", "HYOJUN"),
)

MALE_GIVEN: tuple[tuple[str, str, str], ...] = (
    ("太郎", "タロウ", "TARO"),
    ("一郎", "イチロウ", "ICHIRO"),
    ("次郎", "ジロウ", "JIRO"),
    ("三郎", "サブロウ", "SABURO"),
    ("健太", "ケンタ", "KENTA"),
    ("翔太", "ショウタ", "SHOTA"),
    ("大輔", "ダイスケ", "DAISUKE"),
    ("誠", "マコト", "MAKOTO"),
    ("浩", "ヒロシ", "HIROSHI"),
    ("学", "マナブ", "MANABU"),
    ("茂", "シゲル", "SHIGERU"),
    ("悠真", "ユウマ", "YUMA"),
    ("蓮", "レン", "REN"),
    ("陽翔", "ハルト", "HARUTO"),
    ("直樹", "ナオキ", "NAOKI"),
    ("和夫", "カズオ", "KAZUO"),
)

FEMALE_GIVEN: tuple[tuple[str, str, str], ...] = (
    ("花子", "ハナコ", "HANAKO"),
    ("陽子", "ヨウコ", "YOKO"),
    ("恵子", "ケイコ", "KEIKO"),
    ("美咲", "ミサキ", "MISAKI"),
    ("結衣", "ユイ", "YUI"),
    ("さくら", "サクラ", "SAKURA"),
    ("愛", "アイ", "AI"),
    ("裕子", "ユウコ", "YUKO"),
    ("幸子", "サチコ", "SACHIKO"),
    ("真由美", "マユミ", "MAYUMI"),
    ("陽菜", "ヒナ", "HINA"),
    ("凛", "リン", "RIN"),
    ("葵", "アオイ", "AOI"),
    ("和子", "カズコ", "KAZUKO"),
    ("明美", "アケミ", "AKEMI"),
    ("奈々", "ナナ", "NANA"),
)

# Corporate names: (kanji, katakana)
COMPANY_STEMS: tuple[tuple[str, str], ...] = (
    ("架空商事", "カクウショウジ"),
    ("見本工業", "ミホンコウギョウ"),
    ("試験製作所", "シケンセイサクショ"),
    ("模擬物産", "モギブッサン"),
    ("例示建設", "レイジケンセツ"),
    ("仮設運輸", "カセツウンユ"),
    ("標本食品", "ヒョウホンショクヒン"),
    ("検証電機", "ケンショウデンキ"),
    ("想定不動産", "ソウテイフドウサン"),
    ("雛形印刷", "ヒナガタインサツ"),
)
COMPANY_FORMS: tuple[tuple[str, str], ...] = (
    ("株式会社", "カブシキガイシャ"),
    ("有限会社", "ユウゲンガイシャ"),
    ("合同会社", "ゴウドウガイシャ"),
)
DEPARTMENTS: tuple[str, ...] = ("総務課", "人事課", "経理課", "総務部", "管理部", "事務局")

# The municipality every resident lives in, and the others people move between.
HOME_PREFECTURE = "架空県"
HOME_CITY = "架空市"
HOME_CITY_BODY = "99001"
PREFECTURES: tuple[str, ...] = ("架空県", "見本県", "試験県", "模擬県", "例示県")
CITIES: tuple[str, ...] = ("架空市", "見本市", "試験市", "模擬町", "例示村", "仮設市", "標本町")
TOWNS: tuple[str, ...] = (
    "本町",
    "中央",
    "緑が丘",
    "桜台",
    "旭町",
    "若葉",
    "東町",
    "西町",
    "南町",
    "北町",
    "栄町",
    "新町",
    "城山",
    "港町",
    "架空町",
    "見本台",
)
CHOME: tuple[str, ...] = ("一丁目", "二丁目", "三丁目", "四丁目", "五丁目", "")
BUILDINGS: tuple[str, ...] = (
    "架空ハイツ",
    "見本マンション",
    "試験コーポ",
    "模擬荘",
    "例示レジデンス",
    "サンプルビル",
)

NATIONALITIES: tuple[str, ...] = (
    "中国",
    "韓国",
    "ベトナム",
    "フィリピン",
    "ブラジル",
    "ネパール",
    "インドネシア",
    "米国",
)
RESIDENCE_STATUSES: tuple[str, ...] = (
    "永住者",
    "特別永住者",
    "技術・人文知識・国際業務",
    "留学",
    "家族滞在",
    "定住者",
    "技能実習",
    "日本人の配偶者等",
)
RESIDENCE_PERIODS: tuple[str, ...] = ("１年", "３年", "５年", "６月", "１年６月", "無期限")
REMARKS: tuple[str, ...] = ("試験データ", "架空の記録", "見本", "検証用")
