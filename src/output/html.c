/* html.c: escaping text for HTML content, attributes and URLs. */
#include "output/html.h"

#include <string.h>

#include "base/err.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there
 * are not one (overlong forms, surrogates and values past U+10FFFF are
 * invalid too, as RFC 3629 says). */
static size_t utf8_seq(const unsigned char *s)
{
  unsigned c = s[0];
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

/* The escaping shared by text and attributes; `attr` adds \n \t \r. */
static int escape(struct buf *b, const char *s, int attr)
{
  if (!s)
    return buf_failed(b) ? ERR_NOMEM : ERR_OK;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    const char *rep = NULL;
    switch (*p) {
    case '&':
      rep = "&amp;";
      break;
    case '<':
      rep = "&lt;";
      break;
    case '>':
      rep = "&gt;";
      break;
    case '"':
      rep = "&quot;";
      break;
    case '\'':
      rep = "&#39;";
      break;
    case '\n':
      rep = attr ? "&#10;" : NULL;
      break;
    case '\t':
      rep = attr ? "&#9;" : NULL;
      break;
    case '\r':
      rep = attr ? "&#13;" : NULL;
      break;
    default:
      break;
    }
    if (rep) {
      buf_adds(b, rep);
      p++;
      continue;
    }
    if (*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') {
      p++; /* control characters have no place in a page */
      continue;
    }
    size_t n = utf8_seq(p);
    if (n == 0) {
      buf_adds(b, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
      p++;
      continue;
    }
    buf_add(b, p, n);
    p += n;
  }
  return buf_failed(b) ? ERR_NOMEM : ERR_OK;
}

int html_text(struct buf *b, const char *s)
{
  return escape(b, s, 0);
}

int html_attr(struct buf *b, const char *s)
{
  return escape(b, s, 1);
}

int html_url(struct buf *b, const char *s)
{
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
        strchr("-._~", *p)) {
      buf_addc(b, (char)*p);
    } else {
      char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      buf_add(b, e, 3);
    }
  }
  return buf_failed(b) ? ERR_NOMEM : ERR_OK;
}

int html_raw(struct buf *b, const char *markup)
{
  return buf_adds(b, markup);
}
