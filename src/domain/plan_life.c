/* plan_life.c: a stored plan's life and who may change it (see plan_life.h). */
#include "domain/plan_life.h"

#include <string.h>

#include "types/label.h"

int plan_life_may_change(const struct scope *sc, struct err *err)
{
  if (sc->role == SCOPE_ADMIN || sc->role == SCOPE_OFFICER)
    return ERR_OK;
  return err_set(err, ERR_DENIED,
                 "vai trò \"%s\" chỉ được xem kế hoạch, không được nhập hay sửa kế hoạch",
                 label_vi(LABEL_ROLE, scope_role_name(sc->role)));
}

int plan_life_move(int *history, const char *from, const char *to, long id, struct err *err)
{
  *history = 0;
  int ok = (strcmp(from, "draft") == 0 && strcmp(to, "published") == 0) ||
           (strcmp(from, "published") == 0 && strcmp(to, "closed") == 0);
  if (!ok)
    return err_set(err, ERR_CONFLICT,
                   "kế hoạch %ld đang ở trạng thái \"%s\", không chuyển sang \"%s\" được", id,
                   label_vi(LABEL_PLAN_STATUS, from), label_vi(LABEL_PLAN_STATUS, to));
  /* closing changes a published plan: its history says when and by whom */
  *history = strcmp(to, "closed") == 0;
  return ERR_OK;
}

int plan_life_edit(int *history, const char *status, long id, struct err *err)
{
  *history = 0;
  if (strcmp(status, "closed") == 0)
    return err_set(err, ERR_CONFLICT, "kế hoạch %ld đã kết thúc, không sửa được nữa", id);
  *history = strcmp(status, "published") == 0;
  return ERR_OK;
}
