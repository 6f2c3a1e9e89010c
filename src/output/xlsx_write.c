/* xlsx_write.c: the .xlsx writer (see xlsx_write.h for the format), over libxlsxwriter. */
#include "output/xlsx_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/date.h"

struct xlsx_writer {
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *text, *date, *number, *header; /* owned by wb */
  enum xlsx_kind *kinds;                     /* n_cols, owned */
  double *widths;                            /* widest cell of each column, in characters */
  size_t n_cols;
  long rows;      /* data rows written */
  char *path;     /* final name */
  char *tmp_path; /* where it is written until xlsx_writer_close */
  int failed;     /* a cell could not be written */
};

/* Characters (not bytes) of a UTF-8 string. */
static double chars(const char *s)
{
  double n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

static void writer_free(struct xlsx_writer *w)
{
  if (!w)
    return;
  free(w->kinds);
  free(w->widths);
  free(w->path);
  free(w->tmp_path);
  free(w);
}

int xlsx_writer_open(struct xlsx_writer **out, const char *path, const char *sheet,
                     const char *const *headers, const enum xlsx_kind *kinds, size_t n_cols,
                     struct err *err)
{
  *out = NULL;
  struct xlsx_writer *w = calloc(1, sizeof *w);
  size_t n = strlen(path) + 16;
  if (!w || !(w->path = strdup(path)) || !(w->tmp_path = malloc(n)) ||
      !(w->kinds = calloc(n_cols ? n_cols : 1, sizeof *w->kinds)) ||
      !(w->widths = calloc(n_cols ? n_cols : 1, sizeof *w->widths))) {
    writer_free(w);
    return err_nomem(err);
  }
  /* renaming over a device or a pipe ("-o /dev/null" as root) would
   * replace it with the workbook: only a regular file is overwritten */
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    writer_free(w);
    return err_set(err, ERR_INPUT, "\"%s\" không phải tệp thường; ghi .xlsx ra một tệp", path);
  }
  snprintf(w->tmp_path, n, "%s.XXXXXX", path);
  memcpy(w->kinds, kinds, n_cols * sizeof *kinds);
  w->n_cols = n_cols;
  /* the file exists, owner-only, before libxlsxwriter writes into it
   * (fopen keeps the mode of a file it truncates); mkstemp makes it new
   * (O_EXCL), so no file or link already under a guessable name is used */
  int fd = mkstemp(w->tmp_path);
  if (fd < 0) {
    int rc = err_set(err, ERR_IO, "không ghi được tệp \"%s\": %s", path, strerror(errno));
    writer_free(w);
    return rc;
  }
  close(fd);
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
  w->wb = workbook_new_opt(w->tmp_path, &opt);
  if (w->wb)
    w->ws = workbook_add_worksheet(w->wb, sheet);
  if (!w->wb || !w->ws) {
    if (w->wb)
      workbook_close(w->wb);
    unlink(w->tmp_path);
    writer_free(w);
    return err_nomem(err);
  }
  w->header = workbook_add_format(w->wb);
  w->text = workbook_add_format(w->wb);
  w->date = workbook_add_format(w->wb);
  w->number = workbook_add_format(w->wb);
  format_set_bold(w->header);
  format_set_text_wrap(w->header);
  format_set_num_format(w->text, "@");
  format_set_num_format(w->date, "dd/mm/yyyy");
  format_set_num_format(w->number, "General");
  /* each column keeps its kind's format, so a value typed into it later
   * (a commune code "02785") is read the same way */
  for (size_t i = 0; i < n_cols; i++) {
    lxw_format *f = kinds[i] == XLSX_DATE ? w->date : kinds[i] == XLSX_NUMBER ? w->number : w->text;
    w->widths[i] = chars(headers[i]);
    if (worksheet_write_string(w->ws, 0, (lxw_col_t)i, headers[i], w->header) != LXW_NO_ERROR)
      w->failed = 1;
    worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, 14, f);
  }
  worksheet_freeze_panes(w->ws, 1, 0);
  if (n_cols)
    worksheet_autofilter(w->ws, 0, 0, 0, (lxw_col_t)(n_cols - 1));
  *out = w;
  return ERR_OK;
}

/* "1234" or "1234,5" (digits and the decimal comma, as the export writes
 * numbers) as a double; -1 for anything else, which stays text: "1.200" is
 * 1200 to a Vietnamese reader and 1.2 to strtod, so it is not guessed. */
static int plain_number(double *out, const char *s)
{
  char tmp[64];
  const char *digits = s[0] == '-' ? s + 1 : s;
  size_t n = strlen(s);
  if (!*digits || n >= sizeof tmp || strspn(digits, "0123456789,") != strlen(digits) ||
      digits[0] == ',')
    return -1;
  memcpy(tmp, s, n + 1);
  char *comma = strchr(tmp, ',');
  if (comma) {
    if (strchr(comma + 1, ',') || !comma[1])
      return -1;
    *comma = '.';
  }
  char *end;
  *out = strtod(tmp, &end);
  return *end || end == tmp ? -1 : 0;
}

int xlsx_writer_row(struct xlsx_writer *w, const char *const *cells, struct err *err)
{
  if (w->rows >= XLSX_MAX_ROWS) {
    w->failed = 1;
    return err_set(err, ERR_INPUT,
                   "tệp .xlsx chỉ chứa được %ld dòng; xuất ra tệp .csv để có đủ các dòng",
                   XLSX_MAX_ROWS);
  }
  lxw_row_t r = (lxw_row_t)(++w->rows);
  for (size_t i = 0; i < w->n_cols; i++) {
    const char *c = cells[i];
    if (!c || !*c)
      continue;
    lxw_col_t col = (lxw_col_t)i;
    lxw_error e;
    struct date d;
    double x;
    double width = chars(c);
    if (w->kinds[i] == XLSX_DATE && date_parse(&d, c, 0, NULL) == ERR_OK && d.y >= 1900) {
      lxw_datetime dt = {d.y, d.m, d.d, 0, 0, 0};
      e = worksheet_write_datetime(w->ws, r, col, &dt, w->date);
      width = 10;
    } else if (w->kinds[i] == XLSX_NUMBER && plain_number(&x, c) == 0) {
      e = worksheet_write_number(w->ws, r, col, x, w->number);
    } else {
      e = worksheet_write_string(w->ws, r, col, c, w->text);
    }
    if (e != LXW_NO_ERROR) {
      w->failed = 1;
      return err_set(err, ERR_IO, "ghi ô dòng %ld, cột %zu của tệp \"%s\" thất bại: %s",
                     w->rows + 1, i + 1, w->path, lxw_strerror(e));
    }
    if (width > w->widths[i])
      w->widths[i] = width;
  }
  return ERR_OK;
}

/* fsync the file at path (libxlsxwriter closed its own handle). */
static int sync_path(const char *path)
{
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

int xlsx_writer_close(struct xlsx_writer *w, int commit, struct err *err)
{
  if (!w)
    return ERR_OK;
  /* widths from what was written: a little wider than the widest cell,
   * within reason (a long summary wraps instead) */
  for (size_t i = 0; i < w->n_cols; i++) {
    double width = w->widths[i] + 2 < 8 ? 8 : w->widths[i] + 2 > 60 ? 60 : w->widths[i] + 2;
    lxw_format *f = w->kinds[i] == XLSX_DATE     ? w->date
                    : w->kinds[i] == XLSX_NUMBER ? w->number
                                                 : w->text;
    worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, width, f);
  }
  lxw_error e = workbook_close(w->wb);
  int bad = e != LXW_NO_ERROR || w->failed;
  if (!bad && commit)
    bad = chmod(w->tmp_path, 0600) != 0 || sync_path(w->tmp_path) != 0 ||
          rename(w->tmp_path, w->path) != 0;
  if (bad || !commit)
    unlink(w->tmp_path);
  int rc = ERR_OK;
  if (bad && commit)
    rc = err_set(err, ERR_IO, "không ghi được tệp \"%s\"%s%s", w->path,
                 e != LXW_NO_ERROR ? ": " : "", e != LXW_NO_ERROR ? lxw_strerror(e) : "");
  writer_free(w);
  return rc;
}
