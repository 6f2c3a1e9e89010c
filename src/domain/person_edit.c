/* person_edit.c: correcting a person's identity (see person_edit.h). */
#include "domain/person_edit.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/mac.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "store/store_people.h"

_Static_assert(PERSON_STAMP_LEN == MAC_HEX, "a stamp is one MAC in hex");

/* The editable fields, with the code the audit row names them by. */
#define EDITABLE(X)                                                                                \
  X(full_name)                                                                                     \
  X(other_names)                                                                                   \
  X(birth_date)                                                                                    \
  X(sex)                                                                                           \
  X(ethnicity)                                                                                     \
  X(national_id)                                                                                   \
  X(address)                                                                                       \
  X(occupation)                                                                                    \
  X(occupation_group)

int person_stamp(char out[PERSON_STAMP_LEN], const struct person *p, struct err *err)
{
  out[0] = '\0';
  int rc = mac_sodium_ready(err);
  if (rc)
    return rc;
  struct mac m;
  mac_init(&m, NULL);
  mac_add_text(&m, "person-stamp");
  mac_add_int(&m, p->id);
#define ADD(f) mac_add_text(&m, p->f);
  EDITABLE(ADD)
#undef ADD
  mac_add_text(&m, p->unit_tree);
  mac_add_text(&m, p->unit_code);
  mac_final_hex(&m, out);
  return ERR_OK;
}

void person_changed_fields(char *out, size_t n, const struct person *before,
                           const struct person *after)
{
  size_t len = 0;
  out[0] = '\0';
#define CMP(f)                                                                                     \
  if (strcmp(before->f, after->f) != 0 && len < n) {                                               \
    int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "", #f);                             \
    len += w > 0 ? (size_t)w : 0;                                                                  \
  }
  EDITABLE(CMP)
#undef CMP
  if (len >= n)
    out[n - 1] = '\0';
}

/* The fields an edit may not touch, taken from the stored record. */
static void keep_fixed(struct person *p, const struct person *cur)
{
  memcpy(p->unit_tree, cur->unit_tree, sizeof p->unit_tree);
  memcpy(p->unit_code, cur->unit_code, sizeof p->unit_code);
  memcpy(p->unit_name, cur->unit_name, sizeof p->unit_name);
  memcpy(p->created_at, cur->created_at, sizeof p->created_at);
  memcpy(p->created_by, cur->created_by, sizeof p->created_by);
  p->merged_into = cur->merged_into;
}

/* The stored history must replay for a person born on p->birth_date. */
static int check_history(struct store *st, const struct scope *sc, const struct person *p,
                         const char *today, struct err *err)
{
  struct person_event_list l = {0};
  int rc = store_person_events(&l, st, sc, p->id, err);
  if (!rc && l.n) {
    struct person_status s;
    struct err e = {ERR_OK, ""};
    if (person_replay(&s, p->birth_date, l.items, l.n, today, &e))
      rc = err_set(err, ERR_INPUT, "ngày sinh này không khớp với quá trình đã ghi: %s", e.msg);
  }
  person_event_list_free(&l);
  return rc;
}

int person_update_tx(int *changed, const char **field, struct store *st, const struct scope *sc,
                     struct person *p, const char *stamp, const char *today, struct err *err)
{
  if (changed)
    *changed = 0;
  const char *ignored;
  if (!field)
    field = &ignored;
  *field = NULL;
  struct person cur;
  int rc = store_person_get(&cur, st, sc, p->id, err);
  if (rc)
    return rc;
  if (cur.merged_into)
    return err_set(err, ERR_CONFLICT, "hồ sơ số %ld đã được gộp vào hồ sơ số %ld: hãy sửa hồ sơ đó",
                   cur.id, cur.merged_into);
  char now[PERSON_STAMP_LEN];
  rc = person_stamp(now, &cur, err);
  if (rc)
    return rc;
  if (!stamp || strcmp(stamp, now) != 0)
    return err_set(err, ERR_CONFLICT,
                   "hồ sơ đã được sửa sau khi bạn mở nó: hãy mở lại hồ sơ để xem bản mới rồi "
                   "sửa lại");
  keep_fixed(p, &cur);
  rc = person_validate(p, today, err);
  if (rc)
    return rc;
  if (p->national_id[0] && (rc = person_check_national_id(st, p->national_id, err)) != ERR_OK) {
    *field = "national_id";
    return rc;
  }
  if (strcmp(p->birth_date, cur.birth_date) != 0 &&
      (rc = check_history(st, sc, p, today, err)) != ERR_OK) {
    *field = rc == ERR_INPUT ? "birth_date" : NULL;
    return rc;
  }
  char fields[256];
  person_changed_fields(fields, sizeof fields, &cur, p);
  if (!fields[0])
    return ERR_OK;
  struct person_keys k;
  rc = person_keys_make(&k, p, err);
  if (rc)
    return rc;
  struct store_person_keys sk = person_keys_store(&k);
  rc = store_person_update(st, sc, p, &sk, err);
  person_keys_free(&k);
  if (rc == ERR_CONFLICT && p->national_id[0]) {
    *field = "national_id";
    return err_set(err, ERR_CONFLICT, "số định danh %s đã có trong sổ (mỗi người chỉ một hồ sơ)",
                   p->national_id);
  }
  char at[24];
  date_now_utc(at, sizeof at);
  if (!rc)
    rc = store_person_flag_duplicates(NULL, st, sc, p->id, at, err);
  if (!rc) {
    char detail[300];
    snprintf(detail, sizeof detail, "sửa: %s", fields);
    rc = audit_record(st, sc, "person.update", "person", p->id, detail, err);
  }
  if (!rc && changed)
    for (const char *c = fields; c; c = strchr(c + 1, ','))
      (*changed)++;
  return rc;
}
