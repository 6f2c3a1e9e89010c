/* cmd_audit.c: `pcmt audit` — verify the hash chain of the audit trail and read it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_registers.h"
#include "domain/audit.h"
#include "domain/scope.h"
#include "store/store.h"

static const char audit_help[] =
    "usage: pcmt audit verify [--head ID:HASH] [--json]\n"
    "       pcmt audit log [--record ID] [--limit N] [--json]\n\n"
    "verify  walk the hash chain from the first row; exit 0 when it holds, 1 when a row\n"
    "        was changed or deleted (the first broken row is named), and print the head\n"
    "        as ID:HASH to keep outside the database; --head checks that a head kept\n"
    "        earlier is still in the chain (the newest rows were not deleted)\n"
    "log     the newest N rows (default 100), or those about person record ID, oldest first\n\n"
    "Both take --as NAME and --purpose TEXT like `pcmt person`. Docs: docs/audit.md\n";

struct opts {
  const char *as, *purpose;
  long head_id;                   /* --head ID:HASH */
  char head_hash[AUDIT_HASH_HEX]; /* lower-case hex */
  long record, limit;
  int json;
};

static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--json") == 0) {
      o->json = 1;
    } else if ((strcmp(a, "--as") == 0 || strcmp(a, "--purpose") == 0) && i + 1 < argc) {
      *(a[2] == 'a' ? &o->as : &o->purpose) = argv[++i];
    } else if (strcmp(a, "--head") == 0 && i + 1 < argc) {
      const char *v = argv[++i];
      char *end;
      long id = strtol(v, &end, 10);
      size_t n = *end == ':' ? strlen(end + 1) : 0;
      int hex = n == AUDIT_HASH_HEX - 1;
      for (size_t k = 0; hex && k < n; k++)
        hex = strchr("0123456789abcdef", end[1 + k] | 0x20) != NULL;
      if (end == v || id <= 0 || !hex) {
        fprintf(stderr, "pcmt audit: --head \"%s\" phải có dạng SỐ_DÒNG:MÃ_BĂM (64 chữ số hex)\n",
                v);
        return 2;
      }
      o->head_id = id;
      for (size_t k = 0; k < n; k++)
        o->head_hash[k] = (char)(end[1 + k] | 0x20);
      o->head_hash[n] = '\0';
    } else if ((strcmp(a, "--record") == 0 || strcmp(a, "--limit") == 0) && i + 1 < argc) {
      char *end;
      const char *v = argv[++i];
      long n = strtol(v, &end, 10);
      if (!*v || *end || n <= 0) {
        fprintf(stderr, "pcmt audit: %s \"%s\" phải là số dương\n", a, v);
        return 2;
      }
      *(a[2] == 'r' ? &o->record : &o->limit) = n;
    } else {
      fprintf(stderr, "pcmt audit: unknown or incomplete option '%s'\n", a);
      return 2;
    }
  }
  return 0;
}

static int open_session(struct store **st, struct scope *sc, const struct cli_global *g,
                        const struct opts *o)
{
  struct err err = {0};
  int rc = cli_open_store(st, g, &err);
  if (!rc)
    rc = cli_caller(sc, *st, o->as, o->purpose, &err);
  if (rc) {
    store_close(*st);
    *st = NULL;
    return cli_fail(&err);
  }
  return 0;
}

static int audit_verify_cmd(const struct cli_global *g, const struct opts *o)
{
  struct store *st;
  struct scope sc;
  int rc = open_session(&st, &sc, g, o);
  if (rc)
    return rc;
  struct audit_verify_result r;
  struct err err = {0};
  rc = audit_verify_head(&r, st, &sc, o->head_id, o->head_hash, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    json_t *j = json_pack("{s:b, s:I, s:s, s:I}", "ok", r.first_bad == 0, "rows_checked",
                          (json_int_t)r.rows, "head", r.head, "head_id", (json_int_t)r.head_id);
    if (r.first_bad) {
      json_object_set_new(j, "first_bad", json_integer(r.first_bad));
      json_object_set_new(j, "reason", json_string(r.reason));
    }
    char *s = json_dumps(j, JSON_INDENT(2));
    if (s)
      puts(s);
    free(s);
    json_decref(j);
  } else if (r.first_bad) {
    fprintf(stderr, "pcmt audit verify: NHẬT KÝ BỊ SỬA — %s (%ld dòng trước đó nguyên vẹn)\n",
            r.reason, r.rows);
  } else {
    if (r.rows)
      printf("nhật ký nguyên vẹn: %ld dòng; đầu chuỗi %ld:%s\n", r.rows, r.head_id, r.head);
    else
      printf("nhật ký nguyên vẹn: 0 dòng; đầu chuỗi (trống)\n");
  }
  return r.first_bad ? 1 : 0;
}

static int audit_log_cmd(const struct cli_global *g, const struct opts *o)
{
  struct store *st;
  struct scope sc;
  int rc = open_session(&st, &sc, g, o);
  if (rc)
    return rc;
  struct audit_list l;
  struct err err = {0};
  rc = audit_log(&l, st, &sc, o->record ? "person" : NULL, o->record, (size_t)o->limit, &err);
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
      const struct audit_entry *e = &l.items[i];
      json_array_append_new(
          arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id",
                         (json_int_t)e->id, "at", e->at, "actor", e->actor, "role", e->role,
                         "scope", e->scope, "purpose", e->purpose, "action", e->action,
                         "record_type", e->record_type, "record_id", (json_int_t)e->record_id,
                         "detail", e->detail, "prev_hash", e->prev_hash, "hash", e->hash));
    }
    char *s = json_dumps(arr, JSON_INDENT(2));
    if (s)
      puts(s);
    free(s);
    json_decref(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct audit_entry *e = &l.items[i];
      printf("%-6ld %s  %-14s %-7s %-16s %-20s", e->id, e->at, e->actor, e->role, e->scope,
             e->action);
      if (e->record_id)
        printf(" %s #%ld", e->record_type, e->record_id);
      printf("  %s  [mục đích: %s]\n", e->detail, e->purpose);
    }
  }
  audit_list_free(&l);
  return 0;
}

int cmd_audit(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(audit_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  struct opts o;
  if (parse_opts(&o, argc, argv))
    return 2;
  if (strcmp(argv[1], "verify") == 0)
    return audit_verify_cmd(g, &o);
  if (strcmp(argv[1], "log") == 0)
    return audit_log_cmd(g, &o);
  fprintf(stderr, "pcmt audit: unknown subcommand '%s'\n%s", argv[1], audit_help);
  return 2;
}
