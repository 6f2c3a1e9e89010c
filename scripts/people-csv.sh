#!/bin/sh
# people-csv.sh SOURCE_DIR ROWS SEED: a people register CSV of ROWS rows on standard output,
# as an officer's file looks (the import's Vietnamese headers, dd/mm/yyyy), from a fixed-seed
# generator: communes of today's unit tree (SOURCE_DIR/data/units), national IDs with the
# Hà Nội prefix (001) for two rows in three, a classification for most. The same ROWS and SEED
# give the same file. Used by the bulk-import tests (t0412, t1011) and the reads-during-a-write
# benchmark.
set -eu
src=$1 rows=$2 seed=$3
awk -F, 'NR > 1 && $4 == 2 { print $1 }' "$src/data/units/units-from-2025-07-01.csv" |
  awk -v n="$rows" -v seed="$seed" 'BEGIN { srand(seed) }
  { c[NR] = $0 }
  END {
    split("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý", fam, " ")
    split("Văn Thị Đức Minh Thu Hồng Quang Ngọc", mid, " ")
    split("An Bình Cường Dũng Giang Hạnh Khoa Long Mai Nam Oanh Phúc Quân Sơn Tú", giv, " ")
    print "Số định danh,Họ tên,Ngày sinh,Giới tính,Mã đơn vị,Địa chỉ,Phân loại,Ngày phân loại"
    for (i = 1; i <= n; i++) {
      nid = (i % 3 == 0) ? "" : sprintf("001%09d", i)
      name = fam[int(rand() * 13) + 1] " " mid[int(rand() * 8) + 1] " " giv[int(rand() * 15) + 1]
      dob = sprintf("%02d/%02d/%d", int(rand() * 28) + 1, int(rand() * 12) + 1, 1960 + int(rand() * 45))
      sex = (rand() < 0.8) ? "Nam" : "Nữ"
      cls = (rand() < 0.7) ? "Người nghiện ma túy,01/03/2025" : ","
      printf "%s,%s,%s,%s,%s,Thôn %d,%s\n", nid, name, dob, sex, c[int(rand() * NR) + 1], i % 20, cls
    }
  }'
