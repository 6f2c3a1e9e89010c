/* page_person_edit.c: GET and POST /nguoi/{id}/sua — correct a person's identity.
 *
 * The add form's fields (page_person_add.c's person_form) filled from the
 * record, but the residence: a move is an event of the history, not an
 * edit. The form carries the version of the record it was made from; the
 * operation (app_person_update_form) refuses it when the record has changed
 * since, and this page then says so above the values typed, which are kept.
 * Opening the form reads the record: the session's purpose is asked first,
 * as on the person's page, and a person outside the territory answers the
 * one fixed 404 page of a missing id. */
#include <stdio.h>
#include <string.h>

#include "app/app_person.h"
#include "base/date.h"
#include "web/page_person.h"
#include "web/routes.h"

/* Refuse, before anything is read, a role that may not change records. */
static int may_edit(struct web_req *rq, const struct scope *caller)
{
  if (scope_may_write_people(caller))
    return ERR_OK;
  return err_set(&rq->err, ERR_DENIED, "Vai trò của bạn không được sửa hồ sơ cá nhân.");
}

int page_person_edit(struct web_req *rq)
{
  long id = person_page_id(rq);
  char here[48];
  snprintf(here, sizeof here, "/nguoi/%ld/sua", id);
  if (!person_page_may_read(rq))
    return err_set(&rq->err, ERR_DENIED,
                   "Vai trò của bạn không được xem hồ sơ cá nhân, chỉ xem số liệu tổng hợp.");
  if (!rq->session->purpose[0])
    return person_purpose_form(rq, 200, here, NULL, NULL, NULL);
  struct scope caller;
  int rc = person_page_caller(&caller, rq, rq->session->purpose);
  if (!rc)
    rc = may_edit(rq, &caller);
  if (rc)
    return rc;
  struct person_record r;
  rc = app_person_show(&r, rq->st, &caller, id, NULL, &rq->err);
  if (rc)
    return rc == ERR_NOT_FOUND ? person_page_not_found(rq) : rc;
  struct person p = r.person;
  char born[16];
  snprintf(p.birth_date, sizeof p.birth_date, "%s", date_iso_to_vn(born, r.person.birth_date));
  rc = person_form(rq, 200, &p, NULL, NULL, id, r.version);
  person_record_free(&r);
  return rc;
}

int page_person_edit_post(struct web_req *rq)
{
  long id = person_page_id(rq);
  struct person p;
  person_form_read(&p, rq);
  p.id = id;
  struct person typed = p; /* the form shows what was typed, not what was normalised */
  const char *version = request_form(rq, "phien-ban");
  struct scope caller;
  int rc = person_page_caller(&caller, rq, NULL);
  if (!rc)
    rc = may_edit(rq, &caller);
  if (rc)
    return rc;
  char today[DATE_ISO_LEN];
  date_to_iso(today, date_today());
  struct app_person_errors errs;
  int changed = 0;
  rc = app_person_update_form(&changed, NULL, &errs, rq->st, &caller, &p,
                              APP_PIN_ALL & ~APP_PIN_BIT(APP_PIN_UNIT), version, today, &rq->err);
  if (rc == ERR_NOT_FOUND)
    return person_page_not_found(rq);
  if (rc == ERR_INPUT)
    return person_form(rq, 400, &typed, &errs, errs.n ? NULL : rq->err.msg, id, version);
  if (rc == ERR_CONFLICT) /* changed meanwhile: say so, keep what was typed, overwrite nothing */
    return person_form(rq, 409, &typed, NULL, rq->err.msg, id, version);
  if (rc)
    return rc;
  char next[48];
  snprintf(next, sizeof next, "/nguoi/%ld?thong-bao=da-sua", id);
  return request_redirect(rq, next);
}
