/* cmd_person.c: `pcmt person` — a thin front end over the people operations (app_person.h).
 *
 * Each subcommand parses its options (an option it does not use is refused,
 * never ignored), opens the store and the caller (cli_caller: --as, else
 * $PCMT_USER, else the local administrator; --purpose goes into the audit
 * trail), narrows the caller to --unit when given, calls one operation and
 * prints: tables padded by display width (cli_table.h), labels from
 * types/label.h, JSON from output/person_json.h. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "base/date.h"
#include "cli/cli_registers.h"
#include "cli/cli_table.h"
#include "output/person_json.h"
#include "store/store.h"
#include "types/label.h"
#include "types/legal_rule.h"
#include "types/unit.h"

static const char person_help[] =
    "usage: pcmt person add --name NAME --dob DATE --sex nam|nữ --unit CODE [--tree T]\n"
    "                       [--id CCCD] [--ethnicity E] [--address A] [--occupation O]\n"
    "                       [--occupation-group G] [--other-names \"X; Y\"] [--json]\n"
    "       pcmt person edit ID [--name N] [--dob D] [--sex S] [--id CCCD] [--ethnicity E]\n"
    "                       [--address A] [--occupation O] [--occupation-group G]\n"
    "                       [--other-names X] [--version V] [--unit CODE]\n"
    "       pcmt person event ID KIND --date DATE [--value V] [--facility F]\n"
    "                       [--decision NO --decision-date DATE] [--to CODE [--to-tree T]]\n"
    "                       [--ref EVENT_ID] [--note TEXT] [--unit CODE] [--json]\n"
    "       pcmt person show ID [--unit CODE] [--json]\n"
    "       pcmt person search [TEXT] [--unit CODE] [--status S] [--limit N] [--json]\n"
    "       pcmt person due [--unit CODE] [--within DAYS] [--today DATE] [--json]\n"
    "       pcmt person duplicates [--unit CODE] [--json]\n"
    "       pcmt person merge A B [--unit CODE]\n"
    "       pcmt person dismiss A B [--unit CODE]\n"
    "       pcmt person kinds\n\n"
    "Every command but kinds takes --as LOGIN (default $PCMT_USER, else the local\n"
    "administrator) and --purpose TEXT (default \"quản trị\"), recorded in the audit trail.\n"
    "--unit CODE [--tree pre2025|post2025]: for add, the commune the person lives in; for\n"
    "every other command, the unit the action is limited to (a person outside it is not\n"
    "found). A move's new commune is --to CODE [--to-tree T]. Dates are dd/mm/yyyy or\n"
    "YYYY-MM-DD; --today (add, event, show, due, merge) sets the day the rules count from.\n"
    "Statuses (code or label): addict, user, suspected, psychosis, managed, rehab_compulsory,\n"
    "rehab_voluntary_facility, rehab_voluntary_community, ost, aftercare, removed, died, none.\n"
    "Event kinds: pcmt person kinds. Docs: docs/registers.md, docs/cli.md\n";

/* The subcommands, as bits: which of them each option serves. */
enum {
  S_ADD = 1 << 0,
  S_EVENT = 1 << 1,
  S_SHOW = 1 << 2,
  S_SEARCH = 1 << 3,
  S_DUE = 1 << 4,
  S_DUPS = 1 << 5,
  S_MERGE = 1 << 6,
  S_DISMISS = 1 << 7,
  S_KINDS = 1 << 8,
  S_EDIT = 1 << 9,
  S_ACTING = S_ADD | S_EVENT | S_SHOW | S_SEARCH | S_DUE | S_DUPS | S_MERGE | S_DISMISS | S_EDIT
};

static const struct {
  const char *name;
  unsigned bit;
} subcommands[] = {
    {"add", S_ADD},     {"event", S_EVENT},     {"show", S_SHOW},   {"search", S_SEARCH},
    {"due", S_DUE},     {"duplicates", S_DUPS}, {"merge", S_MERGE}, {"dismiss", S_DISMISS},
    {"kinds", S_KINDS}, {"edit", S_EDIT},
};

struct opts {
  const char *pos[3]; /* positional arguments after the subcommand */
  int npos;
  const char *as, *purpose, *unit, *tree, *status, *today, *to, *to_tree;
  const char *name, *dob, *sex, *id, *ethnicity, *address, *occupation, *occupation_group;
  const char *other_names, *date, *value, *facility, *decision, *decision_date, *note;
  const char *ref, *limit, *within; /* numbers, checked by parse_number */
  const char *version;              /* edit: the stamp the edit was made from */
  int json;
};

#define OPT(name, field, subs)                                                                     \
  {                                                                                                \
    name, offsetof(struct opts, field), subs                                                       \
  }
static const struct {
  const char *name;
  size_t off;    /* where the value goes (a const char *) */
  unsigned subs; /* the subcommands that use it */
} options[] = {
    OPT("--as", as, S_ACTING),
    OPT("--purpose", purpose, S_ACTING),
    OPT("--unit", unit, S_ACTING),
    OPT("--tree", tree, S_ACTING),
    OPT("--today", today, S_ADD | S_EVENT | S_SHOW | S_DUE | S_MERGE),
    OPT("--status", status, S_SEARCH),
    OPT("--limit", limit, S_SEARCH),
    OPT("--within", within, S_DUE),
    OPT("--name", name, S_ADD | S_EDIT),
    OPT("--dob", dob, S_ADD | S_EDIT),
    OPT("--sex", sex, S_ADD | S_EDIT),
    OPT("--id", id, S_ADD | S_EDIT),
    OPT("--ethnicity", ethnicity, S_ADD | S_EDIT),
    OPT("--address", address, S_ADD | S_EDIT),
    OPT("--occupation", occupation, S_ADD | S_EDIT),
    OPT("--occupation-group", occupation_group, S_ADD | S_EDIT),
    OPT("--other-names", other_names, S_ADD | S_EDIT),
    OPT("--version", version, S_EDIT),
    OPT("--date", date, S_EVENT),
    OPT("--value", value, S_EVENT),
    OPT("--result", value, S_EVENT),
    OPT("--medicine", value, S_EVENT),
    OPT("--facility", facility, S_EVENT),
    OPT("--decision", decision, S_EVENT),
    OPT("--decision-date", decision_date, S_EVENT),
    OPT("--to", to, S_EVENT),
    OPT("--to-tree", to_tree, S_EVENT),
    OPT("--ref", ref, S_EVENT),
    OPT("--note", note, S_EVENT),
    OPT("--reason", note, S_EVENT),
};

/* "--json" is a flag of these. */
#define JSON_SUBS (S_ADD | S_EVENT | S_SHOW | S_SEARCH | S_DUE | S_DUPS)

/* Parse argv[2..] for subcommand `sub` (argv[1]); 2 with a message on a
 * misuse: an unknown option, one this subcommand does not use, a missing
 * value, too many arguments. */
static int parse_opts(struct opts *o, unsigned bit, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || a[1] != '-') {
      if (o->npos == 3) {
        fprintf(stderr, "pcmt person %s: thừa đối số '%s'\n", argv[1], a);
        return 2;
      }
      o->pos[o->npos++] = a;
      continue;
    }
    if (strcmp(a, "--json") == 0) {
      if (!(bit & JSON_SUBS)) {
        fprintf(stderr, "pcmt person %s: lệnh này không có --json\n", argv[1]);
        return 2;
      }
      o->json = 1;
      continue;
    }
    size_t k = 0;
    for (; k < sizeof options / sizeof options[0]; k++)
      if (strcmp(a, options[k].name) == 0)
        break;
    if (k == sizeof options / sizeof options[0]) {
      fprintf(stderr, "pcmt person %s: không có tùy chọn '%s' (pcmt person --help)\n", argv[1], a);
      return 2;
    }
    if (!(options[k].subs & bit)) {
      fprintf(stderr, "pcmt person %s: tùy chọn '%s' không dùng cho lệnh này\n", argv[1], a);
      return 2;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "pcmt person %s: tùy chọn '%s' cần một giá trị\n", argv[1], a);
      return 2;
    }
    *(const char **)((char *)o + options[k].off) = argv[++i];
  }
  return 0;
}

/* A natural number option or argument into *out (`dflt` when s is NULL);
 * 2 with a message when it is not one. */
static int parse_number(long *out, const char *s, long dflt, const char *what)
{
  if (!s) {
    *out = dflt;
    return 0;
  }
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 0) {
    fprintf(stderr, "pcmt person: %s \"%s\" phải là số tự nhiên\n", what, s);
    return 2;
  }
  *out = v;
  return 0;
}

/* A record number (positional): a natural number, not 0. */
static int parse_id(long *out, const char *s)
{
  if (!s || parse_number(out, s, 0, "số hồ sơ") || *out == 0)
    return 2;
  return 0;
}

static void print_text(char *s)
{
  if (s)
    fputs(s, stdout);
  free(s);
}

/* ---------------------------------------------------------------------------
 * The session: store, caller, rules
 * ------------------------------------------------------------------------- */

struct session {
  struct store *st;
  struct scope caller;         /* the user acting */
  struct scope narrowed;       /* ... limited to --unit */
  const struct scope *use;     /* caller or narrowed */
  struct legal_rule_set rules; /* loaded when the subcommand shows clocks */
  char today[DATE_ISO_LEN];    /* --today or today, ISO */
};

static void session_close(struct session *s)
{
  legal_rule_set_free(&s->rules);
  store_close(s->st);
}

/* Open the store and the caller; `narrow`: limit it to --unit; `rules`:
 * load the legal rules. The exit status of a failure (message printed). */
static int session_open(struct session *s, const struct cli_global *g, const struct opts *o,
                        int narrow, int rules)
{
  memset(s, 0, sizeof *s);
  struct err err = {0};
  date_to_iso(s->today, date_today());
  if (o->today) {
    struct date d;
    if (date_parse(&d, o->today, 0, &err))
      return cli_fail(&err);
    date_to_iso(s->today, d);
  }
  int rc = cli_open_store(&s->st, g, &err);
  if (rc)
    return cli_fail(&err);
  rc = cli_caller(&s->caller, s->st, o->as, o->purpose, &err);
  s->use = &s->caller;
  if (!rc && narrow && o->unit) {
    rc = app_caller_narrow(&s->narrowed, s->st, &s->caller, o->tree, o->unit, &err);
    s->use = &s->narrowed;
    if (!rc) { /* the unit the code was taken for, on stderr beside --json */
      char label[256];
      fprintf(stderr, "Đơn vị: %s\n", unit_label(label, sizeof label, &s->narrowed.unit));
    }
  }
  if (!rc && rules)
    rc = app_person_rules(&s->rules, s->st, &err);
  if (rc) {
    session_close(s);
    return cli_fail(&err);
  }
  return 0;
}

/* ---------------------------------------------------------------------------
 * Text output
 * ------------------------------------------------------------------------- */

/* "còn 5 ngày", "hôm nay", "quá hạn 3 ngày" into buf. */
static const char *days_text(char *buf, size_t n, long left)
{
  if (left > 0)
    snprintf(buf, n, "còn %ld ngày", left);
  else if (left == 0)
    snprintf(buf, n, "đến hạn hôm nay");
  else
    snprintf(buf, n, "quá hạn %ld ngày", -left);
  return buf;
}

static long days_to(const char *today, const char *end)
{
  struct date a, b;
  if (date_parse(&a, today, 0, NULL) || date_parse(&b, end, 0, NULL))
    return 0;
  return date_to_days(b) - date_to_days(a);
}

/* Where a person lives, as a person reads it: the unit's name, else its code. */
static const char *place(const char *name, const char *code)
{
  return name && *name ? name : code;
}

static void print_record(const struct person_record *r, const char *today)
{
  const struct person *p = &r->person;
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  printf("Hồ sơ số %ld: %s\n", p->id, p->full_name);
  if (p->merged_into)
    printf("  ĐÃ GỘP vào hồ sơ số %ld\n", p->merged_into);
  if (p->other_names[0])
    printf("  Tên gọi khác: %s\n", p->other_names);
  printf("  Ngày sinh: %s   Giới tính: %s   Dân tộc: %s\n", date_iso_to_vn(a, p->birth_date),
         label_vi(LABEL_SEX, p->sex), p->ethnicity[0] ? p->ethnicity : "-");
  printf("  Số định danh: %s\n", p->national_id[0] ? p->national_id : "(chưa có)");
  printf("  Nơi cư trú: %s (%s:%s)%s%s\n", place(p->unit_name, p->unit_code), p->unit_tree,
         p->unit_code, p->address[0] ? ", " : "", p->address);
  if (p->occupation[0] || p->occupation_group[0])
    printf("  Nghề nghiệp: %s%s%s%s\n", p->occupation, p->occupation_group[0] ? " [" : "",
           label_vi(LABEL_OCCUPATION_GROUP, p->occupation_group),
           p->occupation_group[0] ? "]" : "");
  printf("  Tình trạng: %s", person_status_label(&r->status));
  if (r->status.since[0])
    printf(" — sự kiện gần nhất %s", date_iso_to_vn(a, r->status.since));
  printf("\nLịch sử:\n");
  for (size_t i = 0; i < r->events.n; i++) {
    const struct person_event *e = &r->events.items[i];
    char id[24];
    snprintf(id, sizeof id, "#%ld", e->id);
    fputs("  ", stdout);
    cli_cell(stdout, id, 8);
    printf("%s  %s", date_iso_to_vn(a, e->date), person_event_label(e->kind));
    if (e->value[0])
      printf(" [%s]",
             e->kind == PEV_CLASSIFIED ? label_vi(LABEL_PERSON_CLASS, e->value) : e->value);
    if (e->facility[0])
      printf(" — %s", e->facility);
    if (e->decision_no[0])
      printf(" — QĐ %s ngày %s", e->decision_no, date_iso_to_vn(b, e->decision_date));
    if (e->kind == PEV_MOVED)
      printf(" — từ %s:%s đến %s:%s", e->from_tree, e->from_code, e->unit_tree, e->unit_code);
    if (e->ref_event_id)
      printf(" — hủy #%ld", e->ref_event_id);
    if (e->note[0])
      printf(" — %s", e->note);
    if (e->merged_from)
      printf(" (gộp từ hồ sơ %ld)", e->merged_from);
    putchar('\n');
  }
  if (!r->events.n)
    printf("  (chưa có sự kiện)\n");
  printf("Thời hạn đang chạy:\n");
  for (size_t i = 0; i < r->clocks.n; i++) {
    const struct person_clock *c = &r->clocks.items[i];
    char limit[64] = "", left[64];
    if (c->rule)
      legal_rule_describe(limit, sizeof limit, c->rule);
    printf("  %s: từ %s đến %s (%s; %s) — %s\n", person_clock_label(c->code),
           date_iso_to_vn(a, c->start), date_iso_to_vn(b, c->end), limit,
           c->rule ? c->rule->source : "", days_text(left, sizeof left, days_to(today, c->end)));
  }
  if (!r->clocks.n)
    printf("  (không có)\n");
}

/* Column widths of the search and due tables, in display columns. */
enum { W_ID = 8, W_NAME = 28, W_DATE = 12, W_NID = 14, W_PLACE = 26, W_LEFT = 18 };

static void print_hits(const struct person_hit_list *l)
{
  if (!l->n) {
    fprintf(stderr, "pcmt person search: không có ai khớp\n");
    return;
  }
  cli_cell(stdout, "Số", W_ID);
  cli_cell(stdout, "Họ tên", W_NAME);
  cli_cell(stdout, "Ngày sinh", W_DATE);
  cli_cell(stdout, "Số định danh", W_NID);
  cli_cell(stdout, "Nơi cư trú", W_PLACE);
  puts("Tình trạng");
  for (size_t i = 0; i < l->n; i++) {
    const struct person *p = &l->items[i].person;
    char id[24], a[DATE_ISO_LEN];
    snprintf(id, sizeof id, "%ld", p->id);
    cli_cell(stdout, id, W_ID);
    cli_cell(stdout, p->full_name, W_NAME);
    cli_cell(stdout, date_iso_to_vn(a, p->birth_date), W_DATE);
    cli_cell(stdout, p->national_id[0] ? p->national_id : "-", W_NID);
    cli_cell(stdout, place(p->unit_name, p->unit_code), W_PLACE);
    puts(person_status_label(&l->items[i].status));
  }
}

static void print_due_row(const struct person_due *d)
{
  char a[DATE_ISO_LEN], left[64], id[24];
  snprintf(id, sizeof id, "%ld", d->person_id);
  fputs("  ", stdout);
  cli_cell(stdout, date_iso_to_vn(a, d->clock.end), W_DATE);
  cli_cell(stdout, days_text(left, sizeof left, d->days_left), W_LEFT);
  cli_cell(stdout, id, W_ID);
  cli_cell(stdout, d->full_name, W_NAME);
  cli_cell(stdout, place(d->unit_name, d->unit_code), W_PLACE);
  printf("%s%s\n", person_clock_label(d->clock.code),
         d->moved_out ? " (đã chuyển đi; địa bàn cũ chuyển hồ sơ)" : "");
}

/* Two sections, each with its count: what falls due (in end-date order),
 * then what is overdue, the most recently overdue first, so that clocks
 * long overdue (a record never closed) come last and do not bury the work
 * of the coming days. */
static void print_due(const struct person_due_list *l, int within)
{
  size_t soon = 0;
  for (size_t i = 0; i < l->n; i++)
    soon += l->items[i].days_left >= 0;
  printf("Sắp đến hạn trong %d ngày tới (%zu)\n", within, soon);
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].days_left >= 0)
      print_due_row(&l->items[i]);
  if (!soon)
    printf("  (không có)\n");
  printf("Quá hạn (%zu)\n", l->n - soon);
  for (size_t i = l->n; i-- > 0;)
    if (l->items[i].days_left < 0)
      print_due_row(&l->items[i]);
  if (soon == l->n)
    printf("  (không có)\n");
}

static void print_pair_person(const struct person *p)
{
  char a[DATE_ISO_LEN];
  printf("  #%ld %s, sinh %s, %s, số định danh %s\n", p->id, p->full_name,
         date_iso_to_vn(a, p->birth_date), place(p->unit_name, p->unit_code),
         p->national_id[0] ? p->national_id : "(chưa có)");
}

static void print_pairs(const struct person_dup_list *l)
{
  for (size_t i = 0; i < l->n; i++) {
    printf("Cặp nghi trùng %zu:\n", i + 1);
    print_pair_person(&l->items[i].a);
    print_pair_person(&l->items[i].b);
  }
  if (!l->n)
    fprintf(stderr, "pcmt person duplicates: không có cặp nghi trùng nào\n");
}

/* ---------------------------------------------------------------------------
 * Subcommands
 * ------------------------------------------------------------------------- */

#define SET(dst, src) snprintf(dst, sizeof dst, "%s", (src) ? (src) : "")

static int person_add(const struct cli_global *g, const struct opts *o)
{
  if (!o->name || !o->dob || !o->sex || !o->unit || o->npos) {
    fprintf(stderr, "pcmt person add: cần --name, --dob, --sex và --unit (xã nơi cư trú)\n");
    return 2;
  }
  struct person p;
  memset(&p, 0, sizeof p);
  SET(p.full_name, o->name);
  SET(p.birth_date, o->dob);
  SET(p.sex, o->sex);
  SET(p.unit_code, o->unit);
  SET(p.unit_tree, o->tree);
  SET(p.national_id, o->id);
  SET(p.ethnicity, o->ethnicity);
  SET(p.address, o->address);
  SET(p.occupation, o->occupation);
  SET(p.occupation_group, o->occupation_group);
  SET(p.other_names, o->other_names);
  struct session s;
  int rc = session_open(&s, g, o, 0, 0);
  if (rc)
    return rc;
  struct err err = {0};
  long id;
  rc = app_person_add(&id, s.st, s.use, &p, s.today, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_id(&json, "id", id, &err);
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (json) {
    print_text(json);
  } else {
    printf("%ld\n", id);
    fprintf(stderr, "đã tạo hồ sơ số %ld: %s\n", id, p.full_name);
  }
  return 0;
}

/* Copy option value v into dst when it was given, marking input `pin` given. */
#define SET_GIVEN(dst, v, pin)                                                                     \
  do {                                                                                             \
    if (v) {                                                                                       \
      SET(dst, v);                                                                                 \
      given |= APP_PIN_BIT(pin);                                                                   \
    }                                                                                              \
  } while (0)

/* pcmt person edit: the record is read (an audited read), the options
 * given replace its fields, and the edit names the version read, unless
 * --version names the one the caller saw earlier. */
static int person_edit(const struct cli_global *g, const struct opts *o)
{
  long id;
  if (o->npos != 1 || parse_id(&id, o->pos[0])) {
    fprintf(stderr, "pcmt person edit: cách dùng: pcmt person edit ID --name ... (xem --help)\n");
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 1, 0);
  if (rc)
    return rc;
  struct person_record r;
  struct err err = {0};
  int changed = 0;
  rc = app_person_show(&r, s.st, s.use, id, NULL, &err);
  if (!rc) {
    struct person p = r.person;
    unsigned given = 0;
    SET_GIVEN(p.full_name, o->name, APP_PIN_NAME);
    SET_GIVEN(p.birth_date, o->dob, APP_PIN_BIRTH_DATE);
    SET_GIVEN(p.sex, o->sex, APP_PIN_SEX);
    SET_GIVEN(p.national_id, o->id, APP_PIN_NATIONAL_ID);
    SET_GIVEN(p.ethnicity, o->ethnicity, APP_PIN_ETHNICITY);
    SET_GIVEN(p.address, o->address, APP_PIN_ADDRESS);
    SET_GIVEN(p.occupation, o->occupation, APP_PIN_OCCUPATION);
    SET_GIVEN(p.occupation_group, o->occupation_group, APP_PIN_OCCUPATION_GROUP);
    SET_GIVEN(p.other_names, o->other_names, APP_PIN_OTHER_NAMES);
    struct app_person_errors errs;
    rc = app_person_update_form(&changed, NULL, &errs, s.st, s.use, &p, given,
                                o->version ? o->version : r.version, s.today, &err);
    person_record_free(&r);
  }
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (changed)
    fprintf(stderr, "đã sửa %d trường của hồ sơ số %ld\n", changed, id);
  else
    fprintf(stderr, "hồ sơ số %ld: không có trường nào thay đổi\n", id);
  return 0;
}

static int person_event(const struct cli_global *g, const struct opts *o)
{
  long id, ref;
  if (o->npos != 2 || parse_id(&id, o->pos[0]) || !o->date) {
    fprintf(stderr, "pcmt person event: cách dùng: pcmt person event ID KIND --date DATE ...\n");
    return 2;
  }
  if (parse_number(&ref, o->ref, 0, "--ref"))
    return 2;
  struct person_event e;
  memset(&e, 0, sizeof e);
  struct err err = {0};
  if (person_event_parse(&e.kind, o->pos[1], &err))
    return cli_fail(&err);
  if (e.kind == PEV_MOVED && !o->to) {
    fprintf(stderr, "pcmt person event: chuyển nơi cư trú cần --to MÃ_XÃ (nơi cư trú mới)%s\n",
            o->unit ? "; --unit chỉ giới hạn phạm vi thao tác" : "");
    return 2;
  }
  if (e.kind != PEV_MOVED && (o->to || o->to_tree)) {
    fprintf(stderr, "pcmt person event: --to chỉ dùng cho sự kiện chuyển nơi cư trú (moved)\n");
    return 2;
  }
  e.person_id = id;
  SET(e.date, o->date);
  SET(e.value, o->value);
  SET(e.facility, o->facility);
  SET(e.decision_no, o->decision);
  SET(e.decision_date, o->decision_date);
  SET(e.unit_code, o->to);
  SET(e.unit_tree, o->to_tree);
  SET(e.note, o->note);
  e.ref_event_id = ref;
  struct session s;
  int rc = session_open(&s, g, o, 1, 0);
  if (rc)
    return rc;
  long ev_id;
  rc = app_person_event(&ev_id, s.st, s.use, &e, s.today, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_id(&json, "event_id", ev_id, &err);
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (json)
    print_text(json);
  else
    printf("%ld\n", ev_id);
  return 0;
}

static int person_show(const struct cli_global *g, const struct opts *o)
{
  long id;
  if (o->npos != 1 || parse_id(&id, o->pos[0])) {
    fprintf(stderr, "pcmt person show: cách dùng: pcmt person show ID [--unit CODE] [--json]\n");
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 1, 1);
  if (rc)
    return rc;
  struct person_record r;
  struct err err = {0};
  rc = app_person_show(&r, s.st, s.use, id, &s.rules, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_record(&json, &r, s.today, &err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_record(&r, s.today);
  }
  person_record_free(&r);
  session_close(&s);
  return rc ? cli_fail(&err) : 0;
}

static int person_search_cmd(const struct cli_global *g, const struct opts *o)
{
  long limit;
  if (o->npos > 1) {
    fprintf(stderr, "pcmt person search: một câu tìm thôi; tên nhiều chữ đặt trong dấu ngoặc "
                    "kép (\"nguyen van dung\")\n");
    return 2;
  }
  if (parse_number(&limit, o->limit, 100, "--limit"))
    return 2;
  struct session s;
  int rc = session_open(&s, g, o, 1, 0);
  if (rc)
    return rc;
  struct person_hit_list l;
  struct err err = {0};
  rc = app_person_search(&l, s.st, s.use, o->npos ? o->pos[0] : NULL, o->status,
                         limit > 0 ? (size_t)limit : 100, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_hits(&json, &l, &err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_hits(&l);
  }
  person_hit_list_free(&l);
  session_close(&s);
  return rc ? cli_fail(&err) : 0;
}

static int person_due_cmd(const struct cli_global *g, const struct opts *o)
{
  long within;
  if (o->npos) {
    fprintf(stderr, "pcmt person due: thừa đối số '%s'\n", o->pos[0]);
    return 2;
  }
  if (parse_number(&within, o->within, 30, "--within"))
    return 2;
  if (within > 36500) {
    fprintf(stderr, "pcmt person due: --within %ld: tối đa 36500 ngày\n", within);
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 1, 1);
  if (rc)
    return rc;
  struct person_due_list l;
  struct err err = {0};
  rc = app_person_due(&l, s.st, s.use, &s.rules, s.today, (int)within, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_due(&json, &l, s.today, &err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_due(&l, (int)within);
  }
  person_due_list_free(&l);
  session_close(&s);
  return rc ? cli_fail(&err) : 0;
}

static int person_duplicates_cmd(const struct cli_global *g, const struct opts *o)
{
  if (o->npos) {
    fprintf(stderr, "pcmt person duplicates: thừa đối số '%s'\n", o->pos[0]);
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 1, 0);
  if (rc)
    return rc;
  struct person_dup_list l;
  struct err err = {0};
  rc = app_person_duplicates(&l, s.st, s.use, &err);
  char *json = NULL;
  if (!rc && o->json)
    rc = person_json_dump_pairs(&json, &l, &err);
  if (!rc) {
    if (json)
      print_text(json);
    else
      print_pairs(&l);
  }
  person_dup_list_free(&l);
  session_close(&s);
  return rc ? cli_fail(&err) : 0;
}

static int person_pair(const struct cli_global *g, const struct opts *o, int merge)
{
  const char *sub = merge ? "merge" : "dismiss";
  long a, b;
  if (o->npos != 2 || parse_id(&a, o->pos[0]) || parse_id(&b, o->pos[1])) {
    fprintf(stderr, "pcmt person %s: cách dùng: pcmt person %s A B [--unit CODE]\n", sub, sub);
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 1, 0);
  if (rc)
    return rc;
  struct err err = {0};
  rc = merge ? app_person_merge(s.st, s.use, a, b, s.today, &err)
             : app_person_dismiss(s.st, s.use, a, b, &err);
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (merge)
    printf("đã gộp hồ sơ %ld vào hồ sơ %ld\n", b, a);
  else
    printf("đã ghi nhận hồ sơ %ld và %ld không trùng\n", a, b);
  return 0;
}

/* The event kinds: a listing of the label table, no database. */
static int person_kinds(const struct opts *o)
{
  if (o->npos) {
    fprintf(stderr, "pcmt person kinds: thừa đối số '%s'\n", o->pos[0]);
    return 2;
  }
  size_t n;
  const struct label *l = label_items(LABEL_EVENT_KIND, &n);
  for (size_t i = 0; i < n; i++) {
    cli_cell(stdout, l[i].code, 34);
    puts(l[i].vi);
  }
  return 0;
}

int cmd_person(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(person_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  unsigned bit = 0;
  for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
    if (strcmp(argv[1], subcommands[i].name) == 0)
      bit = subcommands[i].bit;
  if (!bit) {
    fprintf(stderr, "pcmt person: không có lệnh '%s'\n%s", argv[1], person_help);
    return 2;
  }
  struct opts o;
  if (parse_opts(&o, bit, argc, argv))
    return 2;
  switch (bit) {
  case S_ADD:
    return person_add(g, &o);
  case S_EVENT:
    return person_event(g, &o);
  case S_EDIT:
    return person_edit(g, &o);
  case S_SHOW:
    return person_show(g, &o);
  case S_SEARCH:
    return person_search_cmd(g, &o);
  case S_DUE:
    return person_due_cmd(g, &o);
  case S_DUPS:
    return person_duplicates_cmd(g, &o);
  case S_MERGE:
    return person_pair(g, &o, 1);
  case S_DISMISS:
    return person_pair(g, &o, 0);
  default:
    return person_kinds(&o);
  }
}
