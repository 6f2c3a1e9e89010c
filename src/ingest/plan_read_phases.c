/* plan_read_phases.c: campaign phases ("giai đoạn", "đợt") with their dates.
 *
 * Rule (docs/plan-reader.md): outside the tasks, a paragraph whose body
 * opens with a phase word ("Giai đoạn 1", "Giai đoạn chuẩn bị", "Đợt 2",
 * "Bước 1") and carries a date range within its first words ("(từ ngày
 * 01/9/2024 đến ngày 31/10/2024 ...)", "từ nay đến 31/8/2024", "năm 2021 -
 * 2023") is a phase. Its name is the words before the range or the colon;
 * its text is what follows the colon. "từ nay" leaves the start open.
 * In the tasks part, where "giai đoạn" is common in prose, only a numbered
 * heading that is nothing but a phase and its dates ("1. Đợt 1 (từ ngày
 * 01/5/2025 đến ngày 31/5/2025):") is one, and a phase already read with
 * the same name and dates is not read twice. */
#include <stdlib.h>
#include <string.h>

#include "ingest/plan_read_int.h"

#define WINDOW 40 /* tokens from the body's start where the range must be */

static size_t phase_word(const struct pr_para *p, size_t i)
{
  if (pr_match(p, i, p->ntok, "giai doan"))
    return 2;
  if (pr_match(p, i, p->ntok, "dot") || pr_match(p, i, p->ntok, "buoc"))
    return 1;
  return 0;
}

/* "(năm) 2021 - (năm) 2023" or "từ năm 2021 đến năm 2023" in [from, to). */
static int year_range(const struct pr_para *p, size_t from, size_t to, struct date *s,
                      struct date *e)
{
  for (size_t k = from; k < to; k++) {
    int y1 = pr_year_tok(p, k);
    if (!y1)
      continue;
    size_t j = k + 1;
    if (!(pr_tok_is(p, j, "-") || pr_tok_is(p, j, "\xE2\x80\x93") || pr_match(p, j, to, "den")))
      continue;
    j++;
    if (pr_match(p, j, to, "nam"))
      j++;
    int y2 = pr_year_tok(p, j);
    if (!y2 || y2 < y1)
      continue;
    *s = (struct date){y1, 1, 1};
    *e = (struct date){y2, 12, 31};
    return 0;
  }
  return -1;
}

/* After the name at `from`: only the dates, in parentheses or not, and a
 * closing colon ("(từ ngày 01/5/2025 đến ngày 31/5/2025):"). */
static int heading_only(const struct pr_para *p, size_t from)
{
  size_t k = from, end = p->ntok;
  while (end > k && (pr_tok_is(p, end - 1, ":") || pr_tok_is(p, end - 1, ".")))
    end--;
  if (k < end && pr_tok_is(p, k, "(")) {
    if (!pr_tok_is(p, end - 1, ")"))
      return 0;
    k++;
    end--;
  }
  for (; k < end; k++)
    if (pr_tok_is(p, k, "(") || pr_tok_is(p, k, ")") || pr_tok_is(p, k, ":") ||
        pr_tok_is(p, k, ";") || (pr_tok_is(p, k, ",") && k + 1 < end && p->tok[k + 1].upper))
      return 0;
  return 1;
}

/* A phase of that name and those dates was read already. */
static int known(const struct plan *pl, const char *name, struct date s, struct date e)
{
  for (size_t k = 0; k < pl->n_phases; k++)
    if (pl->phases[k].name && name && strcmp(pl->phases[k].name, name) == 0 &&
        date_cmp(pl->phases[k].start, s) == 0 && date_cmp(pl->phases[k].end, e) == 0)
      return 1;
  return 0;
}

int pr_read_phases(struct pr_doc *d, struct plan *pl)
{
  for (size_t i = 0; i < d->npara; i++) {
    struct pr_para *p = &d->paras[i];
    int in_tasks = p->part_kind == PART_TASKS;
    if (p->part_kind == PART_END || p->part_kind == PART_PREAMBLE)
      continue;
    if (in_tasks && ((p->mk != MK_NUM && p->mk != MK_LETTER) || p->ntok - p->body > WINDOW))
      continue;
    size_t b = p->body;
    size_t pw = phase_word(p, b);
    if (!pw || !p->tok[b].upper)
      continue;
    size_t to = p->ntok < b + WINDOW ? p->ntok : b + WINDOW;
    /* the name ends at "(", ":" or the range's "từ" */
    size_t name_end = b + pw;
    while (name_end < to && !pr_tok_is(p, name_end, "(") && !pr_tok_is(p, name_end, ":") &&
           !pr_tok_is(p, name_end, ",") && !pr_match(p, name_end, to, "tu") &&
           !pr_match(p, name_end, to, "nam") && !pr_year_tok(p, name_end))
      name_end++;
    if (name_end - b > 8)
      continue;
    struct date s = {0, 0, 0}, e = {0, 0, 0};
    if (pr_range(d, p, name_end, to, &s, &e) != 0 && year_range(p, name_end, to, &s, &e) != 0)
      continue;
    /* the description after the first colon, if any */
    size_t colon = name_end;
    while (colon < p->ntok && !pr_tok_is(p, colon, ":"))
      colon++;
    if (in_tasks && !heading_only(p, name_end))
      continue;
    char *name = pr_span(d, p, b, name_end, NULL);
    if (in_tasks && known(pl, name, s, e))
      continue;
    struct plan_phase *ph;
    if (plan_add_phase(pl, &ph, d->err))
      return ERR_NOMEM;
    ph->name = pr_own(d, name);
    ph->start = s;
    ph->end = e;
    ph->text = colon < p->ntok ? pr_own(d, pr_span(d, p, colon + 1, p->ntok, NULL)) : NULL;
    if (d->failed)
      return ERR_NOMEM;
  }
  /* a campaign's period, when not stated, spans its phases */
  if (pl->n_phases && pl->period_end.y == 0) {
    for (size_t k = 0; k < pl->n_phases; k++) {
      struct plan_phase *ph = &pl->phases[k];
      if (ph->start.y && (!pl->period_start.y || date_cmp(ph->start, pl->period_start) < 0))
        pl->period_start = ph->start;
      if (ph->end.y && (!pl->period_end.y || date_cmp(ph->end, pl->period_end) > 0))
        pl->period_end = ph->end;
    }
  }
  return ERR_OK;
}
