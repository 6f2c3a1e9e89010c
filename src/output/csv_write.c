/* csv_write.c: the CSV writer (see csv_write.h for the format).
 *
 * Exports and rejects files hold personal data, so the file is created
 * readable by its owner only: mkstemp makes the temporary file with mode
 * 0600 whatever the umask, and the rename keeps that mode. A chmod after
 * creation would leave a window in which others could open it. A path that
 * exists and is not a regular file is refused: the rename would replace a
 * device or a pipe with the file. */
#include "output/csv_write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"

int csv_cell_is_formula(const char *cell)
{
  return cell && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                  cell[0] == '\t' || cell[0] == '\r');
}

int csv_writer_open(struct csv_writer *w, const char *path, size_t n_cols, struct err *err)
{
  memset(w, 0, sizeof *w);
  w->n_cols = n_cols;
  if (strcmp(path, "-") == 0) {
    w->f = stdout;
  } else {
    /* renaming over a device, a pipe or a folder ("--rejects /dev/null" as
     * root) would replace it with the file: only a regular file, or no
     * file, is written */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
      return err_set(err, ERR_INPUT,
                     "\"%s\" không phải tệp thường (thiết bị, ống hay thư mục); ghi ra một tệp, "
                     "hoặc \"-\" để in ra màn hình",
                     path);
    w->path = strdup(path);
    size_t n = strlen(path) + 16;
    w->tmp_path = malloc(n);
    if (!w->path || !w->tmp_path) {
      free(w->path);
      free(w->tmp_path);
      return err_nomem(err);
    }
    snprintf(w->tmp_path, n, "%s.XXXXXX", path);
    int fd = mkstemp(w->tmp_path); /* O_EXCL, mode 0600 */
    if (fd >= 0 && !(w->f = fdopen(fd, "wb"))) {
      int e = errno;
      close(fd);
      unlink(w->tmp_path);
      errno = e;
    }
    if (!w->f) {
      int rc = err_set(err, ERR_IO, "không ghi được tệp \"%s\": %s", path, strerror(errno));
      free(w->path);
      free(w->tmp_path);
      return rc;
    }
  }
  fputs("\xEF\xBB\xBF", w->f);
  return ERR_OK;
}

int csv_writer_open_stream(struct csv_writer *w, FILE *f, size_t n_cols, struct err *err)
{
  (void)err;
  memset(w, 0, sizeof *w);
  w->n_cols = n_cols;
  w->f = f;
  fputs("\xEF\xBB\xBF", w->f);
  return ERR_OK;
}

static void put_cell(FILE *f, const char *c)
{
  if (!c)
    c = "";
  int quote = strpbrk(c, ",;\"\r\n") != NULL;
  int formula = csv_cell_is_formula(c);
  if (quote || formula)
    fputc('"', f);
  if (formula)
    fputc('\'', f);
  for (const char *p = c; *p; p++) {
    if (*p == '"')
      fputc('"', f);
    fputc(*p, f);
  }
  if (quote || formula)
    fputc('"', f);
}

int csv_writer_row(struct csv_writer *w, const char *const *cells, struct err *err)
{
  for (size_t i = 0; i < w->n_cols; i++) {
    if (i)
      fputc(',', w->f);
    put_cell(w->f, cells[i]);
  }
  fputs("\r\n", w->f);
  if (ferror(w->f)) {
    w->failed = 1;
    return err_set(err, ERR_IO, "ghi tệp \"%s\" thất bại", w->path ? w->path : "-");
  }
  return ERR_OK;
}

int csv_writer_close(struct csv_writer *w, int commit, struct err *err)
{
  int rc = ERR_OK;
  if (!w->tmp_path) { /* stdout, or a stream the caller owns */
    if (fflush(w->f) != 0 || ferror(w->f))
      rc = err_set(err, ERR_IO, "ghi ra màn hình thất bại");
    memset(w, 0, sizeof *w);
    return rc;
  }
  int bad = fflush(w->f) != 0 || ferror(w->f) || w->failed;
  if (!bad && commit)
    bad = fsync(fileno(w->f)) != 0;
  if (fclose(w->f) != 0)
    bad = 1;
  if (commit && !bad && rename(w->tmp_path, w->path) != 0)
    bad = 1;
  if (bad || !commit)
    unlink(w->tmp_path);
  if (bad && commit)
    rc = err_set(err, ERR_IO, "không ghi được tệp \"%s\"", w->path);
  free(w->path);
  free(w->tmp_path);
  memset(w, 0, sizeof *w);
  return rc;
}
