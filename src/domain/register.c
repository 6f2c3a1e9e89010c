/* register.c: the register specs and the parsing of one row against them.
 *
 * The column tables below are the single description of each register: the
 * CSV headers users see (docs/registers.md lists the same), the stored
 * columns and the values allowed. Enumerations accept the stored code, the
 * Vietnamese label, the label's part before a parenthesis and the part
 * inside it ("Ma túy đá", "methamphetamine"), compared without case and
 * diacritics. */
#include "domain/register.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/number.h"
#include "base/text.h"
#include "domain/agency.h"
#include "domain/audit.h"
#include "domain/person.h"
#include "domain/scope.h"
#include "domain/unit.h"
#include "store/store_people.h"
#include "store/store_registers.h"
#include "types/label.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------- */

#define REQ     REG_REQUIRED
#define KEY     (REG_REQUIRED | REG_KEY)
#define TEXT(n) REG_TEXT, 0, n, LABEL_NONE

static const struct reg_column case_cols[] = {
    {"record_no", "Số vụ", REG_TEXT, KEY, 64, LABEL_NONE},
    {"detected_on", "Ngày phát hiện", REG_DATE, REQ, 0, LABEL_NONE},
    {"unit_id", "Mã đơn vị", REG_UNIT, REQ, 0, LABEL_NONE},
    {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    {"agency_name", "Lực lượng phát hiện", REG_AGENCY, REQ, 256, LABEL_NONE},
    {"offences", "Điều BLHS", REG_ARTICLES, REQ, 0, LABEL_NONE},
    {"express_delivery", "Qua chuyển phát", REG_BOOL, 0, 0, LABEL_NONE},
    {"prosecuted_on", "Ngày khởi tố", REG_DATE, 0, 0, LABEL_NONE},
    {"indicted_on", "Ngày truy tố", REG_DATE, 0, 0, LABEL_NONE},
    {"tried_on", "Ngày xét xử", REG_DATE, 0, 0, LABEL_NONE},
    {"resolved_on", "Ngày giải quyết xong", REG_DATE, 0, 0, LABEL_NONE},
    {"summary", "Tóm tắt", TEXT(2000)},
};
static const struct reg_column case_person_cols[] = {
    {"case_id", "Số vụ", REG_PARENT, KEY, 0, LABEL_NONE},
    {"person_id", "Số định danh", REG_PERSON, KEY, 0, LABEL_NONE},
    {"role", "Vai trò", REG_ENUM, REQ, 0, LABEL_CASE_ROLE},
    {"arrested_on", "Ngày bắt", REG_DATE, 0, 0, LABEL_NONE},
};
static const struct reg_column seizure_cols[] = {
    {"case_id", "Số vụ", REG_PARENT, KEY, 0, LABEL_NONE},
    {"substance", "Chất ma túy", REG_ENUM, REQ, 0, LABEL_SUBSTANCE},
    {"quantity", "Số lượng", REG_REAL, REQ, 0, LABEL_NONE},
    {"measure", "Đơn vị tính", REG_ENUM, REQ, 0, LABEL_MEASURE},
};
static const struct reg_column place_cols[] = {
    {"record_no", "Mã điểm", REG_TEXT, KEY, 64, LABEL_NONE},
    {"kind", "Loại", REG_ENUM, REQ, 0, LABEL_PLACE_KIND},
    {"name", "Tên", TEXT(256)},
    {"unit_id", "Mã đơn vị", REG_UNIT, REQ, 0, LABEL_NONE},
    {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    {"unit_after_id", "Mã đơn vị sau sắp xếp", REG_UNIT_AFTER, 0, 0, LABEL_NONE},
    {"address", "Địa chỉ", TEXT(256)},
    {"found_on", "Ngày phát hiện", REG_DATE, REQ, 0, LABEL_NONE},
    {"business_type", "Loại hình kinh doanh", TEXT(128)},
    {"plant", "Loại cây", TEXT(64)},
    {"area_m2", "Diện tích (m2)", REG_REAL, 0, 0, LABEL_NONE},
    {"destroyed_on", "Ngày phá bỏ", REG_DATE, 0, 0, LABEL_NONE},
    {"person_id", "Số định danh người bán", REG_PERSON, 0, 0, LABEL_NONE},
    {"note", "Ghi chú", TEXT(1000)},
};
static const struct reg_column place_status_cols[] = {
    {"place_id", "Mã điểm", REG_PARENT, KEY, 0, LABEL_NONE},
    {"on_date", "Ngày", REG_DATE, KEY, 0, LABEL_NONE},
    {"status", "Trạng thái", REG_ENUM, KEY, 0, LABEL_PLACE_STATUS},
    {"note", "Ghi chú", TEXT(1000)},
};
static const struct reg_column place_inspection_cols[] = {
    {"place_id", "Mã điểm", REG_PARENT, KEY, 0, LABEL_NONE},
    {"inspected_on", "Ngày kiểm tra", REG_DATE, KEY, 0, LABEL_NONE},
    {"agency_kind", "Cơ quan kiểm tra", REG_KIND_OF, KEY, 0, LABEL_NONE},
    {"result", "Kết quả", TEXT(1000)},
    {"violations", "Số vi phạm", REG_INT, 0, 0, LABEL_NONE},
};
static const struct reg_column network_cols[] = {
    {"record_no", "Mã", REG_TEXT, KEY, 64, LABEL_NONE},
    {"kind", "Loại", REG_ENUM, REQ, 0, LABEL_NETWORK_KIND},
    {"name", "Tên", TEXT(256)},
    {"unit_id", "Mã đơn vị", REG_UNIT, REQ, 0, LABEL_NONE},
    {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    {"unit_after_id", "Mã đơn vị sau sắp xếp", REG_UNIT_AFTER, 0, 0, LABEL_NONE},
    {"area", "Địa bàn hoạt động", TEXT(512)},
    {"found_on", "Ngày phát hiện", REG_DATE, REQ, 0, LABEL_NONE},
    {"dismantled_on", "Ngày triệt phá", REG_DATE, 0, 0, LABEL_NONE},
    {"note", "Ghi chú", TEXT(1000)},
};
static const struct reg_column network_member_cols[] = {
    {"network_id", "Mã", REG_PARENT, KEY, 0, LABEL_NONE},
    {"person_id", "Số định danh", REG_PERSON, KEY, 0, LABEL_NONE},
    {"role", "Vai trò", REG_ENUM, REQ, 0, LABEL_NETWORK_ROLE},
};
static const struct reg_column network_account_cols[] = {
    {"network_id", "Mã", REG_PARENT, KEY, 0, LABEL_NONE},
    {"platform", "Nền tảng", REG_TEXT, KEY, 64, LABEL_NONE},
    {"handle", "Tài khoản", REG_TEXT, KEY, 256, LABEL_NONE},
};
static const struct reg_column licit_cols[] = {
    {"record_no", "Mã cơ sở", REG_TEXT, KEY, 64, LABEL_NONE},
    {"kind", "Loại", REG_ENUM, REQ, 0, LABEL_LICIT_KIND},
    {"name", "Tên", TEXT(256)},
    {"unit_id", "Mã đơn vị", REG_UNIT, REQ, 0, LABEL_NONE},
    {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    {"unit_after_id", "Mã đơn vị sau sắp xếp", REG_UNIT_AFTER, 0, 0, LABEL_NONE},
    {"address", "Địa chỉ", TEXT(256)},
    {"licence", "Giấy phép", TEXT(128)},
};
static const struct reg_column licit_inspection_cols[] = {
    {"entity_id", "Mã cơ sở", REG_PARENT, KEY, 0, LABEL_NONE},
    {"inspected_on", "Ngày kiểm tra", REG_DATE, KEY, 0, LABEL_NONE},
    {"agency_kind", "Cơ quan kiểm tra", REG_KIND_OF, KEY, 0, LABEL_NONE},
    {"result", "Kết quả", TEXT(1000)},
    {"violations", "Số vi phạm", REG_INT, 0, 0, LABEL_NONE},
};
static const struct reg_column activity_cols[] = {
    {"record_no", "Mã", REG_TEXT, KEY, 64, LABEL_NONE},
    {"kind", "Loại", REG_ENUM, REQ, 0, LABEL_ACTIVITY_KIND},
    {"held_on", "Ngày", REG_DATE, REQ, 0, LABEL_NONE},
    {"unit_id", "Mã đơn vị", REG_UNIT, REQ, 0, LABEL_NONE},
    {"tree", "Hệ đơn vị", REG_TREE, 0, 0, LABEL_NONE},
    {"agency_name", "Đơn vị tổ chức", REG_AGENCY, REQ, 256, LABEL_NONE},
    {"audience", "Đối tượng", REG_ENUM, 0, 0, LABEL_AUDIENCE},
    {"form", "Hình thức", REG_ENUM, 0, 0, LABEL_FORM},
    {"language", "Ngôn ngữ", TEXT(64)},
    {"participants", "Số người tham dự", REG_INT, 0, 0, LABEL_NONE},
    {"minutes", "Số phút", REG_INT, 0, 0, LABEL_NONE},
    {"title", "Nội dung", TEXT(1000)},
};

/* ---------------------------------------------------------------------------
 * Cross-field rules
 * ------------------------------------------------------------------------- */

static const char *cell_text(const struct reg_row *row, const char *db)
{
  const struct reg_cell *c = reg_cell_of(row, db);
  return c ? c->text : "";
}

/* a <= b when both are set; names are the CSV headers. */
static int in_order(const struct reg_row *row, const char *a, const char *b, struct err *err)
{
  const char *x = cell_text(row, a), *y = cell_text(row, b);
  if (*x && *y && strcmp(x, y) > 0) {
    const struct reg_spec *sp = row->spec;
    return err_set(err, ERR_INPUT, "%s: trước %s", sp->cols[reg_col_index(sp, b)].header,
                   sp->cols[reg_col_index(sp, a)].header);
  }
  return ERR_OK;
}

/* A later step needs the one before it. */
static int needs(const struct reg_row *row, const char *later, const char *earlier, struct err *err)
{
  if (*cell_text(row, later) && !*cell_text(row, earlier)) {
    const struct reg_spec *sp = row->spec;
    return err_set(err, ERR_INPUT, "%s: có mà chưa có %s",
                   sp->cols[reg_col_index(sp, later)].header,
                   sp->cols[reg_col_index(sp, earlier)].header);
  }
  return ERR_OK;
}

/* Each procedural step on or after every earlier step that is set: a step
 * may be skipped (a case resolved without trial), so a later date is
 * compared with all the earlier ones, not only the one just before. */
static int check_case(const struct reg_row *row, struct err *err)
{
  static const char *const steps[] = {"detected_on", "prosecuted_on", "indicted_on", "tried_on",
                                      "resolved_on"};
  int rc = ERR_OK;
  for (size_t later = 1; !rc && later < N(steps); later++)
    for (size_t earlier = 0; !rc && earlier < later; earlier++)
      rc = in_order(row, steps[earlier], steps[later], err);
  if (!rc)
    rc = needs(row, "indicted_on", "prosecuted_on", err);
  if (!rc)
    rc = needs(row, "tried_on", "indicted_on", err);
  return rc;
}

static int check_place(const struct reg_row *row, struct err *err)
{
  const char *kind = cell_text(row, "kind");
  if (strcmp(kind, "cultivation") == 0 && !*cell_text(row, "plant"))
    return err_set(err, ERR_INPUT, "Loại cây: điểm trồng phải ghi loại cây");
  if (strcmp(kind, "business") == 0 && !*cell_text(row, "business_type"))
    return err_set(err, ERR_INPUT, "Loại hình kinh doanh: cơ sở kinh doanh phải ghi loại hình");
  if (strcmp(kind, "cultivation") != 0 && *cell_text(row, "destroyed_on"))
    return err_set(err, ERR_INPUT, "Ngày phá bỏ: chỉ ghi cho điểm trồng cây");
  if (strcmp(kind, "cultivation") != 0 && reg_cell_of(row, "area_m2")->d > 0)
    return err_set(err, ERR_INPUT, "Diện tích (m2): chỉ ghi cho điểm trồng cây");
  return in_order(row, "found_on", "destroyed_on", err);
}

static int check_network(const struct reg_row *row, struct err *err)
{
  return in_order(row, "found_on", "dismantled_on", err);
}

static int check_activity(const struct reg_row *row, struct err *err)
{
  const char *kind = cell_text(row, "kind");
  if (strcmp(kind, "broadcast") == 0 && reg_cell_of(row, "minutes")->i <= 0)
    return err_set(err, ERR_INPUT, "Số phút: buổi phát thanh phải ghi thời lượng");
  if (strcmp(kind, "broadcast") != 0 && reg_cell_of(row, "minutes")->i > 0 &&
      strcmp(kind, "propaganda") != 0)
    return err_set(err, ERR_INPUT, "Số phút: chỉ ghi cho phát thanh, tuyên truyền");
  return ERR_OK;
}

static int check_seizure(const struct reg_row *row, struct err *err)
{
  const char *m = cell_text(row, "measure"), *s = cell_text(row, "substance");
  if (strcmp(m, "plant") == 0 && strcmp(s, "cannabis") != 0 && strcmp(s, "opium") != 0 &&
      strcmp(s, "other") != 0)
    return err_set(err, ERR_INPUT, "Đơn vị tính: \"cây\" chỉ dùng cho cần sa, thuốc phiện");
  return ERR_OK;
}

/* ---------------------------------------------------------------------------
 * Registers
 * ------------------------------------------------------------------------- */

#define COLS(a) a, N(a)

static const struct reg_spec specs[] = {
    {"cases", "Vụ án, vụ việc về ma túy", "drug_case", NULL, NULL, "detected_on", 0, 1, 0,
     COLS(case_cols), check_case, NULL, NULL},
    {"case-people", "Đối tượng trong vụ án", "case_person", "drug_case", "vụ án", NULL, 1, 0, 0,
     COLS(case_person_cols), NULL, NULL, NULL},
    {"case-seizures", "Tang vật ma túy thu giữ", "case_seizure", "drug_case", "vụ án", NULL, 0, 0,
     1, COLS(seizure_cols), check_seizure, NULL, NULL},
    {"places", "Điểm, tụ điểm, cơ sở, điểm trồng", "place", NULL, NULL, "found_on", 1, 1, 0,
     COLS(place_cols), check_place, NULL, NULL},
    {"place-statuses", "Diễn biến điểm, tụ điểm", "place_status", "place", "điểm", NULL, 0, 0, 0,
     COLS(place_status_cols), NULL, NULL, NULL},
    {"place-inspections", "Kiểm tra cơ sở kinh doanh có điều kiện", "place_inspection", "place",
     "điểm", NULL, 0, 0, 0, COLS(place_inspection_cols), NULL, NULL, NULL},
    {"networks", "Đường dây, nhóm đối tượng", "network", NULL, NULL, "found_on", 0, 1, 0,
     COLS(network_cols), check_network, NULL, NULL},
    {"network-members", "Thành viên đường dây, nhóm", "network_member", "network",
     "đường dây, nhóm", NULL, 1, 0, 0, COLS(network_member_cols), NULL, NULL, NULL},
    {"network-accounts", "Tài khoản mạng của đường dây, nhóm", "network_account", "network",
     "đường dây, nhóm", NULL, 0, 0, 0, COLS(network_account_cols), NULL, NULL, NULL},
    {"licit", "Cơ sở có hoạt động hợp pháp liên quan đến ma túy", "licit_entity", NULL, NULL, NULL,
     0, 1, 0, COLS(licit_cols), NULL, NULL, NULL},
    {"licit-inspections", "Kiểm tra cơ sở hoạt động hợp pháp liên quan đến ma túy",
     "licit_inspection", "licit_entity", "cơ sở", NULL, 0, 0, 0, COLS(licit_inspection_cols), NULL,
     NULL, NULL},
    {"activities", "Hoạt động tuyên truyền, phòng ngừa", "activity", NULL, NULL, "held_on", 0, 1, 0,
     COLS(activity_cols), check_activity, NULL, NULL},
};

size_t reg_spec_count(void)
{
  return 2 + N(specs);
}

const struct reg_spec *reg_spec_at(size_t i)
{
  if (i == 0)
    return &person_spec;
  if (i == 1)
    return &person_event_spec;
  return i - 2 < N(specs) ? &specs[i - 2] : NULL;
}

const struct reg_spec *reg_spec_find(const char *name)
{
  for (size_t i = 0; i < reg_spec_count(); i++)
    if (strcmp(reg_spec_at(i)->name, name) == 0)
      return reg_spec_at(i);
  return NULL;
}

const char *reg_enum_label(const struct reg_column *col, const char *code)
{
  return label_vi(col->values, code);
}

/* ---------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------- */

/* 1 when text_key(a) == text_key(b) (both already folded keys here). */
static void problem(struct buf *problems, const char *header, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct buf *problems, const char *header, const char *fmt, ...)
{
  if (problems->len)
    buf_adds(problems, "; ");
  buf_addf(problems, "%s: ", header);
  va_list ap;
  va_start(ap, fmt);
  buf_vaddf(problems, fmt, ap);
  va_end(ap);
}

static int parse_bool(long long *out, const char *t)
{
  static const char *const yes[] = {"co", "x", "1", "yes", "true", "dung"};
  static const char *const no[] = {"khong", "0", "no", "false", "sai"};
  char *k = NULL;
  struct err e;
  if (text_key(&k, t, &e))
    return -1;
  int r = -1;
  for (size_t i = 0; i < N(yes) && r < 0; i++)
    if (strcmp(k, yes[i]) == 0)
      r = 1;
  for (size_t i = 0; i < N(no) && r < 0; i++)
    if (strcmp(k, no[i]) == 0)
      r = 0;
  free(k);
  if (r >= 0)
    *out = r;
  return r;
}

/* Penal Code articles: numbers 1-426 separated by anything not a digit;
 * drug offences are articles 247-259 (Chapter XX). Sorted, unique, "249;251". */
static int parse_articles(char *out, size_t n, const char *t, const char **why)
{
  int seen[14] = {0};
  int any = 0;
  for (const char *p = t; *p;) {
    if (*p < '0' || *p > '9') {
      p++;
      continue;
    }
    char *end;
    long a = strtol(p, &end, 10);
    p = end;
    if (a < 247 || a > 259) {
      *why = "chỉ ghi các điều 247-259 Bộ luật Hình sự (tội phạm về ma túy)";
      return -1;
    }
    seen[a - 247] = 1;
    any = 1;
  }
  if (!any) {
    *why = "không có số điều luật";
    return -1;
  }
  size_t w = 0;
  out[0] = '\0';
  for (int i = 0; i < 13; i++)
    if (seen[i])
      w += (size_t)snprintf(out + w, n - w, "%s%d", w ? ";" : "", 247 + i);
  return 0;
}

/* A unit named with its tree ("Hệ đơn vị") must exist on the record's date:
 * a case of 2026 on a commune dissolved by the 1 July 2025 reform, or one of
 * 2024 on a commune created by it, would count in no territory of its own
 * time (the figures of an old district read the old tree). Without the
 * column the date picks the tree, so the two always agree. */
static void check_unit_on_date(const struct unit *u, const char *iso, const char *header,
                               struct buf *problems)
{
  char vn[16], edge[16];
  date_iso_to_vn(vn, iso);
  if (u->valid_from[0] && strcmp(iso, u->valid_from) < 0)
    problem(problems, header, "đơn vị %s (hệ %s) chỉ có từ %s; ngày %s ghi theo đơn vị khi đó",
            u->code, u->tree, date_iso_to_vn(edge, u->valid_from), vn);
  else if (u->valid_to[0] && strcmp(iso, u->valid_to) > 0)
    problem(problems, header,
            "đơn vị %s (hệ %s) chỉ có đến %s; ngày %s ghi theo đơn vị mới (sau sắp xếp)", u->code,
            u->tree, date_iso_to_vn(edge, u->valid_to), vn);
}

/* The unit `code` names (unit_resolve: in `tree`, else by the date `at`)
 * and whether it lies in the caller's territory. ERR_NOT_FOUND and
 * ERR_INPUT (a malformed code) come with their message in *e; any other
 * code is a failure. */
static int unit_in_scope(struct unit *u, int *inside, struct store *st, const struct scope *sc,
                         const char *tree, const char *code, const char *at, struct err *e)
{
  int rc = unit_resolve(u, st, tree, code, at, e);
  if (!rc)
    rc = store_scope_covers(inside, st, sc->unit_id > 0 ? sc->unit_id : 0, u->id, e);
  return rc;
}

/* The unit a unit cell names. The code as written when that unit lies in
 * the caller's territory (or has no other reading); else the one of its
 * zero-padded forms (reg_unit_padded) that does, since a spreadsheet that
 * took the code for a number dropped its leading zeros ("02785" -> 2785).
 * Several padded forms in the territory are refused rather than guessed. A
 * residence (`commune_only`) can only be a commune: a short code is read as
 * the commune it pads to. On ERR_OK *out is the unit taken and *inside
 * whether it lies in the territory, or out->id is 0 and the problem is
 * added; other codes are failures. */
static int resolve_cell_unit(struct unit *out, int *inside, struct store *st,
                             const struct scope *sc, const char *tree, const char *v,
                             const char *at, int commune_only, const char *header,
                             struct buf *problems, struct err *err)
{
  memset(out, 0, sizeof *out);
  *inside = 0;
  char pads[3][8];
  size_t n_pads = reg_unit_padded(pads, v, commune_only);
  struct unit written;
  struct err e = {ERR_OK, ""};
  int rc = ERR_NOT_FOUND, win = 0;
  if (!n_pads || !commune_only) {
    rc = unit_in_scope(&written, &win, st, sc, tree, v, at, &e);
    if (rc && rc != ERR_NOT_FOUND && rc != ERR_INPUT)
      return err_copy(err, &e);
    if (!rc && (win || !n_pads)) {
      *out = written;
      *inside = win;
      return ERR_OK;
    }
    if (rc == ERR_INPUT || (rc && !n_pads)) {
      if (rc == ERR_NOT_FOUND && tree)
        problem(problems, header, "không có đơn vị mã %s trong hệ %s", v, tree);
      else
        problem(problems, header, "%s", e.msg);
      return ERR_OK;
    }
  }
  int found_written = rc == ERR_OK;
  struct unit pu, first_in, first_out;
  size_t n_in = 0, n_out = 0;
  char list[40] = "";
  for (size_t i = 0; i < n_pads; i++) {
    int pin = 0;
    struct err pe = {ERR_OK, ""};
    int prc = unit_in_scope(&pu, &pin, st, sc, tree, pads[i], at, &pe);
    if (prc == ERR_NOT_FOUND || prc == ERR_INPUT)
      continue;
    if (prc)
      return err_copy(err, &pe);
    if (!pin) {
      if (!n_out++)
        first_out = pu;
      continue;
    }
    size_t w = strlen(list);
    snprintf(list + w, sizeof list - w, "%s%s", n_in ? " hoặc " : "", pads[i]);
    if (!n_in++)
      first_in = pu;
  }
  if (n_in == 1) {
    *out = first_in;
    *inside = 1;
  } else if (n_in > 1) {
    problem(problems, header,
            "mã %s có thể là %s (bảng tính đã bỏ số 0 ở đầu); ghi đủ mã, định dạng cột là "
            "Văn bản",
            v, list);
  } else if (found_written) {
    *out = written; /* outside the territory, as written */
  } else if (n_out) {
    *out = first_out; /* outside the territory, its zeros put back */
  } else if (tree) {
    problem(problems, header, "không có đơn vị mã %s trong hệ %s", v, tree);
  } else {
    problem(problems, header, "không có đơn vị mã %s", v);
  }
  return ERR_OK;
}

/* A unit cell: the unit the code names on the record's date (the date
 * column may come after the unit: its raw text is read, two-digit years as
 * events are), today for a register without a date; a "Hệ đơn vị" cell
 * names the tree (unit_resolve); a code a spreadsheet cut short is read as
 * resolve_cell_unit says. The unit must lie in the importer's territory and
 * exist on the record's date: a case of 2026 on a commune dissolved by the
 * reform would count in no territory of its own time. */
static int parse_unit(struct reg_cell *c, const struct reg_spec *spec, const char *const *raw,
                      struct store *st, const struct scope *sc, const char *tree, const char *v,
                      const char *today, const char *header, struct buf *problems, struct err *err)
{
  char day[DATE_ISO_LEN] = "";
  const char *draw = spec->date_db ? raw[reg_col_index(spec, spec->date_db)] : NULL;
  struct date d;
  struct err e = {ERR_OK, ""};
  if (draw && date_parse_cell(&d, draw, DATE_YY_EVENT, today, &e) == ERR_OK)
    date_to_iso(day, d);
  struct unit u;
  int inside = 0;
  int rc = resolve_cell_unit(&u, &inside, st, sc, tree, v, day[0] ? day : NULL,
                             spec == &person_spec, header, problems, err);
  if (rc || !u.id)
    return rc;
  c->id = u.id;
  snprintf(c->tree, sizeof c->tree, "%s", u.tree);
  snprintf(c->text, sizeof c->text, "%s", u.code);
  if (!inside)
    problem(problems, header, "đơn vị %s nằm ngoài địa bàn của người nhập", u.code);
  if (day[0])
    check_unit_on_date(&u, day, header, problems);
  return ERR_OK;
}

/* Where a record found on a unit of the old tree is from 2025-07-01 (the
 * row's unit cell, parsed before): a unit of tree post2025 that took over
 * that unit or part of it (unit_successors), inside the importer's
 * territory; a code a spreadsheet cut short is read as resolve_cell_unit
 * reads it. A record found on a new unit has no such cell. */
static int parse_unit_after(struct reg_cell *c, const struct reg_row *row, struct store *st,
                            const struct scope *sc, const char *v, const char *header,
                            struct buf *problems, struct err *err)
{
  const struct reg_cell *first = NULL; /* the row's unit */
  for (size_t i = 0; i < row->spec->n_cols; i++)
    if (row->spec->cols[i].type == REG_UNIT)
      first = &row->cells[i];
  struct unit u;
  int inside = 0;
  int rc = resolve_cell_unit(&u, &inside, st, sc, UNIT_TREE_NEW, v, NULL, 0, header, problems, err);
  if (rc || !u.id)
    return rc;
  c->id = u.id;
  snprintf(c->tree, sizeof c->tree, "%s", u.tree);
  snprintf(c->text, sizeof c->text, "%s", u.code);
  if (!first || !first->id)
    return ERR_OK; /* the unit cell reports its own problem */
  if (strcmp(first->tree, UNIT_TREE_OLD) != 0) {
    problem(problems, header,
            "chỉ ghi cho hồ sơ trên đơn vị trước 01/07/2025 (hệ %s); đơn vị %s đã là đơn vị sau "
            "sắp xếp",
            UNIT_TREE_OLD, first->text);
    return ERR_OK;
  }
  struct unit_successor_list l;
  rc = unit_successors(&l, st, first->text, err);
  if (rc)
    return rc;
  int found = 0;
  char list[256] = "";
  size_t w = 0;
  for (size_t i = 0; i < l.n; i++) {
    found |= l.items[i].unit.id == u.id;
    if (i < 6 && w < sizeof list)
      w += (size_t)snprintf(list + w, sizeof list - w, "%s%s %s %s", i ? ", " : "",
                            l.items[i].unit.code, l.items[i].unit.type, l.items[i].unit.name);
  }
  if (l.n > 6 && w < sizeof list)
    snprintf(list + w, sizeof list - w, " …");
  if (!found)
    problem(problems, header,
            "đơn vị %s (hệ %s) không kế thừa đơn vị %s (hệ %s); đơn vị kế thừa: %s", u.code,
            UNIT_TREE_NEW, first->text, UNIT_TREE_OLD, l.n ? list : "(không có)");
  unit_successor_list_free(&l);
  if (!inside)
    problem(problems, header, "đơn vị %s nằm ngoài địa bàn của người nhập", u.code);
  return ERR_OK;
}

/* A whole number as Vietnamese offices write it: "1200", "1.200" or "1 200"
 * (the first group 1-3 digits, then groups of exactly three after one kind
 * of separator; a spreadsheet's no-break space counts as a space). A decimal
 * part or a bad grouping ("1.2", "1,200", "12.00") is refused rather than
 * guessed. */
static int parse_int(long long *out, const char *t)
{
  char sep = 0;
  long long n = 0;
  int group = 0, digits = 0;
  for (const char *p = t; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (++digits > 12)
        return -1;
      n = n * 10 + (*p - '0');
      group++;
      continue;
    }
    size_t sp = text_space_len(p);
    char kind = sp ? ' ' : *p;
    if (sp)
      p += sp - 1;
    if ((kind != '.' && kind != ' ') || (sep && kind != sep))
      return -1;
    /* a separator ends the first group (1-3 digits) or a full one */
    if (group == 0 || group > 3 || (sep && group != 3))
      return -1;
    sep = kind;
    group = 0;
  }
  if (digits == 0 || (sep && group != 3))
    return -1;
  *out = n;
  return 0;
}

enum date_yy reg_date_rule(const struct reg_column *col)
{
  return strcmp(col->db, "birth_date") == 0 ? DATE_YY_BIRTH : DATE_YY_EVENT;
}

size_t reg_unit_padded(char out[][8], const char *code, int commune_only)
{
  static const size_t widths[] = {2, 3, 5}; /* province, district, commune */
  size_t len = strlen(code), n = 0;
  if (len == 0 || len >= 5 || code[0] == '0' || strspn(code, "0123456789") != len)
    return 0;
  for (size_t i = 0; i < N(widths); i++)
    if (widths[i] > len && (!commune_only || widths[i] == 5))
      snprintf(out[n++], 8, "%0*d%s", (int)(widths[i] - len), 0, code);
  return n;
}

/* The agency kind a cell names: a kind code ("police"), a kind's label
 * ("Công an"), or an agency name the lexicon reads ("Đồn Biên phòng Bát Xát"). */
static int resolve_agency(struct reg_cell *c, const char *t, struct err *err)
{
  const char *code;
  int rc = label_lookup(&code, LABEL_AGENCY_KIND, t, err);
  if (rc)
    return rc;
  enum agency_kind k = agency_kind_from_name(code);
  if (!k) {
    struct agency_ref ref;
    rc = agency_parse(&ref, t, err);
    if (rc)
      return rc;
    if (ref.kind == AGENCY_NONE)
      return ERR_NOT_FOUND;
    k = ref.kind;
  }
  snprintf(c->agency_kind, sizeof c->agency_kind, "%s", agency_kind_name(k));
  return ERR_OK;
}

int reg_parse(struct reg_row *row, const struct reg_spec *spec, const char *const *raw,
              struct store *st, const struct scope *sc, const char *today, struct buf *problems,
              struct err *err)
{
  memset(row, 0, sizeof *row);
  row->spec = spec;
  size_t before = problems->len;
  const char *tree = NULL;
  /* The tree: a "Hệ đơn vị" cell, else the record's date, else today's units. */
  for (size_t i = 0; i < spec->n_cols; i++)
    if (spec->cols[i].type == REG_TREE && raw[i] && *raw[i]) {
      if (strcmp(raw[i], UNIT_TREE_OLD) == 0 || strcmp(raw[i], UNIT_TREE_NEW) == 0)
        tree = raw[i];
      else
        problem(problems, spec->cols[i].header, "\"%s\" không phải %s hoặc %s", raw[i],
                UNIT_TREE_OLD, UNIT_TREE_NEW);
    }
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *col = &spec->cols[i];
    struct reg_cell *c = &row->cells[i];
    const char *t = raw[i] ? raw[i] : "";
    while (*t == ' ' || *t == '\t')
      t++;
    size_t len = strlen(t);
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
      len--;
    char v[512];
    if (len >= sizeof v) {
      problem(problems, col->header, "dài quá %zu byte", sizeof v - 1);
      continue;
    }
    memcpy(v, t, len);
    v[len] = '\0';
    c->empty = len == 0;
    if (c->empty) {
      if (col->flags & REG_REQUIRED)
        problem(problems, col->header, "bắt buộc, đang để trống");
      continue;
    }
    switch (col->type) {
    case REG_TEXT:
      if (col->max && len > col->max)
        problem(problems, col->header, "dài quá %zu byte", col->max);
      else
        snprintf(c->text, sizeof c->text, "%s", v);
      break;
    case REG_DATE: {
      struct date d;
      struct err e;
      if (date_parse_cell(&d, v, reg_date_rule(col), today, &e)) {
        problem(problems, col->header, "%s", e.msg);
        break;
      }
      date_to_iso(c->text, d);
      if (strcmp(c->text, today) > 0)
        problem(problems, col->header, "ngày %s ở tương lai", v);
      break;
    }
    case REG_INT: {
      long long n = 0;
      if (parse_int(&n, v) || n > 100000000)
        problem(problems, col->header, "\"%s\" không phải số nguyên không âm", v);
      c->i = n;
      snprintf(c->text, sizeof c->text, "%lld", n);
      break;
    }
    case REG_REAL:
      if (number_parse_vn(&c->d, v) || c->d > 1e12)
        problem(problems, col->header, "\"%s\" không phải số không âm", v);
      else if (c->d == 0 && (col->flags & REG_REQUIRED))
        problem(problems, col->header, "phải lớn hơn 0");
      snprintf(c->text, sizeof c->text, "%.10g", c->d);
      break;
    case REG_BOOL:
      if (parse_bool(&c->i, v) < 0)
        problem(problems, col->header, "\"%s\": ghi \"có\" hoặc \"không\"", v);
      break;
    case REG_ENUM: {
      const char *code;
      int rc = label_lookup(&code, col->values, v, err);
      if (rc)
        return rc;
      if (!code) {
        char list[400];
        size_t w = 0, nv;
        const struct label *vals = label_items(col->values, &nv);
        list[0] = '\0';
        for (size_t k = 0; k < nv && w < sizeof list; k++)
          if (vals[k].vi[0])
            w += (size_t)snprintf(list + w, sizeof list - w, "%s%s", w ? "; " : "", vals[k].vi);
        problem(problems, col->header, "\"%s\" không thuộc danh mục (%s)", v, list);
      } else
        snprintf(c->text, sizeof c->text, "%s", code);
      break;
    }
    case REG_TREE:
      snprintf(c->text, sizeof c->text, "%s", v);
      break;
    case REG_UNIT: {
      int rc = parse_unit(c, spec, raw, st, sc, tree, v, today, col->header, problems, err);
      if (rc)
        return rc;
      break;
    }
    case REG_UNIT_AFTER: {
      int rc = parse_unit_after(c, row, st, sc, v, col->header, problems, err);
      if (rc)
        return rc;
      break;
    }
    case REG_AGENCY:
    case REG_KIND_OF: {
      if (col->max && len > col->max) {
        problem(problems, col->header, "dài quá %zu byte", col->max);
        break;
      }
      int rc = resolve_agency(c, v, err);
      if (rc == ERR_NOT_FOUND || rc == ERR_INPUT) {
        problem(problems, col->header, "\"%s\" không nhận ra là cơ quan, lực lượng nào", v);
        break;
      }
      if (rc)
        return rc;
      snprintf(c->text, sizeof c->text, "%s", v);
      break;
    }
    case REG_ARTICLES: {
      const char *why = NULL;
      if (parse_articles(c->text, sizeof c->text, v, &why))
        problem(problems, col->header, "\"%s\": %s", v, why);
      break;
    }
    case REG_PARENT: {
      long unit_id;
      int rc = store_reg_parent(&c->id, &unit_id, st, sc, spec->parent_table, v, err);
      if (rc == ERR_NOT_FOUND) {
        problem(problems, col->header, "không có %s số \"%s\" trong địa bàn; nhập %s trước",
                spec->parent_label, v, spec->parent_label);
        break;
      }
      if (rc)
        return rc;
      c->unit_of_parent = unit_id;
      snprintf(c->text, sizeof c->text, "%s", v);
      break;
    }
    case REG_PERSON: {
      if (len != 12 || strspn(v, "0123456789") != 12) {
        problem(problems, col->header, "\"%s\" không phải số định danh 12 chữ số%s", v,
                person_national_id_hint(v));
        break;
      }
      /* a person recorded outside the territory reads as one nobody
       * holds: the row must not tell that the ID is on the register
       * elsewhere (the import audits the look-up, c->outside) */
      struct err e;
      err_clear(&e);
      int rc = store_reg_person_any(&c->id, &c->outside, st, sc, v, &e);
      if (rc && !(rc == ERR_DENIED && c->outside))
        return err_copy(err, &e); /* a role refused, a store failure */
      if (!c->id) {
        problem(problems, col->header,
                "không có người có số định danh %s trong danh sách của địa bàn; nhập người "
                "trước (pcmt import people)",
                v);
        break;
      }
      snprintf(c->text, sizeof c->text, "%s", v);
      break;
    }
    }
  }
  if (problems->len == before && spec->check) {
    struct err e;
    err_clear(&e);
    if (spec->check(row, &e)) {
      if (problems->len)
        buf_adds(problems, "; ");
      buf_adds(problems, e.msg);
    }
  }
  if (spec->has_line_key && problems->len == before) {
    snprintf(row->line_key, sizeof row->line_key, "%.40s|%.20s|%.40s", cell_text(row, "substance"),
             cell_text(row, "measure"), reg_cell_of(row, "quantity")->text);
  }
  if (buf_failed(problems))
    return err_nomem(err);
  return problems->len == before ? ERR_OK : ERR_INPUT;
}

/* A status may follow only the one the law of the field allows:
 * found (active) -> eliminated -> re-formed -> eliminated ... */
static int status_follows(const char *before, const char *after)
{
  if (!*before)
    return strcmp(after, "active") == 0;
  if (strcmp(after, "eliminated") == 0)
    return strcmp(before, "active") == 0 || strcmp(before, "reformed") == 0;
  if (strcmp(after, "reformed") == 0)
    return strcmp(before, "eliminated") == 0;
  return 0; /* "active" only opens the history */
}

static int check_status_row(struct store *st, const struct reg_row *row, struct err *err)
{
  char prev[16], next[16];
  const char *status = cell_text(row, "status");
  int rc = store_reg_place_status_around(prev, next, st, reg_cell_of(row, "place_id")->id,
                                         cell_text(row, "on_date"), status, err);
  if (rc)
    return rc;
  const struct reg_column *col = &row->spec->cols[reg_col_index(row->spec, "status")];
  if (!status_follows(prev, status))
    return err_set(err, ERR_INPUT, "Trạng thái: \"%s\" không thể đến sau \"%s\"",
                   reg_enum_label(col, status), *prev ? reg_enum_label(col, prev) : "(chưa có)");
  if (*next && !status_follows(status, next))
    return err_set(err, ERR_INPUT, "Trạng thái: \"%s\" ghi sau đó không thể đến sau \"%s\"",
                   reg_enum_label(col, next), reg_enum_label(col, status));
  return ERR_OK;
}

/* The kinds of place whose state over time is a status history (found
 * active, eliminated, re-formed): the indicators read only theirs. */
static int has_statuses(const char *kind)
{
  return strcmp(kind, "hotspot") == 0 || strcmp(kind, "retail_point") == 0 ||
         strcmp(kind, "seller") == 0;
}

/* A status or an inspection belongs to a place of the kind that has them
 * (statuses: hotspot, retail point, seller; inspections: a conditional
 * business), else the figures would silently leave it out; and it is not
 * dated before the place was found. */
static int check_place_child(struct store *st, const struct reg_row *row, struct err *err)
{
  const struct reg_cell *place = reg_cell_of(row, "place_id");
  struct reg_place_facts f;
  int rc = store_reg_place_facts(&f, st, place->id, err);
  if (rc)
    return rc;
  int inspection = strcmp(row->spec->table, "place_inspection") == 0;
  const char *kind = reg_enum_label(&place_cols[1], f.kind);
  if (inspection && strcmp(f.kind, "business") != 0)
    return err_set(err, ERR_INPUT,
                   "Mã điểm: \"%s\" là \"%s\"; chỉ ghi kiểm tra cho cơ sở kinh doanh có điều kiện",
                   place->text, kind);
  if (!inspection && !has_statuses(f.kind))
    return err_set(err, ERR_INPUT,
                   "Mã điểm: \"%s\" là \"%s\"; diễn biến trạng thái chỉ ghi cho điểm bán lẻ, "
                   "đối tượng bán lẻ, tụ điểm",
                   place->text, kind);
  const char *date_db = inspection ? "inspected_on" : "on_date";
  if (strcmp(cell_text(row, date_db), f.found_on) < 0) {
    char vn[16];
    date_iso_to_vn(vn, f.found_on);
    return err_set(err, ERR_INPUT, "%s: trước Ngày phát hiện của điểm (%s)",
                   row->spec->cols[reg_col_index(row->spec, date_db)].header, vn);
  }
  return ERR_OK;
}

/* Update a place whose kind or found date may have changed, keeping its
 * status history true. The first active row is the place's being found, so
 * it moves with the found date; every later status must still come on or
 * after it. A place that becomes a hotspot, retail point or seller gets that
 * row; one that stops being one loses it, but a history beyond it (an
 * elimination ...) or a business's inspections are facts an officer
 * recorded, so such a change is refused with the reason rather than
 * dropping them. */
static int update_place(struct store *st, const struct scope *sc, long id,
                        const struct reg_row *row, struct err *err)
{
  struct reg_place_facts f;
  int rc = store_reg_place_facts(&f, st, id, err);
  if (rc)
    return rc;
  const char *kind = cell_text(row, "kind"), *found = cell_text(row, "found_on");
  int kind_changed = strcmp(kind, f.kind) != 0, found_changed = strcmp(found, f.found_on) != 0;
  const char *kind_label = reg_enum_label(&place_cols[1], kind);
  const struct reg_column *scol = &place_status_cols[2];
  /* the statuses after the found row (the first, when it is active) */
  int first_found = strcmp(f.status[0], "active") == 0;
  const char *rest_on = f.status_on[first_found], *rest = f.status[first_found];
  char vn[16];
  if (kind_changed && *f.first_inspection && strcmp(kind, "business") != 0) {
    date_iso_to_vn(vn, f.first_inspection);
    return err_set(err, ERR_INPUT, "Loại: cơ sở đã có kiểm tra ngày %s; không đổi được sang \"%s\"",
                   vn, kind_label);
  }
  if (found_changed && *f.first_inspection && strcmp(found, f.first_inspection) > 0) {
    date_iso_to_vn(vn, f.first_inspection);
    return err_set(err, ERR_INPUT, "Ngày phát hiện: sau Ngày kiểm tra %s đã ghi", vn);
  }
  if (kind_changed && *rest && !has_statuses(kind)) {
    date_iso_to_vn(vn, rest_on);
    return err_set(err, ERR_INPUT,
                   "Loại: điểm đã có diễn biến \"%s\" ngày %s; không đổi được sang \"%s\"",
                   reg_enum_label(scol, rest), vn, kind_label);
  }
  if (found_changed && *rest && has_statuses(kind) && strcmp(found, rest_on) > 0) {
    date_iso_to_vn(vn, rest_on);
    return err_set(err, ERR_INPUT, "Ngày phát hiện: sau diễn biến \"%s\" ngày %s đã ghi",
                   reg_enum_label(scol, rest), vn);
  }
  rc = store_reg_update(st, sc, id, row, err);
  if (rc)
    return rc;
  if (!has_statuses(kind))
    return kind_changed && *f.status[0] ? store_reg_place_statuses_clear(st, id, err) : ERR_OK;
  if (first_found && strcmp(f.status_on[0], found) != 0)
    rc = store_reg_place_found_move(st, id, f.status_on[0], found, err);
  return rc ? rc : store_reg_place_found(st, id, found, err);
}

int reg_save(enum reg_outcome *out, struct store *st, const struct scope *sc,
             const struct reg_row *row, struct err *err)
{
  *out = REG_UNCHANGED;
  long id = 0;
  int same = 0;
  int rc = store_reg_find(&id, &same, st, sc, row, err);
  if (rc)
    return rc;
  if (id && same)
    return ERR_OK;
  const char *table = row->spec->table;
  if (strcmp(table, "place_status") == 0 || strcmp(table, "place_inspection") == 0) {
    rc = check_place_child(st, row, err);
    if (rc)
      return rc;
  }
  if (!id && strcmp(table, "place_status") == 0) {
    rc = check_status_row(st, row, err);
    if (rc)
      return rc;
  }
  char at[24];
  date_now_utc(at, sizeof at);
  if (!id) {
    rc = store_reg_insert(&id, st, sc, row, at, err);
    *out = REG_INSERTED;
    if (!rc && strcmp(table, "place") == 0 && has_statuses(cell_text(row, "kind")))
      rc = store_reg_place_found(st, id, cell_text(row, "found_on"), err);
  } else if (strcmp(table, "place") == 0) {
    rc = update_place(st, sc, id, row, err);
    *out = REG_UPDATED;
  } else if (!reg_is_child(row->spec)) {
    rc = store_reg_update(st, sc, id, row, err);
    *out = REG_UPDATED;
  } else {
    /* a child row found by its whole key differs only in non-key cells */
    rc = store_reg_delete_child(st, sc, row, err);
    if (!rc)
      rc = store_reg_insert(&id, st, sc, row, at, err);
    *out = REG_UPDATED;
  }
  if (!rc && row->spec->personal) {
    const struct reg_cell *p = reg_cell_of(row, "person_id");
    char detail[160];
    snprintf(detail, sizeof detail, "%s %s %.64s", row->spec->name,
             *out == REG_INSERTED ? "thêm" : "sửa", row->cells[0].text);
    rc = audit_record(st, sc, *out == REG_INSERTED ? "register.create" : "register.update",
                      p && p->id ? "person" : row->spec->table, p && p->id ? p->id : id, detail,
                      err);
  }
  return rc;
}

struct export_ctx {
  const struct reg_spec *spec;
  int (*fn)(void *ctx, const char *const *cells);
  void *ctx;
};

/* Stored values to what a person reads (and the importer accepts). */
static int export_row(void *vctx, const char *const *cells)
{
  struct export_ctx *x = vctx;
  const struct reg_spec *spec = x->spec;
  char dates[REG_MAX_COLUMNS][32]; /* dates and numbers as written out */
  const char *out[REG_MAX_COLUMNS];
  for (size_t i = 0; i < spec->n_cols; i++) {
    const struct reg_column *c = &spec->cols[i];
    out[i] = cells[i];
    struct date d;
    struct err e;
    if (c->type == REG_DATE && cells[i][0] && date_parse(&d, cells[i], 0, &e) == ERR_OK) {
      date_to_vn(dates[i], d);
      out[i] = dates[i];
    } else if (c->type == REG_ENUM) {
      out[i] = reg_enum_label(c, cells[i]);
    } else if (c->type == REG_REAL && strtod(cells[i], NULL) == 0 && !(c->flags & REG_REQUIRED)) {
      out[i] = "";
    } else if (c->type == REG_REAL) {
      /* plain digits with the Vietnamese decimal comma, never an exponent,
       * which the import reads back as written */
      snprintf(dates[i], sizeof dates[i], "%.6f", strtod(cells[i], NULL));
      char *point = strchr(dates[i], '.');
      if (point) {
        size_t l = strlen(dates[i]);
        while (l && dates[i][l - 1] == '0')
          dates[i][--l] = '\0';
        if (dates[i][l - 1] == '.')
          dates[i][l - 1] = '\0';
        else
          *point = ',';
      }
      out[i] = dates[i];
    } else if (c->type == REG_BOOL) {
      out[i] = strcmp(cells[i], "1") == 0 ? "có" : "không";
    } else if (c->type == REG_KIND_OF) {
      enum agency_kind k = agency_kind_from_name(cells[i]);
      out[i] = k && agency_kind_label(k) ? agency_kind_label(k) : cells[i];
    } else if (c->type == REG_ARTICLES) {
      /* "249;251" stays: the importer reads any separator */
    }
  }
  return x->fn(x->ctx, out);
}

int reg_export(struct store *st, const struct scope *sc, const struct reg_spec *spec,
               int (*fn)(void *ctx, const char *const *cells), void *ctx, long *n_rows,
               const char *today, struct err *err)
{
  *n_rows = 0;
  if (spec->export_all)
    return spec->export_all(st, sc, fn, ctx, n_rows, today, err);
  struct export_ctx x = {spec, fn, ctx};
  return store_reg_export(st, sc, spec, export_row, &x, n_rows, err);
}
