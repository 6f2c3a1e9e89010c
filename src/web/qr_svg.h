/* qr_svg.h: a QR code drawn as inline SVG (libqrencode), for the
 * second-factor enrolment page. Inline markup needs no image request and
 * no inline script or style, so the Content-Security-Policy stays as it
 * is; every byte goes through html.c. */
#ifndef PCMT_WEB_QR_SVG_H
#define PCMT_WEB_QR_SVG_H

#include "base/buf.h"
#include "base/err.h"

/* Append to b an <svg> of the QR code of `text` (error correction M),
 * titled `label` for screen readers. ERR_INTERNAL when the text does not
 * fit a QR code, ERR_NOMEM when memory runs out. */
int qr_svg(struct buf *b, const char *text, const char *label, struct err *err);

#endif
