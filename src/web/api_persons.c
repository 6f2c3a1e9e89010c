/* api_persons.c: GET /api/v1/persons — the people register: search and a person's record.
 *
 * Personal data: every read needs the caller's purpose (X-Purpose header
 * or ?purpose=), which the operations layer writes into the audit row of
 * the read (person.search, person.read) before anything comes back. A
 * person outside the caller's territory is 404 with the very body of an
 * id that does not exist (app_person.h). The JSON is
 * output/person_json.h's, as `pcmt person ... --json` prints it. */
#include <string.h>

#include "app/app.h"
#include "app/app_person.h"
#include "base/date.h"
#include "output/person_json.h"
#include "types/unit.h"
#include "web/api_frame.h"
#include "web/routes.h"

/* The most hits a search reaches through its pages: narrow the query past it. */
#define SEARCH_MAX 1000

/* The caller for a read of personal data, narrowed to ?unit= (a unit code
 * of today's tree, or "TREE/CODE") when given. */
static int reader(struct scope *out, struct web_req *rq)
{
  const char *purpose = NULL;
  int rc = api_purpose(&purpose, rq);
  return rc ? rc : api_caller_unit(out, rq, purpose);
}

int api_persons_search(struct web_req *rq)
{
  const char *q = NULL, *status = NULL;
  long limit, pos;
  int rc = api_query(&q, rq, "q");
  if (!rc)
    rc = api_query(&status, rq, "status");
  if (!rc)
    rc = api_page(&limit, &pos, rq);
  if (rc)
    return rc;
  if (pos >= SEARCH_MAX)
    return err_set(&rq->err, ERR_INPUT,
                   "Một lần tìm chỉ xem được %d kết quả đầu; hãy thu hẹp điều kiện tìm.",
                   SEARCH_MAX);
  struct scope caller;
  rc = reader(&caller, rq);
  if (rc)
    return rc;
  /* one more than the page, to know whether another follows */
  size_t want = (size_t)(pos + limit + 1);
  if (want > SEARCH_MAX)
    want = SEARCH_MAX;
  struct person_hit_list l = {0};
  rc = app_person_search(&l, rq->st, &caller, q, status, want, &rq->err);
  if (!rc)
    rc = api_list(rq, person_json_hits(&l), pos, limit);
  person_hit_list_free(&l);
  return rc;
}

int api_persons_show(struct web_req *rq)
{
  long id;
  struct scope caller;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = reader(&caller, rq);
  if (rc)
    return rc;
  struct legal_rule_set rules = {0};
  struct person_record r;
  memset(&r, 0, sizeof r);
  rc = app_person_rules(&rules, rq->st, &rq->err);
  if (!rc)
    rc = app_person_show(&r, rq->st, &caller, id, &rules, &rq->err);
  if (!rc) {
    char today[DATE_ISO_LEN];
    date_to_iso(today, date_today());
    rc = api_json(rq, 200, person_json_record(&r, today));
  }
  person_record_free(&r);
  legal_rule_set_free(&rules);
  return rc;
}

int api_persons_create(struct web_req *rq)
{
  static const char *const keys[] = {"full_name", "other_names", "birth_date",       "sex",
                                     "ethnicity", "national_id", "unit_tree",        "unit_code",
                                     "address",   "occupation",  "occupation_group", NULL};
  json_t *b = NULL;
  struct person p;
  memset(&p, 0, sizeof p);
  int rc = api_body(&b, rq);
  if (!rc)
    rc = api_body_keys(rq, b, keys);
#define TEXT(f) (rc ? rc : api_body_text(p.f, sizeof p.f, rq, b, #f))
  rc = TEXT(full_name);
  rc = TEXT(other_names);
  rc = TEXT(birth_date);
  rc = TEXT(sex);
  rc = TEXT(ethnicity);
  rc = TEXT(national_id);
  rc = TEXT(unit_tree);
  rc = TEXT(unit_code);
  rc = TEXT(address);
  rc = TEXT(occupation);
  rc = TEXT(occupation_group);
#undef TEXT
  json_decref(b);
  const char *purpose = request_get_header(rq, "X-Purpose");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, purpose);
  long id = 0;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  if (!rc)
    rc = app_person_add(&id, rq->st, &caller, &p, today, &rq->err);
  return rc ? rc : api_json(rq, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* The JSON name of each input of a person's identity (person_json.h's). */
static const char *const input_keys[APP_PIN_COUNT] = {
    [APP_PIN_NAME] = "full_name",        [APP_PIN_OTHER_NAMES] = "other_names",
    [APP_PIN_BIRTH_DATE] = "birth_date", [APP_PIN_SEX] = "sex",
    [APP_PIN_ETHNICITY] = "ethnicity",   [APP_PIN_NATIONAL_ID] = "national_id",
    [APP_PIN_UNIT] = "unit_code",        [APP_PIN_ADDRESS] = "address",
    [APP_PIN_OCCUPATION] = "occupation", [APP_PIN_OCCUPATION_GROUP] = "occupation_group",
};

/* The 400 of a form with wrong fields: the one error frame, plus "fields"
 * with each wrong field's message under its JSON name. */
static int field_errors(struct web_req *rq, const struct app_person_errors *errs)
{
  json_t *fields = json_object();
  for (int f = 0; fields && f < APP_PIN_COUNT; f++)
    if (errs->msg[f][0])
      json_object_set_new(fields, input_keys[f], json_string(errs->msg[f]));
  return api_json(rq, err_http_status(ERR_INPUT),
                  json_pack("{s:{s:s,s:s,s:o}}", "error", "code", err_code_name(ERR_INPUT),
                            "message", rq->err.msg, "fields", fields));
}

int api_persons_update(struct web_req *rq)
{
  static const char *const keys[] = {"version",    "full_name",        "other_names", "birth_date",
                                     "sex",        "ethnicity",        "national_id", "address",
                                     "occupation", "occupation_group", NULL};
  long id;
  json_t *b = NULL;
  struct person p;
  memset(&p, 0, sizeof p);
  char version[PERSON_STAMP_LEN + 1] = "";
  unsigned given = 0;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_body(&b, rq);
  if (!rc)
    rc = api_body_keys(rq, b, keys);
  if (!rc)
    rc = api_body_text(version, sizeof version, rq, b, "version");
  if (!rc && !version[0])
    rc = err_set(&rq->err, ERR_INPUT,
                 "Cần trường \"version\": phiên bản của hồ sơ đã đọc (GET /api/v1/persons/{id}).");
    /* a field sent is a field given; one left out keeps its stored value */
#define TEXT(f, pin)                                                                               \
  do {                                                                                             \
    if (!rc && json_object_get(b, input_keys[pin])) {                                              \
      rc = api_body_text(p.f, sizeof p.f, rq, b, input_keys[pin]);                                 \
      given |= APP_PIN_BIT(pin);                                                                   \
    }                                                                                              \
  } while (0)
  TEXT(full_name, APP_PIN_NAME);
  TEXT(other_names, APP_PIN_OTHER_NAMES);
  TEXT(birth_date, APP_PIN_BIRTH_DATE);
  TEXT(sex, APP_PIN_SEX);
  TEXT(ethnicity, APP_PIN_ETHNICITY);
  TEXT(national_id, APP_PIN_NATIONAL_ID);
  TEXT(address, APP_PIN_ADDRESS);
  TEXT(occupation, APP_PIN_OCCUPATION);
  TEXT(occupation_group, APP_PIN_OCCUPATION_GROUP);
#undef TEXT
  json_decref(b);
  p.id = id;
  const char *purpose = request_get_header(rq, "X-Purpose");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, purpose);
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct app_person_errors errs = {0};
  int changed = 0;
  char stamp[PERSON_STAMP_LEN] = "";
  if (!rc)
    rc = app_person_update_form(&changed, stamp, &errs, rq->st, &caller, &p, given, version, today,
                                &rq->err);
  if (rc == ERR_INPUT && errs.n)
    return field_errors(rq, &errs);
  return rc ? rc
            : api_json(rq, 200,
                       json_pack("{s:I,s:i,s:s}", "id", (json_int_t)id, "changed", changed,
                                 "version", stamp));
}

int api_persons_event(struct web_req *rq)
{
  static const char *const keys[] = {"kind",        "date",          "value",     "facility",
                                     "decision_no", "decision_date", "unit_tree", "unit_code",
                                     "voids",       "note",          NULL};
  long id;
  json_t *b = NULL;
  struct person_event ev;
  memset(&ev, 0, sizeof ev);
  char kind[48];
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_body(&b, rq);
  if (!rc)
    rc = api_body_keys(rq, b, keys);
  if (!rc)
    rc = api_body_text(kind, sizeof kind, rq, b, "kind");
  if (!rc)
    rc = person_event_parse(&ev.kind, kind, &rq->err);
#define TEXT(f) (rc ? rc : api_body_text(ev.f, sizeof ev.f, rq, b, #f))
  rc = TEXT(date);
  rc = TEXT(value);
  rc = TEXT(facility);
  rc = TEXT(decision_no);
  rc = TEXT(decision_date);
  rc = TEXT(unit_tree);
  rc = TEXT(unit_code);
  rc = TEXT(note);
#undef TEXT
  json_t *voids = b ? json_object_get(b, "voids") : NULL;
  if (!rc && voids && !json_is_null(voids)) {
    if (!json_is_integer(voids) || json_integer_value(voids) <= 0)
      rc = err_set(&rq->err, ERR_INPUT, "Trường \"voids\" phải là số của một sự kiện.");
    else
      ev.ref_event_id = (long)json_integer_value(voids);
  }
  json_decref(b);
  ev.person_id = id;
  const char *purpose = request_get_header(rq, "X-Purpose");
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, purpose);
  long ev_id = 0;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  if (!rc)
    rc = app_person_event(&ev_id, rq->st, &caller, &ev, today, &rq->err);
  return rc ? rc : api_json(rq, 201, json_pack("{s:I}", "event_id", (json_int_t)ev_id));
}

int api_persons_duplicates(struct web_req *rq)
{
  long limit, pos;
  struct scope caller;
  int rc = api_page(&limit, &pos, rq);
  if (!rc)
    rc = reader(&caller, rq);
  if (rc)
    return rc;
  struct person_dup_list l = {0};
  rc = app_person_duplicates(&l, rq->st, &caller, &rq->err);
  if (!rc)
    rc = api_list(rq, person_json_pairs(&l), pos, limit);
  person_dup_list_free(&l);
  return rc;
}

/* Number field `key` of body, a record id, into *out. ERR_INPUT when absent
 * or not a positive integer. */
static int body_id(long *out, struct web_req *rq, json_t *body, const char *key)
{
  json_t *v = json_object_get(body, key);
  if (!json_is_integer(v) || json_integer_value(v) <= 0)
    return err_set(&rq->err, ERR_INPUT, "Trường \"%s\" phải là số của một hồ sơ.", key);
  *out = (long)json_integer_value(v);
  return ERR_OK;
}

int api_persons_merge(struct web_req *rq)
{
  static const char *const keys[] = {"other", NULL};
  long id, other = 0;
  json_t *b = NULL;
  int rc = api_id(&id, rq, 0);
  if (!rc)
    rc = api_body(&b, rq);
  if (!rc)
    rc = api_body_keys(rq, b, keys);
  if (!rc)
    rc = body_id(&other, rq, b, "other");
  json_decref(b);
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, request_get_header(rq, "X-Purpose"));
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  if (!rc)
    rc = app_person_merge(rq->st, &caller, id, other, today, &rq->err);
  return rc ? rc
            : api_json(rq, 200,
                       json_pack("{s:I,s:I}", "id", (json_int_t)id, "merged", (json_int_t)other));
}

int api_persons_dismiss(struct web_req *rq)
{
  static const char *const keys[] = {"a", "b", NULL};
  long a = 0, p = 0;
  json_t *b = NULL;
  int rc = api_body(&b, rq);
  if (!rc)
    rc = api_body_keys(rq, b, keys);
  if (!rc)
    rc = body_id(&a, rq, b, "a");
  if (!rc)
    rc = body_id(&p, rq, b, "b");
  json_decref(b);
  struct scope caller;
  if (!rc)
    rc = api_caller(&caller, rq, request_get_header(rq, "X-Purpose"));
  if (!rc)
    rc = app_person_dismiss(rq->st, &caller, a, p, &rq->err);
  return rc ? rc
            : api_json(rq, 200, json_pack("{s:[I,I]}", "dismissed", (json_int_t)a, (json_int_t)p));
}
