/* cmd_plan.c: `pcmt plan` — read a plan document, store it as a draft,
 * review and correct it, publish it, check its tasks ("4 rõ").
 *
 * `plan read` needs no database: it prints the contract's JSON
 * (shared/contracts/plan-json.md, copied in docs/plan-reader.md). Every
 * other subcommand works on the database; the CLI acts as the local
 * administrator named by --as or $USER. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/date.h"
#include "cli/cli.h"
#include "domain/plan_check.h"
#include "domain/plan_edit.h"
#include "ingest/doc_read.h"
#include "ingest/plan_read.h"
#include "output/plan_json.h"
#include "store/store.h"
#include "store/store_plans.h"
#include "types/plan.h"
#include "types/scope.h"

static const char plan_help[] =
    "usage: pcmt plan read FILE                 print the plan read from FILE as JSON\n"
    "       pcmt plan import FILE [--as USER]   store it as a draft; prints its id\n"
    "       pcmt plan list [--json]\n"
    "       pcmt plan show ID [--json]\n"
    "       pcmt plan check ID [--json]         the four-clear check of every task\n"
    "       pcmt plan publish ID | close ID\n"
    "       pcmt plan set ID ELEMENT[:EID] FIELD VALUE [--reason TEXT]\n"
    "       pcmt plan lead|support ID TASK_ID \"NAME; NAME\" [--reason TEXT]\n"
    "       pcmt plan task-add ID TEXT | task-delete ID TASK_ID [--reason TEXT]\n"
    "       pcmt plan history ID\n\n"
    "FILE: .docx, .txt, .md, or .pdf (through pdftotext). ELEMENT is plan, basis,\n"
    "phase, target, task or report, with the element's id after a colon (task:12);\n"
    "FIELD one of: plan.number title issuer issued_on territory kind period_start\n"
    "period_end parent_id; basis.text number date; phase.name start end; target.text kind\n"
    "value unit phase; task.section text due_on cadence; report.name due_on recurs\n"
    "recipient. Dates dd/mm/yyyy or ISO. Edits of a published plan are kept in its\n"
    "history; a closed plan cannot be edited.\n";

static int print_json_dump(json_t *j)
{
  char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(j);
  if (!s)
    return 1;
  puts(s);
  free(s);
  return 0;
}

/* Read FILE into a plan; *text gets the document text (caller frees). A
 * file that reads but holds no plan is refused (ERR_INPUT). */
static int read_file_plan(struct plan *p, char **text, size_t *len, const char *path,
                          struct err *err)
{
  plan_init(p);
  int rc = doc_read_file(text, len, path, err);
  if (rc)
    return rc;
  rc = plan_read_text(p, *text, *len, err);
  if (!rc && !plan_read_found(p)) {
    rc = err_set(err, ERR_INPUT,
                 "tệp %s không chứa kế hoạch: không thấy tiêu đề \"KẾ HOẠCH\", số hiệu kế "
                 "hoạch, nhiệm vụ hay chỉ tiêu nào",
                 path);
    plan_free(p);
  }
  if (rc) {
    free(*text);
    *text = NULL;
  }
  return rc;
}

static int plan_read_cmd(int argc, char **argv)
{
  if (argc != 3) {
    fputs(plan_help, stderr);
    return 2;
  }
  struct err err = {0};
  struct plan p;
  char *text;
  size_t len;
  if (read_file_plan(&p, &text, &len, argv[2], &err))
    return cli_fail(&err);
  char *out = NULL;
  int rc = plan_json_dump(&out, &p, &err);
  if (!rc)
    fputs(out, stdout);
  free(out);
  free(text);
  plan_free(&p);
  return rc ? cli_fail(&err) : 0;
}

/* The contract's object plus "id" on the plan and on each element. */
static json_t *plan_json_ids(const struct plan *p)
{
  json_t *j = plan_json(p);
  if (!j)
    return NULL;
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(p->id));
  const char *key;
  json_t *v;
  json_object_foreach(j, key, v) json_object_set(o, key, v);
  json_decref(j);
  struct {
    const char *key;
    size_t n;
    size_t stride;
    const void *first;
  } lists[] = {
      {"bases", p->n_bases, sizeof *p->bases, p->bases},
      {"phases", p->n_phases, sizeof *p->phases, p->phases},
      {"targets", p->n_targets, sizeof *p->targets, p->targets},
      {"tasks", p->n_tasks, sizeof *p->tasks, p->tasks},
      {"reports", p->n_reports, sizeof *p->reports, p->reports},
  };
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
    json_t *a = json_object_get(o, lists[l].key);
    for (size_t k = 0; k < lists[l].n && k < json_array_size(a); k++) {
      /* every element struct starts with its long id */
      const long *id = (const long *)((const char *)lists[l].first + k * lists[l].stride);
      json_object_set_new(json_array_get(a, k), "id", json_integer(*id));
    }
  }
  return o;
}

/* At most max bytes of s, cut on a character boundary, "…" when cut. */
static const char *clip(char *buf, size_t bsz, const char *s, size_t max)
{
  size_t n = strlen(s ? s : "");
  if (n <= max || max + 4 > bsz) {
    snprintf(buf, bsz, "%s", s ? s : "");
    return buf;
  }
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
    max--;
  snprintf(buf, bsz, "%.*s…", (int)max, s);
  return buf;
}

static void print_date(const char *label, struct date d)
{
  char b[16];
  if (d.y) {
    date_to_vn(b, d);
    printf("%s%s", label, b);
  }
}

static void show_text(const struct plan *p, const struct store_plan_info *in)
{
  printf("Kế hoạch %ld [%s] %s\n", p->id, in->status, p->number ? p->number : "(chưa có số)");
  if (in->parent_id)
    printf("  Thực hiện kế hoạch cấp trên số hiệu %ld\n", in->parent_id);
  printf("  %s\n", p->title ? p->title : "(chưa có tiêu đề)");
  printf("  Cơ quan ban hành: %s", p->issuer ? p->issuer : "?");
  print_date("; ngày ", p->issued_on);
  printf("\n  Loại: %s", plan_kind_name(p->kind) ? plan_kind_name(p->kind) : "?");
  print_date("; từ ", p->period_start);
  print_date(" đến ", p->period_end);
  printf("\n");
  for (size_t k = 0; k < p->n_bases; k++)
    printf("  Căn cứ [%ld] %s\n", p->bases[k].id, p->bases[k].text);
  for (size_t k = 0; k < p->n_phases; k++) {
    printf("  Giai đoạn [%ld] %s", p->phases[k].id, p->phases[k].name);
    print_date(" từ ", p->phases[k].start);
    print_date(" đến ", p->phases[k].end);
    printf("\n");
  }
  for (size_t k = 0; k < p->n_targets; k++) {
    const struct plan_target *t = &p->targets[k];
    printf("  Chỉ tiêu [%ld] %s", t->id, target_kind_name(t->kind));
    if (t->has_value)
      printf(" %g%s%s", t->value, t->unit && strcmp(t->unit, "%") ? " " : "",
             t->unit ? t->unit : "");
    if (t->phase)
      printf(" (%s)", t->phase);
    char cb[160];
    printf(": %s\n", clip(cb, sizeof cb, t->text, 120));
    for (size_t q = 0; q < t->n_quotas; q++)
      printf("      - %s: %g\n", t->quotas[q].assignee, t->quotas[q].value);
  }
  for (size_t k = 0; k < p->n_tasks; k++) {
    const struct plan_task *t = &p->tasks[k];
    char cb[160];
    printf("  Nhiệm vụ [%ld] %s: %s\n", t->id, t->section ? t->section : "-",
           clip(cb, sizeof cb, t->text, 100));
    printf("      chủ trì: ");
    for (size_t a = 0; a < t->n_lead; a++)
      printf("%s%s", a ? "; " : "", t->lead[a]);
    if (!t->n_lead)
      printf("(chưa rõ)");
    if (t->n_support) {
      printf("  | phối hợp: ");
      for (size_t a = 0; a < t->n_support; a++)
        printf("%s%s", a ? "; " : "", t->support[a]);
    }
    print_date("  | hạn: ", t->due_on);
    if (t->cadence)
      printf("  | %s", task_cadence_name(t->cadence));
    printf("\n");
  }
  for (size_t k = 0; k < p->n_reports; k++) {
    const struct plan_report *r = &p->reports[k];
    printf("  Báo cáo [%ld] %s", r->id, r->name);
    print_date(": trước ", r->due_on);
    if (r->recurs)
      printf(" (hằng năm)");
    if (r->recipient)
      printf(" gửi %s", r->recipient);
    printf("\n");
  }
}

static long parse_id(const char *s)
{
  char *end;
  long v = strtol(s, &end, 10);
  return (*s && !*end && v > 0) ? v : 0;
}

int cmd_plan(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
    fputs(plan_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const char *sub = argv[1];
  if (strcmp(sub, "read") == 0)
    return plan_read_cmd(argc, argv);
  /* options common to the database subcommands */
  int json = 0;
  const char *as = NULL, *reason = NULL;
  char *pos[8];
  int npos = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0)
      json = 1;
    else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
      as = argv[++i];
    else if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
      reason = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1] == '-') {
      fprintf(stderr, "pcmt plan: tùy chọn không rõ: %s\n", argv[i]);
      return 2;
    } else if (npos < 8)
      pos[npos++] = argv[i];
  }
  struct err err = {0};
  struct store *st = NULL;
  struct scope caller;
  if (cli_open_store(&st, g, &err))
    return cli_fail(&err);
  if (cli_caller(&caller, st, as, NULL, &err)) {
    store_close(st);
    return cli_fail(&err);
  }
  const char *who = caller.user;
  int rc = 0;
  long id = npos >= 1 ? parse_id(pos[0]) : 0;
  if (strcmp(sub, "import") == 0 && npos == 1) {
    struct plan p;
    char *text;
    size_t len;
    rc = read_file_plan(&p, &text, &len, pos[0], &err);
    if (!rc) {
      const char *base = strrchr(pos[0], '/');
      long nid;
      rc = plan_edit_save(&nid, st, &p, base ? base + 1 : pos[0], text, who, &err);
      if (!rc) {
        printf("%ld\n", nid);
        fprintf(stderr, "đã lưu bản nháp kế hoạch %ld: %zu nhiệm vụ, %zu chỉ tiêu, %zu báo cáo\n",
                nid, p.n_tasks, p.n_targets, p.n_reports);
      }
      free(text);
      plan_free(&p);
    }
  } else if (strcmp(sub, "list") == 0 && npos == 0) {
    struct store_plan_info_list l;
    rc = store_plan_list(&l, st, &err);
    if (!rc && json) {
      json_t *a = json_array();
      for (size_t k = 0; k < l.n; k++) {
        const struct store_plan_info *in = &l.items[k];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s?, s:s, s:s?, s:s?, s:s, s:i}", "id",
                                           (json_int_t)in->id, "status", in->status, "number",
                                           in->number[0] ? in->number : NULL, "title", in->title,
                                           "issued_on", in->issued_on[0] ? in->issued_on : NULL,
                                           "territory", in->territory[0] ? in->territory : NULL,
                                           "kind", in->kind, "tasks", in->n_tasks));
      }
      print_json_dump(a);
    } else if (!rc) {
      for (size_t k = 0; k < l.n; k++) {
        const struct store_plan_info *in = &l.items[k];
        char cb[120];
        printf("%4ld  %-9s %-14s %3d nhiệm vụ  %s\n", in->id, in->status,
               in->number[0] ? in->number : "-", in->n_tasks, clip(cb, sizeof cb, in->title, 80));
      }
      if (!l.n)
        fprintf(stderr, "chưa có kế hoạch nào; dùng `pcmt plan import FILE`\n");
    }
    store_plan_info_list_free(&l);
  } else if ((strcmp(sub, "show") == 0 || strcmp(sub, "check") == 0) && npos == 1 && id) {
    struct plan p;
    struct store_plan_info in;
    rc = store_plan_load(&p, &in, st, id, &err);
    if (!rc && plan_check_all(&p, &err)) {
      rc = err.code;
      plan_free(&p);
    } else if (!rc) {
      if (strcmp(sub, "show") == 0) {
        if (json) {
          json_t *o = plan_json_ids(&p);
          json_object_set_new(o, "status", json_string(in.status));
          json_object_set_new(o, "parent_id",
                              in.parent_id ? json_integer(in.parent_id) : json_null());
          print_json_dump(o);
        } else {
          show_text(&p, &in);
        }
      } else {
        struct plan_defect_list dl;
        rc = plan_check_defects(&dl, &p, &err);
        if (!rc && json) {
          json_t *a = json_array();
          for (size_t k = 0; k < dl.n; k++) {
            const struct plan_task *t = &p.tasks[dl.items[k].task];
            json_array_append_new(a, json_pack("{s:I, s:s?, s:s, s:s, s:s, s:s}", "task_id",
                                               (json_int_t)t->id, "section", t->section, "text",
                                               t->text, "criterion",
                                               plan_defect_label(dl.items[k].kind), "reason",
                                               dl.items[k].reason, "kind",
                                               (const char *[]){"who", "what", "responsibility",
                                                                "when"}[dl.items[k].kind]));
          }
          print_json_dump(a);
        } else if (!rc) {
          for (size_t k = 0; k < dl.n; k++) {
            const struct plan_task *t = &p.tasks[dl.items[k].task];
            char cb[200];
            printf("[%ld] %s — %s: %s\n      %s\n", t->id, t->section ? t->section : "-",
                   plan_defect_label(dl.items[k].kind), dl.items[k].reason,
                   clip(cb, sizeof cb, t->text, 140));
          }
          size_t clear = p.n_tasks;
          for (size_t k = 0; k < dl.n; k++)
            if (k == 0 || dl.items[k].task != dl.items[k - 1].task)
              clear--;
          fprintf(stderr, "%zu nhiệm vụ, %zu đạt \"4 rõ\", %zu thiếu sót\n", p.n_tasks, clear,
                  dl.n);
        }
        plan_defect_list_free(&dl);
      }
      plan_free(&p);
    }
  } else if (strcmp(sub, "publish") == 0 && npos == 1 && id) {
    rc = store_plan_publish(st, id, who, &err);
    if (!rc)
      fprintf(stderr, "đã ban hành kế hoạch %ld\n", id);
  } else if (strcmp(sub, "close") == 0 && npos == 1 && id) {
    rc = store_plan_close(st, id, who, &err);
    if (!rc)
      fprintf(stderr, "đã kết thúc kế hoạch %ld\n", id);
  } else if (strcmp(sub, "set") == 0 && npos == 4 && id) {
    char element[16];
    long eid = 0;
    const char *colon = strchr(pos[1], ':');
    snprintf(element, sizeof element, "%.*s", colon ? (int)(colon - pos[1]) : (int)strlen(pos[1]),
             pos[1]);
    if (colon)
      eid = parse_id(colon + 1);
    if (strcmp(element, "plan") != 0 && !eid) {
      fprintf(stderr, "pcmt plan set: cần số hiệu phần tử, ví dụ task:12\n");
      rc = 2;
    } else {
      rc = plan_edit_set(st, id, element, eid, pos[2], pos[3], who, reason, &err);
    }
  } else if ((strcmp(sub, "lead") == 0 || strcmp(sub, "support") == 0) && npos == 3 && id) {
    rc = plan_edit_agencies(st, id, parse_id(pos[1]), sub, pos[2], who, reason, &err);
  } else if (strcmp(sub, "task-add") == 0 && npos == 2 && id) {
    long tid;
    rc = store_plan_task_add(&tid, st, id, pos[1], who, &err);
    if (!rc)
      printf("%ld\n", tid);
  } else if (strcmp(sub, "task-delete") == 0 && npos == 2 && id) {
    rc = store_plan_task_delete(st, id, parse_id(pos[1]), who, reason, &err);
  } else if (strcmp(sub, "history") == 0 && npos == 1 && id) {
    struct store_plan_change_list l;
    rc = store_plan_history(&l, st, id, &err);
    if (!rc) {
      for (size_t k = 0; k < l.n; k++) {
        const struct store_plan_change *c = &l.items[k];
        printf("%s  %-10s %s[%ld].%s: %s -> %s%s%s\n", c->changed_at, c->changed_by, c->element,
               c->element_id, c->field, c->old_value ? c->old_value : "(trống)",
               c->new_value ? c->new_value : "(trống)", c->reason ? "  lý do: " : "",
               c->reason ? c->reason : "");
      }
      if (!l.n)
        fprintf(stderr, "chưa có thay đổi nào sau khi ban hành\n");
    }
    store_plan_change_list_free(&l);
  } else {
    fputs(plan_help, stderr);
    rc = 2;
  }
  store_close(st);
  if (rc == 2 && !err.code)
    return 2;
  return rc ? cli_fail(&err) : 0;
}
