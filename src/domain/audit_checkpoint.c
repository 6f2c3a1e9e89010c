/* audit_checkpoint.c: signing, reading and writing checkpoints (see audit_checkpoint.h). */
#include "domain/audit_checkpoint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/mac.h"
#include "domain/audit.h"
#include "store/store_audit.h"
#include "store/store.h"
#include "store/store_checkpoint.h"
#include "store/store_key.h"

#define SIG_HEX (crypto_sign_BYTES * 2 + 1)
#define MSG_MAX 256 /* the longest signed message, with room */

/* The signed message of checkpoint c into out: the first form while the
 * reads' chain is empty, so that such a line reads as before. */
static void message(char *out, size_t n, const struct audit_checkpoint *c)
{
  if (c->rid > 0)
    snprintf(out, n, "pcmt-checkpoint-2 %ld %s %ld %s %s", c->id, c->hash, c->rid, c->rhash, c->at);
  else
    snprintf(out, n, "pcmt-checkpoint %ld %s %s", c->id, c->hash, c->at);
}

int audit_checkpoint_format(char *out, const struct audit_checkpoint *c, const unsigned char *sk,
                            struct err *err)
{
  int rc = mac_sodium_ready(err);
  if (rc)
    return rc;
  char msg[MSG_MAX];
  message(msg, sizeof msg, c);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), sk);
  char hex[SIG_HEX];
  sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
  if (c->rid > 0)
    snprintf(out, AUDIT_CHECKPOINT_LINE, "%ld %s %ld %s %s %s\n", c->id, c->hash, c->rid, c->rhash,
             c->at, hex);
  else
    snprintf(out, AUDIT_CHECKPOINT_LINE, "%ld %s %s %s\n", c->id, c->hash, c->at, hex);
  return ERR_OK;
}

/* The n characters at p are all lower-case hex digits. */
static int is_hex(const char *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!p[i] || !strchr("0123456789abcdef", p[i]))
      return 0;
  return 1;
}

/* A row id at *p: decimal digits without a leading zero, then a space;
 * *p moves past the space. 0 when it is not one. */
static long take_id(const char **p)
{
  char *end;
  long id = strtol(*p, &end, 10);
  if (end == *p || **p < '1' || **p > '9' || id <= 0 || *end != ' ')
    return 0;
  *p = end + 1;
  return id;
}

/* A hash at *p (64 lower-case hex digits, then a space) into out; *p moves
 * past the space. 0 when it is not one. */
static int take_hash(char *out, const char **p)
{
  if (!is_hex(*p, 64) || (*p)[64] != ' ')
    return 0;
  memcpy(out, *p, 64);
  out[64] = '\0';
  *p += 65;
  return 1;
}

int audit_checkpoint_parse(struct audit_checkpoint *out, const char *line, const unsigned char *pk,
                           struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = mac_sodium_ready(err);
  if (rc)
    return rc;
  const char *p = line;
  out->id = take_id(&p);
  int ok = out->id > 0 && take_hash(out->hash, &p);
  /* the second form has the reads' head next; a time never starts with a
     digit followed by digits and a space, so the forms cannot be mistaken */
  const char *q = p;
  if (ok && (out->rid = take_id(&q)) > 0) {
    ok = take_hash(out->rhash, &q);
    p = q;
  }
  const char *sp = ok ? strchr(p, ' ') : NULL;
  ok = ok && sp && (size_t)(sp - p) < sizeof out->at && sp > p;
  if (ok) {
    memcpy(out->at, p, (size_t)(sp - p));
    p = sp + 1;
  }
  unsigned char sig[crypto_sign_BYTES];
  ok = ok && strlen(p) == SIG_HEX - 1 && is_hex(p, SIG_HEX - 1) &&
       sodium_hex2bin(sig, sizeof sig, p, SIG_HEX - 1, NULL, NULL, NULL) == 0;
  if (!ok) {
    memset(out, 0, sizeof *out);
    return err_set(err, ERR_INPUT, "không phải một mốc kiểm tra");
  }
  if (!pk)
    return ERR_OK;
  char msg[MSG_MAX];
  message(msg, sizeof msg, out);
  if (crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), pk) != 0)
    return err_set(err, ERR_INPUT, "chữ ký của mốc kiểm tra sai");
  return ERR_OK;
}

void audit_checkpoints_free(struct audit_checkpoints *c)
{
  if (!c)
    return;
  free(c->items);
  c->items = NULL;
  c->n = 0;
}

int audit_checkpoints_load(struct audit_checkpoints *out, struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (rc)
    return rc;
  char *text;
  int exists;
  if ((rc = store_checkpoint_read(&text, &exists, st, 0, err)))
    return rc;
  size_t cap = 0;
  long line = 0;
  for (char *p = text; *p && !rc;) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    line++;
    struct audit_checkpoint c;
    if (audit_checkpoint_parse(&c, p, k->sign_pk, NULL) != ERR_OK) {
      if (!out->bad_line)
        out->bad_line = line;
    } else {
      if (out->n == cap) {
        size_t nc = cap ? cap * 2 : 64;
        struct audit_checkpoint *a = realloc(out->items, nc * sizeof *a);
        if (!a) {
          rc = err_nomem(err);
          break;
        }
        out->items = a;
        cap = nc;
      }
      out->items[out->n++] = c;
    }
    if (!nl)
      break;
    p = nl + 1;
  }
  free(text);
  if (rc)
    audit_checkpoints_free(out);
  return rc;
}

/* The last complete line of text (a tail of the file) into *c, 1 when there is one. */
static int last_line(struct audit_checkpoint *c, char *text, const unsigned char *pk)
{
  size_t n = strlen(text);
  while (n > 0 && text[n - 1] == '\n')
    text[--n] = '\0';
  char *start = strrchr(text, '\n');
  start = start ? start + 1 : text;
  return audit_checkpoint_parse(c, start, pk, NULL) == ERR_OK;
}

int audit_checkpoint_newest(struct audit_checkpoint *out, int *found, int *is_signed,
                            struct store *st, struct err *err)
{
  memset(out, 0, sizeof *out);
  *found = 0;
  *is_signed = 0;
  const struct store_key *k;
  int rc = store_key_get(&k, st, err);
  if (rc)
    return rc;
  char *tail;
  int exists;
  if ((rc = store_checkpoint_read(&tail, &exists, st, 2 * AUDIT_CHECKPOINT_LINE, err)))
    return rc;
  size_t n = strlen(tail);
  while (n > 0 && tail[n - 1] == '\n')
    n--;
  if (n > 0) {
    *found = 1;
    *is_signed = last_line(out, tail, k->sign_pk);
  }
  free(tail);
  return ERR_OK;
}

int audit_checkpoint_write(int *written, struct store *st, struct err *err)
{
  *written = 0;
  struct audit_checkpoint c;
  memset(&c, 0, sizeof c);
  struct store *reads;
  int rc = store_audit_last(&c.id, c.hash, st, err);
  if (!rc)
    rc = store_reads(&reads, st, err);
  if (!rc)
    rc = store_audit_last(&c.rid, c.rhash, reads, err);
  if (rc || c.id == 0)
    return rc;
  char *tail;
  int exists;
  if ((rc = store_checkpoint_read(&tail, &exists, st, 2 * AUDIT_CHECKPOINT_LINE, err)))
    return rc;
  /* the last line's signature is not checked here (verify does): a forged
     last line only makes this writer add a true one after it */
  struct audit_checkpoint last;
  int same = last_line(&last, tail, NULL) && last.id == c.id && !strcmp(last.hash, c.hash) &&
             last.rid == c.rid && !strcmp(last.rhash, c.rhash);
  free(tail);
  if (same)
    return ERR_OK;
  const struct store_key *k;
  if ((rc = store_key_get(&k, st, err)))
    return rc;
  /* vouch only for chains that hold, and for the heads the walks reached
     (rows may have been appended since the heads above were read) */
  struct audit_verify_result *v = malloc(sizeof *v);
  if (!v)
    return err_nomem(err);
  rc = audit_verify_tail(v, st, err);
  if (!rc && v->first_bad)
    rc = err_set(err, ERR_CONFLICT, "không ký mốc kiểm tra: nhật ký hỏng ở dòng %ld: %s",
                 v->first_bad, v->reason);
  else if (!rc && v->reads.first_bad)
    rc = err_set(err, ERR_CONFLICT, "không ký mốc kiểm tra: nhật ký đọc hỏng ở dòng %ld: %s",
                 v->reads.first_bad, v->reads.reason);
  if (!rc) {
    c.id = v->head_id;
    snprintf(c.hash, sizeof c.hash, "%s", v->head);
    c.rid = v->reads.head_id;
    snprintf(c.rhash, sizeof c.rhash, "%s", v->reads.head);
  }
  free(v);
  if (rc || c.id == 0 ||
      (c.id == last.id && !strcmp(c.hash, last.hash) && c.rid == last.rid &&
       !strcmp(c.rhash, last.rhash)))
    return rc;
  date_now_utc(c.at, sizeof c.at);
  char line[AUDIT_CHECKPOINT_LINE];
  if ((rc = audit_checkpoint_format(line, &c, k->sign_sk, err)))
    return rc;
  rc = store_checkpoint_append(st, line, err);
  if (!rc)
    *written = 1;
  return rc;
}
