/* person.c: the people register — validation, the history walk, clocks, keys and writers.
 *
 * The history walk (replay) is the heart of this file. Events are sorted by
 * date, then by id (a new event, id 0, comes after those of its day), voided
 * events and the void events themselves are set aside, and the rest are
 * applied one by one to a small state: classification, management record
 * open, the rehab running (and whether for a minor), substitution treatment,
 * post-rehab management, removed, dead. Each kind states what must hold
 * before it (its transition rule); the first event that breaks one stops the
 * walk with a message for a person. The same walk, run again with the legal
 * rules, starts and stops the clocks (person_clocks). */
#include "domain/person.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/person_access.h"
#include "domain/person_span.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"
#include "types/label.h"

#define FAR_FUTURE "9999-12-31" /* replay bound when reading stored history */

/* ---------------------------------------------------------------------------
 * Lists
 * ------------------------------------------------------------------------- */

void person_clock_list_free(struct person_clock_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_hit_list_free(struct person_hit_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_due_list_free(struct person_due_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_record_free(struct person_record *r)
{
  if (!r)
    return;
  person_event_list_free(&r->events);
  person_clock_list_free(&r->clocks);
  person_link_list_free(&r->links);
}

/* ---------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------- */

/* Parse a date in any accepted form into ISO in place. */
static int normalise_date(char *iso, const char *what, struct err *err)
{
  struct date d;
  struct err e = {0};
  if (!*iso)
    return err_set(err, ERR_INPUT, "thiếu %s", what);
  if (date_parse(&d, iso, 0, &e))
    return err_set(err, ERR_INPUT, "%s \"%s\" không hợp lệ: %s", what, iso, e.msg);
  date_to_iso(iso, d);
  return ERR_OK;
}

static int check_text(const char *s, size_t max, const char *what, struct err *err)
{
  size_t n = strlen(s);
  if (n >= max)
    return err_set(err, ERR_INPUT, "%s quá dài (tối đa %zu byte)", what, max - 1);
  if (!text_utf8_valid(s, n))
    return err_set(err, ERR_INPUT, "%s không phải văn bản UTF-8 hợp lệ", what);
  return ERR_OK;
}

static int all_digits(const char *s, size_t n)
{
  if (strlen(s) != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

int person_age_on(const char *birth_date, const char *on)
{
  struct date b, d;
  if (date_parse(&b, birth_date, 0, NULL) || date_parse(&d, on, 0, NULL))
    return -1;
  int age = d.y - b.y;
  if (d.m < b.m || (d.m == b.m && d.d < b.d))
    age--;
  return age;
}

/* ---------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------- */

static const char *const occupation_groups[] = {"",        "free_labour", "construction",
                                                "student", "unemployed",  "other"};

int person_validate(struct person *p, const char *today, struct err *err)
{
  if (!p->full_name[0])
    return err_set(err, ERR_INPUT, "thiếu họ và tên");
  int rc = check_text(p->full_name, sizeof p->full_name, "họ và tên", err);
  if (!rc)
    rc = check_text(p->other_names, sizeof p->other_names, "tên gọi khác", err);
  if (!rc)
    rc = check_text(p->ethnicity, sizeof p->ethnicity, "dân tộc", err);
  if (!rc)
    rc = check_text(p->address, sizeof p->address, "địa chỉ", err);
  if (!rc)
    rc = check_text(p->occupation, sizeof p->occupation, "nghề nghiệp", err);
  if (rc)
    return rc;
  if (!text_has_alnum(p->full_name))
    return err_set(err, ERR_INPUT, "họ và tên \"%s\" không có chữ cái nào", p->full_name);
  rc = normalise_date(p->birth_date, "ngày sinh", err);
  if (rc)
    return rc;
  if (today && strcmp(p->birth_date, today) > 0) {
    char a[DATE_ISO_LEN];
    return err_set(err, ERR_INPUT, "ngày sinh %s ở tương lai", date_iso_to_vn(a, p->birth_date));
  }
  if (strcmp(p->birth_date, "1900-01-01") < 0)
    return err_set(err, ERR_INPUT, "ngày sinh %s quá xa (trước năm 1900)", p->birth_date);
  /* the codes as stored and exported need no folding */
  char *sex = NULL;
  const char *s = p->sex;
  if (strcmp(s, "male") && strcmp(s, "female")) {
    if (text_key(&sex, p->sex, NULL))
      sex = NULL;
    s = sex ? sex : "";
  }
  if (strcmp(s, "male") == 0 || strcmp(s, "nam") == 0)
    snprintf(p->sex, sizeof p->sex, "male");
  else if (strcmp(s, "female") == 0 || strcmp(s, "nu") == 0)
    snprintf(p->sex, sizeof p->sex, "female");
  else
    rc = err_set(err, ERR_INPUT, "giới tính \"%s\" không hợp lệ (nam hoặc nữ)", p->sex);
  free(sex);
  if (rc)
    return rc;
  if (p->national_id[0] && !all_digits(p->national_id, 12))
    return err_set(err, ERR_INPUT, "số định danh \"%s\" phải gồm đúng 12 chữ số%s", p->national_id,
                   person_national_id_hint(p->national_id));
  if (!p->unit_code[0])
    return err_set(err, ERR_INPUT, "thiếu đơn vị hành chính nơi cư trú");
  if (!p->unit_tree[0])
    snprintf(p->unit_tree, sizeof p->unit_tree, "%s", UNIT_TREE_NEW);
  size_t g = 0;
  for (; g < sizeof occupation_groups / sizeof occupation_groups[0]; g++)
    if (strcmp(p->occupation_group, occupation_groups[g]) == 0)
      break;
  if (g == sizeof occupation_groups / sizeof occupation_groups[0])
    return err_set(err, ERR_INPUT,
                   "nhóm nghề \"%s\" không hợp lệ (free_labour, construction, student, "
                   "unemployed, other)",
                   p->occupation_group);
  return ERR_OK;
}

const char *person_national_id_hint(const char *id)
{
  return strchr(id, '+') && (strchr(id, 'E') || strchr(id, 'e'))
             ? " (bảng tính đã đổi số thành dạng số mũ: định dạng cột là Văn bản (Text) rồi "
               "nhập lại số từ tệp gốc)"
             : "";
}

int person_check_national_id(struct store *st, const char *id, struct err *err)
{
  if (!all_digits(id, 12))
    return err_set(err, ERR_INPUT, "số định danh \"%s\" phải gồm đúng 12 chữ số%s", id,
                   person_national_id_hint(id));
  char prefix[4] = {id[0], id[1], id[2], '\0'};
  int known = 0;
  int rc = store_national_id_prefix_known(&known, st, prefix, err);
  if (rc)
    return rc;
  if (!known)
    return err_set(err, ERR_INPUT,
                   "số định danh \"%s\": ba số đầu %s không phải mã tỉnh của căn cước "
                   "(001-096)",
                   id, prefix);
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Event kinds
 * ------------------------------------------------------------------------- */

const char *person_event_label(enum person_event_kind kind)
{
  return (unsigned)kind < PEV_COUNT ? label_at(LABEL_EVENT_KIND, (size_t)kind) : "?";
}

static int value_in(const char *v, const char *const *allowed, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(v, allowed[i]) == 0)
      return 1;
  return 0;
}

static const char *const class_values[] = {"suspected", "user", "addict", "psychosis"};
static const char *const determination_values[] = {"addict", "not_addict"};
static const char *const ost_values[] = {"methadone", "buprenorphine"};

int person_event_validate(struct person_event *ev, struct err *err)
{
  if ((unsigned)ev->kind >= PEV_COUNT)
    return err_set(err, ERR_INPUT, "loại sự kiện không hợp lệ");
  const char *what = person_event_label(ev->kind);
  int rc = normalise_date(ev->date, "ngày của sự kiện", err);
  if (!rc)
    rc = check_text(ev->facility, sizeof ev->facility, "tên cơ sở", err);
  if (!rc)
    rc = check_text(ev->decision_no, sizeof ev->decision_no, "số quyết định", err);
  if (!rc)
    rc = check_text(ev->note, sizeof ev->note, "ghi chú", err);
  if (rc)
    return rc;
  switch (ev->kind) {
  case PEV_CLASSIFIED:
    if (!value_in(ev->value, class_values, 4))
      return err_set(err, ERR_INPUT,
                     "%s: loại đối tượng \"%s\" không hợp lệ (suspected, user, addict, "
                     "psychosis)",
                     what, ev->value);
    break;
  case PEV_DETERMINATION:
    if (!ev->facility[0])
      return err_set(err, ERR_INPUT, "%s: thiếu tên cơ sở y tế đủ điều kiện xác định", what);
    if (!value_in(ev->value, determination_values, 2))
      return err_set(err, ERR_INPUT, "%s: kết quả \"%s\" không hợp lệ (addict hoặc not_addict)",
                     what, ev->value);
    break;
  case PEV_REHAB_FACILITY_START:
    if (!ev->facility[0])
      return err_set(err, ERR_INPUT, "%s: thiếu tên cơ sở cai nghiện", what);
    break;
  case PEV_REHAB_COMPULSORY_START:
    if (!ev->decision_no[0] || !ev->decision_date[0])
      return err_set(err, ERR_INPUT,
                     "%s: phải có số và ngày quyết định của Tòa án (--decision, "
                     "--decision-date)",
                     what);
    rc = normalise_date(ev->decision_date, "ngày quyết định của Tòa án", err);
    if (rc)
      return rc;
    if (strcmp(ev->decision_date, ev->date) > 0) {
      char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
      return err_set(err, ERR_INPUT, "%s: quyết định của Tòa án (%s) sau ngày bắt đầu (%s)", what,
                     date_iso_to_vn(a, ev->decision_date), date_iso_to_vn(b, ev->date));
    }
    break;
  case PEV_OST_START:
    if (!ev->facility[0])
      return err_set(err, ERR_INPUT, "%s: thiếu tên cơ sở điều trị", what);
    if (!value_in(ev->value, ost_values, 2))
      return err_set(err, ERR_INPUT,
                     "%s: thuốc \"%s\" không hợp lệ (methadone hoặc "
                     "buprenorphine)",
                     what, ev->value);
    break;
  case PEV_MOVED:
    if (!ev->unit_code[0])
      return err_set(err, ERR_INPUT, "%s: thiếu mã đơn vị nơi cư trú mới", what);
    if (!ev->unit_tree[0])
      snprintf(ev->unit_tree, sizeof ev->unit_tree, "%s", unit_tree_at(ev->date));
    if (ev->from_code[0] && !ev->from_tree[0])
      snprintf(ev->from_tree, sizeof ev->from_tree, "%s", ev->unit_tree);
    break;
  case PEV_REMOVED:
    if (!ev->note[0])
      return err_set(err, ERR_INPUT, "%s: thiếu lý do", what);
    break;
  case PEV_VOID:
    if (ev->ref_event_id <= 0)
      return err_set(err, ERR_INPUT, "%s: thiếu số sự kiện cần hủy", what);
    if (!ev->note[0])
      return err_set(err, ERR_INPUT, "%s: thiếu lý do", what);
    break;
  default:
    break;
  }
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * The history walk
 * ------------------------------------------------------------------------- */

static int event_cmp(const void *pa, const void *pb)
{
  const struct person_event *a = pa, *b = pb;
  int c = strcmp(a->date, b->date);
  if (c)
    return c;
  /* A new event (id 0) comes after the stored ones of its day. */
  long ia = a->id ? a->id : -1, ib = b->id ? b->id : -1;
  if (ia == ib)
    return 0;
  if (ia == -1)
    return 1;
  if (ib == -1)
    return -1;
  return ia < ib ? -1 : 1;
}

/* A sorted copy of the events with a flag per event: 1 when voided or a void. */
struct walk {
  struct person_event *ev;
  char *skip;
  size_t n;
};

static void walk_free(struct walk *w)
{
  free(w->ev);
  free(w->skip);
}

static int walk_init(struct walk *w, const struct person_event *events, size_t n, struct err *err)
{
  w->n = n;
  w->ev = malloc((n ? n : 1) * sizeof *w->ev);
  w->skip = calloc(n ? n : 1, 1);
  if (!w->ev || !w->skip) {
    walk_free(w);
    return err_nomem(err);
  }
  if (n)
    memcpy(w->ev, events, n * sizeof *events);
  if (n > 1)
    qsort(w->ev, n, sizeof *w->ev, event_cmp);
  int rc = ERR_OK;
  for (size_t i = 0; i < n && !rc; i++) {
    if (w->ev[i].kind != PEV_VOID)
      continue;
    w->skip[i] = 1;
    size_t j = 0;
    for (; j < n; j++)
      if (w->ev[j].id == w->ev[i].ref_event_id && w->ev[j].id)
        break;
    if (j == n)
      rc = err_set(err, ERR_INPUT, "không có sự kiện số %ld trong hồ sơ này để hủy",
                   w->ev[i].ref_event_id);
    else if (w->ev[j].kind == PEV_VOID)
      rc = err_set(err, ERR_INPUT, "sự kiện số %ld là một lần hủy, không hủy được", w->ev[j].id);
    else if (w->skip[j] == 2)
      rc = err_set(err, ERR_INPUT, "sự kiện số %ld đã bị hủy trước đó", w->ev[j].id);
    else
      w->skip[j] = 2;
  }
  if (rc)
    walk_free(w);
  return rc;
}

static enum person_rehab rehab_of(enum person_event_kind k)
{
  switch (k) {
  case PEV_REHAB_COMMUNITY_START:
  case PEV_REHAB_COMMUNITY_END:
    return PREHAB_COMMUNITY;
  case PEV_REHAB_FACILITY_START:
  case PEV_REHAB_FACILITY_END:
    return PREHAB_FACILITY;
  case PEV_REHAB_COMPULSORY_START:
  case PEV_REHAB_COMPULSORY_END:
    return PREHAB_COMPULSORY;
  default:
    return PREHAB_NONE;
  }
}

static const char *rehab_label(enum person_rehab r)
{
  switch (r) {
  case PREHAB_COMMUNITY:
    return "cai nghiện tự nguyện tại gia đình, cộng đồng";
  case PREHAB_FACILITY:
    return "cai nghiện tự nguyện tại cơ sở";
  case PREHAB_COMPULSORY:
    return "cai nghiện bắt buộc";
  default:
    return "không";
  }
}

/* The kind that starts what `end` ends, or PEV_COUNT. */
static enum person_event_kind start_of(enum person_event_kind end)
{
  switch (end) {
  case PEV_REHAB_COMMUNITY_END:
    return PEV_REHAB_COMMUNITY_START;
  case PEV_REHAB_FACILITY_END:
    return PEV_REHAB_FACILITY_START;
  case PEV_REHAB_COMPULSORY_END:
    return PEV_REHAB_COMPULSORY_START;
  case PEV_OST_STOP:
    return PEV_OST_START;
  case PEV_AFTERCARE_END:
    return PEV_AFTERCARE_START;
  case PEV_MANAGEMENT_CLOSED:
    return PEV_MANAGEMENT_OPENED;
  default:
    return PEV_COUNT;
  }
}

/* Extra state the walk needs beyond the public status. */
struct state {
  struct person_status st;
  int treatment_ended;  /* a rehab ended or OST stopped before now */
  int treated;          /* a rehab or OST started before now */
  int move_pending;     /* moved, not yet reported */
  int transfer_pending; /* moved, file not yet handed over */
  char rehab_since[DATE_ISO_LEN];
  char death[DATE_ISO_LEN];
  const char *birth;
};

/* Refuse event i: "<label> ngày dd/mm/yyyy: <why>". */
static int refuse(struct err *err, const struct person_event *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(struct err *err, const struct person_event *e, const char *fmt, ...)
{
  char why[ERR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  char d[DATE_ISO_LEN];
  return err_set(err, ERR_INPUT, "%s ngày %s: %s", person_event_label(e->kind),
                 date_iso_to_vn(d, e->date), why);
}

/* An end with no running start: say "ends before it starts" when the start
 * comes later in the history. */
static int refuse_end(struct err *err, const struct walk *w, size_t i)
{
  const struct person_event *e = &w->ev[i];
  enum person_event_kind k = start_of(e->kind);
  for (size_t j = i + 1; j < w->n; j++)
    if (!w->skip[j] && w->ev[j].kind == k) {
      char a[DATE_ISO_LEN];
      return refuse(err, e, "không thể kết thúc trước ngày bắt đầu (%s)",
                    date_iso_to_vn(a, w->ev[j].date));
    }
  return refuse(err, e, "chưa có %s nào đang diễn ra", person_event_label(k));
}

/* Check event i against the state before it (what the law and the calendar
 * allow), then apply it: the walk's own bookkeeping here, the status by the
 * one transition the indicators' derivation uses too (person_status_step). */
static int apply(struct state *s, const struct walk *w, size_t i, const char *today,
                 struct err *err)
{
  const struct person_event *e = &w->ev[i];
  struct person_status *st = &s->st;
  char a[DATE_ISO_LEN];
  int minor = 0;
  if (strcmp(e->date, today) > 0)
    return refuse(err, e, "ngày ở tương lai");
  if (s->birth && *s->birth && strcmp(e->date, s->birth) < 0)
    return refuse(err, e, "trước ngày sinh (%s)", date_iso_to_vn(a, s->birth));
  if (st->died)
    return refuse(err, e, "người này đã chết ngày %s, không ghi thêm sự kiện",
                  date_iso_to_vn(a, s->death));
  if (st->removed && e->kind != PEV_CLASSIFIED && e->kind != PEV_DETERMINATION &&
      e->kind != PEV_DIED && e->kind != PEV_MOVED && e->kind != PEV_MOVE_REPORTED &&
      e->kind != PEV_FILE_TRANSFERRED)
    return refuse(err, e, "người này đã được đưa ra khỏi danh sách; cần phân loại lại trước");
  switch (e->kind) {
  case PEV_CLASSIFIED:
  case PEV_DETERMINATION:
  case PEV_REHAB_REGISTERED:
    break;
  case PEV_MANAGEMENT_OPENED:
    if (st->managed)
      return refuse(err, e, "đã có hồ sơ quản lý đang mở");
    break;
  case PEV_MANAGEMENT_CLOSED:
    if (!st->managed)
      return refuse_end(err, w, i);
    break;
  case PEV_REHAB_COMMUNITY_START:
  case PEV_REHAB_FACILITY_START:
  case PEV_REHAB_COMPULSORY_START:
    if (st->rehab != PREHAB_NONE)
      return refuse(err, e, "đang %s từ ngày %s", rehab_label(st->rehab),
                    date_iso_to_vn(a, s->rehab_since));
    if (e->kind == PEV_REHAB_COMPULSORY_START) {
      if (!e->decision_no[0] || !e->decision_date[0])
        return refuse(err, e, "thiếu quyết định của Tòa án");
      if (strcmp(e->decision_date, e->date) > 0)
        return refuse(err, e, "quyết định của Tòa án (%s) sau ngày bắt đầu",
                      date_iso_to_vn(a, e->decision_date));
      int age = person_age_on(s->birth, e->decision_date);
      if (age >= 0 && age < 12)
        return refuse(err, e,
                      "người dưới 12 tuổi (%d tuổi vào ngày quyết định) không bị đưa vào cai "
                      "nghiện bắt buộc",
                      age);
      minor = age >= 0 && age < 18;
    }
    s->treated = 1;
    snprintf(s->rehab_since, sizeof s->rehab_since, "%s", e->date);
    break;
  case PEV_REHAB_COMMUNITY_END:
  case PEV_REHAB_FACILITY_END:
  case PEV_REHAB_COMPULSORY_END:
    if (st->rehab != rehab_of(e->kind)) {
      if (st->rehab != PREHAB_NONE)
        return refuse(err, e, "người này đang %s, không phải %s", rehab_label(st->rehab),
                      rehab_label(rehab_of(e->kind)));
      return refuse_end(err, w, i);
    }
    s->treatment_ended = 1;
    break;
  case PEV_OST_START:
    if (st->ost)
      return refuse(err, e, "đang điều trị bằng thuốc thay thế");
    s->treated = 1;
    break;
  case PEV_OST_STOP:
    if (!st->ost)
      return refuse_end(err, w, i);
    s->treatment_ended = 1;
    break;
  case PEV_AFTERCARE_START:
    if (st->aftercare)
      return refuse(err, e, "đang quản lý sau cai nghiện");
    if (st->rehab != PREHAB_NONE)
      return refuse(err, e, "đang %s; quản lý sau cai nghiện bắt đầu khi kết thúc",
                    rehab_label(st->rehab));
    if (!s->treatment_ended)
      return refuse(err, e, "chưa có đợt cai nghiện hoặc điều trị thay thế nào kết thúc trước đó");
    break;
  case PEV_AFTERCARE_END:
    if (!st->aftercare)
      return refuse_end(err, w, i);
    break;
  case PEV_RELAPSE:
    if (!s->treated)
      return refuse(err, e, "chưa có đợt cai nghiện hoặc điều trị thay thế nào trước đó");
    break;
  case PEV_MOVED:
    s->move_pending = 1;
    s->transfer_pending = 1;
    break;
  case PEV_MOVE_REPORTED:
    if (!s->move_pending)
      return refuse(err, e, "không có lần chuyển nơi cư trú nào chưa khai báo");
    s->move_pending = 0;
    break;
  case PEV_FILE_TRANSFERRED:
    if (!s->transfer_pending)
      return refuse(err, e, "không có lần chuyển nơi cư trú nào chờ chuyển hồ sơ");
    s->transfer_pending = 0;
    break;
  case PEV_REMOVED:
    if (st->rehab != PREHAB_NONE)
      return refuse(err, e, "đang %s; cần kết thúc trước", rehab_label(st->rehab));
    if (st->ost)
      return refuse(err, e, "đang điều trị bằng thuốc thay thế; cần ngừng trước");
    break;
  case PEV_DIED:
    snprintf(s->death, sizeof s->death, "%s", e->date);
    break;
  case PEV_VOID:
  case PEV_COUNT:
    break;
  }
  person_status_step(st, e->kind, e->value, e->date, minor);
  return ERR_OK;
}

int person_replay(struct person_status *out, const char *birth_date,
                  const struct person_event *events, size_t n, const char *today, struct err *err)
{
  memset(out, 0, sizeof *out);
  struct walk w;
  int rc = walk_init(&w, events, n, err);
  if (rc)
    return rc;
  struct state s;
  memset(&s, 0, sizeof s);
  s.birth = birth_date;
  for (size_t i = 0; i < w.n && !rc; i++) {
    if (w.skip[i])
      continue;
    rc = apply(&s, &w, i, today ? today : FAR_FUTURE, err);
  }
  /* A void must itself be dated sensibly. */
  for (size_t i = 0; i < w.n && !rc; i++)
    if (w.ev[i].kind == PEV_VOID && strcmp(w.ev[i].date, today ? today : FAR_FUTURE) > 0)
      rc = refuse(err, &w.ev[i], "ngày ở tương lai");
  walk_free(&w);
  *out = s.st;
  return rc;
}

/* ---------------------------------------------------------------------------
 * Status words
 * ------------------------------------------------------------------------- */

/* The classification's code (LABEL_PERSON_CLASS follows enum person_class). */
static const char *class_code(enum person_class c)
{
  return label_code_at(LABEL_PERSON_CLASS, (size_t)c);
}

const char *person_status_code(const struct person_status *s)
{
  if (s->died)
    return "died";
  if (s->removed)
    return "removed";
  switch (s->rehab) {
  case PREHAB_COMPULSORY:
    return "rehab_compulsory";
  case PREHAB_FACILITY:
    return "rehab_voluntary_facility";
  case PREHAB_COMMUNITY:
    return "rehab_voluntary_community";
  default:
    break;
  }
  if (s->ost)
    return "ost";
  if (s->aftercare)
    return "aftercare";
  if (s->managed)
    return "managed";
  return class_code(s->cls);
}

const char *person_status_label(const struct person_status *s)
{
  const char *c = person_status_code(s);
  if (strcmp(c, "rehab_compulsory") == 0 && s->rehab_minor)
    return "đang cai nghiện bắt buộc (người chưa thành niên)";
  return label_vi(LABEL_PERSON_STATUS, c);
}

int person_status_matches(const struct person_status *s, const char *code)
{
  if (s->died)
    return strcmp(code, "died") == 0;
  if (s->removed)
    return strcmp(code, "removed") == 0;
  if (strcmp(code, person_status_code(s)) == 0 || strcmp(code, class_code(s->cls)) == 0)
    return 1;
  return (strcmp(code, "managed") == 0 && s->managed) || (strcmp(code, "ost") == 0 && s->ost) ||
         (strcmp(code, "aftercare") == 0 && s->aftercare);
}

/* ---------------------------------------------------------------------------
 * Legal clocks
 * ------------------------------------------------------------------------- */

enum { CLK_USER, CLK_REGISTRATION, CLK_REHAB, CLK_AFTERCARE, CLK_MOVE, CLK_HANDOVER, CLK_N };

static const char *const clock_codes[CLK_N] = {
    "user_management", "rehab_registration", "rehab", "aftercare", "move_report", "file_handover"};

const char *person_clock_label(const char *code)
{
  return label_vi(LABEL_CLOCK, code);
}

struct slot {
  int running;
  char condition[32];
  char start[DATE_ISO_LEN];
  long event_id;
};

static void start_clock(struct slot *sl, const char *condition, const struct person_event *e)
{
  sl->running = 1;
  snprintf(sl->condition, sizeof sl->condition, "%s", condition);
  snprintf(sl->start, sizeof sl->start, "%s", e->date);
  sl->event_id = e->id;
}

static int clock_cmp(const void *pa, const void *pb)
{
  const struct person_clock *a = pa, *b = pb;
  int c = strcmp(a->end, b->end);
  return c ? c : strcmp(a->code, b->code);
}

int person_clocks(struct person_clock_list *out, const char *birth_date,
                  const struct person_event *events, size_t n, const struct legal_rule_set *rules,
                  struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct walk w;
  int rc = walk_init(&w, events, n, err);
  if (rc)
    return rc;
  struct slot sl[CLK_N];
  memset(sl, 0, sizeof sl);
  struct person_status ps; /* the status after each event, by the walk's transition */
  memset(&ps, 0, sizeof ps);
  int compulsory_before = 0;
  const char *last_treatment = ""; /* aftercare condition of the last finished treatment */
  const char *running_rehab = "";  /* ... of the rehab running now */
  for (size_t i = 0; i < w.n; i++) {
    if (w.skip[i])
      continue;
    const struct person_event *e = &w.ev[i];
    person_status_step(&ps, e->kind, e->value, e->date, 0);
    switch (e->kind) {
    case PEV_CLASSIFIED:
      break;
    case PEV_DETERMINATION:
      if (strcmp(e->value, "addict") == 0)
        start_clock(&sl[CLK_REGISTRATION], "", e);
      break;
    case PEV_MANAGEMENT_OPENED:
      /* The year of management is a user's (Law 73/2021: a person whose
       * test is positive and who is not found to be an addict). Not for a
       * person only suspected (no positive test yet), nor for one classified
       * as having drug-induced psychosis, whom the record and the figures
       * keep apart from users, nor for an addict. */
      if (ps.cls == PCLASS_USER)
        start_clock(&sl[CLK_USER], "", e);
      break;
    case PEV_MANAGEMENT_CLOSED:
      sl[CLK_USER].running = 0;
      break;
    case PEV_REHAB_REGISTERED:
      sl[CLK_REGISTRATION].running = 0;
      break;
    case PEV_REHAB_COMMUNITY_START:
    case PEV_REHAB_FACILITY_START:
    case PEV_REHAB_COMPULSORY_START: {
      int age = person_age_on(birth_date,
                              e->kind == PEV_REHAB_COMPULSORY_START ? e->decision_date : e->date);
      int minor = age >= 0 && age < 18;
      const char *cond;
      if (e->kind == PEV_REHAB_COMMUNITY_START)
        cond = "voluntary_community";
      else if (e->kind == PEV_REHAB_FACILITY_START)
        cond = "voluntary_facility";
      else if (minor)
        cond = "compulsory_minor";
      else
        cond = compulsory_before ? "compulsory_repeat" : "compulsory_first";
      if (e->kind == PEV_REHAB_COMPULSORY_START)
        compulsory_before++;
      running_rehab = minor                                   ? "minor"
                      : e->kind == PEV_REHAB_COMPULSORY_START ? "compulsory"
                                                              : "voluntary";
      start_clock(&sl[CLK_REHAB], cond, e);
      sl[CLK_REGISTRATION].running = 0;
      sl[CLK_AFTERCARE].running = 0;
      if (e->kind == PEV_REHAB_COMPULSORY_START)
        sl[CLK_USER].running = 0; /* sent to compulsory rehab: no longer managed as a user */
      break;
    }
    case PEV_REHAB_COMMUNITY_END:
    case PEV_REHAB_FACILITY_END:
    case PEV_REHAB_COMPULSORY_END:
      sl[CLK_REHAB].running = 0;
      last_treatment = running_rehab;
      break;
    case PEV_OST_START:
      sl[CLK_REGISTRATION].running = 0;
      break;
    case PEV_OST_STOP:
      last_treatment = "ost";
      break;
    case PEV_AFTERCARE_START:
      start_clock(&sl[CLK_AFTERCARE], last_treatment, e);
      break;
    case PEV_AFTERCARE_END:
    case PEV_RELAPSE:
      sl[CLK_AFTERCARE].running = 0;
      break;
    case PEV_MOVED:
      start_clock(&sl[CLK_MOVE], "", e);
      break;
    case PEV_MOVE_REPORTED:
      sl[CLK_MOVE].running = 0;
      start_clock(&sl[CLK_HANDOVER], "", e);
      break;
    case PEV_FILE_TRANSFERRED:
      sl[CLK_HANDOVER].running = 0;
      break;
    case PEV_REMOVED:
      sl[CLK_USER].running = 0;
      sl[CLK_REGISTRATION].running = 0;
      sl[CLK_AFTERCARE].running = 0;
      break;
    case PEV_DIED:
      memset(sl, 0, sizeof sl);
      break;
    case PEV_VOID:
    case PEV_COUNT:
      break;
    }
    /* Found to be an addict (classified so, a positive determination, a
     * relapse): the management of a user ends; the addict's clocks
     * (registration for rehab, rehab, post-rehab) take over. A user later
     * classified suspected or psychosis stays under the decision. */
    if (ps.cls == PCLASS_ADDICT)
      sl[CLK_USER].running = 0;
  }
  walk_free(&w);
  out->items = calloc(CLK_N, sizeof *out->items);
  if (!out->items)
    return err_nomem(err);
  for (int c = 0; c < CLK_N; c++) {
    if (!sl[c].running)
      continue;
    const struct legal_rule *r =
        legal_rule_find(rules, clock_codes[c], sl[c].condition, sl[c].start);
    if (!r)
      continue; /* no such limit in force on the day it would have started */
    struct date d;
    if (date_parse(&d, sl[c].start, 0, NULL))
      continue;
    struct person_clock *k = &out->items[out->n++];
    snprintf(k->code, sizeof k->code, "%s", clock_codes[c]);
    snprintf(k->condition, sizeof k->condition, "%s", sl[c].condition);
    snprintf(k->start, sizeof k->start, "%s", sl[c].start);
    date_to_iso(k->end, legal_rule_end(r, d));
    k->event_id = sl[c].event_id;
    k->rule = r;
  }
  if (out->n > 1) /* items may be NULL when there is none */
    qsort(out->items, out->n, sizeof *out->items, clock_cmp);
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Keys
 * ------------------------------------------------------------------------- */

void person_keys_free(struct person_keys *k)
{
  if (!k)
    return;
  free(k->name_key);
  free(k->sort_key);
  for (size_t i = 0; i < k->n_search; i++)
    free(k->search[i]);
  memset(k, 0, sizeof *k);
}

/* Add every word-boundary suffix of a folded key to k->search. */
static int add_key_suffixes(struct person_keys *k, const char *key, struct err *err)
{
  for (const char *p = key; p && *p && k->n_search < PERSON_MAX_SEARCH_KEYS;) {
    k->search[k->n_search] = strdup(p);
    if (!k->search[k->n_search])
      return err_nomem(err);
    k->n_search++;
    p = strchr(p, ' ');
    if (p)
      p++;
  }
  return ERR_OK;
}

/* The same for a name not folded yet (an other name). */
static int add_suffixes(struct person_keys *k, const char *name, struct err *err)
{
  char *key = NULL;
  int rc = text_key(&key, name, err);
  if (!rc)
    rc = add_key_suffixes(k, key, err);
  free(key);
  return rc;
}

int person_keys_make(struct person_keys *k, const struct person *p, struct err *err)
{
  memset(k, 0, sizeof *k);
  int rc = text_key(&k->name_key, p->full_name, err);
  if (rc)
    return rc;
  /* Vietnamese name order: by given name (the last word), then the rest. */
  char given_first[PERSON_NAME_MAX + 2];
  const char *name = p->full_name;
  size_t len = strlen(name);
  while (len && name[len - 1] == ' ')
    len--;
  size_t cut = len;
  while (cut && name[cut - 1] != ' ')
    cut--;
  if (cut)
    snprintf(given_first, sizeof given_first, "%.*s %.*s", (int)(len - cut), name + cut, (int)cut,
             name);
  else
    snprintf(given_first, sizeof given_first, "%.*s", (int)len, name);
  rc = text_collate_key(&k->sort_key, &k->sort_key_len, given_first, err);
  if (!rc) /* the full name's key is name_key, folded once */
    rc = add_key_suffixes(k, k->name_key, err);
  /* Other names, separated by ';'. */
  char others[PERSON_TEXT_MAX];
  snprintf(others, sizeof others, "%s", p->other_names);
  for (char *save = NULL, *tok = strtok_r(others, ";", &save); tok && !rc;
       tok = strtok_r(NULL, ";", &save))
    rc = add_suffixes(k, tok, err);
  if (rc)
    person_keys_free(k);
  return rc;
}

struct store_person_keys person_keys_store(const struct person_keys *k)
{
  struct store_person_keys sk = {k->name_key, k->sort_key, k->sort_key_len, k->search, k->n_search};
  return sk;
}

/* ---------------------------------------------------------------------------
 * Operations
 * ------------------------------------------------------------------------- */

/* Residence units are communes: level 3 in the old tree, 2 in the new one. */
static int check_commune(struct store *st, const char *tree, const char *code, struct err *err)
{
  long id;
  int level = 0;
  int rc = store_scope_unit(&id, &level, st, tree, code, err);
  if (rc)
    return rc;
  return unit_check_commune(tree, code, level, err);
}

int person_create_with_history_tx(struct store *st, const struct scope *sc, struct person *p,
                                  struct person_event *events, size_t n, const char *today,
                                  struct err *err)
{
  int rc = person_validate(p, today, err);
  if (!rc)
    rc = check_commune(st, p->unit_tree, p->unit_code, err);
  if (!rc && p->national_id[0])
    rc = person_check_national_id(st, p->national_id, err);
  for (size_t i = 0; !rc && i < n; i++) {
    rc = person_event_validate(&events[i], err);
    if (!rc && (events[i].kind == PEV_MOVED || events[i].kind == PEV_VOID))
      rc = err_set(err, ERR_INPUT, "sự kiện %s ghi sau khi đã có hồ sơ",
                   person_event_code(events[i].kind));
  }
  if (!rc && n) {
    struct person_status status;
    rc = person_replay(&status, p->birth_date, events, n, today, err);
  }
  if (rc)
    return rc;
  struct person_keys k;
  rc = person_keys_make(&k, p, err);
  if (rc)
    return rc;
  date_now_utc(p->created_at, sizeof p->created_at);
  snprintf(p->created_by, sizeof p->created_by, "%s", sc->user);
  struct store_person_keys sk = person_keys_store(&k);
  long id = 0;
  int flagged = 0;
  rc = store_person_insert(&id, st, sc, p, &sk, err);
  for (size_t i = 0; !rc && i < n; i++) {
    events[i].person_id = id;
    snprintf(events[i].recorded_at, sizeof events[i].recorded_at, "%s", p->created_at);
    snprintf(events[i].recorded_by, sizeof events[i].recorded_by, "%s", sc->user);
    rc = store_person_event_insert(st, sc, &events[i], err);
  }
  if (!rc && n)
    rc = person_derive_tx(st, id, err);
  if (!rc)
    rc = store_person_flag_duplicates(&flagged, st, sc, id, p->created_at, err);
  if (!rc) {
    char detail[128];
    snprintf(detail, sizeof detail, "tạo hồ sơ; %zu sự kiện; %d cặp nghi trùng", n, flagged);
    rc = audit_record(st, sc, "person.create", "person", id, detail, err);
  }
  person_keys_free(&k);
  if (!rc)
    p->id = id;
  return rc;
}

int person_create_tx(struct store *st, const struct scope *sc, struct person *p, const char *today,
                     struct err *err)
{
  return person_create_with_history_tx(st, sc, p, NULL, 0, today, err);
}

/* The history with one more event appended (caller frees). */
static struct person_event *with_event(const struct person_event_list *l,
                                       const struct person_event *ev)
{
  struct person_event *all = malloc((l->n + 1) * sizeof *all);
  if (!all)
    return NULL;
  if (l->n)
    memcpy(all, l->items, l->n * sizeof *all);
  all[l->n] = *ev;
  return all;
}

/* Where a new move may leave from and go to. It goes somewhere the person
 * does not live now. The commune it leaves, when the caller names it (an
 * imported history does), must be where the person lives now — with one
 * exception that makes an exported register re-importable: the people file
 * carries today's residence, so in a fresh register a person who once moved
 * A → C is created in C before the events file brings the move. A first move
 * (none recorded, voided or not) that ends where the person lives now and
 * names the commune it left says where the person lived before it: it is
 * recorded with that commune, and the history before it is re-derived
 * there. Any other mismatch is refused, naming both communes. */
static int check_move_ends(const struct person *p, const struct person_event_list *l,
                           struct person_event *ev, struct err *err)
{
  int to_now = strcmp(p->unit_tree, ev->unit_tree) == 0 && strcmp(p->unit_code, ev->unit_code) == 0;
  if (!ev->from_code[0] ||
      (strcmp(p->unit_tree, ev->from_tree) == 0 && strcmp(p->unit_code, ev->from_code) == 0)) {
    if (to_now)
      return err_set(err, ERR_INPUT, "người này đã cư trú tại đơn vị %s", ev->unit_code);
    return ERR_OK;
  }
  int any_move = 0;
  for (size_t i = 0; i < l->n && !any_move; i++)
    any_move = l->items[i].kind == PEV_MOVED;
  if (to_now && !any_move)
    return ERR_OK;
  return err_set(err, ERR_INPUT,
                 "người này đang cư trú tại đơn vị %s (hệ %s), không phải đơn vị chuyển đi %s "
                 "(hệ %s)",
                 p->unit_code, p->unit_tree, ev->from_code, ev->from_tree);
}

/* The date (ISO) of the last move of the history that is not voided into
 * out (DATE_ISO_LEN), "" when there is none; voids resolved by walk_init,
 * which sorts by date, so the last move walked is the latest. */
static int last_move_date(char *out, const struct person_event_list *l, struct err *err)
{
  struct walk w;
  int rc = walk_init(&w, l->items, l->n, err);
  if (rc)
    return rc;
  out[0] = '\0';
  for (size_t i = 0; i < w.n; i++)
    if (!w.skip[i] && w.ev[i].kind == PEV_MOVED)
      snprintf(out, DATE_ISO_LEN, "%s", w.ev[i].date);
  walk_free(&w);
  return ERR_OK;
}

int person_add_event_tx(struct store *st, const struct scope *sc, struct person_event *ev,
                        const char *today, struct err *err)
{
  ev->id = 0;
  int rc = person_event_validate(ev, err);
  if (!rc && ev->kind == PEV_MOVED)
    rc = check_commune(st, ev->unit_tree, ev->unit_code, err);
  if (!rc && ev->kind == PEV_MOVED && ev->from_code[0])
    rc = check_commune(st, ev->from_tree, ev->from_code, err);
  if (rc)
    return rc;
  date_now_utc(ev->recorded_at, sizeof ev->recorded_at);
  snprintf(ev->recorded_by, sizeof ev->recorded_by, "%s", sc->user);
  struct person p;
  struct person_event_list l = {NULL, 0};
  rc = store_person_get(&p, st, sc, ev->person_id, err);
  if (!rc && p.merged_into)
    rc = err_set(err, ERR_CONFLICT, "hồ sơ %ld đã được gộp vào hồ sơ %ld; hãy ghi vào hồ sơ đó",
                 p.id, p.merged_into);
  if (!rc)
    rc = store_person_events(&l, st, sc, ev->person_id, err);
  if (!rc && ev->kind == PEV_MOVED)
    rc = check_move_ends(&p, &l, ev, err);
  /* A move records the commune it leaves as the residence now; one dated
   * before a later move would leave from the wrong commune and be overtaken
   * by that move at once. */
  char last_move[DATE_ISO_LEN] = "";
  if (!rc && ev->kind == PEV_MOVED)
    rc = last_move_date(last_move, &l, err);
  if (!rc && last_move[0] && strcmp(ev->date, last_move) < 0) {
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    rc = err_set(err, ERR_INPUT,
                 "ngày chuyển nơi cư trú %s trước lần chuyển ngày %s đã ghi; muốn ghi lần "
                 "chuyển sớm hơn, hãy hủy lần chuyển sau rồi ghi lại theo thứ tự ngày",
                 date_iso_to_vn(a, ev->date), date_iso_to_vn(b, last_move));
  }
  if (!rc) {
    struct person_event *all = with_event(&l, ev);
    struct person_status s;
    if (!all)
      rc = err_nomem(err);
    else
      rc = person_replay(&s, p.birth_date, all, l.n + 1, today, err);
    free(all);
  }
  if (!rc)
    rc = store_person_event_insert(st, sc, ev, err);
  /* A move, or a void (of a move, say), can change where the person lives
   * now: the residence follows the history before the spans are derived. */
  if (!rc && (ev->kind == PEV_MOVED || ev->kind == PEV_VOID))
    rc = person_sync_residence_tx(st, ev->person_id, err);
  if (!rc)
    rc = person_derive_tx(st, ev->person_id, err);
  if (!rc) {
    char detail[128];
    snprintf(detail, sizeof detail, "%s %s", person_event_code(ev->kind), ev->date);
    rc = audit_record(st, sc, "person.event", "person", ev->person_id, detail, err);
  }
  person_event_list_free(&l);
  return rc;
}

int person_record_derive(struct person_record *r, const struct legal_rule_set *rules,
                         struct err *err)
{
  memset(&r->status, 0, sizeof r->status);
  person_clock_list_free(&r->clocks);
  struct err e = {0};
  if (person_replay(&r->status, r->person.birth_date, r->events.items, r->events.n, FAR_FUTURE, &e))
    return err_set(err, ERR_INTERNAL, "lịch sử của hồ sơ %ld không hợp lệ: %s", r->person.id,
                   e.msg);
  return person_clocks(&r->clocks, r->person.birth_date, r->events.items, r->events.n, rules, err);
}

/* Derive the status of each person in `l` and keep those matching `status`
 * (NULL: all) at the end of *out, up to `limit`. */
static int collect_hits(struct person_hit_list *out, size_t *cap, struct store *st,
                        const struct scope *sc, const struct person_list *l, const char *status,
                        size_t limit, struct err *err)
{
  if (!l->n)
    return ERR_OK;
  long *ids = malloc(l->n * sizeof *ids);
  if (!ids)
    return err_nomem(err);
  for (size_t i = 0; i < l->n; i++)
    ids[i] = l->items[i].id;
  struct person_event_list ev;
  int rc = store_person_events_of(&ev, st, sc, ids, l->n, err);
  free(ids);
  if (rc)
    return rc;
  /* Events come grouped by person; find each person's run. */
  for (size_t i = 0; i < l->n && out->n < limit; i++) {
    size_t from = 0;
    while (from < ev.n && ev.items[from].person_id != l->items[i].id)
      from++;
    size_t to = from;
    while (to < ev.n && ev.items[to].person_id == l->items[i].id)
      to++;
    struct person_status s;
    if (person_replay(&s, l->items[i].birth_date, ev.items + from, to - from, FAR_FUTURE, NULL))
      memset(&s, 0, sizeof s); /* never stored invalid; show it as unclassified if it were */
    if (status && !person_status_matches(&s, status))
      continue;
    if (out->n == *cap) {
      size_t c = *cap ? *cap * 2 : 32;
      struct person_hit *p = realloc(out->items, c * sizeof *p);
      if (!p) {
        rc = err_nomem(err);
        break;
      }
      out->items = p;
      *cap = c;
    }
    out->items[out->n].person = l->items[i];
    out->items[out->n].status = s;
    out->n++;
  }
  person_event_list_free(&ev);
  return rc;
}

/* Run one search mode to the end or the limit. */
static int search_pages(struct person_hit_list *out, size_t *cap, struct store *st,
                        const struct scope *sc, struct store_person_query *q, const char *status,
                        size_t limit, struct err *err)
{
  struct store_person_cursor cur = {NULL, 0, 0};
  int rc = ERR_OK;
  q->limit = status ? (limit < 200 ? 200 : limit) : limit;
  while (out->n < limit) {
    struct person_list page;
    rc = store_person_search(&page, &cur, st, sc, q, err);
    if (rc)
      break;
    rc = collect_hits(out, cap, st, sc, &page, status, limit, err);
    size_t got = page.n;
    person_list_free(&page);
    if (rc || got < q->limit)
      break;
  }
  store_person_cursor_free(&cur);
  return rc;
}

#define MAX_QUERY_WORDS 8

int person_find(struct person_hit_list *out, struct store *st, const struct scope *sc,
                const char *text, const char *status, size_t limit, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  if (!limit)
    limit = 100;
  if (status && !*status)
    status = NULL;
  /* the code or its Vietnamese wording ("nghiện") */
  if (status && label_parse(&status, LABEL_PERSON_STATUS, status, "tình trạng", err))
    return ERR_INPUT;
  struct store_person_query q;
  memset(&q, 0, sizeof q);
  char *key = NULL;
  char idbuf[16] = "";
  int rc = ERR_OK;
  if (text && *text) {
    size_t len = strlen(text);
    if (!text_utf8_valid(text, len))
      return err_set(err, ERR_INPUT, "câu tìm không phải văn bản UTF-8 hợp lệ");
    const char *t = text;
    while (*t == ' ')
      t++;
    size_t tl = strlen(t);
    while (tl && t[tl - 1] == ' ')
      tl--;
    if (tl == 12 && strspn(t, "0123456789") >= 12) {
      memcpy(idbuf, t, 12);
      q.national_id = idbuf;
    } else {
      rc = text_key(&key, text, err);
      if (rc)
        return rc;
      if (!*key) {
        free(key);
        return err_set(err, ERR_INPUT, "câu tìm \"%s\" không có chữ hay số nào", text);
      }
      if (strlen(key) > PERSON_NAME_MAX * 2) {
        free(key);
        return ERR_OK; /* longer than any stored name: nothing matches */
      }
      q.phrase = key;
    }
  }
  size_t cap = 0;
  rc = search_pages(out, &cap, st, sc, &q, status, limit, err);
  /* Nothing for the phrase: try its words in any order. */
  if (!rc && !out->n && key && strchr(key, ' ')) {
    char *words[MAX_QUERY_WORDS];
    size_t nw = 0;
    for (char *save = NULL, *w = strtok_r(key, " ", &save); w && nw < MAX_QUERY_WORDS;
         w = strtok_r(NULL, " ", &save))
      words[nw++] = w;
    q.phrase = NULL;
    q.words = (const char *const *)words;
    q.n_words = nw;
    rc = search_pages(out, &cap, st, sc, &q, status, limit, err);
  }
  free(key);
  if (rc)
    person_hit_list_free(out);
  return rc;
}

struct due_ctx {
  struct person_due_list *out;
  size_t cap;
  const struct legal_rule_set *rules;
  char limit[DATE_ISO_LEN]; /* last end date listed */
  struct date today;
  int moved_out;        /* scanning people who moved out: only the handover clock */
  enum scope_role role; /* the caller's: clocks of fields hidden from it are not listed */
  struct err *err;
};

static int due_person(void *p, const struct person *who, const struct person_event *ev, size_t n)
{
  struct due_ctx *c = p;
  struct person_status s;
  if (person_replay(&s, who->birth_date, ev, n, FAR_FUTURE, NULL))
    return ERR_OK; /* never stored invalid; skip rather than fail the whole list */
  if (s.died)
    return ERR_OK;
  struct person_clock_list cl;
  int rc = person_clocks(&cl, who->birth_date, ev, n, c->rules, c->err);
  if (rc)
    return rc;
  for (size_t i = 0; i < cl.n && !rc; i++) {
    if (strcmp(cl.items[i].end, c->limit) > 0 ||
        (c->moved_out && strcmp(cl.items[i].code, clock_codes[CLK_HANDOVER]) != 0) ||
        person_clock_hidden(&cl.items[i], ev, n, c->role))
      continue;
    if (c->out->n == c->cap) {
      size_t nc = c->cap ? c->cap * 2 : 64;
      struct person_due *q = realloc(c->out->items, nc * sizeof *q);
      if (!q) {
        rc = err_nomem(c->err);
        break;
      }
      c->out->items = q;
      c->cap = nc;
    }
    struct person_due *d = &c->out->items[c->out->n++];
    memset(d, 0, sizeof *d);
    d->person_id = who->id;
    snprintf(d->full_name, sizeof d->full_name, "%s", who->full_name);
    snprintf(d->unit_tree, sizeof d->unit_tree, "%s", who->unit_tree);
    snprintf(d->unit_code, sizeof d->unit_code, "%s", who->unit_code);
    d->clock = cl.items[i];
    d->moved_out = c->moved_out;
    struct date end;
    if (date_parse(&end, cl.items[i].end, 0, NULL) == ERR_OK)
      d->days_left = date_to_days(end) - date_to_days(c->today);
  }
  person_clock_list_free(&cl);
  return rc;
}

static int due_cmp(const void *pa, const void *pb)
{
  const struct person_due *a = pa, *b = pb;
  int c = strcmp(a->clock.end, b->clock.end);
  if (c)
    return c;
  return a->person_id < b->person_id ? -1 : a->person_id > b->person_id;
}

int person_due_find(struct person_due_list *out, struct store *st, const struct scope *sc,
                    const struct legal_rule_set *rules, const char *today, int within,
                    struct err *err)
{
  out->items = NULL;
  out->n = 0;
  struct due_ctx c;
  memset(&c, 0, sizeof c);
  c.out = out;
  c.rules = rules;
  c.role = sc->role;
  c.err = err;
  if (within < 0)
    return err_set(err, ERR_INPUT, "số ngày phải không âm");
  if (date_parse(&c.today, today, 0, err))
    return ERR_INPUT;
  date_to_iso(c.limit, date_add_days(c.today, within));
  int rc = store_person_scan(st, sc, due_person, &c, err);
  if (!rc) {
    c.moved_out = 1;
    rc = store_person_scan_moved_out(st, sc, due_person, &c, err);
  }
  if (!rc && out->n > 1) /* items may be NULL when nothing is due */
    qsort(out->items, out->n, sizeof *out->items, due_cmp);
  if (rc)
    person_due_list_free(out);
  return rc;
}

/* Append `name` to the ';'-separated list `names` (size n) unless its key is
 * already there or it is the person's own name. */
static void add_other_name(char *names, size_t n, const char *own, const char *name)
{
  char *k_new = NULL, *k_own = NULL;
  if (text_key(&k_new, name, NULL) || text_key(&k_own, own, NULL)) {
    free(k_new);
    free(k_own);
    return;
  }
  int have = strcmp(k_new, k_own) == 0;
  char copy[PERSON_TEXT_MAX];
  snprintf(copy, sizeof copy, "%s", names);
  for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok && !have;
       tok = strtok_r(NULL, ";", &save)) {
    char *k = NULL;
    if (text_key(&k, tok, NULL) == ERR_OK && strcmp(k, k_new) == 0)
      have = 1;
    free(k);
  }
  free(k_new);
  free(k_own);
  size_t used = strnlen(names, n), len = strlen(name);
  if (have || used + len + 3 >= n)
    return; /* already there, or no room for "; " + name + NUL */
  snprintf(names + used, n - used, "%s%s", used ? "; " : "", name);
}

/* Copy src into dst (n bytes), cut at n - 1 bytes. */
static void copy_str(char *dst, size_t n, const char *src)
{
  size_t len = strnlen(src, n - 1);
  memcpy(dst, src, len);
  dst[len] = '\0';
}

/* Fill a's empty field from b's (same field, same size). */
#define FILL(field)                                                                                \
  do {                                                                                             \
    if (!a->field[0])                                                                              \
      copy_str(a->field, sizeof a->field, b->field);                                               \
  } while (0)

int person_merge_tx(struct store *st, const struct scope *sc, long ida, long idb, const char *today,
                    struct err *err)
{
  if (ida == idb)
    return err_set(err, ERR_INPUT, "không thể gộp hồ sơ %ld vào chính nó", ida);
  int rc;
  struct person pa, pb;
  struct person *a = &pa, *b = &pb;
  struct person_event_list la = {NULL, 0}, lb = {NULL, 0};
  struct person_keys k;
  int have_keys = 0;
  rc = store_person_get(a, st, sc, ida, err);
  if (!rc)
    rc = store_person_get(b, st, sc, idb, err);
  if (!rc && (a->merged_into || b->merged_into))
    rc = err_set(err, ERR_CONFLICT, "hồ sơ %ld đã được gộp vào hồ sơ %ld",
                 a->merged_into ? ida : idb, a->merged_into ? a->merged_into : b->merged_into);
  if (!rc)
    rc = store_person_events(&la, st, sc, ida, err);
  if (!rc)
    rc = store_person_events(&lb, st, sc, idb, err);
  if (!rc) {
    struct person_event *all = malloc((la.n + lb.n + 1) * sizeof *all);
    if (!all) {
      rc = err_nomem(err);
    } else {
      if (la.n)
        memcpy(all, la.items, la.n * sizeof *all);
      if (lb.n)
        memcpy(all + la.n, lb.items, lb.n * sizeof *all);
      struct person_status s;
      struct err e = {0};
      if (person_replay(&s, a->birth_date, all, la.n + lb.n, today, &e))
        rc = err_set(err, ERR_CONFLICT,
                     "không gộp được: lịch sử sau khi gộp không hợp lệ (%s); hãy hủy sự kiện "
                     "ghi nhầm trước",
                     e.msg);
      free(all);
    }
  }
  int take_id = 0;
  if (!rc) {
    take_id = !a->national_id[0] && b->national_id[0];
    FILL(national_id);
    FILL(ethnicity);
    FILL(address);
    FILL(occupation);
    FILL(occupation_group);
    add_other_name(a->other_names, sizeof a->other_names, a->full_name, b->full_name);
    if (b->other_names[0]) {
      char copy[PERSON_TEXT_MAX];
      copy_str(copy, sizeof copy, b->other_names);
      for (char *save = NULL, *tok = strtok_r(copy, ";", &save); tok;
           tok = strtok_r(NULL, ";", &save)) {
        while (*tok == ' ')
          tok++;
        add_other_name(a->other_names, sizeof a->other_names, a->full_name, tok);
      }
    }
    rc = person_keys_make(&k, a, err);
    have_keys = !rc;
  }
  if (!rc)
    rc = store_person_merge(st, sc, ida, idb, take_id, err);
  if (!rc) {
    struct store_person_keys sk = person_keys_store(&k);
    rc = store_person_update(st, sc, a, &sk, err);
    if (!rc) /* b's moves are a's now */
      rc = person_sync_residence_tx(st, ida, err);
    if (!rc)
      rc = person_derive_tx(st, ida, err);
    if (!rc)
      rc = person_derive_tx(st, idb, err);
  }
  char at[24];
  date_now_utc(at, sizeof at);
  if (!rc) {
    rc = store_person_duplicate_close(st, sc, ida, idb, "merged", at, err);
    if (rc == ERR_NOT_FOUND) {
      if (err)
        err_clear(err);
      rc = ERR_OK; /* merging a pair that was never flagged is allowed */
    }
  }
  if (!rc)
    rc = store_person_flag_duplicates(NULL, st, sc, ida, at, err);
  if (have_keys)
    person_keys_free(&k);
  person_event_list_free(&la);
  person_event_list_free(&lb);
  return rc;
}
