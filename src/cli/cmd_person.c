/* cmd_person.c: `pcmt person` — add, record events, show, search, due list, duplicates.
 *
 * The CLI acts as a named local administrator with national scope: the user
 * is $USER (or --as NAME), the purpose --purpose (default "quản trị"); both
 * go into the audit trail with every read and change. --unit narrows the
 * territory of a listing to a unit's subtree. */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "base/date.h"
#include "cli/cli_registers.h"
#include "domain/legal_rule.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store.h"

static const char person_help[] =
    "usage: pcmt person add --name NAME --dob DATE --sex nam|nữ --unit CODE [--tree T]\n"
    "                       [--id CCCD] [--ethnicity E] [--address A] [--occupation O]\n"
    "                       [--occupation-group G] [--other-names \"X; Y\"]\n"
    "       pcmt person event ID KIND --date DATE [--value V] [--facility F]\n"
    "                       [--decision NO --decision-date DATE] [--unit CODE [--tree T]]\n"
    "                       [--ref EVENT_ID] [--note TEXT]\n"
    "       pcmt person show ID [--json]\n"
    "       pcmt person search [TEXT] [--unit CODE] [--status S] [--limit N] [--json]\n"
    "       pcmt person due [--unit CODE] [--within DAYS] [--today DATE] [--json]\n"
    "       pcmt person duplicates [--json]\n"
    "       pcmt person merge A B\n"
    "       pcmt person dismiss A B\n"
    "       pcmt person kinds\n\n"
    "Every command takes --as NAME (default $USER) and --purpose TEXT (default \"quản trị\"),\n"
    "recorded in the audit trail. Dates are YYYY-MM-DD or dd/mm/yyyy. --unit is a unit code of\n"
    "today's tree unless --tree names pre2025. Statuses: addict, user, suspected, psychosis,\n"
    "managed, rehab_compulsory, rehab_voluntary_facility, rehab_voluntary_community, ost,\n"
    "aftercare, removed, died, none. Event kinds: pcmt person kinds. Docs: docs/registers.md\n";

struct opts {
  const char *pos[3]; /* positional arguments after the subcommand */
  int npos;
  const char *as, *purpose, *unit, *tree, *status, *today;
  const char *name, *dob, *sex, *id, *ethnicity, *address, *occupation, *occupation_group;
  const char *other_names, *date, *value, *facility, *decision, *decision_date, *note;
  long ref, limit, within;
  int json;
};

/* Option names and where they go; NULL target = flag or number handled below. */
#define OPT(name, field)                                                                           \
  {                                                                                                \
    name, offsetof(struct opts, field)                                                             \
  }
static const struct {
  const char *name;
  size_t off;
} text_opts[] = {
    OPT("--as", as),
    OPT("--purpose", purpose),
    OPT("--unit", unit),
    OPT("--tree", tree),
    OPT("--status", status),
    OPT("--today", today),
    OPT("--name", name),
    OPT("--dob", dob),
    OPT("--sex", sex),
    OPT("--id", id),
    OPT("--ethnicity", ethnicity),
    OPT("--address", address),
    OPT("--occupation", occupation),
    OPT("--occupation-group", occupation_group),
    OPT("--other-names", other_names),
    OPT("--date", date),
    OPT("--value", value),
    OPT("--result", value),
    OPT("--medicine", value),
    OPT("--facility", facility),
    OPT("--decision", decision),
    OPT("--decision-date", decision_date),
    OPT("--note", note),
    OPT("--reason", note),
};

static int parse_long(long *out, const char *s, const char *what)
{
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < 0) {
    fprintf(stderr, "pcmt person: %s \"%s\" phải là số tự nhiên\n", what, s);
    return 2;
  }
  *out = v;
  return 0;
}

static int parse_opts(struct opts *o, int argc, char **argv)
{
  memset(o, 0, sizeof *o);
  o->within = -1;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--json") == 0) {
      o->json = 1;
      continue;
    }
    if (a[0] == '-' && a[1] == '-') {
      if (i + 1 >= argc) {
        fprintf(stderr, "pcmt person: option '%s' needs a value\n", a);
        return 2;
      }
      const char *v = argv[++i];
      if (strcmp(a, "--ref") == 0) {
        if (parse_long(&o->ref, v, "--ref"))
          return 2;
        continue;
      }
      if (strcmp(a, "--limit") == 0) {
        if (parse_long(&o->limit, v, "--limit"))
          return 2;
        continue;
      }
      if (strcmp(a, "--within") == 0) {
        if (parse_long(&o->within, v, "--within"))
          return 2;
        continue;
      }
      size_t k = 0;
      for (; k < sizeof text_opts / sizeof text_opts[0]; k++)
        if (strcmp(a, text_opts[k].name) == 0)
          break;
      if (k == sizeof text_opts / sizeof text_opts[0]) {
        fprintf(stderr, "pcmt person: unknown option '%s'\n", a);
        return 2;
      }
      *(const char **)((char *)o + text_opts[k].off) = v;
      continue;
    }
    if (o->npos == 3) {
      fprintf(stderr, "pcmt person: unexpected argument '%s'\n", a);
      return 2;
    }
    o->pos[o->npos++] = a;
  }
  return 0;
}

/* ISO form of a date option into buf, or NULL on a bad date (message printed). */
static const char *iso_opt(char *buf, const char *text)
{
  struct date d;
  struct err err = {0};
  if (date_parse(&d, text, 0, &err)) {
    cli_fail(&err);
    return NULL;
  }
  date_to_iso(buf, d);
  return buf;
}

static void print_json(json_t *j)
{
  char *s = json_dumps(j, JSON_INDENT(2));
  if (s) {
    puts(s);
    free(s);
  }
  json_decref(j);
}

/* ---------------------------------------------------------------------------
 * The session: store, caller, rules
 * ------------------------------------------------------------------------- */

struct session {
  struct store *st;
  struct scope sc; /* the administrator, national */
  struct scope narrowed;
  const struct scope *use; /* sc, or narrowed with --unit */
  struct legal_rule_set rules;
  char today[DATE_ISO_LEN];
};

static void session_close(struct session *s)
{
  legal_rule_set_free(&s->rules);
  store_close(s->st);
}

/* Open the store, set up the caller and, when `narrow`, the --unit subtree. */
static int session_open(struct session *s, const struct cli_global *g, const struct opts *o,
                        int narrow)
{
  memset(s, 0, sizeof *s);
  struct err err = {0};
  date_to_iso(s->today, date_today());
  if (o->today && !iso_opt(s->today, o->today))
    return 2;
  int rc = cli_open_store(&s->st, g, &err);
  if (!rc)
    rc = cli_caller(&s->sc, s->st, o->as, o->purpose, &err);
  s->use = &s->sc;
  if (!rc && narrow && o->unit) {
    rc = app_caller_narrow(&s->narrowed, s->st, &s->sc, o->tree, o->unit, &err);
    s->use = &s->narrowed;
  }
  if (!rc)
    rc = legal_rules_load(&s->rules, s->st, &err);
  if (rc) {
    session_close(s);
    return cli_fail(&err);
  }
  return 0;
}

static int parse_id(long *out, const char *s)
{
  if (!s)
    return 2;
  long v;
  if (parse_long(&v, s, "số hồ sơ") || v == 0)
    return 2;
  *out = v;
  return 0;
}

/* ---------------------------------------------------------------------------
 * Subcommands
 * ------------------------------------------------------------------------- */

#define SET(dst, src) snprintf(dst, sizeof dst, "%s", (src) ? (src) : "")

static int person_add(const struct cli_global *g, const struct opts *o)
{
  if (!o->name || !o->dob || !o->sex || !o->unit) {
    fprintf(stderr, "pcmt person add: --name, --dob, --sex and --unit are required\n");
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 0);
  if (rc)
    return rc;
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
  struct err err = {0};
  long new_id;
  rc = app_person_add(&new_id, s.st, s.use, &p, s.today, &err);
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (o->json) {
    print_json(json_pack("{s:I}", "id", (json_int_t)p.id));
  } else {
    printf("%ld\n", p.id);
    fprintf(stderr, "đã tạo hồ sơ số %ld: %s\n", p.id, p.full_name);
  }
  return 0;
}

static int person_event(const struct cli_global *g, const struct opts *o)
{
  long id;
  if (o->npos < 2 || parse_id(&id, o->pos[0]) || !o->date) {
    fprintf(stderr, "pcmt person event: usage: pcmt person event ID KIND --date DATE ...\n");
    return 2;
  }
  struct person_event e;
  memset(&e, 0, sizeof e);
  struct err err = {0};
  if (person_event_parse(&e.kind, o->pos[1], &err))
    return cli_fail(&err);
  e.person_id = id;
  SET(e.date, o->date);
  SET(e.value, o->value);
  SET(e.facility, o->facility);
  SET(e.decision_no, o->decision);
  SET(e.decision_date, o->decision_date);
  SET(e.unit_code, o->unit);
  SET(e.unit_tree, o->tree);
  SET(e.note, o->note);
  e.ref_event_id = o->ref;
  struct session s;
  int rc = session_open(&s, g, o, 0);
  if (rc)
    return rc;
  long ev_id;
  rc = app_person_event(&ev_id, s.st, s.use, &e, s.today, &err);
  session_close(&s);
  if (rc)
    return cli_fail(&err);
  if (o->json)
    print_json(json_pack("{s:I}", "event_id", (json_int_t)e.id));
  else
    printf("%ld\n", e.id);
  return 0;
}

static long days_between(const char *from, const char *to)
{
  struct date a, b;
  if (date_parse(&a, from, 0, NULL) || date_parse(&b, to, 0, NULL))
    return 0;
  return date_to_days(b) - date_to_days(a);
}

static json_t *person_json(const struct person *p)
{
  return json_pack(
      "{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id,
      "full_name", p->full_name, "other_names", p->other_names, "birth_date", p->birth_date, "sex",
      p->sex, "ethnicity", p->ethnicity, "national_id", p->national_id[0] ? p->national_id : NULL,
      "unit_tree", p->unit_tree, "unit_code", p->unit_code, "address", p->address, "occupation",
      p->occupation, "occupation_group", p->occupation_group, "created_at", p->created_at);
}

static json_t *status_json(const struct person_status *st)
{
  return json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:i, s:i, s:s}", "code", person_status_code(st),
                   "label", person_status_label(st), "class",
                   st->cls == PCLASS_ADDICT      ? "addict"
                   : st->cls == PCLASS_USER      ? "user"
                   : st->cls == PCLASS_SUSPECTED ? "suspected"
                   : st->cls == PCLASS_PSYCHOSIS ? "psychosis"
                                                 : "none",
                   "managed", st->managed, "ost", st->ost, "aftercare", st->aftercare,
                   "rehab_count", st->rehab_count, "relapses", st->relapses, "since", st->since);
}

static json_t *clock_json(const struct person_clock *c, const char *today)
{
  char limit[64];
  legal_rule_describe(limit, sizeof limit, c->rule);
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "code", c->code, "label",
                   person_clock_label(c->code), "condition", c->condition, "start", c->start, "end",
                   c->end, "days_left", (json_int_t)days_between(today, c->end), "limit", limit,
                   "source", c->rule->source, "event_id", (json_int_t)c->event_id);
}

static void print_clock(const struct person_clock *c, const char *today)
{
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN], limit[64];
  legal_rule_describe(limit, sizeof limit, c->rule);
  long left = days_between(today, c->end);
  printf("  %s: từ %s đến %s (%s; %s)", person_clock_label(c->code), date_iso_to_vn(a, c->start),
         date_iso_to_vn(b, c->end), limit, c->rule->source);
  if (left < 0)
    printf(" — quá hạn %ld ngày\n", -left);
  else
    printf(" — còn %ld ngày\n", left);
}

static int person_show(const struct cli_global *g, const struct opts *o)
{
  long id;
  if (o->npos < 1 || parse_id(&id, o->pos[0])) {
    fprintf(stderr, "pcmt person show: usage: pcmt person show ID [--json]\n");
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 0);
  if (rc)
    return rc;
  struct person_record r;
  struct err err = {0};
  rc = app_person_show(&r, s.st, s.use, id, &s.rules, &err);
  if (rc) {
    session_close(&s);
    return cli_fail(&err);
  }
  const struct person *p = &r.person;
  if (o->json) {
    json_t *j = person_json(p);
    json_object_set_new(j, "unit_name", json_string(p->unit_name));
    json_object_set_new(j, "merged_into",
                        p->merged_into ? json_integer(p->merged_into) : json_null());
    json_object_set_new(j, "status", status_json(&r.status));
    json_t *evs = json_array();
    for (size_t i = 0; i < r.events.n; i++) {
      const struct person_event *e = &r.events.items[i];
      json_t *je = json_pack(
          "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "kind",
          person_event_code(e->kind), "label", person_event_label(e->kind), "date", e->date,
          "value", e->value, "facility", e->facility, "decision_no", e->decision_no,
          "decision_date", e->decision_date, "note", e->note, "recorded_by", e->recorded_by);
      if (e->kind == PEV_MOVED) {
        json_object_set_new(je, "from",
                            json_pack("{s:s, s:s}", "tree", e->from_tree, "code", e->from_code));
        json_object_set_new(je, "to",
                            json_pack("{s:s, s:s}", "tree", e->unit_tree, "code", e->unit_code));
      }
      if (e->ref_event_id)
        json_object_set_new(je, "voids", json_integer(e->ref_event_id));
      if (e->merged_from)
        json_object_set_new(je, "merged_from", json_integer(e->merged_from));
      json_array_append_new(evs, je);
    }
    json_object_set_new(j, "events", evs);
    json_t *cls = json_array();
    for (size_t i = 0; i < r.clocks.n; i++)
      json_array_append_new(cls, clock_json(&r.clocks.items[i], s.today));
    json_object_set_new(j, "clocks", cls);
    print_json(j);
  } else {
    char a[DATE_ISO_LEN];
    printf("Hồ sơ số %ld: %s\n", p->id, p->full_name);
    if (p->merged_into)
      printf("  ĐÃ GỘP vào hồ sơ số %ld\n", p->merged_into);
    if (p->other_names[0])
      printf("  Tên gọi khác: %s\n", p->other_names);
    printf("  Ngày sinh: %s   Giới tính: %s   Dân tộc: %s\n", date_iso_to_vn(a, p->birth_date),
           strcmp(p->sex, "female") == 0 ? "nữ" : "nam", p->ethnicity[0] ? p->ethnicity : "-");
    printf("  Số định danh: %s\n", p->national_id[0] ? p->national_id : "(chưa có)");
    printf("  Nơi cư trú: %s (%s:%s)%s%s\n", p->unit_name, p->unit_tree, p->unit_code,
           p->address[0] ? ", " : "", p->address);
    if (p->occupation[0] || p->occupation_group[0])
      printf("  Nghề nghiệp: %s%s%s%s\n", p->occupation, p->occupation_group[0] ? " [" : "",
             p->occupation_group, p->occupation_group[0] ? "]" : "");
    printf("  Tình trạng: %s (%s)", person_status_label(&r.status), person_status_code(&r.status));
    if (r.status.since[0])
      printf(" — sự kiện gần nhất %s", date_iso_to_vn(a, r.status.since));
    printf("\nLịch sử:\n");
    for (size_t i = 0; i < r.events.n; i++) {
      const struct person_event *e = &r.events.items[i];
      printf("  #%-6ld %s  %s", e->id, date_iso_to_vn(a, e->date), person_event_label(e->kind));
      if (e->value[0])
        printf(" [%s]", e->value);
      if (e->facility[0])
        printf(" — %s", e->facility);
      if (e->decision_no[0]) {
        char b[DATE_ISO_LEN];
        printf(" — QĐ %s ngày %s", e->decision_no, date_iso_to_vn(b, e->decision_date));
      }
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
    if (!r.events.n)
      printf("  (chưa có sự kiện)\n");
    printf("Thời hạn đang chạy:\n");
    for (size_t i = 0; i < r.clocks.n; i++)
      print_clock(&r.clocks.items[i], s.today);
    if (!r.clocks.n)
      printf("  (không có)\n");
  }
  person_record_free(&r);
  session_close(&s);
  return 0;
}

static int person_search_cmd(const struct cli_global *g, const struct opts *o)
{
  struct session s;
  int rc = session_open(&s, g, o, 1);
  if (rc)
    return rc;
  struct person_hit_list l;
  struct err err = {0};
  rc = app_person_search(&l, s.st, s.use, o->npos ? o->pos[0] : NULL, o->status,
                         o->limit > 0 ? (size_t)o->limit : 100, &err);
  if (rc) {
    session_close(&s);
    return cli_fail(&err);
  }
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
      json_t *j = person_json(&l.items[i].person);
      json_object_set_new(j, "status", status_json(&l.items[i].status));
      json_array_append_new(arr, j);
    }
    print_json(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct person *p = &l.items[i].person;
      char a[DATE_ISO_LEN];
      struct unit u;
      const char *place = p->unit_code;
      char label[200];
      if (unit_get(&u, s.st, p->unit_tree, p->unit_code, NULL, NULL) == ERR_OK) {
        snprintf(label, sizeof label, "%s %s", u.type, u.name);
        place = label;
      }
      printf("%-7ld %-28s %s  %-12s  %-24s %s\n", p->id, p->full_name,
             date_iso_to_vn(a, p->birth_date), p->national_id[0] ? p->national_id : "-", place,
             person_status_code(&l.items[i].status));
    }
    if (!l.n)
      fprintf(stderr, "pcmt person search: không có ai khớp\n");
  }
  person_hit_list_free(&l);
  session_close(&s);
  return 0;
}

static int person_due_cmd(const struct cli_global *g, const struct opts *o)
{
  struct session s;
  int rc = session_open(&s, g, o, 1);
  if (rc)
    return rc;
  int within = o->within >= 0 ? (int)o->within : 30;
  struct person_due_list l;
  struct err err = {0};
  rc = app_person_due(&l, s.st, s.use, &s.rules, s.today, within, &err);
  if (rc) {
    session_close(&s);
    return cli_fail(&err);
  }
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++) {
      const struct person_due *d = &l.items[i];
      json_t *j = clock_json(&d->clock, s.today);
      json_object_set_new(j, "person_id", json_integer(d->person_id));
      json_object_set_new(j, "full_name", json_string(d->full_name));
      json_object_set_new(j, "unit_tree", json_string(d->unit_tree));
      json_object_set_new(j, "unit_code", json_string(d->unit_code));
      json_object_set_new(j, "moved_out", json_boolean(d->moved_out));
      json_array_append_new(arr, j);
    }
    print_json(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct person_due *d = &l.items[i];
      char a[DATE_ISO_LEN];
      char left[64];
      if (d->days_left < 0)
        snprintf(left, sizeof left, "quá hạn %ld ngày", -d->days_left);
      else
        snprintf(left, sizeof left, "còn %ld ngày", d->days_left);
      printf("%s  %-16s #%-7ld %-28s %s:%s  %s%s\n", date_iso_to_vn(a, d->clock.end), left,
             d->person_id, d->full_name, d->unit_tree, d->unit_code,
             person_clock_label(d->clock.code),
             d->moved_out ? " (đã chuyển đi; địa bàn cũ chuyển hồ sơ)" : "");
    }
    if (!l.n)
      fprintf(stderr, "pcmt person due: không có thời hạn nào trong %d ngày tới\n", within);
  }
  person_due_list_free(&l);
  session_close(&s);
  return 0;
}

static int person_duplicates_cmd(const struct cli_global *g, const struct opts *o)
{
  struct session s;
  int rc = session_open(&s, g, o, 1);
  if (rc)
    return rc;
  struct person_dup_list l;
  struct err err = {0};
  rc = app_person_duplicates(&l, s.st, s.use, &err);
  if (rc) {
    session_close(&s);
    return cli_fail(&err);
  }
  if (o->json) {
    json_t *arr = json_array();
    for (size_t i = 0; i < l.n; i++)
      json_array_append_new(arr, json_pack("{s:o, s:o, s:s}", "a", person_json(&l.items[i].a), "b",
                                           person_json(&l.items[i].b), "flagged_at",
                                           l.items[i].flagged_at));
    print_json(arr);
  } else {
    for (size_t i = 0; i < l.n; i++) {
      const struct person *a = &l.items[i].a, *b = &l.items[i].b;
      char da[DATE_ISO_LEN];
      printf("#%ld %s (%s, %s:%s, CCCD %s)  ~  #%ld %s (%s:%s, CCCD %s)  sinh %s\n", a->id,
             a->full_name, date_iso_to_vn(da, a->birth_date), a->unit_tree, a->unit_code,
             a->national_id[0] ? a->national_id : "-", b->id, b->full_name, b->unit_tree,
             b->unit_code, b->national_id[0] ? b->national_id : "-", da);
    }
    if (!l.n)
      fprintf(stderr, "pcmt person duplicates: không có cặp nghi trùng nào\n");
  }
  person_dup_list_free(&l);
  session_close(&s);
  return 0;
}

static int person_pair(const struct cli_global *g, const struct opts *o, int merge)
{
  long a, b;
  if (o->npos < 2 || parse_id(&a, o->pos[0]) || parse_id(&b, o->pos[1])) {
    fprintf(stderr, "pcmt person %s: usage: pcmt person %s A B\n", merge ? "merge" : "dismiss",
            merge ? "merge" : "dismiss");
    return 2;
  }
  struct session s;
  int rc = session_open(&s, g, o, 0);
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

static int person_kinds(void)
{
  for (int k = 0; k < PEV_COUNT; k++)
    printf("%-34s %s\n", person_event_code((enum person_event_kind)k),
           person_event_label((enum person_event_kind)k));
  return 0;
}

int cmd_person(int argc, char **argv, const struct cli_global *g)
{
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(person_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  struct opts o;
  if (parse_opts(&o, argc, argv))
    return 2;
  const char *sub = argv[1];
  if (strcmp(sub, "add") == 0)
    return person_add(g, &o);
  if (strcmp(sub, "event") == 0)
    return person_event(g, &o);
  if (strcmp(sub, "show") == 0)
    return person_show(g, &o);
  if (strcmp(sub, "search") == 0)
    return person_search_cmd(g, &o);
  if (strcmp(sub, "due") == 0)
    return person_due_cmd(g, &o);
  if (strcmp(sub, "duplicates") == 0)
    return person_duplicates_cmd(g, &o);
  if (strcmp(sub, "merge") == 0)
    return person_pair(g, &o, 1);
  if (strcmp(sub, "dismiss") == 0)
    return person_pair(g, &o, 0);
  if (strcmp(sub, "kinds") == 0)
    return person_kinds();
  fprintf(stderr, "pcmt person: unknown subcommand '%s'\n%s", sub, person_help);
  return 2;
}
