/* cmd_import.c: `pcmt import`, `pcmt export` and `pcmt registers` — the registers as CSV files or
 * .xlsx workbooks.
 *
 * Thin: options in, one operation of app/app_register.h, its result out.
 * The CLI acts as the database user --as names (default $PCMT_USER, else
 * the local administrator), narrowed by --unit to a unit's subtree;
 * --purpose goes into the audit trail. Import prints each rejected row and
 * writes them, with their line and reason, to a rejects file (default
 * FILE.rejects.csv) that can be corrected and imported again. Exit status:
 * 0 all rows saved, 1 some rows rejected (the good ones are saved), else
 * the error's (2 bad file or arguments, 5 not allowed ...: docs/cli.md). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/app_register.h"
#include "base/date.h"
#include "cli/cli_registers.h"
#include "cli/cli_table.h"
#include "output/csv_write.h"
#include "output/reg_rejects.h"
#include "output/xlsx_write.h"
#include "store/store.h"
#include "types/label.h"
#include "types/unit.h"

static void list_registers(FILE *f)
{
  fprintf(f, "Registers:\n");
  const struct reg_spec *spec;
  for (size_t i = 0; (spec = app_register_at(i)); i++)
    fprintf(f, "  %-18s %s\n", spec->name, spec->label);
}

static const char import_help[] =
    "usage: pcmt import REGISTER FILE [--dry-run] [--rejects FILE] [--unit CODE [--tree T]]\n"
    "                   [--as LOGIN] [--purpose TEXT] [--today DATE]\n"
    "       pcmt export REGISTER -o FILE [--unit CODE [--tree T]] [--as LOGIN] [--purpose TEXT]\n"
    "       pcmt registers [REGISTER]\n\n"
    "CSV in UTF-8 (with or without BOM), comma or semicolon, dates dd/mm/yyyy or yyyy-mm-dd;\n"
    "or an .xlsx workbook (FILE ending in .xlsx: its first sheet; export writes one).\n"
    "Columns by their Vietnamese headers: pcmt registers REGISTER. Bad rows go to the rejects\n"
    "file (default FILE.rejects.csv) with their line and reason; good rows are saved together.\n"
    "Personal exports are audited first: one that cannot be audited writes nothing.\n"
    "Exit: 0 all rows saved, 1 some rows rejected (the good ones saved), 2 unusable file\n"
    "or arguments, 5 not allowed, 6 a file not readable or writable, 7 database busy or\n"
    "failing (every code: docs/cli.md). Docs: docs/registers.md\n\n";

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
  if (!rc && o->unit) {
    rc = app_caller_narrow(sc, *st, &whole, o->tree, o->unit, err);
    if (!rc) { /* the unit the code was taken for, on stderr beside the data */
      char label[256];
      fprintf(stderr, "Đơn vị: %s\n", unit_label(label, sizeof label, &sc->unit));
    }
  } else if (!rc)
    *sc = whole;
  if (rc) {
    store_close(*st);
    *st = NULL;
  }
  return rc;
}

static const struct reg_spec *find_spec(const char *name)
{
  const struct reg_spec *spec = app_register_find(name);
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
  const struct io_opts *o = &x.o;
  struct app_register_import_in in = {x.spec->name, o->pos[1], o->dry_run, x.today};
  struct reg_import_result res;
  int rc = app_register_import(&res, x.st, &x.sc, &in, &x.err);
  store_close(x.st);
  if (rc) {
    reg_import_result_free(&res);
    return cli_fail(&x.err);
  }
  for (size_t i = 0; i < res.n_notes; i++)
    fprintf(stderr, "dòng %ld (ghi chú): %s\n", res.notes[i].line, res.notes[i].text);
  if (res.notes_over)
    fprintf(stderr, "(ghi chú) còn %zu dòng khác đã được bỏ ký tự ẩn\n", res.notes_over);
  for (size_t i = 0; i < res.n_rejects; i++)
    fprintf(stderr, "dòng %ld: %s\n", res.rejects[i].line, res.rejects[i].reason);
  char rej_default[4096];
  const char *rej = o->rejects;
  if (!rej) {
    snprintf(rej_default, sizeof rej_default, "%s.rejects.csv", o->pos[1]);
    rej = rej_default;
  }
  printf("%s%s: %ld dòng; thêm %ld, sửa %ld, giữ nguyên %ld, từ chối %zu\n",
         o->dry_run ? "(thử, không lưu) " : "", x.spec->name, res.rows, res.inserted, res.updated,
         res.unchanged, res.n_rejects);
  status = res.n_rejects ? 1 : 0;
  /* the good rows are saved whatever happens to the rejects file; its
   * rows are on stderr above */
  if (res.n_rejects && reg_rejects_write(rej, &res, &x.err))
    status = cli_fail(&x.err);
  else if (res.n_rejects)
    printf("các dòng bị từ chối và lý do: %s\n", rej);
  reg_import_result_free(&res);
  return status;
}

/* The export's CSV output. A file is opened first (its temporary file
 * beside the final name: a path that cannot be written fails before
 * anything is read or audited) and renamed into place only when the export
 * succeeded; standard output is opened only when the operation hands over
 * the header, so an export that is refused or cannot be audited writes not
 * one byte there. */
struct csv_sink {
  const char *path;
  struct csv_writer w;
  int open;
};

static int sink_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  struct csv_sink *s = ctx;
  if (!s->open) {
    int rc = csv_writer_open(&s->w, s->path, n, err);
    if (rc)
      return rc;
    s->open = 1;
  }
  return csv_writer_row(&s->w, cells, err);
}

static int sink_row(void *ctx, const char *const *cells, struct err *err)
{
  struct csv_sink *s = ctx;
  return csv_writer_row(&s->w, cells, err);
}

/* The export to CSV: the file is opened first (see struct csv_sink). */
static int export_csv(long *n, struct io_ctx *x)
{
  struct csv_sink cs = {x->o.out, {0}, 0};
  struct app_register_sink sink = {sink_header, sink_row, &cs};
  int rc = ERR_OK;
  if (strcmp(x->o.out, "-") != 0 &&
      !(rc = csv_writer_open(&cs.w, x->o.out, x->spec->n_cols, &x->err)))
    cs.open = 1;
  if (!rc)
    rc = app_register_export(n, x->st, &x->sc, x->spec->name, x->today, &sink, &x->err);
  if (cs.open) {
    int crc = csv_writer_close(&cs.w, rc == ERR_OK, &x->err);
    if (!rc)
      rc = crc;
  }
  return rc;
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

/* The workbook's header row is written when it is opened, from the
 * register's columns: the very cells the operation hands over here. */
static int xlsx_sink_header(void *ctx, const char *const *cells, size_t n, struct err *err)
{
  (void)ctx;
  (void)cells;
  (void)n;
  (void)err;
  return ERR_OK;
}

static int xlsx_sink_row(void *ctx, const char *const *cells, struct err *err)
{
  return xlsx_writer_row(ctx, cells, err);
}

/* `pcmt export REGISTER -o FILE.xlsx`: the rows the CSV export writes, into
 * one sheet named after the register. Like a CSV file, the workbook is
 * opened first beside its final name (a path that cannot be written fails
 * before anything is read or audited) and renamed into place only when the
 * export succeeded. */
static int export_xlsx(long *n, struct io_ctx *x)
{
  const struct reg_spec *spec = x->spec;
  const char *headers[REG_MAX_COLUMNS];
  enum xlsx_kind kinds[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++) {
    headers[i] = spec->cols[i].header;
    kinds[i] = xlsx_kind_of(&spec->cols[i]);
  }
  struct xlsx_writer *w;
  int rc = xlsx_writer_open(&w, x->o.out, spec->name, headers, kinds, spec->n_cols, &x->err);
  if (rc)
    return rc;
  struct app_register_sink sink = {xlsx_sink_header, xlsx_sink_row, w};
  rc = app_register_export(n, x->st, &x->sc, spec->name, x->today, &sink, &x->err);
  int crc = xlsx_writer_close(w, rc == ERR_OK, &x->err);
  return rc ? rc : crc;
}

int cmd_export(int argc, char **argv, const struct cli_global *g)
{
  struct io_ctx x;
  int status = io_begin(&x, argc, argv, g, 1, 1);
  if (status >= 0)
    return status;
  long n = 0;
  int rc = app_register_is_xlsx(x.o.out) ? export_xlsx(&n, &x) : export_csv(&n, &x);
  store_close(x.st);
  if (rc)
    return cli_fail(&x.err);
  if (strcmp(x.o.out, "-") != 0)
    printf("%s: %ld dòng -> %s\n", x.spec->name, n, x.o.out);
  return 0;
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
    cli_cell(stdout, c->header, 26);
    cli_cell(stdout, label_at(LABEL_REG_TYPE, c->type), 22);
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
