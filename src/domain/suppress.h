/* suppress.h: small counts hidden in outputs for roles that may not see personal records.
 *
 * A count of 1 to 4 people or events in a unit below the province says
 * too much about too few: in a table meant for a leader or a member agency
 * (a role that scope_may_read_people refuses), such a cell is shown as
 * "<5". A published total would then give the hidden cell back by
 * subtraction, so a total is hidden too when the cells it adds up are
 * hidden in a way the total and the shown cells pin down: one hidden cell,
 * or several whose hidden sum can only be reached by each taking the same
 * extreme value (three cells hiding 3 must each be 1). Province and
 * national cells are never hidden (docs/consolidated.md, "Small counts");
 * the threshold is configuration (SUPPRESS_BELOW by default). */
#ifndef PCMT_DOMAIN_SUPPRESS_H
#define PCMT_DOMAIN_SUPPRESS_H

#include <stddef.h>

/* Counts from 1 to SUPPRESS_BELOW - 1 are hidden by default. */
#define SUPPRESS_BELOW 5

/* One column of a table: the cells of units and their total. */
struct suppress_column {
  const double *values;       /* n cells */
  const unsigned char *local; /* n flags: 1 = a unit below province level (may be hidden) */
  size_t n;
  double total; /* the sum shown under them */
};

/* Decide which cells of column c to hide with threshold `below` (a count v
 * with 1 <= v < below, in a local unit, is hidden): hidden[i] = 1 for each
 * hidden cell (hidden has c->n entries), *hide_total = 1 when the total
 * must be hidden too. Values that are not whole counts are never hidden. */
void suppress_column(unsigned char *hidden, int *hide_total, const struct suppress_column *c,
                     int below);

#endif
