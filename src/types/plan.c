/* types/plan.c: lifecycle of the plan model: init, free, growing its arrays. */
#include "types/label.h"
#include "types/plan.h"

#include <stdlib.h>
#include <string.h>

void plan_init(struct plan *p)
{
  memset(p, 0, sizeof *p);
}

void plan_strv_free(char ***v, size_t *n)
{
  for (size_t i = 0; i < *n; i++)
    free((*v)[i]);
  free(*v);
  *v = NULL;
  *n = 0;
}

void plan_free(struct plan *p)
{
  if (!p)
    return;
  free(p->number);
  free(p->title);
  free(p->issuer);
  free(p->territory);
  for (size_t i = 0; i < p->n_bases; i++) {
    free(p->bases[i].text);
    free(p->bases[i].number);
  }
  free(p->bases);
  for (size_t i = 0; i < p->n_phases; i++) {
    free(p->phases[i].name);
    free(p->phases[i].text);
  }
  free(p->phases);
  for (size_t i = 0; i < p->n_targets; i++) {
    struct plan_target *t = &p->targets[i];
    free(t->text);
    free(t->unit);
    free(t->phase);
    for (size_t q = 0; q < t->n_quotas; q++)
      free(t->quotas[q].assignee);
    free(t->quotas);
  }
  free(p->targets);
  for (size_t i = 0; i < p->n_tasks; i++) {
    struct plan_task *t = &p->tasks[i];
    free(t->section);
    free(t->text);
    free(t->phase);
    plan_strv_free(&t->lead, &t->n_lead);
    plan_strv_free(&t->support, &t->n_support);
  }
  free(p->tasks);
  for (size_t i = 0; i < p->n_reports; i++) {
    free(p->reports[i].name);
    free(p->reports[i].recipient);
  }
  free(p->reports);
  plan_init(p);
}

/* Grow an array of `size`-byte elements holding *n by one zeroed element.
 * The capacity is implied by the count (4, then doubling at each power of
 * two from 4 on), so the model needs no capacity fields. */
static void *grow(void **arr, size_t *n, size_t size, struct err *err)
{
  size_t count = *n;
  if (count == 0 || (count >= 4 && (count & (count - 1)) == 0)) {
    size_t cap = count ? count * 2 : 4;
    void *na = realloc(*arr, cap * size);
    if (!na) {
      err_nomem(err);
      return NULL;
    }
    *arr = na;
  }
  char *el = (char *)*arr + count * size;
  memset(el, 0, size);
  (*n)++;
  return el;
}

#define ADD(arr, n, outp)                                                                          \
  do {                                                                                             \
    void *a_ = (arr);                                                                              \
    void *e_ = grow(&a_, &(n), sizeof *(arr), err);                                                \
    (arr) = a_;                                                                                    \
    if (!e_)                                                                                       \
      return ERR_NOMEM;                                                                            \
    *(outp) = e_;                                                                                  \
    return ERR_OK;                                                                                 \
  } while (0)

int plan_add_basis(struct plan *p, struct plan_basis **out, struct err *err)
{
  ADD(p->bases, p->n_bases, out);
}

int plan_add_phase(struct plan *p, struct plan_phase **out, struct err *err)
{
  ADD(p->phases, p->n_phases, out);
}

int plan_add_target(struct plan *p, struct plan_target **out, struct err *err)
{
  ADD(p->targets, p->n_targets, out);
}

int plan_add_task(struct plan *p, struct plan_task **out, struct err *err)
{
  ADD(p->tasks, p->n_tasks, out);
}

int plan_add_report(struct plan *p, struct plan_report **out, struct err *err)
{
  ADD(p->reports, p->n_reports, out);
}

int plan_target_add_quota(struct plan_target *t, const char *assignee, double value,
                          struct err *err)
{
  char *copy = strdup(assignee ? assignee : "");
  if (!copy)
    return err_nomem(err);
  void *a = t->quotas;
  struct plan_quota *q = grow(&a, &t->n_quotas, sizeof *t->quotas, err);
  t->quotas = a;
  if (!q) {
    free(copy);
    return ERR_NOMEM;
  }
  q->assignee = copy;
  q->value = value;
  return ERR_OK;
}

int plan_strv_add(char ***v, size_t *n, const char *name, struct err *err)
{
  char *copy = strdup(name ? name : "");
  if (!copy)
    return err_nomem(err);
  void *a = *v;
  char **slot = grow(&a, n, sizeof **v, err);
  *v = a;
  if (!slot) {
    free(copy);
    return ERR_NOMEM;
  }
  *slot = copy;
  return ERR_OK;
}

/* Contract names come from the label table (types/label.h), whose plan sets
 * follow these enums' order; an enum's "none" value has the code "". */
static const char *code_or_null(enum label_set set, size_t i)
{
  const char *c = label_code_at(set, i);
  return *c ? c : NULL;
}

const char *plan_kind_name(enum plan_kind k)
{
  return code_or_null(LABEL_PLAN_KIND, (size_t)k);
}

const char *target_kind_name(enum target_kind k)
{
  const char *c = code_or_null(LABEL_TARGET_KIND, (size_t)k);
  return c ? c : "other";
}

const char *task_cadence_name(enum task_cadence c)
{
  return code_or_null(LABEL_CADENCE, (size_t)c);
}

const char *report_recurs_name(enum report_recurs r)
{
  return code_or_null(LABEL_REPORT_RECURS, (size_t)r);
}
