/* plan_check.c: the four-clear check ("4 rõ").
 *
 * The criteria (docs/plan-reader.md):
 *   who: at least one lead agency is named;
 *   what: the text holds a concrete action verb. Plans often open a task
 *     with an exhortation ("Tăng cường", "Đẩy mạnh", "Nâng cao", "Phát
 *     huy"); a task made only of such words is a slogan: nobody can say when
 *     it is done. The action lexicon below lists verbs whose result can be
 *     checked (tổ chức, rà soát, lập hồ sơ, kiểm tra, xét xử ...), not
 *     as the noun of a field of work ("công tác tuyên truyền");
 *   responsibility: a lead that is one agency, or several named agencies,
 *     not only a collective phrase ("các cơ quan, đơn vị, địa phương"), and
 *     no lead also listed as a coordinator;
 *   when: the task's own time: a deadline, a cadence, or a phase of the
 *     plan it belongs to (a phase with its dates). The plan's period alone
 *     does not count: every task of a plan lies in it, so it says nothing
 *     about when this task is due. */
#include "domain/plan_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/agency.h"
#include "types/label.h"

/* Folded verbs of concrete actions, matched as whole words. Folding drops
 * diacritics, so a single syllable that folds onto a common other word is
 * listed only inside a phrase: "nắm" folds onto "năm" (year), "mở" onto
 * "mô" (mô hình), "đưa" onto "đua" (thi đua). */
static const char *const actions[] = {
    "to chuc",      "trien khai", "xay dung",  "ra soat",   "kiem tra",   "thanh tra",
    "tuyen truyen", "tap huan",   "boi duong", "lap ho so", "dua vao",    "dua di",
    "dua ra",       "dua nguoi",  "tham muu",  "chi dao",   "dau tranh",  "dieu tra",
    "truy to",      "xet xu",     "xu ly",     "quan ly",   "ban hanh",   "bao cao",
    "thong ke",     "mo lop",     "mo dot",    "mo cac",    "ho tro",     "bo tri",
    "khen thuong",  "cai nghien", "phat hien", "triet pha", "giam sat",   "don doc",
    "huong dan",    "nam chac",   "nam bat",   "kiem soat", "tham dinh",  "bien soan",
    "phat hanh",    "dang tai",   "so ket",    "tong ket",  "danh gia",   "xac dinh",
    "tiep nhan",    "dieu tri",   "phoi hop",  "thuc hien", "sua doi",    "nghien cuu",
    "ky ket",       "truy quet",  "bat giu",   "khoi to",   "cap nhat",   "quan triet",
    "tiep can",     "ngan chan",  "phat song", "chuan bi",  "khao sat",   "lam viec",
    "hop tac",      "trao doi",   "kien nghi", "de xuat",   "xet nghiem", "xet duyet",
    "to giac",      NULL};

static int has_word(const char *hay, const char *w)
{
  size_t wl = strlen(w);
  for (const char *s = strstr(hay, w); s; s = strstr(s + 1, w)) {
    int start = s == hay || s[-1] == ' ';
    int end = s[wl] == '\0' || s[wl] == ' ';
    /* "công tác tuyên truyền" names a field of work, not an action */
    int noun = (size_t)(s - hay) >= 9 && strncmp(s - 9, "cong tac ", 9) == 0;
    if (start && end && !noun)
      return 1;
  }
  return 0;
}

/* *out = 1 when text states a concrete action (see the essay above). */
static int concrete(int *out, const char *text, struct err *err)
{
  *out = 0;
  if (!text)
    return ERR_OK;
  char *f = NULL;
  struct err e = {ERR_OK, ""};
  int rc = text_key(&f, text, &e);
  if (rc) /* text that is no valid UTF-8 states nothing; memory is a failure */
    return rc == ERR_NOMEM ? err_copy(err, &e) : ERR_OK;
  int words = 1;
  for (const char *s = f; *s; s++)
    words += *s == ' ';
  if (words >= 5)
    for (size_t k = 0; actions[k] && !*out; k++)
      *out = has_word(f, actions[k]);
  free(f);
  return ERR_OK;
}

/* *out = 1 when name is a collective phrase that names nobody. */
static int collective(int *out, const char *name, struct err *err)
{
  *out = 0;
  struct agency_ref r;
  struct err e = {ERR_OK, ""};
  int rc = agency_parse(&r, name, &e);
  if (rc)
    return rc == ERR_NOMEM ? err_copy(err, &e) : ERR_OK;
  /* "UBND các huyện" is a group of one kind: each is responsible; "các cơ
   * quan, đơn vị, địa phương" names nobody */
  *out = r.is_group && (r.kind == AGENCY_NONE || r.kind == AGENCY_OTHER);
  return ERR_OK;
}

/* *out = 1 for the same agency however written: case, diacritic placement,
 * spacing and punctuation aside ("Công an huyện" = "công an  Huyện"). */
static int same_name(int *out, const char *a, const char *b, struct err *err)
{
  *out = strcmp(a, b) == 0;
  if (*out)
    return ERR_OK;
  char *ka = NULL, *kb = NULL;
  struct err e = {ERR_OK, ""};
  int rc = text_key(&ka, a, &e);
  if (!rc)
    rc = text_key(&kb, b, &e);
  if (!rc)
    *out = *ka && strcmp(ka, kb) == 0;
  free(ka);
  free(kb);
  return rc == ERR_NOMEM ? err_copy(err, &e) : ERR_OK;
}

/* *out = 1 when the task belongs to a dated phase of plan p (names compared
 * however written); without the plan, to the phase it names. */
static int in_phase(int *out, const struct plan *p, const struct plan_task *t, struct err *err)
{
  *out = 0;
  if (!t->phase || !t->phase[0])
    return ERR_OK;
  if (!p) {
    *out = 1;
    return ERR_OK;
  }
  for (size_t k = 0; k < p->n_phases && !*out; k++) {
    const struct plan_phase *ph = &p->phases[k];
    if (ph->name && (ph->start.y || ph->end.y)) {
      int rc = same_name(out, ph->name, t->phase, err);
      if (rc)
        return rc;
    }
  }
  return ERR_OK;
}

int plan_check_task(struct plan_four_clear *out, const struct plan *p, const struct plan_task *t,
                    struct err *err)
{
  memset(out, 0, sizeof *out);
  struct plan_four_clear c = {0, 0, 0, 0};
  c.who = t->n_lead > 0;
  int rc = concrete(&c.what, t->text, err);
  int specific = 0;
  for (size_t k = 0; !rc && k < t->n_lead && !specific; k++) {
    int coll;
    rc = collective(&coll, t->lead[k], err);
    specific = !rc && !coll;
  }
  int overlap = 0;
  for (size_t k = 0; !rc && k < t->n_lead && !overlap; k++)
    for (size_t j = 0; !rc && j < t->n_support && !overlap; j++)
      rc = same_name(&overlap, t->lead[k], t->support[j], err);
  c.responsibility = c.who && specific && !overlap;
  int phased = 0;
  if (!rc && !t->due_on.y && t->cadence == CADENCE_NONE)
    rc = in_phase(&phased, p, t, err);
  c.when = t->due_on.y != 0 || t->cadence != CADENCE_NONE || phased;
  if (!rc)
    *out = c;
  return rc;
}

int plan_check_all(struct plan *p, struct err *err)
{
  int rc = ERR_OK;
  for (size_t k = 0; k < p->n_tasks && !rc; k++)
    rc = plan_check_task(&p->tasks[k].four_clear, p, &p->tasks[k], err);
  return rc;
}

const char *plan_defect_label(int kind)
{
  return kind >= 0 && kind <= DEFECT_WHEN ? label_at(LABEL_FOUR_CLEAR, (size_t)kind) : "";
}

static int add(struct plan_defect_list *l, size_t *cap, size_t task, int kind, const char *why,
               struct err *err)
{
  if (l->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    struct plan_defect *ni = realloc(l->items, nc * sizeof *ni);
    if (!ni)
      return err_nomem(err);
    l->items = ni;
    *cap = nc;
  }
  struct plan_defect *d = &l->items[l->n++];
  d->task = task;
  d->kind = kind;
  snprintf(d->reason, sizeof d->reason, "%s", why);
  return ERR_OK;
}

int plan_check_defects(struct plan_defect_list *out, const struct plan *p, struct err *err)
{
  out->items = NULL;
  out->n = 0;
  size_t cap = 0;
  for (size_t k = 0; k < p->n_tasks; k++) {
    const struct plan_task *t = &p->tasks[k];
    struct plan_four_clear c;
    int rc = plan_check_task(&c, p, t, err);
    if (!rc && !c.who)
      rc = add(out, &cap, k, DEFECT_WHO, "không nêu cơ quan chủ trì", err);
    if (!rc && !c.what)
      rc = add(out, &cap, k, DEFECT_WHAT,
               "chỉ nêu khẩu hiệu, không có việc làm cụ thể kiểm đếm được", err);
    if (!rc && c.who && !c.responsibility)
      rc = add(out, &cap, k, DEFECT_RESPONSIBILITY,
               "cơ quan chủ trì chỉ là cụm chung chung hoặc trùng với cơ quan phối hợp", err);
    if (!rc && !c.when)
      rc = add(out, &cap, k, DEFECT_WHEN,
               "không nêu thời hạn, tần suất hay giai đoạn của nhiệm vụ (thời gian của cả kế "
               "hoạch không đủ)",
               err);
    if (rc) {
      plan_defect_list_free(out);
      return rc;
    }
  }
  return ERR_OK;
}

void plan_check_tally(struct plan_check_count *out, const struct plan *p,
                      const struct plan_defect_list *l)
{
  out->tasks = p->n_tasks;
  out->defects = l->n;
  out->unclear = 0;
  /* a task's defects are next to each other (task order), but count each
   * task once however they come */
  for (size_t t = 0; t < p->n_tasks; t++)
    for (size_t k = 0; k < l->n; k++)
      if (l->items[k].task == t) {
        out->unclear++;
        break;
      }
  out->clear = out->tasks - out->unclear;
}

void plan_defect_list_free(struct plan_defect_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
