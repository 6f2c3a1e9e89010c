/* form.h: reading what a request sends — form fields and cookies.
 *
 * Our own small parsers, kept apart from libevent so they can be tested
 * (and fuzzed) alone. Both return NUL-terminated copies in the request's
 * arena; a value holding a NUL byte (%00) or not valid UTF-8 is refused, so
 * no handler meets one. */
#ifndef PCMT_WEB_FORM_H
#define PCMT_WEB_FORM_H

#include <stddef.h>

#include "base/arena.h"

/* The value of field `name` in an application/x-www-form-urlencoded body
 * (body[0..len)): '+' and %XX decoded; the first occurrence wins. *out NULL
 * when absent. Returns 0, or -1 when the field is malformed (bad %XX, a
 * NUL, invalid UTF-8) or memory runs out. */
int form_value(const char **out, struct arena *a, const char *body, size_t len, const char *name);

/* The value of cookie `name` in a Cookie header ("a=1; b=2"), as sent (no
 * decoding). *out NULL when absent. Returns 0, or -1 when out of memory. */
int form_cookie(const char **out, struct arena *a, const char *header, const char *name);

#endif
