/* cmd_import.c: `pcmt import`, `pcmt export` and `pcmt registers` — the registers as CSV files.
 *
 * The CLI acts as a named local administrator (--as, default $USER) with
 * national scope, narrowed by --unit to a unit's subtree; --purpose goes
 * into the audit trail. Import writes the rejected rows, with their line
 * number and reason, to a rejects file (default FILE.rejects.csv) that can be
 * corrected and imported again. Exit status: 0 all rows good, 1 some rows
 * rejected (the good ones are saved), 2 the file or arguments are unusable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/date.h"
#include "cli/cli_registers.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "ingest/register_import.h"
#include "ingest/table_read.h"
#include "output/csv_write.h"
#include "output/xlsx_write.h"
#include "store/store.h"

static void list_registers(FILE *f)
{
  fprintf(f, "Registers:\n");
  for (size_t i = 0; i < reg_spec_count(); i++)
    fprintf(f, "  %-18s %s\n", reg_spec_at(i)->name, reg_spec_at(i)->label);
}

static const char import_help[] =
    "usage: pcmt import REGISTER FILE [--dry-run] [--rejects FILE] [--unit CODE [--tree T]]\n"
    "                   [--as NAME] [--purpose TEXT] [--today DATE]\n"
    "       pcmt export REGISTER -o FILE [--unit CODE [--tree T]] [--as NAME] [--purpose TEXT]\n"
    "       pcmt registers [REGISTER]\n\n"
    "CSV in UTF-8 (with or without BOM), comma or semicolon, dates dd/mm/yyyy or yyyy-mm-dd;\n"
    "or an .xlsx workbook (FILE ending in .xlsx: its first sheet; export writes one).\n"
    "Columns by their Vietnamese headers: pcmt registers REGISTER. Bad rows go to the rejects\n"
    "file (default FILE.rejects.csv) with their line and reason; good rows are saved together.\n"
    "Exit: 0 all rows saved, 1 some rows rejected, 2 unusable file. Docs: docs/registers.md\n\n";

struct io_opts {
  const char *pos[2];
  int npos;
  const char *out, *rejects, *unit, *tree, *as, *purpose, *today;
  int dry_run;
};

static int parse(struct io_opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char **target = NULL;
    if (strcmp(a, "--dry-run") == 0) {
      o->dry_run = 1;
      continue;
    }
    if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
      target = &o->out;
    else if (strcmp(a, "--rejects") == 0)
      target = &o->rejects;
    else if (strcmp(a, "--unit") == 0)
      target = &o->unit;
    else if (strcmp(a, "--tree") == 0)
      target = &o->tree;
    else if (strcmp(a, "--as") == 0)
      target = &o->as;
    else if (strcmp(a, "--purpose") == 0)
      target = &o->purpose;
    else if (strcmp(a, "--today") == 0)
      target = &o->today;
    if (target) {
      if (i + 1 >= argc) {
        fprintf(stderr, "pcmt %s: %s needs a value\n", argv[0], a);
        return 2;
      }
      *target = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "pcmt %s: unknown option '%s'\n", argv[0], a);
      return 2;
    } else if (o->npos < 2) {
      o->pos[o->npos++] = a;
    } else {
      fprintf(stderr, "pcmt %s: too many arguments\n", argv[0]);
      return 2;
    }
  }
  return 0;
}

/* Open the store and make the caller's scope (narrowed by --unit). */
static int open_scope(struct store **st, struct scope *sc, const struct cli_global *g,
                      const struct io_opts *o, struct err *err)
{
  int rc = cli_open_store(st, g, err);
  if (rc)
    return rc;
  struct scope whole;
  rc = cli_caller(&whole, *st, o->as, o->purpose, err);
  if (!rc && o->unit)
    rc = app_caller_narrow(sc, *st, &whole, o->tree, o->unit, err);
  else if (!rc)
    *sc = whole;
  if (rc) {
    store_close(*st);
    *st = NULL;
  }
  return rc;
}

static const struct reg_spec *find_spec(const char *name)
{
  const struct reg_spec *spec = name ? reg_spec_find(name) : NULL;
  if (!spec) {
    fprintf(stderr, "pcmt: unknown register '%s'\n", name ? name : "");
    list_registers(stderr);
  }
  return spec;
}

static int today_iso(char *out, const char *given, struct err *err)
{
  struct date d = date_today();
  if (given && date_parse(&d, given, 0, err))
    return ERR_INPUT;
  date_to_iso(out, d);
  return ERR_OK;
}

/* 1 when a column of the file is one a rejects file adds ("Dòng", "Lỗi"):
 * a rejects file imported again writes them once, not twice. */
static int is_reject_column(const char *header)
{
  return strcmp(header, "Dòng") == 0 || strcmp(header, "Lỗi") == 0;
}

static int write_rejects(const char *path, const struct reg_import_result *res, struct err *err)
{
  /* the file's own columns first (so it imports again), then line and reason */
  size_t *cols = calloc(res->n_header + 1, sizeof *cols), k = 0;
  if (!cols)
    return err_nomem(err);
  for (size_t i = 0; i < res->n_header; i++)
    if (!is_reject_column(res->header[i]))
      cols[k++] = i;
  size_t n = k + 2;
  const char **cells = calloc(n, sizeof *cells);
  if (!cells) {
    free(cols);
    return err_nomem(err);
  }
  struct csv_writer w;
  int rc = csv_writer_open(&w, path, n, err);
  if (rc) {
    free(cells);
    free(cols);
    return rc;
  }
  for (size_t i = 0; i < k; i++)
    cells[i] = res->header[cols[i]];
  cells[n - 2] = "Dòng";
  cells[n - 1] = "Lỗi";
  rc = csv_writer_row(&w, cells, err);
  char line[24];
  for (size_t r = 0; !rc && r < res->n_rejects; r++) {
    const struct reg_reject *j = &res->rejects[r];
    for (size_t i = 0; i < k; i++)
      cells[i] = cols[i] < j->n ? j->fields[cols[i]] : "";
    snprintf(line, sizeof line, "%ld", j->line);
    cells[n - 2] = line;
    cells[n - 1] = j->reason;
    rc = csv_writer_row(&w, cells, err);
  }
  free(cells);
  free(cols);
  int crc = csv_writer_close(&w, rc == ERR_OK, err);
  return rc ? rc : crc;
}

/* What import and export share: help, options, the register, today, the
 * store and the caller's scope. Returns -1 to go on (st, sc, spec, today
 * set), else the exit status. `npos`: positional arguments wanted;
 * `need_out`: -o is required. */
struct io_ctx {
  struct io_opts o;
  const struct reg_spec *spec;
  char today[DATE_ISO_LEN];
  struct store *st;
  struct scope sc;
  struct err err;
};

static int io_begin(struct io_ctx *x, int argc, char **argv, const struct cli_global *g, int npos,
                    int need_out)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(import_help, argc < 2 ? stderr : stdout);
    list_registers(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (parse(&x->o, argc, argv))
    return 2;
  if (x->o.npos != npos || (need_out && !x->o.out)) {
    fputs(import_help, stderr);
    return 2;
  }
  x->spec = find_spec(x->o.pos[0]);
  if (!x->spec)
    return 2;
  err_clear(&x->err);
  if (today_iso(x->today, x->o.today, &x->err) || open_scope(&x->st, &x->sc, g, &x->o, &x->err))
    return cli_fail(&x->err);
  return -1;
}

int cmd_import(int argc, char **argv, const struct cli_global *g)
{
  struct io_ctx x;
  int status = io_begin(&x, argc, argv, g, 2, 0);
  if (status >= 0)
    return status;
  const struct io_opts o = x.o;
  const struct reg_spec *spec = x.spec;
  struct store *st = x.st;
  struct err err = x.err;
  int rc;
  struct reg_import_result res;
  rc = reg_import_file(&res, st, &x.sc, spec, o.pos[1], o.dry_run, x.today, &err);
  store_close(st);
  if (rc) {
    reg_import_result_free(&res);
    return cli_fail(&err);
  }
  for (size_t i = 0; i < res.n_rejects; i++)
    fprintf(stderr, "dòng %ld: %s\n", res.rejects[i].line, res.rejects[i].reason);
  char rej_default[4096];
  const char *rej = o.rejects;
  if (!rej) {
    snprintf(rej_default, sizeof rej_default, "%s.rejects.csv", o.pos[1]);
    rej = rej_default;
  }
  if (res.n_rejects && (rc = write_rejects(rej, &res, &err))) {
    reg_import_result_free(&res);
    return cli_fail(&err);
  }
  printf("%s%s: %ld dòng; thêm %ld, sửa %ld, giữ nguyên %ld, từ chối %zu\n",
         o.dry_run ? "(thử, không lưu) " : "", spec->name, res.rows, res.inserted, res.updated,
         res.unchanged, res.n_rejects);
  if (res.n_rejects)
    printf("các dòng bị từ chối và lý do: %s\n", rej);
  status = res.n_rejects ? 1 : 0;
  reg_import_result_free(&res);
  return status;
}

static int write_cell_row(void *ctx, const char *const *cells)
{
  struct csv_writer *w = ctx;
  struct err e;
  return csv_writer_row(w, cells, &e);
}

/* The kind of an .xlsx column: dates are date cells, counts and quantities
 * numbers; everything else, codes, national IDs and record numbers ("Mã hồ
 * sơ", a whole number that counts nothing) among them, text. */
static enum xlsx_kind xlsx_kind_of(const struct reg_column *c)
{
  if (c->type == REG_DATE)
    return XLSX_DATE;
  if (c->type == REG_REAL || (c->type == REG_INT && strcmp(c->db, "person_id") != 0))
    return XLSX_NUMBER;
  return XLSX_TEXT;
}

struct xlsx_ctx {
  struct xlsx_writer *w;
  struct err err; /* why a row failed */
};

static int write_xlsx_row(void *ctx, const char *const *cells)
{
  struct xlsx_ctx *x = ctx;
  return xlsx_writer_row(x->w, cells, &x->err);
}

/* `pcmt export REGISTER -o FILE.xlsx`: the same rows as the CSV export,
 * into one sheet named after the register. */
static int export_xlsx(long *n, struct io_ctx *x, struct err *err)
{
  const struct reg_spec *spec = x->spec;
  const char *headers[REG_MAX_COLUMNS];
  enum xlsx_kind kinds[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++) {
    headers[i] = spec->cols[i].header;
    kinds[i] = xlsx_kind_of(&spec->cols[i]);
  }
  struct xlsx_ctx xc = {NULL, {ERR_OK, ""}};
  int rc = xlsx_writer_open(&xc.w, x->o.out, spec->name, headers, kinds, spec->n_cols, err);
  if (rc)
    return rc;
  rc = reg_export(x->st, &x->sc, spec, write_xlsx_row, &xc, n, x->today, err);
  if (rc && xc.err.code)
    err_copy(err, &xc.err);
  int crc = xlsx_writer_close(xc.w, rc == ERR_OK, err);
  return rc ? rc : crc;
}

int cmd_export(int argc, char **argv, const struct cli_global *g)
{
  struct io_ctx x;
  int status = io_begin(&x, argc, argv, g, 1, 1);
  if (status >= 0)
    return status;
  const struct io_opts o = x.o;
  const struct reg_spec *spec = x.spec;
  struct store *st = x.st;
  struct err err = x.err;
  if (table_is_xlsx(o.out)) {
    long n = 0;
    int rc = export_xlsx(&n, &x, &err);
    store_close(st);
    if (rc)
      return cli_fail(&err);
    printf("%s: %ld dòng -> %s\n", spec->name, n, o.out);
    return 0;
  }
  struct csv_writer w;
  int rc = csv_writer_open(&w, o.out, spec->n_cols, &err);
  const char *headers[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++)
    headers[i] = spec->cols[i].header;
  if (!rc)
    rc = csv_writer_row(&w, headers, &err);
  long n = 0;
  if (!rc) {
    rc = reg_export(st, &x.sc, spec, write_cell_row, &w, &n, x.today, &err);
    if (rc == ERR_IO && !err.msg[0])
      err_set(&err, ERR_IO, "ghi tệp \"%s\" thất bại", o.out);
    int crc = csv_writer_close(&w, rc == ERR_OK, &err);
    if (!rc)
      rc = crc;
  }
  store_close(st);
  if (rc)
    return cli_fail(&err);
  if (strcmp(o.out, "-") != 0)
    printf("%s: %ld dòng -> %s\n", spec->name, n, o.out);
  return 0;
}

/* Print s left-aligned in `width` characters (not bytes: Vietnamese letters
 * take two or three bytes). */
static void pad(const char *s, int width)
{
  int chars = 0;
  for (const char *p = s; *p; p++)
    chars += ((unsigned char)*p & 0xC0) != 0x80;
  printf("%s%*s", s, width > chars ? width - chars : 0, "");
}

static const char *type_name(const struct reg_column *c)
{
  switch (c->type) {
  case REG_DATE:
    return "ngày";
  case REG_INT:
    return "số nguyên";
  case REG_REAL:
    return "số";
  case REG_BOOL:
    return "có/không";
  case REG_ENUM:
    return "danh mục";
  case REG_UNIT:
    return "mã đơn vị hành chính";
  case REG_TREE:
    return "pre2025|post2025";
  case REG_AGENCY:
  case REG_KIND_OF:
    return "cơ quan";
  case REG_ARTICLES:
    return "điều BLHS";
  case REG_PARENT:
    return "số hồ sơ cha";
  case REG_PERSON:
    return "số định danh";
  default:
    return "văn bản";
  }
}

int cmd_registers(int argc, char **argv, const struct cli_global *g)
{
  (void)g;
  if (argc < 2) {
    list_registers(stdout);
    return 0;
  }
  const struct reg_spec *spec = find_spec(argv[1]);
  if (!spec)
    return 2;
  printf("%s — %s\n", spec->name, spec->label);
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    printf("  ");
    pad(c->header, 26);
    pad(type_name(c), 22);
    printf("%s%s\n", c->flags & REG_REQUIRED ? "bắt buộc" : "",
           c->flags & REG_KEY ? (c->flags & REG_REQUIRED ? ", khóa" : "khóa") : "");
    size_t nv;
    const struct label *vals = label_items(c->values, &nv);
    for (size_t v = 0; v < nv; v++)
      if (vals[v].code[0])
        printf("      %-22s %s\n", vals[v].code, vals[v].vi);
  }
  return 0;
}
