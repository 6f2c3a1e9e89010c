#!/bin/sh
# fuzz.sh [SECONDS]: build the libFuzzer targets with clang (ASan+UBSan) and run
# each for SECONDS (default 600) on seed corpora: the sample plans for the text
# reader, .docx files zipped here from WordprocessingML text for the .docx reader,
# and requests written here (path NUL header NUL body) for the web request parsers.
# Crashes are written to build-fuzz/crash-*; the exit status is non-zero if any.
set -eu
secs=${1:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
b="$root/build-fuzz"
cmake -S "$root" -B "$b" -DPCMT_FUZZ=ON -DPCMT_SANITIZE=OFF -DCMAKE_C_COMPILER=clang \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
make -C "$b" -j2 fuzz_plan_read fuzz_docx fuzz_web_request >/dev/null
seed="$b/seed-docx"
rm -rf "$seed" "$b/corpus-text" "$b/corpus-docx" "$b/corpus-web"
mkdir -p "$seed/word" "$b/corpus-text" "$b/corpus-docx" "$b/corpus-web"
cp "$root"/tests/fixtures/plans/*.txt "$b/corpus-text/"
w='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
cat > "$seed/word/document.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?><w:document $w><w:body>
<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>NHIỆM VỤ</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Sở Y tế</w:t></w:r><w:r><w:t> chủ trì: (1) Tổ chức tập huấn</w:t><w:br/><w:t>trước ngày 30/8/2025.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>huyện Bảo Thắng</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>22</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>
XML
cat > "$seed/word/numbering.xml" <<XML
<w:numbering $w><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
XML
(cd "$seed" && python3 -c "
import zipfile,sys
with zipfile.ZipFile('$b/corpus-docx/seed.docx','w',zipfile.ZIP_DEFLATED) as z:
    z.write('word/document.xml'); z.write('word/numbering.xml')
with zipfile.ZipFile('$b/corpus-docx/seed-stored.docx','w',zipfile.ZIP_STORED) as z:
    z.write('word/document.xml')
")
# requests: a path (with its query), a header value (cookies, Accept-Encoding,
# an ETag list or a cursor), a form body, NUL-separated
i=0
for r in '/nguoi/12?q=nguyen%20van&trang=2' '/api/v1/persons?q=%C4%90%E1%BB%A9c&limit=50&cursor=abc' \
  '/static/app.0123abcd.css' '/quan-tri/nguoi-dung/cb.xa/khoa' '/api/v1/units/2025/00004/successors'; do
  i=$((i + 1))
  printf '%s\0%s\0%s' "$r" "__Host-pcmt=00ff; pcmt=x" "login=cb.xa&password=m%E1%BA%ADt+kh%E1%BA%A9u&csrf=ab12" \
    >"$b/corpus-web/seed-$i"
done
printf '%s\0%s\0%s' '/' 'gzip;q=0, br, *;q=0.5' 'a=%zz&&=&b' >"$b/corpus-web/seed-enc"
printf '%s\0%s\0%s' '/dang-nhap' 'W/"0123456789abcdef", "x"' '' >"$b/corpus-web/seed-etag"
status=0
for t in fuzz_plan_read:corpus-text fuzz_docx:corpus-docx fuzz_web_request:corpus-web; do
  name=${t%%:*}
  corpus=$b/${t#*:}
  echo "== $name for ${secs}s"
  (cd "$b" && "./$name" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 "$corpus" 2>&1 | tail -12) || status=1
done
ls "$b"/crash-* "$b"/timeout-* "$b"/oom-* 2>/dev/null && status=1
exit $status
