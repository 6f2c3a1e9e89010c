/* api_cursor.h: the JSON API's pagination cursor, the one helper every list uses.
 *
 * A list answers {"items": [...], "next": "CURSOR" | null}; the client
 * passes `?cursor=CURSOR` to get the next page. The cursor is opaque: the
 * position (how many items came before) and a keyed BLAKE2b MAC over the
 * position and a context (the path and the filters the list was asked
 * with), base64url without padding. A cursor changed by a byte, or sent
 * with other filters than it was made for, is refused (ERR_INPUT, 400), so
 * a client cannot walk a list by forging positions. The key is drawn at
 * random once per server process: a cursor lives as long as the server
 * that made it (a restart asks the client to start the list again). */
#ifndef PCMT_WEB_API_CURSOR_H
#define PCMT_WEB_API_CURSOR_H

#include <stddef.h>

#include "base/err.h"

#define API_CURSOR_MAX 64 /* bytes of an encoded cursor and its NUL */

/* The cursor for position `pos` (>= 0) of the list asked with `context`
 * into out[0..API_CURSOR_MAX). ERR_INTERNAL when libsodium cannot start. */
int api_cursor_encode(char out[API_CURSOR_MAX], const char *context, long pos, struct err *err);

/* *pos from `cursor` (NULL or "": 0, the first page) made for `context`.
 * ERR_INPUT "Con trỏ phân trang không hợp lệ ..." for anything else. */
int api_cursor_decode(long *pos, const char *cursor, const char *context, struct err *err);

#endif
