/* app_agency.c: reading agency names (see app_agency.h for who may). */
#include "app/app_agency.h"

#include <string.h>

int app_agency_resolve(struct agency_ref *out, struct store *st, const struct scope *caller,
                       const struct app_agency_in *in, struct err *err)
{
  (void)caller; /* every user may read names; nothing is audited */
  memset(out, 0, sizeof *out);
  int with_unit = in->unit_code && *in->unit_code;
  if (with_unit && !st)
    return err_set(err, ERR_INTERNAL, "đọc tên cơ quan theo đơn vị cần cơ sở dữ liệu");
  const char *tree = in->tree && *in->tree ? in->tree
                     : in->at && *in->at   ? unit_tree_at(in->at)
                                           : UNIT_TREE_NEW;
  return agency_resolve(out, with_unit ? st : NULL, in->text, tree,
                        with_unit ? in->unit_code : NULL, in->at, err);
}

void app_agency_kinds(const struct label **out, size_t *n)
{
  size_t all;
  const struct label *items = label_items(LABEL_AGENCY_KIND, &all);
  /* the first value is AGENCY_NONE's "" */
  *out = all ? items + 1 : items;
  *n = all ? all - 1 : 0;
}
