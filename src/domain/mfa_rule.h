/* mfa_rule.h: who must sign in with a second factor (issue 17 §2).
 *
 * Administrators, and every user whose territory is a province or the
 * whole country, hold the keys to many people's records: they must have a
 * second factor. Everyone else may enrol one. */
#ifndef PCMT_DOMAIN_MFA_RULE_H
#define PCMT_DOMAIN_MFA_RULE_H

#include "types/scope.h"

/* 1 when a user of `role` whose territory is a unit of `unit_level` (1
 * province, 2 and 3 below it; 0 national) must have a second factor. */
int mfa_rule_required(enum scope_role role, int unit_level);

#endif
