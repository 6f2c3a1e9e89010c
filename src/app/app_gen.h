/* app_gen.h: generating register data as a user action (`pcmt gen`).
 *
 * The generator itself is domain/gen.h. As an operation a run is an
 * administrator's, and the actor of its audit row "gen.run" is the caller's
 * user. It writes people and registers over a territory, so it stays
 * inside the caller's: a national run is for a national administrator; a
 * province run for an administrator whose territory holds the province the
 * options name (read as gen_run reads it: the code as of the run's today,
 * or in the tree given). Officers, member agencies and leaders get
 * ERR_DENIED. */
#ifndef PCMT_APP_APP_GEN_H
#define PCMT_APP_APP_GEN_H

#include "base/err.h"
#include "domain/gen.h"
#include "types/scope.h"

struct store;

/* Check the caller may run `o` (above), then gen_run as the caller: one
 * write transaction holding everything and its audit row. ERR_DENIED as
 * above; otherwise gen_run's errors (ERR_INPUT bad options or no such
 * province, ERR_NOT_FOUND no units, ERR_CONFLICT generated data already
 * there). *out as gen_run leaves it. */
int app_gen_run(struct gen_result *out, struct store *st, const struct scope *caller,
                const struct gen_options *o, struct err *err);

#endif
