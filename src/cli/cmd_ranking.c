/* cmd_ranking.c: `pcmt ranking PLAN_ID [--at DATE] [--json]` — a thin front end over the
 * emulation ranking (app/app_ranking.h): a table of ranks, scores and their parts, units then
 * agencies; JSON from output/ranking_json.h. A misuse exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_ranking.h"
#include "base/number.h"
#include "cli/cli.h"
#include "cli/cli_table.h"
#include "output/ranking_json.h"
#include "store/store.h"

static const char ranking_help[] =
    "usage: pcmt ranking PLAN_ID [--at DATE] [--json]\n\n"
    "The units and member agencies of plan PLAN_ID ranked on DATE (default today) by a score\n"
    "out of 100: targets 70 (each bound quota achieved 1, on track 0.75, at risk 0.25, missed\n"
    "or without a figure 0) and\n"
    "reporting 30 (each report due by DATE: on time 1, late 0.5, missing 0); one part alone is\n"
    "scaled to 100. Acts as --as LOGIN. Docs: docs/ranking.md, docs/cli.md\n";

static int usage(const char *what, const char *arg)
{
  fprintf(stderr, "pcmt ranking: %s%s%s%s\n(pcmt ranking --help)\n", what, arg ? " '" : "",
          arg ? arg : "", arg ? "'" : "");
  return err_exit_status(ERR_INPUT);
}

static void print_table(const struct app_ranking *r)
{
  char d[11];
  date_to_vn(d, r->at);
  printf("Xếp hạng thi đua theo kế hoạch %s%s%s, đến ngày %s\n", r->plan_number,
         r->plan_number[0] ? " — " : "", r->plan_title, d);
  int agency = -1;
  for (size_t i = 0; i < r->n; i++) {
    const struct ranking_item *it = &r->items[i];
    if (it->is_agency != agency) {
      agency = it->is_agency;
      printf("\n%s\n", agency ? "Cơ quan thành viên" : "Đơn vị");
      cli_cell(stdout, "Hạng", 6);
      cli_cell(stdout, "Tên", 34);
      cli_cell(stdout, "Điểm", 8);
      cli_cell(stdout, "Chỉ tiêu (đạt/đúng tiến độ/nguy cơ/không đạt/thiếu số liệu)", 60);
      printf("Báo cáo (đúng hạn/muộn/phải gửi)\n");
    }
    char rank[8] = "-", score[32] = "-", q[64], rep[48];
    if (it->scored) {
      snprintf(rank, sizeof rank, "%d", it->rank);
      number_format_vn(score, sizeof score, it->score, 1);
    }
    snprintf(q, sizeof q, "%zu/%zu/%zu/%zu/%zu", it->achieved, it->on_track, it->at_risk,
             it->missed, it->unmeasured);
    snprintf(rep, sizeof rep, "%zu/%zu/%zu", it->on_time, it->late, it->owed);
    cli_cell(stdout, rank, 6);
    cli_cell(stdout, it->name, 34);
    cli_cell(stdout, score, 8);
    cli_cell(stdout, q, 60);
    printf("%s\n", rep);
  }
  if (!r->n)
    printf("(kế hoạch chưa có đơn vị, cơ quan nào được giao chỉ tiêu hoặc phải báo cáo)\n");
}

int cmd_ranking(int argc, char **argv, const struct cli_global *g)
{
  if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
                   strcmp(argv[1], "help") == 0)) {
    fputs(ranking_help, stdout);
    return 0;
  }
  const char *id_s = NULL, *at = NULL, *as = NULL, *purpose = NULL;
  int json = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if ((strcmp(argv[i], "--at") == 0 || strcmp(argv[i], "--as") == 0 ||
              strcmp(argv[i], "--purpose") == 0) &&
             i + 1 < argc) {
      const char **v = argv[i][3] == 't' ? &at : argv[i][3] == 's' ? &as : &purpose;
      *v = argv[++i];
    } else if (argv[i][0] != '-' && !id_s)
      id_s = argv[i];
    else
      return usage("không hiểu đối số", argv[i]);
  }
  char *end;
  long id = id_s ? strtol(id_s, &end, 10) : 0;
  if (!id_s || *end || id <= 0)
    return usage("cần số hiệu kế hoạch (số tự nhiên khác 0)", id_s);
  struct err err = {0};
  struct store *st;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  struct scope caller;
  int rc = cli_caller(&caller, st, as, purpose, &err);
  struct app_ranking r;
  if (!rc)
    rc = app_ranking(&r, st, &caller, id, at, &err);
  char *text = NULL;
  if (!rc) {
    if (json)
      rc = ranking_json_dump(&text, r.plan_id, r.plan_number, r.plan_title, r.at, r.items, r.n,
                             &err);
    if (!rc && text)
      fputs(text, stdout);
    else if (!rc)
      print_table(&r);
    app_ranking_free(&r);
  }
  free(text);
  store_close(st);
  return rc ? cli_fail(&err) : 0;
}
