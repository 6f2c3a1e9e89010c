#!/bin/sh
# t1010-tamper.sh: tampering with the database file, done with the sqlite3 shell and an
# unkeyed python3 script as someone who holds the database but not FILE.key would, is each
# caught by `pcmt audit verify` (exit 1, its own message); the untouched copy verifies (0).
# The same for the reads' chain in FILE.reads, and that file deleted or emptied.
# Also: the key file and the checkpoints are owner-only, a copy without its key cannot be
# written to nor re-keyed, and the server signs the head on its timer and at shutdown.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

if ! command -v sqlite3 >/dev/null || ! command -v python3 >/dev/null; then
  fail "the sqlite3 shell and python3 are needed (make deps installs them)"
  finish
fi

db="$T/g.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" gen --scale province --province 10 --seed 7 --today 2026-11-23 \
  --people 120 --cases 40 --places 10 --networks 2 --licit 2 --activities 20
expect_status 0
# A few more audited commands, each leaving a signed checkpoint of its rows.
for id in 3 5 8 13; do
  run "$PCMT_BIN" --db "$db" person show "$id" --purpose "rà soát hồ sơ"
  expect_status 0
done

# The key file and the checkpoints: beside the database, owner-only.
CHECKS=$((CHECKS + 1))
[ "$(stat -c '%a %s' "$db.key")" = "600 128" ] || fail "key file: $(stat -c '%a %s' "$db.key")"
CHECKS=$((CHECKS + 1))
[ "$(stat -c '%a' "$db.checkpoints")" = 600 ] || fail "checkpoints: $(stat -c '%a' "$db.checkpoints")"
rows=$(sqlite3 "$db" "SELECT max(id) FROM audit_log")
CHECKS=$((CHECKS + 1))
[ "$rows" -ge 3 ] || fail "want at least 3 audit rows, have $rows"
# The four reads are in the reads' file (owner-only), not in the database.
CHECKS=$((CHECKS + 1))
[ "$(stat -c '%a' "$db.reads")" = 600 ] || fail "reads file: $(stat -c '%a' "$db.reads")"
reads=$(sqlite3 "$db.reads" "SELECT count(*) FROM audit_log WHERE action = 'person.read'")
CHECKS=$((CHECKS + 1))
[ "$reads" = 4 ] || fail "want the 4 reads in $db.reads, have $reads"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'person.read'")" = 0 ] ||
  fail "a read's row is in the database's chain"
# init refuses nothing and overwrites no key: the same bytes after a second init.
sum=$(sha256sum <"$db.key")
run "$PCMT_BIN" --db "$db" init
expect_status 0
CHECKS=$((CHECKS + 1))
[ "$(sha256sum <"$db.key")" = "$sum" ] || fail "a second init replaced the key"

# copy NAME: a copy of the database with its key and checkpoints; prints its path.
copy() {
  cp "$db" "$T/$1.db"
  cp "$db.key" "$T/$1.db.key"
  cp "$db.checkpoints" "$T/$1.db.checkpoints"
  cp "$db.reads" "$T/$1.db.reads"
  echo "$T/$1.db"
}
verify() {
  run "$PCMT_BIN" --db "$1" audit verify
}

# 0. Untouched: everything holds.
c=$(copy clean)
verify "$c"
expect_status 0
expect_out "nhật ký nguyên vẹn: $rows dòng"
expect_out "nhật ký đọc hồ sơ nguyên vẹn: 4 dòng"
expect_out "hồ sơ người: 120 hồ sơ khớp"

# 1. A field of an audit row changed.
c=$(copy changed)
sqlite3 "$c" "UPDATE audit_log SET purpose = 'điều tra' WHERE id = 3"
verify "$c"
expect_status 1
expect_err "dòng 3 đã bị sửa"

# 2. An audit row deleted.
c=$(copy deleted)
sqlite3 "$c" "DELETE FROM audit_log WHERE id = 2"
verify "$c"
expect_status 1
expect_err "thiếu dòng 2"

# 3. A forged row appended, its hash computed the way the chain was computed before it had a
#    key (unkeyed BLAKE2b-256 over the netstrings, chained to the real head).
cat >"$T/chain.py" <<'PY'
import hashlib, sqlite3, sys
COLS = "id, at, actor, role, scope, purpose, action, record_type, record_id, detail"
def ns(v):
    b = str(v).encode()
    return str(len(b)).encode() + b":" + b + b","
def unkeyed(prev, row):
    return hashlib.blake2b(ns(prev) + b"".join(ns(v) for v in row), digest_size=32).hexdigest()
db = sqlite3.connect(sys.argv[2])
if sys.argv[1] == "forge":
    last_id, prev = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row = (last_id + 1, "2026-12-01T08:00:00Z", "admin", "admin", "national", "quản trị",
           "person.read", "person", 7, "xem hồ sơ")
    db.execute("INSERT INTO audit_log (" + COLS + ", prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
               row + (prev, unkeyed(prev, row)))
else:  # recompute the whole chain from row 1 after rewriting row 2's actor
    db.execute("UPDATE audit_log SET actor = 'nguoi.khac' WHERE id = 2")
    prev = "0" * 64
    for row in db.execute("SELECT " + COLS + " FROM audit_log ORDER BY id").fetchall():
        h = unkeyed(prev, row)
        db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, row[0]))
        prev = h
db.commit()
PY
c=$(copy forged)
python3 "$T/chain.py" forge "$c" || fail "python3 forge failed"
verify "$c"
expect_status 1
expect_err "dòng $((rows + 1)) đã bị sửa hoặc bị chèn giả"

# 4. The newest rows deleted: the chain left still holds, the checkpoints do not.
c=$(copy truncated)
sqlite3 "$c" "DELETE FROM audit_log WHERE id > $((rows - 2))"
verify "$c"
expect_status 1
expect_err "nhật ký chỉ còn $((rows - 2)) dòng"
expect_err "cắt đuôi"

# 5. The whole chain recomputed (unkeyed) after an edit: every hash is consistent with the
#    next row's link, but not with the key, nor with the signed checkpoints.
c=$(copy recomputed)
python3 "$T/chain.py" recompute "$c" || fail "python3 recompute failed"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$c" "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.prev_hash <> a.hash")" = 0 ] ||
  fail "the recomputed chain's links do not hold"
verify "$c"
expect_status 1
expect_err "nhật ký đã bị tính lại từ dòng 1"

# 6. A checkpoint line forged: its row id changed, the signature no longer fits.
c=$(copy checkpoint)
sed -i '1s/^[0-9]*/999/' "$c.checkpoints"
verify "$c"
expect_status 1
expect_err "MỐC KIỂM TRA BỊ GIẢ — dòng 1 của tệp mốc kiểm tra có chữ ký sai"

# 7. A person's name edited directly.
c=$(copy person-edit)
sqlite3 "$c" "UPDATE person SET full_name = full_name || ' Sửa' WHERE id = 42"
verify "$c"
expect_status 1
expect_err "HỒ SƠ NGƯỜI BỊ SỬA NGOÀI PCMT — 1 hồ sơ không khớp mã xác thực: #42"

# 8. A person row deleted (the shell does not enforce foreign keys).
c=$(copy person-delete)
sqlite3 "$c" "DELETE FROM person WHERE id = 17"
verify "$c"
expect_status 1
expect_err "còn 119 hồ sơ, sổ kiểm đếm ghi 120: 1 hồ sơ đã bị xóa"

# 9. A person row inserted, a copy of another with a new id and its digest.
c=$(copy person-insert)
sqlite3 "$c" "INSERT INTO person (id, full_name, other_names, name_key, sort_key, birth_date, sex,
  ethnicity, national_id, unit_id, address, occupation, occupation_group, merged_into, created_at,
  created_by, digest) SELECT 9999, full_name, other_names, name_key, sort_key, birth_date, sex,
  ethnicity, NULL, unit_id, address, occupation, occupation_group, NULL, created_at, created_by,
  digest FROM person WHERE id = 5"
verify "$c"
expect_status 1
expect_err "#9999"
expect_err "có 121 hồ sơ, sổ kiểm đếm ghi 120: 1 hồ sơ được chèn trực tiếp"

# 11–17: the reads' chain (FILE.reads), tampered with the same ways.
# 11. A field of a read's row changed: who read whom.
c=$(copy reads-changed)
sqlite3 "$c.reads" "UPDATE audit_log SET actor = 'nguoi.khac' WHERE id = 2"
verify "$c"
expect_status 1
expect_err "NHẬT KÝ ĐỌC HỒ SƠ BỊ SỬA — nhật ký đọc hồ sơ: dòng 2 đã bị sửa"
expect_out "nhật ký nguyên vẹn: $rows dòng" # the database's own chain is not blamed
# 12. A read's row deleted.
c=$(copy reads-deleted)
sqlite3 "$c.reads" "DELETE FROM audit_log WHERE id = 2"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: dòng 3 đứng ở vị trí 2: thiếu dòng 2"
# 13. A forged read appended.
c=$(copy reads-forged)
python3 "$T/chain.py" forge "$c.reads" || fail "python3 forge failed"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: dòng 5 đã bị sửa hoặc bị chèn giả"
# 14. The newest reads deleted: caught by the signed checkpoint of both heads.
c=$(copy reads-truncated)
sqlite3 "$c.reads" "DELETE FROM audit_log WHERE id > 2"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: nhật ký chỉ còn 2 dòng"
expect_err "cắt đuôi"
# 15. The reads' chain recomputed (unkeyed) after an edit.
c=$(copy reads-recomputed)
python3 "$T/chain.py" recompute "$c.reads" || fail "python3 recompute failed"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: dòng 1 trở đi có mã băm không khớp khóa"
expect_err "nhật ký đã bị tính lại từ dòng 1"
# 16. The reads' file deleted (verify finds an empty one in its place).
c=$(copy reads-gone)
rm -f "$c.reads"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: nhật ký chỉ còn 0 dòng"
# 17. The reads' file replaced by an empty database of the same form.
c=$(copy reads-emptied)
sqlite3 "$c.reads" "DELETE FROM audit_log"
verify "$c"
expect_status 1
expect_err "nhật ký đọc hồ sơ: nhật ký chỉ còn 0 dòng"

# 10. A copy without its key: a write is refused with the reason, verify cannot run.
cp "$db" "$T/nokey.db"
run "$PCMT_BIN" --db "$T/nokey.db" person show 3 --purpose "rà soát hồ sơ"
CHECKS=$((CHECKS + 1))
[ "$STATUS" != 0 ] || fail "a write without the key file succeeded"
expect_err "thiếu tệp khóa"
# ... and init does not make a new key for a chain keyed with the lost one.
run "$PCMT_BIN" --db "$T/nokey.db" init
CHECKS=$((CHECKS + 1))
[ "$STATUS" != 0 ] || fail "init made a new key for an already keyed database"
expect_err "chép lại tệp khóa từ bản sao lưu"
CHECKS=$((CHECKS + 1))
[ ! -e "$T/nokey.db.key" ] || fail "init left a key file for an already keyed database"

# The server signs the head on its timer and at shutdown: a sign-in (audited by the server,
# not by a CLI command) is covered by a checkpoint while it runs and by one when it stops.
last_cp() { tail -1 "$db.checkpoints" | cut -d' ' -f1; }
max_id() { sqlite3 "$db" "SELECT max(id) FROM audit_log"; }
pw='ngõ nhỏ phố nhỏ 1987'
printf '%s\n' "$pw" >"$T/pw"
run sh -c "'$PCMT_BIN' --db '$db' user add cb.web --role officer --unit 03006 <'$T/pw'"
expect_status 0
# serve EVERY: start the server with checkpoints every EVERY seconds; sets $pid and $port.
serve() {
  log="$T/serve-$1.log"
  "$PCMT_BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 1 --checkpoint-every "$1" 2>"$log" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
  i=0
  while ! grep -q 'listening on' "$log" && kill -0 "$pid" 2>/dev/null && [ $i -lt 200 ]; do
    i=$((i + 1)); sleep 0.05
  done
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
  [ -n "$port" ] || { fail "no listening notice: $(cat "$log")"; finish; }
}
signin() {
  before=$(max_id)
  curl -s -o /dev/null --data-urlencode "login=cb.web" --data-urlencode "password=$pw" \
    "http://127.0.0.1:$port/dang-nhap"
  CHECKS=$((CHECKS + 1))
  [ "$(max_id)" -gt "$before" ] || fail "the sign-in wrote no audit row"
}
# Every second: the head the sign-in moved is signed while the server runs.
serve 1
signin
i=0
while [ "$(last_cp)" != "$(max_id)" ] && [ $i -lt 100 ]; do
  i=$((i + 1)); sleep 0.05
done
CHECKS=$((CHECKS + 1))
[ "$(last_cp)" = "$(max_id)" ] || fail "no checkpoint from the server's timer: $(last_cp) vs $(max_id)"
kill -TERM "$pid"
wait "$pid"
# Every hour: only the shutdown can have signed the head of a sign-in just before it.
serve 3600
signin
CHECKS=$((CHECKS + 1))
[ "$(last_cp)" != "$(max_id)" ] || fail "signed before the shutdown"
kill -TERM "$pid"
wait "$pid"
CHECKS=$((CHECKS + 1))
[ "$(last_cp)" = "$(max_id)" ] || fail "no checkpoint at shutdown: $(last_cp) vs $(max_id)"

# The original is untouched by all this.
verify "$db"
expect_status 0

finish
