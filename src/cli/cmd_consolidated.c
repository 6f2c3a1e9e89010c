/* cmd_consolidated.c: `pcmt report consolidated PLAN_ID --period P --format
 * docx|xlsx|html|json [-o FILE]` — a thin front end over the consolidated report
 * (app/app_consolidated.h), written by output/consolidated_docx.h, consolidated_xlsx.h,
 * consolidated_html.h or consolidated_json.h. A misuse exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_consolidated.h"
#include "base/date.h"
#include "cli/cli.h"
#include "base/buf.h"
#include "output/consolidated_docx.h"
#include "output/consolidated_html.h"
#include "output/consolidated_json.h"
#include "output/consolidated_xlsx.h"
#include "store/store.h"

static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt report consolidated: %s%s%s%s\n(pcmt report --help)\n", what,
          arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

int cmd_report_consolidated(int argc, char **argv, const struct cli_global *g)
{
  const char *id_s = NULL, *period = NULL, *format = NULL, *file = NULL, *as = NULL,
             *purpose = NULL;
  for (int i = 1; i < argc; i++) {
    const char **v = NULL;
    if (strcmp(argv[i], "--period") == 0)
      v = &period;
    else if (strcmp(argv[i], "--format") == 0)
      v = &format;
    else if (strcmp(argv[i], "-o") == 0)
      v = &file;
    else if (strcmp(argv[i], "--as") == 0)
      v = &as;
    else if (strcmp(argv[i], "--purpose") == 0)
      v = &purpose;
    else if (argv[i][0] != '-' && !id_s) {
      id_s = argv[i];
      continue;
    } else
      return usage("không hiểu đối số", argv[i]);
    if (i + 1 >= argc)
      return usage("tùy chọn cần một giá trị:", argv[i]);
    *v = argv[++i];
  }
  char *end;
  long id = id_s ? strtol(id_s, &end, 10) : 0;
  if (!id_s || *end || id <= 0)
    return usage("cần số hiệu kế hoạch", id_s);
  if (!period)
    return usage("cần --period (ví dụ 2026-Q3)", NULL);
  int docx = format && strcmp(format, "docx") == 0;
  int xlsx = format && strcmp(format, "xlsx") == 0;
  int html = format && strcmp(format, "html") == 0;
  if (!format || (!docx && !xlsx && !html && strcmp(format, "json") != 0))
    return usage("--format là docx, xlsx, html hoặc json", format);
  if ((docx || xlsx || html) && !file)
    return usage("--format docx, xlsx và html cần -o TỆP", NULL);
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int rc = cli_caller(&caller, st, as, purpose, &err);
  struct consolidated c;
  if (!rc)
    rc = app_consolidated(&c, st, &caller, id, period, &err);
  if (!rc) {
    if (docx) {
      rc = consolidated_docx_write(file, &c, date_today(), &err);
    } else if (xlsx) {
      rc = consolidated_xlsx_write(file, &c, &err);
    } else if (html) {
      rc = consolidated_html_write(file, &c, date_today(), &err);
    } else {
      char *text = NULL;
      rc = consolidated_json_dump(&text, &c, &err);
      if (!rc && file) {
        struct buf b;
        buf_init(&b, 0);
        rc = buf_adds(&b, text) ? err_nomem(&err) : buf_write_file(&b, file, &err);
        buf_free(&b);
      } else if (!rc && fputs(text, stdout) < 0) {
        rc = err_set(&err, ERR_IO, "không ghi được kết quả");
      }
      free(text);
    }
    if (!rc && file)
      fprintf(stderr, "đã ghi báo cáo tổng hợp %s vào %s\n", c.period_name, file);
    consolidated_free(&c);
  }
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
