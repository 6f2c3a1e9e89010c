#!/bin/sh
# t1032-import-export-web.sh: imports and exports of the registers over HTTP, on the real
# server over a generated province. A people file written by hand with four bad rows (an
# impossible date, an unknown unit, an empty required name, a byte that is not UTF-8) is
# answered with each bad row's line and column as worked out below; a dry run saves nothing;
# the import saves the two good rows; the upload's temporary file is gone afterwards. A body
# over the upload limit is 413 with the JSON error, a form body over the form limit 413 too,
# and the server serves on. The export equals `pcmt export` for the same user, is audited,
# and sends nothing while its audit row cannot be written. A leader and a member agency are
# refused both (403); an officer of another province exports only its own people; a
# cookie-session POST without the CSRF header is 403. The two pages render.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
db="$T/web.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 15 --seed 5 --people 300 --cases 20 \
  --places 10 --networks 2 --licit 2 --activities 20
expect_status 0
# one person in Hà Nội (commune 00004), for the other province's officer
run "$PCMT_BIN" --db "$db" person add --name "Đỗ Văn Hà" --dob 03/03/1993 --sex nam --unit 00004
expect_status 0

pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
adduser() { # LOGIN ROLE UNIT [--agency KIND]
  l=$1 r=$2 u=$3
  shift 3
  run sh -c "'$PCMT_BIN' --db '$db' user add $l --role $r --unit $u $* <'$T/pw'"
  expect_status 0
}
adduser cb.sapa officer 03006
adduser ld.sapa leader 03006
adduser yt.tinh agency 15 --agency health
adduser cb.hn officer 01
token() { "$PCMT_BIN" --db "$db" token create "$1" 2>/dev/null; }
tk_officer=$(token cb.sapa)
tk_leader=$(token ld.sapa)
tk_agency=$(token yt.tinh)
tk_hn=$(token cb.hn)
CHECKS=$((CHECKS + 1))
[ ${#tk_officer} = 64 ] && [ ${#tk_leader} = 64 ] && [ ${#tk_agency} = 64 ] && [ ${#tk_hn} = 64 ] ||
  { fail "tokens: '$tk_officer' '$tk_leader' '$tk_agency' '$tk_hn'"; finish; }

mkdir "$T/tmp"
. "$PCMT_SOURCE_DIR/tests/e2e/lib_web.sh"
TMPDIR="$T/tmp" web_serve --max-upload 1

q() { sqlite3 "$db" "$1"; }
qr() { sqlite3 "$db.reads" "$1"; } # the reads' audit rows (exports)
# upload TOKEN REGISTER FILE NAME [QUERY]: the status; the answer in $T/b
upload() {
  curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $1" \
    -H "X-File-Name: $4" -H 'Content-Type: application/octet-stream' --data-binary @"$3" \
    "$U/api/v1/imports/$2${5:+?$5}"
}
# export TOKEN REGISTER [QUERY]: the status; the answer in $T/b, headers in $T/h
export_csv() {
  curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $1" \
    -H 'X-Purpose: rà soát đối tượng' "$U/api/v1/exports/$2${3:+?$3}"
}
# hdr NAME: of the last answer (lib_web.sh's hdr reads any saved file)
h() { hdr "$T/h" "$1"; }

# --- a file with known bad rows -------------------------------------------------------
# line 1 the header; 2 good; 3 31/02 is no date (column 3, Ngày sinh); 4 no unit 99999
# (column 5, Mã đơn vị); 5 the name is required and empty (column 2, Họ tên); 6 the
# address holds the byte 0xFF, not UTF-8 (column 6, Địa chỉ); 7 good.
{
  printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ\n'
  printf '015090100001,Hoàng Văn Tỏa,12/03/1990,Nam,03006,Tổ 1\n'
  printf '015191100002,Lý Thị Sen,31/02/1991,Nữ,03006,Tổ 2\n'
  printf '015092100003,Tráng A Pó,01/01/1992,Nam,99999,Tổ 3\n'
  printf '015193100004,,05/05/1993,Nữ,03006,Tổ 4\n'
  printf '015094100005,Giàng A Dình,06/06/1994,Nam,03006,Tổ \377 5\n'
  printf '015194100006,Sùng Thị Mỷ,07/07/1994,Nữ,03006,Tổ 6\n'
} >"$T/bad.csv"
people=$(q "SELECT count(*) FROM person")
# the name as the page's script sends it: percent-encoded UTF-8
name='danh%20s%C3%A1ch%20th%C3%A1ng%2011.csv'

check "dry run" "$(upload "$tk_officer" people "$T/bad.csv" "$name" dry_run=1)" 200
check "dry run: counts" "$(jq -c '[.dry_run, .read, .added, .rejected]' "$T/b")" '[true,6,2,4]'
check "dry run: lines" "$(jq -c '[.rejects[].line]' "$T/b")" '[3,4,5,6]'
check "dry run: columns" "$(jq -c '[.rejects[].column]' "$T/b")" '[3,5,2,6]'
check "dry run: headers" "$(jq -c '[.rejects[].header]' "$T/b")" \
  '["Ngày sinh","Mã đơn vị","Họ tên","Địa chỉ"]'
check "dry run: the date's reason" "$(jq -r '.rejects[0].reason' "$T/b" | grep -c '31/02/1991')" 1
check "dry run: the bad byte's reason" "$(jq -r '.rejects[3].reason' "$T/b" | grep -c '0xFF')" 1
check "dry run: the file's name decoded" "$(jq -r '.file' "$T/b")" 'danh sách tháng 11.csv'
check "dry run: no rejects file unless asked" "$(jq -r '.rejects_csv' "$T/b")" null
check "dry run saves nothing" "$(q "SELECT count(*) FROM person")" "$people"
check "no upload left on disk" "$(ls -A "$T/tmp" | wc -l)" 0

# the rejects file in the answer: the CLI's, byte for byte
check "with the rejects file" "$(upload "$tk_officer" people "$T/bad.csv" "$name" 'dry_run=1&rejects_csv=1')" 200
jq -j '.rejects_csv' "$T/b" >"$T/web.rejects.csv"
run "$PCMT_BIN" --db "$db" import people "$T/bad.csv" --dry-run --as cb.sapa --rejects "$T/cli.rejects.csv"
expect_status 1
CHECKS=$((CHECKS + 1))
cmp -s "$T/web.rejects.csv" "$T/cli.rejects.csv" || fail "the rejects files differ: $(diff "$T/web.rejects.csv" "$T/cli.rejects.csv")"
check "rejects file name" "$(jq -r '.rejects_file' "$T/b")" 'danh sách tháng 11.csv.rejects.csv'

check "import" "$(upload "$tk_officer" people "$T/bad.csv" "$name")" 200
check "import: counts" "$(jq -c '[.dry_run, .read, .added, .rejected]' "$T/b")" '[false,6,2,4]'
check "import saves the good rows" "$(q "SELECT count(*) FROM person")" "$((people + 2))"
check "the good rows" "$(q "SELECT group_concat(full_name, '|') FROM (SELECT full_name FROM person \
  WHERE national_id IN ('015090100001', '015194100006') ORDER BY national_id)")" 'Hoàng Văn Tỏa|Sùng Thị Mỷ'
check "no bad row saved" "$(q "SELECT count(*) FROM person WHERE national_id IN \
  ('015191100002', '015092100003', '015193100004', '015094100005')")" 0
check "the import's audit row names the file" \
  "$(q "SELECT count(*) FROM audit_log WHERE action = 'register.import' AND actor = 'cb.sapa' \
  AND detail LIKE '%tệp danh sách tháng 11.csv%'")" 1
check "no upload left after the import" "$(ls -A "$T/tmp" | wc -l)" 0

# an unusable file is refused whole (400), with the reason
printf 'Số định danh,Họ tên\n015090100009,Lò Văn Tư\n' >"$T/short.csv"
check "missing columns" "$(upload "$tk_officer" people "$T/short.csv" short.csv)" 400
check "missing columns: reason" "$(jq -r '.error.message' "$T/b" | grep -c 'thiếu cột bắt buộc')" 1
check "no file name" "$(curl -s -o "$T/b" -w '%{http_code}' -H "Authorization: Bearer $tk_officer" \
  --data-binary @"$T/bad.csv" "$U/api/v1/imports/people")" 400
check "unknown register" "$(upload "$tk_officer" nothing "$T/bad.csv" x.csv)" 404

# --- size limits ----------------------------------------------------------------------
head -c 1572864 /dev/zero | tr '\0' 'a' >"$T/big"
check "upload over 1 MiB" "$(upload "$tk_officer" people "$T/big" big.csv)" 413
check "upload over the limit: JSON" "$(jq -r '.error.code' "$T/b")" too_large
check "a form over 1 MiB" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$T/big" \
  "$U/dang-nhap")" 413
check "still serving" "$(curl -s -o /dev/null -w '%{http_code}' "$U/healthz")" 200
check "nothing saved by the refused upload" "$(q "SELECT count(*) FROM person")" "$((people + 2))"

# --- roles ----------------------------------------------------------------------------
check "leader import" "$(upload "$tk_leader" people "$T/bad.csv" x.csv dry_run=1)" 403
check "leader import: JSON" "$(jq -r '.error.code' "$T/b")" denied
check "agency import" "$(upload "$tk_agency" people "$T/bad.csv" x.csv dry_run=1)" 403
check "no upload left after refusals" "$(ls -A "$T/tmp" | wc -l)" 0

# --- the browser's way: a session cookie; a POST needs X-CSRF-Token --------------------
curl -s -D "$T/h" -o "$T/p" --data-urlencode "login=cb.sapa" --data-urlencode "password=$pw" "$U/dang-nhap"
cookie=$(h Set-Cookie | sed -n 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/p')
curl -s -o "$T/p" -H "Cookie: __Host-pcmt=$cookie" "$U/"
csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$T/p" | head -1)
CHECKS=$((CHECKS + 1))
[ ${#cookie} = 64 ] && [ ${#csrf} = 64 ] || { fail "session: cookie '$cookie' csrf '$csrf'"; finish; }
cpost() { # cpost [HEADER]: a dry run with the session cookie
  curl -s -o "$T/b" -w '%{http_code}' -H "Cookie: __Host-pcmt=$cookie" ${1:+-H "$1"} \
    -H 'X-File-Name: bad.csv' --data-binary @"$T/bad.csv" "$U/api/v1/imports/people?dry_run=1"
}
check "cookie POST without X-CSRF-Token" "$(cpost)" 403
check "cookie POST with X-CSRF-Token" "$(cpost "X-CSRF-Token: $csrf")" 200
check "cookie POST: the bad rows" "$(jq -c '[.rejects[].line]' "$T/b")" '[3,4,5,6]'

# --- export ---------------------------------------------------------------------------
check "leader export" "$(export_csv "$tk_leader" people)" 403
check "agency export" "$(export_csv "$tk_agency" people)" 403
before=$(qr "SELECT count(*) FROM audit_log WHERE action = 'register.export' AND actor = 'cb.sapa'")
check "export" "$(export_csv "$tk_officer" people)" 200
check "export: attachment" "$(h Content-Disposition)" 'attachment; filename="people.csv"'
check "export: not cached" "$(h Cache-Control)" no-store
check "export: CSV" "$(h Content-Type)" 'text/csv; charset=utf-8'
cp "$T/b" "$T/web-export.csv"
run "$PCMT_BIN" --db "$db" export people -o "$T/cli-export.csv" --as cb.sapa
expect_status 0
CHECKS=$((CHECKS + 1))
cmp -s "$T/web-export.csv" "$T/cli-export.csv" ||
  fail "the API's export differs from the CLI's: $(diff "$T/web-export.csv" "$T/cli-export.csv" | head -5)"
check "export: the imported rows" "$(grep -c 'Hoàng Văn Tỏa\|Sùng Thị Mỷ' "$T/web-export.csv")" 2
check "export audited with its purpose" "$(qr "SELECT count(*) FROM audit_log WHERE action = \
  'register.export' AND actor = 'cb.sapa' AND purpose = 'rà soát đối tượng'")" 1
check "audit rows of the exports" \
  "$(qr "SELECT count(*) FROM audit_log WHERE action = 'register.export' AND actor = 'cb.sapa'")" \
  "$((before + 2))"
check "export without a purpose" "$(curl -s -o "$T/b" -w '%{http_code}' \
  -H "Authorization: Bearer $tk_officer" "$U/api/v1/exports/people")" 400
# another province's officer: its one person, none of Lào Cai's
check "other province export" "$(export_csv "$tk_hn" people)" 200
check "other province: its own rows only" "$(($(wc -l <"$T/b") - 1))" 1
check "other province: its person" "$(grep -c 'Đỗ Văn Hà' "$T/b")" 1
check "other province: no Sa Pa row" "$(grep -c 'Hoàng Văn Tỏa' "$T/b")" 0
# a formula in a cell leaves as text, as the CLI writes it
printf 'Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ\n015095100007,Vàng A Chử,01/01/1995,Nam,03006,=1+2\n' >"$T/f.csv"
check "formula import" "$(upload "$tk_officer" people "$T/f.csv" f.csv)" 200
export_csv "$tk_officer" people >/dev/null
check "formula neutralised" "$(grep -c "'=1+2" "$T/b")" 1

# The audit row first: while another process holds the write lock of the reads' audit file
# (FILE.reads, where an export's row goes), the export can write no audit row and sends no
# row at all: "busy" (503) after the busy timeout.
mkfifo "$T/lock.in"
sqlite3 "$db.reads" <"$T/lock.in" >"$T/lock.out" 2>&1 &
lock_pid=$!
exec 3>"$T/lock.in"
printf "BEGIN IMMEDIATE;\nSELECT 'locked';\n" >&3
i=0
while [ $i -lt 500 ] && ! grep -q locked "$T/lock.out"; do i=$((i + 1)); sleep 0.02; done
before=$(qr "SELECT count(*) FROM audit_log WHERE action = 'register.export'")
check "export while the audit cannot be written" "$(export_csv "$tk_officer" people)" 503
check "no row sent" "$(grep -c 'Hoàng Văn Tỏa' "$T/b")" 0
check "the answer is the JSON error" "$(jq -r '.error.code' "$T/b")" busy
has_msg=$(jq -r '.error.message' "$T/b" | grep -c 'thử lại sau ít phút')
check "it says what to do" "$has_msg" 1
printf "COMMIT;\n.quit\n" >&3
exec 3>&-
wait "$lock_pid"
check "no audit row for it" "$(qr "SELECT count(*) FROM audit_log WHERE action = 'register.export'")" "$before"

# --- the import page --------------------------------------------------------------------
curl -s -o "$T/p" -H "Cookie: __Host-pcmt=$cookie" "$U/nhap-du-lieu"
check "import page: the session's CSRF token" "$(grep -c 'data-csrf="'"$csrf"'"' "$T/p")" 1
CHECKS=$((CHECKS + 1))
grep -q 'id="nhap-can-script"' "$T/p" && grep -q 'pcmt import' "$T/p" ||
  fail "the import page does not say what to do without the script"
# a leader's session: no import page, no link to it
curl -s -D "$T/h" -o /dev/null --data-urlencode "login=ld.sapa" --data-urlencode "password=$pw" \
  "$U/dang-nhap"
lcookie=$(h Set-Cookie | sed -n 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/p')
check "leader: import page" "$(curl -s -o "$T/p" -w '%{http_code}' -H "Cookie: __Host-pcmt=$lcookie" \
  "$U/nhap-du-lieu")" 403
check "leader: no import link" "$(grep -c 'href="/nhap-du-lieu"' "$T/p")" 0

# --- the export page --------------------------------------------------------------------
curl -s -o "$T/p" -H "Cookie: __Host-pcmt=$cookie" "$U/xuat-du-lieu"
CHECKS=$((CHECKS + 1))
grep -q 'ghi vào nhật ký' "$T/p" || fail "the export page lacks the audit notice"
check "export page: no purpose" "$(curl -s -o "$T/p" -w '%{http_code}' -H "Cookie: __Host-pcmt=$cookie" \
  "$U/xuat-du-lieu?gui=1&danh-sach=people&muc-dich=")" 400
CHECKS=$((CHECKS + 1))
grep -q 'Hãy chọn mục đích' "$T/p" || fail "export page: no purpose message"
curl -s -D "$T/h" -o /dev/null -H "Cookie: __Host-pcmt=$cookie" \
  "$U/xuat-du-lieu?gui=1&danh-sach=people&muc-dich=report"
check "export page sends to the export" "$(h Location)" '/api/v1/exports/people?purpose=L%E1%BA%ADp%20b%C3%A1o%20c%C3%A1o'
check "the export it sends to" "$(curl -s -o "$T/b" -w '%{http_code}' -H "Cookie: __Host-pcmt=$cookie" \
  "$U$(h Location)")" 200
check "the session's export: rows" "$(grep -c 'Hoàng Văn Tỏa' "$T/b")" 1
# a leader may export the registers without personal data: the page and its link are there
check "leader: export page" "$(curl -s -o "$T/p" -w '%{http_code}' -H "Cookie: __Host-pcmt=$lcookie" \
  "$U/xuat-du-lieu")" 200
check "leader: export link" "$(grep -c 'href="/xuat-du-lieu"' "$T/p")" 1

kill "$pid"
wait "$pid"
finish
