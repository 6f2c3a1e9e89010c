/* qr_svg.c: a QR code as inline SVG (see qr_svg.h). Each dark module is a
 * one-unit square of one <path>, with the four-module quiet zone the
 * standard asks for; the SVG scales to its box. */
#include "web/qr_svg.h"

#include <qrencode.h>
#include <stdio.h>

#include "output/html.h"

#define QUIET 4 /* modules of white border */

int qr_svg(struct buf *b, const char *text, const char *label, struct err *err)
{
  QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!q)
    return err_set(err, ERR_INTERNAL, "không vẽ được mã QR");
  int size = q->width + 2 * QUIET;
  char num[96];
  snprintf(num, sizeof num, "0 0 %d %d", size, size);
  html_raw(b, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" "
              "height=\"240\" shape-rendering=\"crispEdges\" role=\"img\" viewBox=\"");
  html_attr(b, num);
  html_raw(b, "\"><title>");
  html_text(b, label);
  html_raw(b,
           "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
  for (int y = 0; y < q->width; y++)
    for (int x = 0; x < q->width; x++)
      if (q->data[y * q->width + x] & 1) {
        snprintf(num, sizeof num, "M%d %dh1v1h-1z", x + QUIET, y + QUIET);
        html_attr(b, num);
      }
  html_raw(b, "\"/></svg>");
  QRcode_free(q);
  return buf_failed(b) ? err_set(err, ERR_NOMEM, "hết bộ nhớ") : ERR_OK;
}
