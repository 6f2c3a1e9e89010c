/* types/person.c: freeing people lists; the codes of event kinds (types/label.c). */
#include "types/label.h"
#include "types/person.h"

#include <stdlib.h>
#include <string.h>

void person_list_free(struct person_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_event_list_free(struct person_event_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_dup_list_free(struct person_dup_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

const char *person_event_code(enum person_event_kind kind)
{
  return (unsigned)kind < PEV_COUNT ? label_code_at(LABEL_EVENT_KIND, (size_t)kind) : "?";
}

int person_event_parse(enum person_event_kind *out, const char *code, struct err *err)
{
  const char *c;
  int rc = label_parse(&c, LABEL_EVENT_KIND, code, "loại sự kiện", err);
  if (!rc)
    *out = (enum person_event_kind)label_index(LABEL_EVENT_KIND, c);
  return rc;
}

void person_link_list_free(struct person_link_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}
