#!/bin/sh
# t0630-consolidated.sh: `pcmt report consolidated` through the real binary on
# the sample campaign plan of Lào Cai (004, old units) over a generated
# province (seed 1), for the third quarter of 2024.
# - Every figure is the one `pcmt indicators` computes for the same unit and
#   period (a second path to the same registers): the province's cases, and
#   each district's cases in the per-unit table.
# - For a leader (no access to personal records), every district count from
#   1 to 4 is hidden ("<5", no value), and a column's total is hidden exactly
#   when the hidden cells would come back by subtraction (one hidden cell, or
#   k cells hiding k or 4k), checked here by an independent reading of the rule.
# - The .docx opens in LibreOffice: the PDF's text holds the national name,
#   the motto, the title and a quota row of the targets table with its figure.
# - The HTML, read by a real HTML parser, holds the same per-unit table and
#   targets as the JSON, "<5" for the leader's hidden cells, no script.
# - The workbook has a sheet per section of the catalogue with every indicator
#   per unit; a count column's total is the sum, a ratio's the ratio of sums.
# - A national plan's per-unit table lists the provinces of the period's tree.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/cons.db"
plans="$PCMT_SOURCE_DIR/tests/fixtures/plans"

run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.laocai --role officer --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" user add ld.laocai --role leader --unit 15
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 10 --seed 1
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/004_91f2c84d0a0eb75f.txt" --as cb.laocai
expect_status 0
plan=$OUT
run "$PCMT_BIN" --db "$db" plan publish "$plan" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" plan bind "$plan" --propose --json --as cb.laocai
target=$(printf '%s\n' "$OUT" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["proposals"]:
    if p["text"].startswith("Các huyện, thị xã, thành phố 160 vụ"):
        print(p["target_id"])')
run "$PCMT_BIN" --db "$db" plan bind "$plan" "$target" cases_detected --as cb.laocai
expect_status 0

run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format json -o "$T/c.json" --as cb.laocai
expect_status 0
run "$PCMT_BIN" --db "$db" indicators --unit 10 --tree pre2025 --period 2024-Q3 --json --as cb.laocai
printf '%s\n' "$OUT" >"$T/prov.json"
run "$PCMT_BIN" --db "$db" indicators --unit 086 --tree pre2025 --period 2024-Q3 --json --as cb.laocai
printf '%s\n' "$OUT" >"$T/bt.json"
python3 - "$T/c.json" "$T/prov.json" "$T/bt.json" <<'PY' || fail "figures differ from pcmt indicators"
import json, sys
c, prov, bt = (json.load(open(p)) for p in sys.argv[1:4])
def ind(d, code):
    return [x["value"] for x in d["indicators"] if x["code"] == code and x["group"] is None][0]
fig = [f for f in c["figures"] if f["indicator"] == "cases_detected"][0]
assert fig["now"] == ind(prov, "cases_detected"), (fig, ind(prov, "cases_detected"))
assert fig["source"] == {"indicator": "cases_detected", "unit_tree": "pre2025", "unit_code": "10",
                         "from": "2024-07-01", "to": "2024-09-30"}, fig["source"]
col = c["units"]["indicators"].index("cases_detected")
row = [r for r in c["units"]["rows"] if r["unit_code"] == "086"][0]
assert row["values"][col] == ind(bt, "cases_detected"), (row, ind(bt, "cases_detected"))
assert len(c["units"]["rows"]) == 9
assert c["small_counts_hidden"] is False
# each count column's total is the sum of its districts, and the province's own figure
codes = c["units"]["indicators"]
for k, code in enumerate(codes):
    vals = [r["values"][k] for r in c["units"]["rows"] if r["values"][k] is not None]
    if code.endswith("_ratio") or not vals:
        continue
    assert abs(c["units"]["totals"][k] - sum(vals)) < 1e-6, (code, c["units"]["totals"][k], sum(vals))
k, n, m = (codes.index(x) for x in ("users_managed_ratio", "users_managed", "users_registered"))
want = 100 * c["units"]["totals"][n] / c["units"]["totals"][m]
assert abs(c["units"]["totals"][k] - want) < 1e-9, (c["units"]["totals"][k], want)
assert abs(c["units"]["totals"][codes.index("cases_detected")] - fig["now"]) < 1e-9
PY

run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format json -o "$T/l.json" --as ld.laocai
expect_status 0
python3 - "$T/c.json" "$T/l.json" <<'PY' || fail "small counts not hidden as the rule says"
import json, sys
full, led = (json.load(open(p)) for p in sys.argv[1:3])
assert led["small_counts_hidden"] is True
# the catalogue's ratios and their parts (docs/indicators.md): a ratio gives a hidden part back
RATIOS = {"cases_resolved_ratio": ("cases_resolved", "cases_prosecuted"),
          "express_leads_verified_ratio": ("express_leads_verified", "express_leads"),
          "users_managed_ratio": ("users_managed", "users_registered"),
          "service_access_ratio": ("addicts_treated", "addicts_registered"),
          "communes_propaganda_ratio": ("communes_with_propaganda", "communes_total"),
          "licit_inspected_ratio": ("licit_entities_inspected", "licit_entities")}
codes = full["units"]["indicators"]
assert set(RATIOS) <= set(codes)
hidden_any = 0
for k, code in enumerate(codes):
    if code in RATIOS:
        continue
    vals = [r["values"][k] for r in full["units"]["rows"]]
    small = [v for v in vals if v is not None and 1 <= v <= 4 and v == int(v)]
    for r_full, r_led in zip(full["units"]["rows"], led["units"]["rows"]):
        v = r_full["values"][k]
        if v is not None and 1 <= v <= 4 and v == int(v):
            assert r_led["values"][k] is None and r_led["display"][k] == "<5", (code, r_led)
            hidden_any += 1
        else:
            assert r_led["values"][k] == v, (code, r_led, v)
    pinned = len(small) == 1 or (len(small) > 1 and sum(small) in (len(small), 4 * len(small)))
    assert (led["units"]["totals_display"][k] == "<5") == pinned, (code, small, led["units"]["totals"][k])
ratio_hidden = 0
for code, (num, den) in RATIOS.items():
    k, n, m = codes.index(code), codes.index(num), codes.index(den)
    for r_full, r_led in zip(full["units"]["rows"], led["units"]["rows"]):
        part_hidden = r_led["display"][n] == "<5" or r_led["display"][m] == "<5"
        if part_hidden and r_full["values"][k] is not None:
            assert r_led["display"][k] == "<5", (code, r_led["unit_name"])
            ratio_hidden += 1
        else:
            assert r_led["values"][k] == r_full["values"][k], (code, r_led["unit_name"])
assert hidden_any > 0, hidden_any  # (the ratio rule is worked through by hand in test_consolidated)
print("hidden cells:", hidden_any, "hidden ratios:", ratio_hidden)
PY

run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format docx -o "$T/c.docx" --as cb.laocai
expect_status 0
(cd "$T" && libreoffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf c.docx >/dev/null 2>&1)
[ -s "$T/c.pdf" ] || fail "LibreOffice did not convert the .docx"
pdftotext -layout "$T/c.pdf" "$T/c.txt"
OUT=$(cat "$T/c.txt")
expect_out "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
expect_out "Độc lập - Tự do - Hạnh phúc"
expect_out "BÁO CÁO"
city=$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
r = [x for x in c["targets"]["targets"] if x["assignee"] == "thành phố Lào Cai" and x["indicator"] == "cases_detected"][0]
v = r["value"]
print(f"{v:.0f}" if v == int(v) else v)' "$T/c.json")
line=$(grep -- "- thành phố Lào Cai" "$T/c.txt" | head -1)
printf '%s\n' "$line" | grep -q " $city " || fail "the city's quota row lacks its figure $city: $line"

# the workbook, read back by a real reader (openpyxl): its cells are the JSON's values, a
# hidden count the text "<5" for the leader
for who in cb.laocai ld.laocai; do
  run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format xlsx -o "$T/$who.xlsx" --as "$who"
  expect_status 0
done
py=python3 # Debian's, which holds python3-openpyxl
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
"$py" - "$T/c.json" "$T/cb.laocai.xlsx" "$T/l.json" "$T/ld.laocai.xlsx" <<'PY' || fail "the workbook differs from the JSON"
import json, sys
from openpyxl import load_workbook
def same(a, b):  # numbers as the two formats print them (15 vs 17 digits)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b
for js, xl in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    c = json.load(open(js))
    wb = load_workbook(xl)
    sections = {"crime": "Tội phạm, vụ việc", "people": "Người sử dụng, nghiện",
                "places": "Địa bàn, điểm, tụ điểm", "prevention": "Phòng ngừa, kiểm soát"}
    assert wb.sheetnames == ["Chỉ tiêu", "Số liệu", *sections.values(), "Báo cáo"], wb.sheetnames
    ws = wb["Chỉ tiêu"]
    assert ws.freeze_panes == "A2", ws.freeze_panes
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(c["targets"]["targets"]), (len(rows), len(c["targets"]["targets"]))
    for r, t in zip(rows, c["targets"]["targets"]):
        assert same(r[3], t["value"]), (r, t["value"])
        assert r[4] == t["status_label"], (r, t["status_label"])
    u = c["units"]
    seen = 0
    for sec, name in sections.items():
        ws = wb[name]
        assert ws.freeze_panes == "B2", (name, ws.freeze_panes)
        cols = [k for k, s_ in enumerate(u["sections"]) if s_ == sec]
        head = next(ws.iter_rows(max_row=1, values_only=True))
        assert len(head) == len(cols) + 1, (name, len(head), len(cols))
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) == len(u["rows"]) + 1
        for r, x in zip(rows, u["rows"]):
            assert r[0] == x["unit_name"], (r, x["unit_name"])
            for j, k in enumerate(cols):
                v = x["values"][k]
                want = "<5" if x["display"][k] == "<5" else v
                assert same(r[j + 1], want), (name, x["unit_name"], u["indicators"][k], r[j + 1], want)
        for j, k in enumerate(cols):
            v = u["totals"][k]
            want = "<5" if u["totals_display"][k] == "<5" else v
            assert same(rows[-1][j + 1], want), (name, k, rows[-1][j + 1], want)
        seen += len(cols)
    assert seen == len(u["indicators"])
    ws = wb["Số liệu"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    fig = {f["name"]: f for f in c["figures"]}
    for r in rows:
        f = fig[r[0]]
        assert same(r[2], f["now"] if not f["hidden"] or f["now"] is not None else "<5"), (r, f)
PY

# the HTML file, read back by Python's HTML parser: the per-unit and targets tables say what
# the JSON says, cell by cell, for the officer and the leader ("<5" where hidden)
for who in cb.laocai ld.laocai; do
  run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format html -o "$T/$who.html" --as "$who"
  expect_status 0
done
[ "$(stat -c %a "$T/cb.laocai.html")" = 600 ] || fail "the HTML file is not owner-only"
python3 - "$T/c.json" "$T/cb.laocai.html" "$T/l.json" "$T/ld.laocai.html" <<'PY' || fail "the HTML differs from the JSON"
import json, sys
from html.parser import HTMLParser
class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.script, self.text = [], None, False, []
    def handle_starttag(self, tag, attrs):
        if tag == "table": self.tables.append([])
        elif tag == "tr": self.tables[-1].append([])
        elif tag in ("td", "th"): self.cell = ""
        elif tag == "script": self.script = True
    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self.cell); self.cell = None
    def handle_data(self, d):
        self.text.append(d)
        if self.cell is not None: self.cell += d
def num(v):  # the officer's reading of a count: 1.234
    return f"{int(v):,}".replace(",", ".")
for js, page in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    c = json.load(open(js))
    p = Tables(); p.feed(open(page, encoding="utf-8").read())
    assert not p.script, "a script in the report"
    text = "".join(p.text)
    for must in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nơi nhận:"):
        assert must in text, must
    units = [t for t in p.tables if t[0][0] == "Đơn vị"][0]
    assert len(units) == len(c["units"]["rows"]) + 2, len(units)  # header, rows, total
    keys = [c["units"]["indicators"].index(x) for x in c["units"]["key_indicators"]]
    assert len(units[0]) == len(keys) + 1
    for tr, u in zip(units[1:], c["units"]["rows"]):
        assert tr[0].endswith(u["unit_name"]), (tr[0], u["unit_name"])
        for j, k in enumerate(keys):
            v = u["values"][k]
            want = "<5" if u["display"][k] == "<5" else num(v)
            assert tr[j + 1] == want, (u["unit_name"], k, tr[j + 1], want)
    for j, k in enumerate(keys):
        v = c["units"]["totals"][k]
        want = "<5" if c["units"]["totals_display"][k] == "<5" else num(v)
        assert units[-1][j + 1] == want, (k, units[-1][j + 1], v)
    targets = [t for t in p.tables if t[0][0] == "Chỉ tiêu"][0]
    assert len(targets) == len(c["targets"]["targets"]) + 1
    for tr, t in zip(targets[1:], c["targets"]["targets"]):
        assert tr[3] == t["status_label"], (tr, t["status_label"])
PY

# a national plan's per-unit table is the provinces of the period's tree: the 63 provinces
# before 01/07/2025, the 34 after; Lào Cai's row is the province's own figure
run "$PCMT_BIN" --db "$db" user add cb.tw --role officer
expect_status 0
run "$PCMT_BIN" --db "$db" plan import "$plans/001_c4b8e8f3bf85f38b.txt" --as cb.tw
expect_status 0
nplan=$OUT
for q in 2024-Q3 2025-Q4; do
  run "$PCMT_BIN" --db "$db" report consolidated "$nplan" --period $q --format json -o "$T/n$q.json" --as cb.tw
  expect_status 0
done
python3 - "$T/n2024-Q3.json" "$T/n2025-Q4.json" "$T/prov.json" <<'PY' || fail "the national per-unit table is not the provinces"
import json, sys
old, new, prov = (json.load(open(p)) for p in sys.argv[1:4])
assert len(old["units"]["rows"]) == 63, len(old["units"]["rows"])
assert len(new["units"]["rows"]) == 34, len(new["units"]["rows"])
k = old["units"]["indicators"].index("cases_detected")
row = [r for r in old["units"]["rows"] if r["unit_code"] == "10"][0]
want = [x["value"] for x in prov["indicators"] if x["code"] == "cases_detected" and x["group"] is None][0]
assert row["values"][k] == want, (row["unit_name"], row["values"][k], want)
assert all(r["unit_tree"] == "pre2025" for r in old["units"]["rows"])
assert all(r["unit_tree"] == "post2025" for r in new["units"]["rows"])
PY

run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format xls -o x --as cb.laocai
expect_status 2
run "$PCMT_BIN" --db "$db" report consolidated "$plan" --period 2024-Q3 --format docx --as cb.laocai
expect_status 2
run "$PCMT_BIN" --db "$db" report consolidated 999 --period 2024-Q3 --format json --as cb.laocai
expect_status 3

finish
