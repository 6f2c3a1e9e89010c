/* app.h: the operations layer — one function per user action, for every front end.
 *
 * The command line and the web server are thin: they parse what the person
 * asked, call one operation and print or render its result. Everything else
 * a user action needs is the operation's:
 *
 *   int app_<resource>_<verb>(out..., struct store *st, const struct scope *caller,
 *                             input..., struct err *err);
 *
 *  - the caller is a resolved struct scope made by app_caller_open from a
 *    user of the database (login, role, territory) and the purpose the person
 *    gave; the role is checked here, the territory by the store's SQL;
 *  - the operation owns its transaction: it begins, commits or rolls back;
 *    a failure leaves the database as it was;
 *  - every change, and every read of personal data, writes its audit row in
 *    the same transaction; personal data is handed to the caller only after
 *    that row is committed;
 *  - an object outside the caller's territory is ERR_NOT_FOUND, exactly as
 *    one that does not exist.
 *
 * One file per resource: app_user.c, app_plan.c, app_task.c, app_person.c,
 * app_register.c, app_indicator.c, app_unit.c, app_agency.c, app_audit.c,
 * app_gen.c. A read of public reference data (the unit lists, agency names)
 * is open to every user and not audited (app_unit.h, app_agency.h). */
#ifndef PCMT_APP_APP_H
#define PCMT_APP_APP_H

#include "base/err.h"
#include "types/scope.h"

struct store;

/* The caller for user `login` (NULL or "": the local administrator,
 * USER_LOCAL_ADMIN) acting for `purpose` (NULL or "": "quản trị"): the
 * user's role and territory, resolved against the unit tree. ERR_DENIED
 * when the login is not a user of this database or the user is disabled:
 * every action is done by someone the database knows. Call it outside a
 * write transaction (resolving may refresh the territory closure). */
int app_caller_open(struct scope *out, struct store *st, const char *login, const char *purpose,
                    struct err *err);

/* The same caller narrowed to the subtree of unit tree/code (a listing
 * "--unit CODE"): ERR_DENIED when that unit lies outside the caller's own
 * territory. tree NULL or "": the code names the unit it names today
 * (unit_resolve: 15 is new Lào Cai, 10 old Lào Cai). out->unit is the unit
 * taken, for the front end to name it (unit_label: "Đơn vị: tỉnh Lào Cai
 * (đơn vị hành chính từ 01/07/2025)"). */
int app_caller_narrow(struct scope *out, struct store *st, const struct scope *caller,
                      const char *tree, const char *code, struct err *err);

#endif
