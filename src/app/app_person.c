/* app_person.c: the people register's user actions (see app_person.h).
 *
 * Each action checks the caller's role, then runs its steps in one write
 * transaction with its audit row; a read computes what it hands back first
 * and commits the audit row before returning it. */
#include "app/app_person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/person_access.h"
#include "domain/person_edit.h"
#include "domain/unit.h"
#include "store/store.h"
#include "store/store_people.h"
#include "store/store_person_links.h"
#include "types/label.h"

/* ERR_DENIED unless the caller's role may read (write = 0) or change
 * (write = 1) personal records. The store checks again on every statement;
 * checking here first keeps a denied caller out of the transaction. */
static int check_role(const struct scope *caller, int write, struct err *err)
{
  if (write ? scope_may_write_people(caller) : scope_may_read_people(caller))
    return ERR_OK;
  return err_set(err, ERR_DENIED,
                 "vai trò \"%s\" không được %s hồ sơ cá nhân, chỉ xem số liệu tổng hợp",
                 label_vi(LABEL_ROLE, scope_role_name(caller->role)), write ? "thay đổi" : "xem");
}

/* Commit when rc is ERR_OK, else roll back; returns rc or the commit's error. */
static int finish(struct store *st, int rc, struct err *err)
{
  if (rc) {
    store_write_rollback(st);
    return rc;
  }
  return store_write_commit(st, err);
}

/* The audit row of a read, committed in the reads' chain (FILE.reads), so
 * that it never waits for a long write of the main file. */
static int audit_alone(struct store *st, const struct scope *caller, const char *action, long id,
                       const char *detail, struct err *err)
{
  return audit_record_read(st, caller, action, "person", id, detail, err);
}

/* ---------------------------------------------------------------------------
 * Unit names of a list
 * ------------------------------------------------------------------------- */

/* Where one row of a list wants the name of its unit. */
struct unit_ref {
  const char *tree, *code; /* the unit */
  char *name;              /* the row's field ... */
  size_t size;             /* ... and its size */
};

static int ref_cmp(const void *pa, const void *pb)
{
  const struct unit_ref *a = pa, *b = pb;
  int c = strcmp(a->tree, b->tree);
  return c ? c : strcmp(a->code, b->code);
}

/* Fill every ref's name with its unit's type and name in force now
 * ("phường Sa Pa"), looking each unit up once: a national list names
 * thousands of rows over a few thousand communes. A unit not found (never
 * stored so) leaves "". */
static int name_units(struct store *st, struct unit_ref *refs, size_t n, struct err *err)
{
  if (n > 1)
    qsort(refs, n, sizeof *refs, ref_cmp);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && ref_cmp(&refs[i], &refs[j]) == 0)
      j++;
    char label[200] = "";
    struct unit u;
    struct err e = {ERR_OK, ""};
    int rc = unit_get(&u, st, refs[i].tree, refs[i].code, NULL, &e);
    if (rc == ERR_OK)
      snprintf(label, sizeof label, "%s %s", u.type, u.name);
    else if (rc != ERR_NOT_FOUND)
      return err_copy(err, &e);
    for (; i < j; i++)
      snprintf(refs[i].name, refs[i].size, "%s", label);
  }
  return ERR_OK;
}

/* Fill the unit name of every link of l. */
static int name_links(struct store *st, struct person_link_list *l, struct err *err)
{
  struct unit_ref *refs = calloc(l->n ? l->n : 1, sizeof *refs);
  if (!refs)
    return err_nomem(err);
  for (size_t i = 0; i < l->n; i++) {
    struct person_link *k = &l->items[i];
    refs[i] = (struct unit_ref){k->unit_tree, k->unit_code, k->unit_name, sizeof k->unit_name};
  }
  int rc = name_units(st, refs, l->n, err);
  free(refs);
  return rc;
}

/* ---------------------------------------------------------------------------
 * Changes
 * ------------------------------------------------------------------------- */

int app_person_add(long *id, struct store *st, const struct scope *caller, struct person *p,
                   const char *today, struct err *err)
{
  *id = 0;
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  long before = p->id;
  rc = finish(st, person_create_tx(st, caller, p, today, err), err);
  if (rc)
    p->id = before;
  else
    *id = p->id;
  return rc;
}

/* Copy field `f` of *from into *to. */
static void copy_input(struct person *to, const struct person *from, enum app_person_input f)
{
#define COPY(x) memcpy(to->x, from->x, sizeof to->x)
  switch (f) {
  case APP_PIN_NAME:
    COPY(full_name);
    break;
  case APP_PIN_OTHER_NAMES:
    COPY(other_names);
    break;
  case APP_PIN_BIRTH_DATE:
    COPY(birth_date);
    break;
  case APP_PIN_SEX:
    COPY(sex);
    break;
  case APP_PIN_ETHNICITY:
    COPY(ethnicity);
    break;
  case APP_PIN_NATIONAL_ID:
    COPY(national_id);
    break;
  case APP_PIN_UNIT:
    COPY(unit_code);
    break;
  case APP_PIN_ADDRESS:
    COPY(address);
    break;
  case APP_PIN_OCCUPATION:
    COPY(occupation);
    break;
  case APP_PIN_OCCUPATION_GROUP:
    COPY(occupation_group);
    break;
  case APP_PIN_COUNT:
    break;
  }
#undef COPY
}

/* Check every field of *p on its own (person_validate, one field at a time,
 * inside an identity valid otherwise), so that each wrong field gets its own
 * message in out_errs; `skip` a field not checked (APP_PIN_COUNT: none).
 * ERR_INPUT naming the first wrong field. */
static int check_inputs(struct app_person_errors *out_errs, const struct person *p, int skip,
                        const char *today, struct err *err)
{
  static const struct person valid = {
      .full_name = "A", .birth_date = "2000-01-01", .sex = "male", .unit_code = "1"};
  int first = -1;
  for (int f = 0; f < APP_PIN_COUNT; f++) {
    if (f == skip)
      continue;
    struct person t = valid;
    copy_input(&t, p, (enum app_person_input)f);
    struct err e = {ERR_OK, ""};
    int frc = person_validate(&t, today, &e);
    if (frc == ERR_INPUT) {
      snprintf(out_errs->msg[f], sizeof out_errs->msg[f], "%s", e.msg);
      out_errs->n++;
      if (first < 0)
        first = f;
    } else if (frc) {
      return err_copy(err, &e);
    }
  }
  if (first >= 0)
    return err_set(err, ERR_INPUT, "%s", out_errs->msg[first]);
  return ERR_OK;
}

int app_person_add_form(long *id, struct app_person_errors *out_errs, struct store *st,
                        const struct scope *caller, struct person *p, const char *today,
                        struct err *err)
{
  *id = 0;
  memset(out_errs, 0, sizeof *out_errs);
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = check_inputs(out_errs, p, APP_PIN_COUNT, today, err);
  if (rc)
    return rc;
  rc = app_person_add(id, st, caller, p, today, err);
  int f = rc == ERR_CONFLICT                        ? APP_PIN_NATIONAL_ID
          : rc == ERR_NOT_FOUND || rc == ERR_DENIED ? APP_PIN_UNIT
          : rc == ERR_INPUT && p->national_id[0]    ? APP_PIN_NATIONAL_ID /* its province prefix */
                                                    : -1;
  if (f >= 0) {
    snprintf(out_errs->msg[f], sizeof out_errs->msg[f], "%s",
             rc == ERR_DENIED ? "đơn vị nằm ngoài địa bàn của bạn"
             : err            ? err->msg
                              : "");
    out_errs->n = 1;
    return err_set(err, ERR_INPUT, "%s", out_errs->msg[f]);
  }
  return rc;
}

int app_person_update_form(int *changed, char *out_version, struct app_person_errors *out_errs,
                           struct store *st, const struct scope *caller, struct person *p,
                           unsigned given, const char *version, const char *today, struct err *err)
{
  *changed = 0;
  memset(out_errs, 0, sizeof *out_errs);
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  /* the fields not given are the stored ones (a person outside the
   * territory is not found here, before any field is looked at) */
  struct person cur;
  rc = store_person_get(&cur, st, caller, p->id, err);
  for (int f = 0; !rc && f < APP_PIN_COUNT; f++)
    if (!(given & APP_PIN_BIT(f)))
      copy_input(p, &cur, (enum app_person_input)f);
  if (!rc)
    rc = check_inputs(out_errs, p, APP_PIN_UNIT, today, err);
  const char *field = NULL;
  if (!rc)
    rc = person_update_tx(changed, &field, st, caller, p, version, today, err);
  rc = finish(st, rc, err);
  if (out_version) /* p now holds the record as stored */
    out_version[0] = '\0';
  if (!rc && out_version)
    rc = person_stamp(out_version, p, err);
  /* what the register refuses of one field (a national ID taken, a birth
   * date the history does not allow) is that field's error */
  int f = !rc || !field                       ? -1
          : strcmp(field, "national_id") == 0 ? APP_PIN_NATIONAL_ID
          : strcmp(field, "birth_date") == 0  ? APP_PIN_BIRTH_DATE
                                              : -1;
  if (f >= 0 && err) {
    snprintf(out_errs->msg[f], sizeof out_errs->msg[f], "%s", err->msg);
    out_errs->n = 1;
    return err_set(err, ERR_INPUT, "%s", out_errs->msg[f]);
  }
  if (rc)
    *changed = 0;
  return rc;
}

int app_person_event(long *id, struct store *st, const struct scope *caller,
                     struct person_event *ev, const char *today, struct err *err)
{
  *id = 0;
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = finish(st, person_add_event_tx(st, caller, ev, today, err), err);
  if (rc)
    ev->id = 0;
  else
    *id = ev->id;
  return rc;
}

int app_person_merge(struct store *st, const struct scope *caller, long a, long b,
                     const char *today, struct err *err)
{
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  rc = person_merge_tx(st, caller, a, b, today, err);
  if (!rc) {
    char detail[96];
    snprintf(detail, sizeof detail, "gộp hồ sơ %ld vào hồ sơ này", b);
    rc = audit_record(st, caller, "person.merge", "person", a, detail, err);
  }
  if (!rc) {
    char detail[96];
    snprintf(detail, sizeof detail, "đã gộp vào hồ sơ %ld", a);
    rc = audit_record(st, caller, "person.merge", "person", b, detail, err);
  }
  return finish(st, rc, err);
}

int app_person_dismiss(struct store *st, const struct scope *caller, long a, long b,
                       struct err *err)
{
  int rc = check_role(caller, 1, err);
  if (!rc)
    rc = store_write_begin(st, err);
  if (rc)
    return rc;
  char at[24];
  date_now_utc(at, sizeof at);
  rc = store_person_duplicate_close(st, caller, a, b, "dismissed", at, err);
  if (!rc) {
    char detail[96];
    snprintf(detail, sizeof detail, "không trùng với hồ sơ %ld", b);
    rc = audit_record(st, caller, "person.dismiss", "person", a, detail, err);
  }
  return finish(st, rc, err);
}

/* ---------------------------------------------------------------------------
 * Reads
 * ------------------------------------------------------------------------- */

int app_person_rules(struct legal_rule_set *out, struct store *st, struct err *err)
{
  return legal_rules_load(out, st, err);
}

int app_person_show(struct person_record *out, struct store *st, const struct scope *caller,
                    long id, const struct legal_rule_set *rules, struct err *err)
{
  memset(out, 0, sizeof *out);
  int rc = check_role(caller, 0, err);
  if (!rc)
    rc = store_read_begin(st, err); /* one snapshot; it does not wait for a writer */
  if (rc)
    return rc;
  rc = store_person_get(&out->person, st, caller, id, err);
  if (!rc)
    rc = store_person_events(&out->events, st, caller, id, err);
  if (!rc)
    rc = store_person_links(&out->links, st, caller, id, err);
  if (!rc) {
    /* committed before anything is handed back */
    rc = audit_alone(st, caller, "person.read", id, "xem hồ sơ", err);
  } else if (rc == ERR_NOT_FOUND) {
    /* A refused look-up is recorded too (who tried to see whom); the caller
     * still only learns "not found". */
    struct err keep = err ? *err : (struct err){0};
    if (audit_alone(st, caller, "person.read_refused", id, "không có hoặc ngoài phạm vi", NULL) ==
        ERR_OK) {
      store_read_end(st);
      if (err)
        err_copy(err, &keep);
      person_record_free(out);
      memset(out, 0, sizeof *out);
      return ERR_NOT_FOUND;
    }
  }
  store_read_end(st);
  if (!rc)
    rc = person_record_derive(out, rules, err);
  if (!rc)
    rc = person_stamp(out->version, &out->person, err);
  if (!rc)
    rc = name_links(st, &out->links, err);
  if (!rc)
    person_record_redact(out, caller->role); /* the health fields the role is not shown */
  if (rc) {
    person_record_free(out);
    memset(out, 0, sizeof *out);
  }
  return rc;
}

int app_person_search(struct person_hit_list *out, struct store *st, const struct scope *caller,
                      const char *text, const char *status, size_t limit, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_role(caller, 0, err);
  if (rc)
    return rc;
  /* a filter by a health field would tell what the role is not shown */
  const char *asked = status && *status ? label_match(LABEL_PERSON_STATUS, status) : NULL;
  if (person_status_code_hidden(asked, caller->role))
    return err_set(err, ERR_DENIED, "vai trò \"%s\" không được lọc theo thông tin sức khỏe (%s)",
                   label_vi(LABEL_ROLE, scope_role_name(caller->role)),
                   label_vi(LABEL_PERSON_STATUS, asked));
  rc = person_find(out, st, caller, text, status, limit, err);
  if (rc)
    return rc;
  for (size_t i = 0; i < out->n; i++)
    person_status_redact(&out->items[i].status, caller->role);
  struct unit_ref *refs = calloc(out->n ? out->n : 1, sizeof *refs);
  if (!refs)
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < out->n; i++) {
    struct person *p = &out->items[i].person;
    refs[i] = (struct unit_ref){p->unit_tree, p->unit_code, p->unit_name, sizeof p->unit_name};
  }
  if (!rc)
    rc = name_units(st, refs, out->n, err);
  free(refs);
  if (!rc) {
    /* the status as the caller wrote it is in the detail; person_find has
     * checked it, so a code is recorded for a label too */
    const char *code = status && *status ? label_match(LABEL_PERSON_STATUS, status) : NULL;
    char detail[256];
    const char *t = text ? text : "";
    snprintf(detail, sizeof detail, "tìm \"%.*s\"%s%s: %zu kết quả", (int)text_utf8_prefix(t, 120),
             t, code ? " tình trạng " : "", code ? code : "", out->n);
    rc = audit_alone(st, caller, "person.search", 0, detail, err);
  }
  if (rc)
    person_hit_list_free(out);
  return rc;
}

int app_person_status_hidden(const struct scope *caller, const char *code)
{
  return person_status_code_hidden(code, caller->role);
}

int app_person_due(struct person_due_list *out, struct store *st, const struct scope *caller,
                   const struct legal_rule_set *rules, const char *today, int within,
                   struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_role(caller, 0, err);
  if (!rc)
    rc = person_due_find(out, st, caller, rules, today, within, err);
  if (rc)
    return rc;
  struct unit_ref *refs = calloc(out->n ? out->n : 1, sizeof *refs);
  if (!refs)
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < out->n; i++) {
    struct person_due *d = &out->items[i];
    refs[i] = (struct unit_ref){d->unit_tree, d->unit_code, d->unit_name, sizeof d->unit_name};
  }
  if (!rc)
    rc = name_units(st, refs, out->n, err);
  free(refs);
  if (!rc) {
    char detail[96];
    snprintf(detail, sizeof detail, "hạn trong %d ngày từ %s: %zu mục", within, today, out->n);
    rc = audit_alone(st, caller, "person.due", 0, detail, err);
  }
  if (rc)
    person_due_list_free(out);
  return rc;
}

int app_person_duplicates(struct person_dup_list *out, struct store *st, const struct scope *caller,
                          struct err *err)
{
  out->items = NULL;
  out->n = 0;
  int rc = check_role(caller, 0, err);
  if (!rc)
    rc = store_person_duplicates(out, st, caller, err);
  if (rc)
    return rc;
  struct unit_ref *refs = calloc(out->n ? 2 * out->n : 1, sizeof *refs);
  if (!refs)
    rc = err_nomem(err);
  for (size_t i = 0; !rc && i < out->n; i++) {
    struct person *a = &out->items[i].a, *b = &out->items[i].b;
    refs[2 * i] = (struct unit_ref){a->unit_tree, a->unit_code, a->unit_name, sizeof a->unit_name};
    refs[2 * i + 1] =
        (struct unit_ref){b->unit_tree, b->unit_code, b->unit_name, sizeof b->unit_name};
  }
  if (!rc)
    rc = name_units(st, refs, 2 * out->n, err);
  free(refs);
  if (rc) {
    person_dup_list_free(out);
    return rc;
  }
  char detail[64];
  snprintf(detail, sizeof detail, "%zu cặp nghi trùng", out->n);
  rc = audit_alone(st, caller, "person.duplicates", 0, detail, err);
  if (rc)
    person_dup_list_free(out);
  return rc;
}
