#!/bin/sh
# t0120-user.sh: `pcmt user` through the real binary — the list's columns aligned by what a
# person sees (Vietnamese labels are two or three bytes a letter), its JSON, the exit statuses.
set -u
. "$PCMT_SOURCE_DIR/tests/e2e/lib.sh"

db="$T/user.db"
run "$PCMT_BIN" --db "$db" init
expect_status 0
run "$PCMT_BIN" --db "$db" units import
expect_status 0
run "$PCMT_BIN" --db "$db" user add cb.sapa --role officer --unit 03006 --name "Lò Thị Mai"
expect_status 0
run "$PCMT_BIN" --db "$db" user add yte.laocai --role agency --agency health --unit 15
expect_status 0

# Columns: login 20, role 28, territory 28 display columns, then the agency. So on every
# row the territory starts after 48 characters, whatever bytes the role label takes
# ("Quản trị hệ thống" is 17 characters and 23 bytes).
run "$PCMT_BIN" --db "$db" user list
expect_status 0
after48() {
  printf '%s\n' "$OUT" | grep "^$1 " | LC_ALL=C.UTF-8 sed 's/^.\{48\}//'
}
CHECKS=$((CHECKS + 3))
case "$(after48 admin)" in "toàn quốc"*) ;; *) fail "admin row: $(after48 admin)" ;; esac
case "$(after48 cb.sapa)" in "phường Sa Pa"*) ;; *) fail "cb.sapa row: $(after48 cb.sapa)" ;; esac
case "$(after48 yte.laocai)" in "tỉnh Lào Cai                Y tế") ;;
  *) fail "yte.laocai row: $(after48 yte.laocai)" ;; esac
expect_out "Cán bộ cơ quan thường trực"

# JSON: the fields the list always had, and the labels beside the codes.
run "$PCMT_BIN" --db "$db" user list --json
expect_status 0
expect_out '"login": "yte.laocai"'
expect_out '"agency_kind": "health"'
expect_out '"agency_kind_label": "Y tế"'
expect_out '"role_label": "Cán bộ cơ quan thường trực"'
expect_out '"unit_code": null'

# Misuse exits 2; an officer is no administrator (5); a login taken is a conflict (4).
run "$PCMT_BIN" --db "$db" user add x.y
expect_status 2
run "$PCMT_BIN" --db "$db" user disable cb.sapa --json
expect_status 2
run "$PCMT_BIN" --db "$db" user list --as cb.sapa
expect_status 5
run "$PCMT_BIN" --db "$db" user add cb.sapa --role officer --unit 03006
expect_status 4

finish
