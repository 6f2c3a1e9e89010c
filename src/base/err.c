/* err.c: the error value and the one table that maps codes to names,
 * HTTP statuses and exit statuses. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int http;
  int exit;
} err_table[] = {
    [ERR_OK] = {"ok", 200, 0},
    [ERR_INPUT] = {"input", 400, 2},
    [ERR_NOT_FOUND] = {"not_found", 404, 3},
    [ERR_CONFLICT] = {"conflict", 409, 4},
    [ERR_DENIED] = {"denied", 403, 5},
    [ERR_IO] = {"io", 500, 6},
    [ERR_DB] = {"db", 500, 7},
    [ERR_VERSION] = {"version", 409, 8},
    [ERR_NOMEM] = {"nomem", 500, 9},
    [ERR_INTERNAL] = {"internal", 500, 10},
    [ERR_AUTH] = {"unauthenticated", 401, 5}, /* the web's; a command has no sign-in */
    [ERR_BUSY] = {"busy", 503, 11},
};

#define N_CODES (sizeof err_table / sizeof err_table[0])

void err_clear(struct err *err)
{
  if (!err)
    return;
  err->code = ERR_OK;
  err->msg[0] = '\0';
}

/* Cut a string so it does not end inside a UTF-8 sequence. */
static void trim_utf8_tail(char *s)
{
  size_t n = strlen(s);
  size_t i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--;
  if (i == 0)
    return;
  unsigned char lead = (unsigned char)s[i - 1];
  size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (n - (i - 1) < want)
    s[i - 1] = '\0';
}

int err_set(struct err *err, enum err_code code, const char *fmt, ...)
{
  if (!err)
    return code;
  err->code = code;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof err->msg)
    trim_utf8_tail(err->msg);
  return code;
}

int err_copy(struct err *dst, const struct err *src)
{
  if (dst && dst != src)
    *dst = *src;
  return src->code;
}

int err_nomem(struct err *err)
{
  return err_set(err, ERR_NOMEM, "hết bộ nhớ");
}

const char *err_code_name(enum err_code code)
{
  if ((size_t)code >= N_CODES)
    return "internal";
  return err_table[code].name;
}

int err_http_status(enum err_code code)
{
  if ((size_t)code >= N_CODES)
    return 500;
  return err_table[code].http;
}

int err_exit_status(enum err_code code)
{
  if ((size_t)code >= N_CODES)
    return 10;
  return err_table[code].exit;
}
