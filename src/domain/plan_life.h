/* plan_life.h: a stored plan's life — draft, published, closed — and who may change it.
 *
 * A plan read from a document is saved as a draft; a person reviews and
 * corrects it, then publishes it; when its period is over it is closed.
 *
 *  - Moves: draft -> published (publish), published -> closed (close); any
 *    other is refused (ERR_CONFLICT).
 *  - Edits: a draft is edited freely; an edit of a published plan is kept
 *    in the plan's history (who, when, element, field, old and new value,
 *    reason); a closed plan refuses edits (ERR_CONFLICT). Closing is itself
 *    a change of a published plan and goes into the history.
 *  - Roles: every role reads the plans of its territory (a plan holds no
 *    personal data); an administrator and an officer change them; a member
 *    agency and a leader do not (ERR_DENIED).
 *
 * The operation (app/app_plan.c) asks these questions inside its
 * transaction, before it writes; the store only writes. */
#ifndef PCMT_DOMAIN_PLAN_LIFE_H
#define PCMT_DOMAIN_PLAN_LIFE_H

#include "base/err.h"
#include "types/scope.h"

/* ERR_DENIED, with a message naming the role, unless the caller's role may
 * change plans. */
int plan_life_may_change(const struct scope *sc, struct err *err);

/* May plan `id`, now in status `from`, move to `to` ("published",
 * "closed")? ERR_CONFLICT naming both statuses when not; *history = 1 when
 * the move is kept in the plan's history. */
int plan_life_move(int *history, const char *from, const char *to, long id, struct err *err);

/* May plan `id`, now in status `status`, be edited? ERR_CONFLICT for a
 * closed plan; *history = 1 when the edit is kept in the plan's history. */
int plan_life_edit(int *history, const char *status, long id, struct err *err);

#endif
