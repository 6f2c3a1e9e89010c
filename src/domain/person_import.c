/* person_import.c: the people register and person events as CSV rows.
 *
 * People are the one register whose records are not flat: identity plus a
 * validated history. A people row creates (or finds again) a person, with an
 * optional classification that becomes a dated event; a person-event row
 * appends one event after replaying the history with it. Both go through
 * the same domain operations as the CLI (person_create_tx,
 * person_add_event_tx: validation, national ID check, duplicate flagging,
 * audit), inside the import's one transaction.
 *
 * A re-import changes nothing: a person is found again by national ID, or
 * without one by folded name, birth date and residence; an event identical
 * in kind, date and value to one on record is skipped. A row found again
 * without a national ID keeps the ID on record (an empty cell is "unknown");
 * its other identity cells, empty ones included, are written as they are.
 *
 * Who a person is never changes by import: a row whose national ID is on
 * record is that person's only when its name (folded: case, marks, spacing
 * and punctuation aside) and birth date are the record's; otherwise it is
 * refused naming both (same_person). The name's spelling may be corrected
 * by a file, never stripped of its marks nor changed in case or spacing only
 * (name_spelling). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/text.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "domain/person_access.h"
#include "domain/person_import_int.h"
#include "domain/person_span.h"
#include "domain/register.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store_people.h"
#include "store/store_people_bulk.h"
#include "store/store_registers.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct reg_column person_cols[] = {
    [P_NID] = {"national_id", "Số định danh", REG_TEXT, 0, 12, LABEL_NONE},
    [P_NAME] = {"full_name", "Họ tên", REG_TEXT, REG_REQUIRED, PERSON_NAME_MAX - 1, LABEL_NONE},
    [P_OTHER] = {"other_names", "Tên gọi khác", REG_TEXT, 0, PERSON_TEXT_MAX - 1, LABEL_NONE},
    [P_DOB] = {"birth_date", "Ngày sinh", REG_DATE, REG_REQUIRED, 0, LABEL_NONE},
    [P_SEX] = {"sex", "Giới tính", REG_ENUM, REG_REQUIRED, 0, LABEL_SEX},
    [P_ETHNIC] = {"ethnicity", "Dân tộc", REG_TEXT, 0, 63, LABEL_NONE},
    [P_UNIT] = {"unit_id", "Mã đơn vị", REG_UNIT, REG_REQUIRED, 0, LABEL_NONE},
    [P_TREE] = {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    [P_ADDRESS] = {"address", "Địa chỉ", REG_TEXT, 0, PERSON_TEXT_MAX - 1, LABEL_NONE},
    [P_OCCUPATION] = {"occupation", "Nghề nghiệp", REG_TEXT, 0, PERSON_NAME_MAX - 1, LABEL_NONE},
    [P_GROUP] = {"occupation_group", "Nhóm nghề", REG_ENUM, 0, 0, LABEL_OCCUPATION_GROUP},
    [P_CLASS] = {"classification", "Phân loại", REG_ENUM, 0, 0, LABEL_PERSON_CLASS},
    [P_CLASS_ON] = {"classified_on", "Ngày phân loại", REG_DATE, 0, 0, LABEL_NONE},
    [P_STATUS] = {"status", "Tình trạng hiện tại", REG_TEXT, 0, 500, LABEL_NONE},
};

enum {
  E_NID,
  E_ID,
  E_NAME,
  E_DOB,
  E_KIND,
  E_DATE,
  E_VALUE,
  E_FACILITY,
  E_DECISION,
  E_DECISION_ON,
  E_UNIT,
  E_TREE,
  E_FROM_UNIT,
  E_FROM_TREE,
  E_NOTE
};

static const struct reg_column event_cols[] = {
    [E_NID] = {"national_id", "Số định danh", REG_TEXT, 0, 12, LABEL_NONE},
    [E_ID] = {"person_id", "Mã hồ sơ", REG_INT, 0, 0, LABEL_NONE},
    [E_NAME] = {"full_name", "Họ tên", REG_TEXT, 0, PERSON_NAME_MAX - 1, LABEL_NONE},
    [E_DOB] = {"birth_date", "Ngày sinh", REG_DATE, 0, 0, LABEL_NONE},
    [E_KIND] = {"kind", "Sự kiện", REG_TEXT, REG_REQUIRED, 128, LABEL_NONE},
    [E_DATE] = {"event_date", "Ngày", REG_DATE, REG_REQUIRED, 0, LABEL_NONE},
    [E_VALUE] = {"value", "Giá trị", REG_TEXT, 0, 31, LABEL_NONE},
    [E_FACILITY] = {"facility", "Cơ sở", REG_TEXT, 0, PERSON_NAME_MAX - 1, LABEL_NONE},
    [E_DECISION] = {"decision_no", "Số quyết định", REG_TEXT, 0, 63, LABEL_NONE},
    [E_DECISION_ON] = {"decision_date", "Ngày quyết định", REG_DATE, 0, 0, LABEL_NONE},
    [E_UNIT] = {"unit_code", "Mã đơn vị mới", REG_TEXT, 0, 7, LABEL_NONE},
    [E_TREE] = {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    [E_FROM_UNIT] = {"from_unit_code", "Mã đơn vị cũ", REG_TEXT, 0, 7, LABEL_NONE},
    [E_FROM_TREE] = {"from_tree", "Hệ đơn vị cũ", REG_TREE, 0, 0, LABEL_NONE},
    [E_NOTE] = {"note", "Ghi chú", REG_TEXT, 0, PERSON_TEXT_MAX - 1, LABEL_NONE},
};

static int event_import_row(enum reg_outcome *out, long *outside, struct store *st,
                            const struct scope *sc, const struct reg_spec *spec,
                            const char *const *raw, const char *today, struct buf *problems,
                            struct err *err);
static int person_export(struct store *st, const struct scope *sc,
                         int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                         const char *today, struct err *err);
static int event_export(struct store *st, const struct scope *sc,
                        int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                        const char *today, struct err *err);

const struct reg_spec person_spec = {"people",
                                     "Người sử dụng trái phép chất ma túy, người nghiện",
                                     "person",
                                     NULL,
                                     NULL,
                                     NULL,
                                     1,
                                     1,
                                     0,
                                     person_cols,
                                     N(person_cols),
                                     NULL,
                                     person_import_row,
                                     person_export};
const struct reg_spec person_event_spec = {"person-events",
                                           "Diễn biến quản lý người sử dụng, người nghiện",
                                           "person_event",
                                           NULL,
                                           NULL,
                                           NULL,
                                           1,
                                           0,
                                           0,
                                           event_cols,
                                           N(event_cols),
                                           NULL,
                                           event_import_row,
                                           event_export};

/* Copy a parsed cell into a record field. reg_parse has checked lengths
 * against the column's max (sized to the field), so nothing is cut. */
static void put(char *dst, size_t n, const char *src)
{
  size_t l = strlen(src);
  if (l >= n)
    l = n - 1;
  memcpy(dst, src, l);
  dst[l] = '\0';
}

int person_import_problem(struct buf *problems, int rc, const struct err *e, struct err *err)
{
  if (rc == ERR_INPUT || rc == ERR_CONFLICT || rc == ERR_NOT_FOUND || rc == ERR_DENIED) {
    if (problems->len)
      buf_adds(problems, "; ");
    buf_adds(problems, e->msg);
    return ERR_INPUT;
  }
  if (rc && err != e)
    err_copy(err, e);
  return rc;
}

static int same_identity(const struct person *a, const struct person *b)
{
  return strcmp(a->full_name, b->full_name) == 0 && strcmp(a->other_names, b->other_names) == 0 &&
         strcmp(a->birth_date, b->birth_date) == 0 && strcmp(a->sex, b->sex) == 0 &&
         strcmp(a->ethnicity, b->ethnicity) == 0 && strcmp(a->address, b->address) == 0 &&
         strcmp(a->occupation, b->occupation) == 0 &&
         strcmp(a->occupation_group, b->occupation_group) == 0;
}

/* The number of letters of s written with a mark (code points beyond
 * ASCII, in NFC: "Dũng" has one, "Dung" none). */
static size_t marked_letters(const char *s)
{
  size_t n = 0;
  for (; *s; s++)
    n += ((unsigned char)*s & 0xC0) == 0xC0; /* a lead byte of a multi-byte sequence */
  return n;
}

/* *key_eq = 1 when the name keys of a and b (text_key) are equal. */
static int same_key(int *key_eq, const char *a, const char *b, struct err *err)
{
  char *ka = NULL, *kb = NULL;
  int rc = text_key(&ka, a, err);
  if (!rc)
    rc = text_key(&kb, b, err);
  *key_eq = !rc && strcmp(ka, kb) == 0;
  free(ka);
  free(kb);
  return rc;
}

/* *eq = 1 when `name` has the key of p's full name or, with `aliases`, of
 * one of p's other names (';'-separated: a record merged into p brought its
 * name there). */
static int names_one_of(int *eq, const struct person *p, const char *name, int aliases,
                        struct err *err)
{
  int rc = same_key(eq, name, p->full_name, err);
  if (!aliases)
    return rc;
  char others[PERSON_TEXT_MAX];
  snprintf(others, sizeof others, "%s", p->other_names);
  for (char *save = NULL, *tok = strtok_r(others, ";", &save); !rc && !*eq && tok;
       tok = strtok_r(NULL, ";", &save))
    rc = same_key(eq, tok, name, err);
  return rc;
}

/* The row (identity p) is person `old`, found by national ID, only when it
 * names old and gives old's birth date. The name is old's full name, or,
 * when the ID was a record merged into old (`merged`: its name joined old's
 * other names), one of old's other names. Else ERR_INPUT with a problem
 * naming both: an ID typed against the wrong person must not rename or
 * re-date another, nor give that person the row's classification. */
static int same_person(const struct person *old, const struct person *p, int merged,
                       struct buf *problems, struct err *err)
{
  int named = 0;
  int rc = names_one_of(&named, old, p->full_name, merged, err);
  if (rc)
    return rc;
  if (named && strcmp(old->birth_date, p->birth_date) == 0)
    return ERR_OK;
  char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
  buf_addf(problems,
           "%sSố định danh: số %s là của hồ sơ số %ld (%s, sinh %s), dòng ghi %s, sinh %s; nhập "
           "tệp không đổi họ tên, ngày sinh của một người: kiểm tra lại số định danh",
           problems->len ? "; " : "", p->national_id, old->id, old->full_name,
           date_iso_to_vn(a, old->birth_date), p->full_name, date_iso_to_vn(b, p->birth_date));
  return ERR_INPUT;
}

/* The spelling of the name to keep for a row found to be person `old` (the
 * same name key): the row's when it corrects the marks, old's when the row
 * differs only by case or spacing (a list typed in capitals) or has fewer
 * marked letters (a file written without Vietnamese letters). */
static int name_spelling(struct person *p, const struct person *old, struct err *err)
{
  if (strcmp(p->full_name, old->full_name) == 0)
    return ERR_OK;
  char *a = NULL, *b = NULL;
  int rc = text_casefold(&a, p->full_name, err);
  if (!rc)
    rc = text_casefold(&b, old->full_name, err);
  int keep_old =
      !rc && (strcmp(a, b) == 0 || marked_letters(p->full_name) < marked_letters(old->full_name));
  free(a);
  free(b);
  if (keep_old)
    memcpy(p->full_name, old->full_name, sizeof p->full_name);
  return rc;
}

size_t person_import_first_event(struct person_event *first, const struct reg_row *row)
{
  const struct reg_cell *c = row->cells;
  memset(first, 0, sizeof *first);
  if (c[P_CLASS].empty)
    return 0;
  first->kind = PEV_CLASSIFIED;
  put(first->date, sizeof first->date, c[P_CLASS_ON].text);
  put(first->value, sizeof first->value, c[P_CLASS].text);
  return 1;
}

void person_import_fill(struct person *p, const struct reg_row *row)
{
  const struct reg_cell *c = row->cells;
  memset(p, 0, sizeof *p);
  put(p->national_id, sizeof p->national_id, c[P_NID].text);
  put(p->full_name, sizeof p->full_name, c[P_NAME].text);
  put(p->other_names, sizeof p->other_names, c[P_OTHER].text);
  put(p->birth_date, sizeof p->birth_date, c[P_DOB].text);
  put(p->sex, sizeof p->sex, c[P_SEX].text);
  put(p->ethnicity, sizeof p->ethnicity, c[P_ETHNIC].text);
  put(p->unit_tree, sizeof p->unit_tree, c[P_UNIT].tree);
  put(p->unit_code, sizeof p->unit_code, c[P_UNIT].text);
  put(p->address, sizeof p->address, c[P_ADDRESS].text);
  put(p->occupation, sizeof p->occupation, c[P_OCCUPATION].text);
  put(p->occupation_group, sizeof p->occupation_group, c[P_GROUP].text);
}

/* The reason a people row's national ID cannot be used here, whatever the
 * reason is: the number is on the register in another territory (which the
 * importing officer may not learn), or it is taken in a way the import
 * cannot resolve. One wording for all, sending the officer to the province
 * standing office, which sees the whole province. */
static int nid_refused(struct buf *problems, const char *nid)
{
  buf_addf(problems,
           "%sSố định danh: không dùng được số %s cho hồ sơ tại địa bàn này; đề nghị liên hệ Cơ "
           "quan thường trực Ban Chỉ đạo cấp tỉnh (Công an tỉnh) để được kiểm tra",
           problems->len ? "; " : "", nid);
  return ERR_INPUT;
}

int person_import_row(enum reg_outcome *out, long *outside, struct store *st,
                      const struct scope *sc, const struct reg_spec *spec, const char *const *raw,
                      const char *today, struct buf *problems, struct err *err)
{
  *out = REG_UNCHANGED;
  *outside = 0;
  struct reg_row row;
  int rc = reg_parse(&row, spec, raw, st, sc, today, problems, err);
  if (rc)
    return rc;
  const struct reg_cell *c = row.cells;
  struct person p;
  person_import_fill(&p, &row);
  if (!c[P_CLASS].empty && c[P_CLASS_ON].empty)
    return person_import_problem(
        problems, ERR_INPUT, &(struct err){ERR_INPUT, "Ngày phân loại: bắt buộc khi có Phân loại"},
        err);
  struct err e;
  err_clear(&e);
  rc = person_validate(&p, today, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);

  /* Found again? By national ID (anywhere in the scope), else by identity. */
  long id = 0;
  if (p.national_id[0]) {
    rc = store_reg_person_any(&id, outside, st, sc, p.national_id, &e);
    if (rc == ERR_DENIED && *outside)
      return nid_refused(problems, p.national_id);
    if (rc)
      return person_import_problem(problems, rc, &e, err);
  } else {
    char *key = NULL;
    rc = text_key(&key, p.full_name, err);
    if (rc)
      return rc;
    rc = store_person_find_same(&id, st, sc, key, p.birth_date, c[P_UNIT].id, err);
    free(key);
    if (rc)
      return rc;
  }
  if (id)
    return person_import_found(out, st, sc, &row, &p, id, today, problems, err);
  struct person_event first;
  size_t n = person_import_first_event(&first, &row);
  rc = person_create_with_history_tx(st, sc, &p, &first, n, today, &e);
  if (rc == ERR_CONFLICT && p.national_id[0]) {
    int taken = 0;
    int trc = store_person_nid_taken(&taken, st, p.national_id, err);
    if (trc)
      return trc;
    if (taken)
      return nid_refused(problems, p.national_id);
  }
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  *out = REG_INSERTED;
  return ERR_OK;
}

/* The row's classification added to found person `id` unless the history
 * has it already (*out becomes REG_UPDATED when added). */
static int found_classification(enum reg_outcome *out, struct store *st, const struct scope *sc,
                                const struct reg_row *row, long id, const char *today,
                                struct buf *problems, struct err *err)
{
  const struct reg_cell *c = row->cells;
  if (c[P_CLASS].empty)
    return ERR_OK;
  int exists = 0;
  int rc = store_person_event_exists(&exists, st, id, "classified", c[P_CLASS_ON].text,
                                     c[P_CLASS].text, err);
  if (rc || exists)
    return rc;
  struct err e;
  err_clear(&e);
  struct person_event ev;
  memset(&ev, 0, sizeof ev);
  ev.person_id = id;
  ev.kind = PEV_CLASSIFIED;
  put(ev.date, sizeof ev.date, c[P_CLASS_ON].text);
  put(ev.value, sizeof ev.value, c[P_CLASS].text);
  rc = person_add_event_tx(st, sc, &ev, today, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  if (*out == REG_UNCHANGED)
    *out = REG_UPDATED;
  return ERR_OK;
}

int person_import_found(enum reg_outcome *out, struct store *st, const struct scope *sc,
                        const struct reg_row *row, struct person *p, long id, const char *today,
                        struct buf *problems, struct err *err)
{
  *out = REG_UNCHANGED;
  struct err e;
  err_clear(&e);
  struct person old;
  int rc = store_person_get(&old, st, sc, id, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  /* Found by a national ID that the record does not hold: a record merged
   * into it holds the ID (store_reg_person_any follows the merge). The row
   * describes that merged record; the identity and residence of the kept
   * record were settled by the merge and are not rewritten from it (two
   * rows of one file, the merged record's and the kept one's, would
   * otherwise overwrite each other at every import). Only a classification
   * not yet in the merged history is added. */
  if (p->national_id[0] && strcmp(old.national_id, p->national_id) != 0) {
    rc = same_person(&old, p, 1, problems, err);
    return rc ? rc : found_classification(out, st, sc, row, id, today, problems, err);
  }
  if (p->national_id[0]) {
    rc = same_person(&old, p, 0, problems, err);
    if (rc)
      return rc;
  }
  rc = name_spelling(p, &old, err);
  if (rc)
    return rc;
  if (strcmp(old.unit_tree, p->unit_tree) || strcmp(old.unit_code, p->unit_code)) {
    buf_addf(problems,
             "%sMã đơn vị: hồ sơ số %ld đang cư trú tại %s; chuyển nơi cư trú ghi bằng sự kiện "
             "\"moved\" (pcmt import person-events)",
             problems->len ? "; " : "", id, old.unit_code);
    return ERR_INPUT;
  }
  /* An empty national ID cell means "not known here", not "remove it":
   * the row was found by name, birth date and commune, and says nothing
   * against the ID on record. */
  if (!p->national_id[0])
    memcpy(p->national_id, old.national_id, sizeof p->national_id);
  if (!same_identity(&old, p)) {
    p->id = id;
    struct person_keys k;
    rc = person_keys_make(&k, p, err);
    if (rc)
      return rc;
    struct store_person_keys sk = person_keys_store(&k);
    rc = store_person_update(st, sc, p, &sk, &e);
    person_keys_free(&k);
    if (!rc)
      rc = person_derive_tx(st, id, &e);
    if (!rc)
      rc = audit_record(st, sc, "person.update", "person", id, "sửa thông tin khi nhập tệp", &e);
    if (rc)
      return person_import_problem(problems, rc, &e, err);
    *out = REG_UPDATED;
  }
  return found_classification(out, st, sc, row, id, today, problems, err);
}

/* The kind named by a code or its Vietnamese label. */
static int event_kind(enum person_event_kind *out, const char *text)
{
  struct err e;
  if (person_event_parse(out, text, &e) == ERR_OK)
    return 0;
  char *key = NULL, *lab = NULL;
  if (text_key(&key, text, &e))
    return -1;
  int found = -1;
  for (int k = 0; k < PEV_COUNT && found < 0; k++) {
    if (text_key(&lab, person_event_label((enum person_event_kind)k), &e) == ERR_OK &&
        strcmp(lab, key) == 0) {
      *out = (enum person_event_kind)k;
      found = 0;
    }
    free(lab);
    lab = NULL;
  }
  free(key);
  return found;
}

/* *same = 1 when the row's "Họ tên" / "Ngày sinh" (each when given) are
 * p's: the name compared by its key (case, diacritics, spacing). */
static int names_person(const struct person *p, const struct reg_cell *c, int *same,
                        struct err *err)
{
  *same = c[E_DOB].empty || strcmp(c[E_DOB].text, p->birth_date) == 0;
  if (!*same || c[E_NAME].empty)
    return ERR_OK;
  char *a = NULL, *b = NULL;
  int rc = text_key(&a, c[E_NAME].text, err);
  if (!rc)
    rc = text_key(&b, p->full_name, err);
  if (!rc)
    *same = strcmp(a, b) == 0;
  free(a);
  free(b);
  return rc;
}

/* The person an event row is about, inside the caller's scope. A national
 * ID decides. Without one, "Mã hồ sơ" is this database's record number, so
 * in a file from another database it may name someone else: when the row
 * also gives "Họ tên" and "Ngày sinh" (the export writes them) and they are
 * not that record's, the one person in the scope with that name and birth
 * date is meant; a record number outside the scope is "not found", as if it
 * did not exist (no event of it is compared, so nothing leaks), and so is a
 * national ID held outside the scope (*outside: that record, for the
 * import's audit row). */
static int event_person(long *id, long *outside, struct store *st, const struct scope *sc,
                        const struct reg_cell *c, struct err *e)
{
  *id = 0;
  int rc;
  if (!c[E_NID].empty) {
    rc = store_reg_person_any(id, outside, st, sc, c[E_NID].text, e);
    /* a record of another territory reads as no record at all */
    if ((!rc && !*id) || (rc == ERR_DENIED && *outside))
      rc = err_set(e, ERR_NOT_FOUND, "Số định danh: không có người có số %s trong địa bàn",
                   c[E_NID].text);
    return rc;
  }
  int named = !c[E_NAME].empty && !c[E_DOB].empty;
  if (c[E_ID].empty && !named)
    return err_set(e, ERR_INPUT,
                   "Số định danh: cần số định danh, mã hồ sơ, hoặc họ tên và ngày sinh");
  if (!c[E_ID].empty) {
    struct person p;
    rc = store_person_get(&p, st, sc, (long)c[E_ID].i, e);
    int same = 0;
    if (!rc)
      rc = names_person(&p, c, &same, e);
    if (!rc && same) {
      *id = p.id;
      return ERR_OK;
    }
    if (rc && rc != ERR_NOT_FOUND)
      return rc;
    if (!named)
      return rc ? err_set(e, ERR_NOT_FOUND, "Mã hồ sơ: không có hồ sơ số %lld trong địa bàn",
                          c[E_ID].i)
                : err_set(e, ERR_INPUT,
                          "Mã hồ sơ: hồ sơ số %lld là %s, không phải người ghi ở dòng", c[E_ID].i,
                          p.full_name);
  }
  char *key = NULL;
  rc = text_key(&key, c[E_NAME].text, e);
  if (rc)
    return rc;
  int n = 0;
  rc = store_person_find_named(id, &n, st, sc, key, c[E_DOB].text, e);
  free(key);
  if (rc)
    return rc;
  char vn[DATE_ISO_LEN];
  date_iso_to_vn(vn, c[E_DOB].text);
  if (n == 0)
    return err_set(e, ERR_NOT_FOUND, "Họ tên: không có %s, sinh %s, trong địa bàn", c[E_NAME].text,
                   vn);
  if (n > 1)
    return err_set(e, ERR_INPUT,
                   "Họ tên: có nhiều người tên %s, sinh %s; ghi số định danh hoặc mã hồ sơ",
                   c[E_NAME].text, vn);
  return ERR_OK;
}

static int event_import_row(enum reg_outcome *out, long *outside, struct store *st,
                            const struct scope *sc, const struct reg_spec *spec,
                            const char *const *raw, const char *today, struct buf *problems,
                            struct err *err)
{
  *out = REG_UNCHANGED;
  *outside = 0;
  struct reg_row row;
  int rc = reg_parse(&row, spec, raw, st, sc, today, problems, err);
  if (rc)
    return rc;
  const struct reg_cell *c = row.cells;
  struct err e;
  err_clear(&e);
  struct person_event ev;
  memset(&ev, 0, sizeof ev);
  rc = event_person(&ev.person_id, outside, st, sc, c, &e);
  if (!rc && event_kind(&ev.kind, c[E_KIND].text))
    rc = err_set(&e, ERR_INPUT, "Sự kiện: \"%s\" không phải loại sự kiện (pcmt person kinds)",
                 c[E_KIND].text);
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  put(ev.date, sizeof ev.date, c[E_DATE].text);
  put(ev.value, sizeof ev.value, c[E_VALUE].text);
  put(ev.facility, sizeof ev.facility, c[E_FACILITY].text);
  put(ev.decision_no, sizeof ev.decision_no, c[E_DECISION].text);
  put(ev.decision_date, sizeof ev.decision_date, c[E_DECISION_ON].text);
  /* a move goes between communes: a code a spreadsheet cut short ("2785")
   * is the commune it pads to, as the people register reads a residence */
  char pads[3][8];
  put(ev.unit_code, sizeof ev.unit_code,
      reg_unit_padded(pads, c[E_UNIT].text, 1) ? pads[0] : c[E_UNIT].text);
  /* without "Hệ đơn vị" the tree in force on the move's date
   * (person_event_validate), as for every other register */
  put(ev.unit_tree, sizeof ev.unit_tree, c[E_TREE].text);
  /* the commune a move leaves: optional (an export writes it, so that a
   * register re-imported into a fresh database keeps where people came from) */
  if (ev.kind == PEV_MOVED) {
    put(ev.from_code, sizeof ev.from_code,
        reg_unit_padded(pads, c[E_FROM_UNIT].text, 1) ? pads[0] : c[E_FROM_UNIT].text);
    put(ev.from_tree, sizeof ev.from_tree, c[E_FROM_UNIT].empty ? "" : c[E_FROM_TREE].text);
  }
  put(ev.note, sizeof ev.note, c[E_NOTE].text);
  rc = person_event_validate(&ev, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  int exists = 0;
  rc = store_person_event_exists(&exists, st, ev.person_id, person_event_code(ev.kind), ev.date,
                                 ev.value, err);
  if (rc || exists)
    return rc;
  rc = person_add_event_tx(st, sc, &ev, today, &e);
  if (rc)
    return person_import_problem(problems, rc, &e, err);
  *out = REG_INSERTED;
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------------- */

struct export_ctx {
  int (*fn)(void *ctx, const char *const *cells);
  void *ctx;
  long *n_rows;
  const char *today;
  enum scope_role role; /* the exporter's: health fields it is not shown leave nothing */
};

/* 1 when a void of the history cancels event `id`. */
static int is_voided(const struct person_event *ev, size_t n, long id)
{
  for (size_t j = 0; j < n; j++)
    if (ev[j].kind == PEV_VOID && ev[j].ref_event_id == id)
      return 1;
  return 0;
}

/* 1 when event ev records a health field `role` is not shown (person_access.h). */
static int hidden_from(const struct person_event *ev, enum scope_role role)
{
  int f = person_event_field(ev);
  return f >= 0 && !person_field_shown((enum person_field)f, role);
}

static int export_person(void *vctx, const struct person *p, const struct person_event *ev,
                         size_t n)
{
  struct export_ctx *x = vctx;
  struct person_status s;
  struct err e;
  memset(&s, 0, sizeof s);
  person_replay(&s, p->birth_date, ev, n, NULL, &e);
  person_status_redact(&s, x->role);
  /* the latest classification event not voided, for "Phân loại" / "Ngày
   * phân loại" (a voided one, re-imported, would classify the person again);
   * one of a health field the exporter is not shown counts as none */
  const struct person_event *cls = NULL;
  for (size_t i = 0; i < n; i++)
    if (ev[i].kind == PEV_CLASSIFIED && !is_voided(ev, n, ev[i].id))
      cls = &ev[i];
  if (cls && hidden_from(cls, x->role))
    cls = NULL;
  char dob[DATE_ISO_LEN], clsd[DATE_ISO_LEN];
  date_iso_to_vn(dob, p->birth_date);
  date_iso_to_vn(clsd, cls ? cls->date : "");
  const char *cells[N(person_cols)] = {
      [P_NID] = p->national_id,
      [P_NAME] = p->full_name,
      [P_OTHER] = p->other_names,
      [P_DOB] = dob,
      [P_SEX] = reg_enum_label(&person_cols[P_SEX], p->sex),
      [P_ETHNIC] = p->ethnicity,
      [P_UNIT] = p->unit_code,
      [P_TREE] = p->unit_tree,
      [P_ADDRESS] = p->address,
      [P_OCCUPATION] = p->occupation,
      [P_GROUP] = reg_enum_label(&person_cols[P_GROUP], p->occupation_group),
      [P_CLASS] = cls ? reg_enum_label(&person_cols[P_CLASS], cls->value) : "",
      [P_CLASS_ON] = clsd,
      [P_STATUS] = person_status_label(&s),
  };
  (*x->n_rows)++;
  return x->fn(x->ctx, cells);
}

static int person_export(struct store *st, const struct scope *sc,
                         int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                         const char *today, struct err *err)
{
  *n_rows = 0;
  struct export_ctx x = {fn, ctx, n_rows, today, sc->role};
  return store_person_scan(st, sc, export_person, &x, err);
}

static int export_events(void *vctx, const struct person *p, const struct person_event *ev,
                         size_t n)
{
  struct export_ctx *x = vctx;
  for (size_t i = 0; i < n; i++) {
    if (ev[i].kind == PEV_VOID || is_voided(ev, n, ev[i].id) || hidden_from(&ev[i], x->role))
      continue;
    char id[24], date[DATE_ISO_LEN], dec[DATE_ISO_LEN], dob[DATE_ISO_LEN];
    snprintf(id, sizeof id, "%ld", p->id);
    date_iso_to_vn(dob, p->birth_date);
    date_iso_to_vn(date, ev[i].date);
    date_iso_to_vn(dec, ev[i].decision_date);
    const char *cells[N(event_cols)] = {
        [E_NID] = p->national_id,
        [E_ID] = id,
        [E_NAME] = p->full_name,
        [E_DOB] = dob,
        [E_KIND] = person_event_code(ev[i].kind),
        [E_DATE] = date,
        [E_VALUE] = ev[i].value,
        [E_FACILITY] = ev[i].facility,
        [E_DECISION] = ev[i].decision_no,
        [E_DECISION_ON] = dec,
        [E_UNIT] = ev[i].kind == PEV_MOVED ? ev[i].unit_code : "",
        [E_TREE] = ev[i].kind == PEV_MOVED ? ev[i].unit_tree : "",
        [E_FROM_UNIT] = ev[i].kind == PEV_MOVED ? ev[i].from_code : "",
        [E_FROM_TREE] = ev[i].kind == PEV_MOVED ? ev[i].from_tree : "",
        [E_NOTE] = ev[i].note,
    };
    (*x->n_rows)++;
    int rc = x->fn(x->ctx, cells);
    if (rc)
      return rc;
  }
  return 0;
}

static int event_export(struct store *st, const struct scope *sc,
                        int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
                        const char *today, struct err *err)
{
  *n_rows = 0;
  struct export_ctx x = {fn, ctx, n_rows, today, sc->role};
  return store_person_scan(st, sc, export_events, &x, err);
}
