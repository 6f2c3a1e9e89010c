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

static int concrete(const char *text)
{
  char *f = NULL;
  if (!text || text_key(&f, text, NULL) != ERR_OK || !f) {
    free(f);
    return 0;
  }
  int words = 1;
  for (const char *s = f; *s; s++)
    words += *s == ' ';
  int ok = 0;
  if (words >= 5)
    for (size_t k = 0; actions[k] && !ok; k++)
      ok = has_word(f, actions[k]);
  free(f);
  return ok;
}

static int collective(const char *name)
{
  struct agency_ref r;
  if (agency_parse(&r, name, NULL) != ERR_OK)
    return 0;
  /* "UBND các huyện" is a group of one kind: each is responsible; "các cơ
   * quan, đơn vị, địa phương" names nobody */
  return r.is_group && (r.kind == AGENCY_NONE || r.kind == AGENCY_OTHER);
}

/* The same agency however written: case, diacritic placement, spacing and
 * punctuation aside ("Công an huyện" = "công an  Huyện"). */
static int same_name(const char *a, const char *b)
{
  if (strcmp(a, b) == 0)
    return 1;
  char *ka = NULL, *kb = NULL;
  int same = text_key(&ka, a, NULL) == ERR_OK && text_key(&kb, b, NULL) == ERR_OK && ka && kb &&
             *ka && strcmp(ka, kb) == 0;
  free(ka);
  free(kb);
  return same;
}

/* The task belongs to a dated phase of plan p (names compared however
 * written); without the plan, to the phase it names. */
static int in_phase(const struct plan *p, const struct plan_task *t)
{
  if (!t->phase || !t->phase[0])
    return 0;
  if (!p)
    return 1;
  for (size_t k = 0; k < p->n_phases; k++) {
    const struct plan_phase *ph = &p->phases[k];
    if (ph->name && (ph->start.y || ph->end.y) && same_name(ph->name, t->phase))
      return 1;
  }
  return 0;
}

void plan_check_task(struct plan_four_clear *out, const struct plan *p, const struct plan_task *t)
{
  out->who = t->n_lead > 0;
  out->what = concrete(t->text);
  int specific = 0;
  for (size_t k = 0; k < t->n_lead; k++)
    if (!collective(t->lead[k]))
      specific = 1;
  int overlap = 0;
  for (size_t k = 0; k < t->n_lead && !overlap; k++)
    for (size_t j = 0; j < t->n_support && !overlap; j++)
      overlap = same_name(t->lead[k], t->support[j]);
  out->responsibility = out->who && specific && !overlap;
  out->when = t->due_on.y != 0 || t->cadence != CADENCE_NONE || in_phase(p, t);
}

void plan_check_all(struct plan *p)
{
  for (size_t k = 0; k < p->n_tasks; k++)
    plan_check_task(&p->tasks[k].four_clear, p, &p->tasks[k]);
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
    plan_check_task(&c, p, t);
    int rc = ERR_OK;
    if (!c.who)
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

void plan_defect_list_free(struct plan_defect_list *l)
{
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
