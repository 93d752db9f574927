#!/usr/bin/env bash
# The main job on the bundled sample data: what `make demo` runs after setting up .venv.
set -uo pipefail
cd "$(dirname "$0")/.."
LT=".venv/bin/layout-tool"
OUT="out/demo"
mkdir -p "$OUT"
step() { printf '\n=== %s\n$ %s\n' "$1" "${*:2}"; }
run() {  # run a command; exit 1 (findings) is an expected outcome here, 2 and 3 are not
  "$@"
  local rc=$?
  if [ "$rc" -ge 2 ]; then echo "demo: '$*' failed with exit $rc" >&2; exit "$rc"; fi
  return 0
}

step "1. The catalogue of business areas (業務)" "$LT spec list"
run $LT spec list

step "2. Validate a clean handover set (住民基本台帳: 個人, 世帯, 異動履歴)" \
  "$LT validate --spec jumin sample_data/handover/jumin"
run $LT validate --spec jumin sample_data/handover/jumin

step "3. Validate a handover set with seeded defects (listed in faults.csv)" \
  "$LT validate --spec jumin sample_data/faulty/jumin --max-findings 15"
run $LT validate --spec jumin sample_data/faulty/jumin --max-findings 15
run $LT validate --spec jumin sample_data/faulty/jumin --format json -o "$OUT/faulty-jumin.json"
run $LT validate --spec jumin sample_data/faulty/jumin --format csv -o "$OUT/faulty-jumin.csv"

for area in kojin_juminzei kotei kokuho kaigo kouki; do
  step "4. Validate $area" "$LT validate --spec $area sample_data/handover/$area --format json"
  run $LT validate --spec "$area" "sample_data/handover/$area" --format json -o "$OUT/$area.json"
done

step "5a. Convert a vendor's CP932 fixed-width export (架空電算, 住記) to the standard" \
  "$LT convert --mapping kakuu-densan/jumin sample_data/vendors/kakuu-densan/jumin -o $OUT/converted/jumin --gaiji-map sample_data/vendors/kakuu-densan/gaiji.csv"
rm -rf "$OUT/converted"
run $LT convert --mapping kakuu-densan/jumin sample_data/vendors/kakuu-densan/jumin -o "$OUT/converted/jumin" \
  --gaiji-map sample_data/vendors/kakuu-densan/gaiji.csv

step "5a'. The vendor's 外字 table was applied: what is still to identify in the output" \
  "$LT gaiji $OUT/converted/jumin --map sample_data/vendors/kakuu-densan/gaiji.csv"
run $LT gaiji "$OUT/converted/jumin" --map sample_data/vendors/kakuu-densan/gaiji.csv

step "5b. Validate what the conversion produced" "$LT validate --spec jumin $OUT/converted/jumin"
run $LT validate --spec jumin "$OUT/converted/jumin" --max-findings 10

step "5c. Convert another vendor's UTF-8 CSV export (仮想システムズ, 介護) and back again" \
  "$LT convert --mapping kaso-systems/kaigo ... ; $LT convert --mapping kaso-systems/kaigo --reverse ..."
run $LT convert --mapping kaso-systems/kaigo sample_data/vendors/kaso-systems/kaigo -o "$OUT/converted/kaigo"
run $LT validate --spec kaigo "$OUT/converted/kaigo" --format json -o "$OUT/converted-kaigo.json"
run $LT convert --mapping kaso-systems/kaigo --reverse "$OUT/converted/kaigo" -o "$OUT/converted/kaigo-back"

step "5d. The XML form: the clean 住民基本台帳 set as XML, then validated like CSV" \
  "$LT convert --spec jumin sample_data/handover/jumin -o $OUT/xml/jumin --to xml"
rm -rf "$OUT/xml"
run $LT convert --spec jumin sample_data/handover/jumin -o "$OUT/xml/jumin" --to xml
run $LT spec xsd jumin -o "$OUT/xml/jumin.xsd"
run $LT validate --spec jumin "$OUT/xml/jumin"
run $LT convert --spec jumin sample_data/faulty/jumin -o "$OUT/xml/faulty-jumin" --to xml
run $LT validate --spec jumin "$OUT/xml/faulty-jumin" --max-findings 5

step "5e. A vendor's export straight to the XML form, validated, and back to the vendor's layout" \
  "$LT convert --mapping kaso-systems/kaigo sample_data/vendors/kaso-systems/kaigo -o $OUT/xml/kaigo --to xml"
run $LT convert --mapping kaso-systems/kaigo sample_data/vendors/kaso-systems/kaigo -o "$OUT/xml/kaigo" --to xml
run $LT validate --spec kaigo "$OUT/xml/kaigo" --max-findings 5
run $LT convert --mapping kaso-systems/kaigo --reverse "$OUT/xml/kaigo" -o "$OUT/xml/kaigo-back"

step "5f. One wide 住民記録 CSV (試作データ, 101 columns): draft a mapping, check it, then the finished one" \
  "$LT mapping init --area jumin sample_data/vendors/shisaku-data/jumin/JUMIN_ICHIRAN.csv -o $OUT/wide-draft.yaml"
run $LT mapping init --area jumin sample_data/vendors/shisaku-data/jumin/JUMIN_ICHIRAN.csv -o "$OUT/wide-draft.yaml"
run $LT mapping check "$OUT/wide-draft.yaml" sample_data/vendors/shisaku-data/jumin
run $LT mapping check shisaku-data/jumin sample_data/vendors/shisaku-data/jumin
# 個人 row for row, 世帯 one row per 世帯番号, 異動履歴 from the rows with a 記載 (see docs/mappings.md)
run $LT convert --mapping shisaku-data/jumin sample_data/vendors/shisaku-data/jumin -o "$OUT/converted/wide"
run $LT validate --spec jumin "$OUT/converted/wide"

step "6. 外字 inventory of the faulty set" "$LT gaiji --spec jumin sample_data/faulty/jumin"
run $LT gaiji --spec jumin sample_data/faulty/jumin

step "7. Handover integrity: a manifest, then verify the folder against it" \
  "$LT manifest sample_data/handover/kaigo -o $OUT/kaigo-manifest.json; $LT verify ..."
run $LT manifest sample_data/handover/kaigo --spec kaigo -o "$OUT/kaigo-manifest.json"
run $LT verify sample_data/handover/kaigo --spec kaigo --manifest "$OUT/kaigo-manifest.json"

step "8. Reports people read and forward: HTML and Excel" \
  "$LT validate --spec jumin sample_data/faulty/jumin --format html|xlsx -o ..."
run $LT validate --spec jumin sample_data/faulty/jumin --format html -o "$OUT/faulty-jumin.html"
run $LT validate --spec jumin sample_data/faulty/jumin --format xlsx -o "$OUT/faulty-jumin.xlsx"

MJ="sample_data/charsets/mjplus-synthetic"  # a tiny SYNTHETIC MJ+ set, not the official tables
step "9. 基本データリスト 001 (住民基本台帳, MJ+): a GJ character is a standard character with the charset" \
  "$LT validate --spec kihon:001 sample_data/handover/kihon_jumin --charset $MJ"
run $LT validate --spec kihon:001 sample_data/handover/kihon_jumin --charset "$MJ"
step "9'. The same set without a charset: the GJ character is reported as 外字 (FAIL)" \
  "$LT validate --spec kihon:001 sample_data/handover/kihon_jumin --max-findings 2"
run $LT validate --spec kihon:001 sample_data/handover/kihon_jumin --max-findings 2
step "9''. An unknown plane-15 character: a charset finding naming the table and its version" \
  "$LT validate --spec kihon:001 sample_data/faulty/kihon_jumin --charset $MJ"
run $LT validate --spec kihon:001 sample_data/faulty/kihon_jumin --charset "$MJ"
step "10. Reconcile two deliveries: the clean set (old) against the faulty one (new)" \
  "$LT compare --spec jumin sample_data/handover/jumin sample_data/faulty/jumin"
run $LT compare --spec jumin sample_data/handover/jumin sample_data/faulty/jumin
run $LT compare --spec jumin sample_data/handover/jumin sample_data/faulty/jumin --format html -o "$OUT/compare-jumin.html"
run $LT compare --spec jumin sample_data/handover/jumin sample_data/faulty/jumin --format xlsx -o "$OUT/compare-jumin.xlsx"

step "10b. A vendor's export against its conversion (the vendor side converted first)" \
  "$LT compare --spec kaigo --mapping kaso-systems/kaigo sample_data/vendors/kaso-systems/kaigo $OUT/converted/kaigo"
run $LT compare --spec kaigo --mapping kaso-systems/kaigo sample_data/vendors/kaso-systems/kaigo "$OUT/converted/kaigo"

step "10c. Rehearsal N (faulty) → N+1 (clean): per file and finding code, new / fixed / still open" \
  "$LT compare --spec jumin $OUT/faulty-jumin.json $OUT/clean-jumin.json"
run $LT validate --spec jumin sample_data/handover/jumin --format json -o "$OUT/clean-jumin.json"
run $LT compare --spec jumin "$OUT/faulty-jumin.json" "$OUT/clean-jumin.json"

printf '\nReports written to %s/:\n' "$OUT"
ls -1 "$OUT" | sed 's/^/  /'
printf '\nHTML report: %s\nExcel report: %s\n' "$PWD/$OUT/faulty-jumin.html" "$PWD/$OUT/faulty-jumin.xlsx"
