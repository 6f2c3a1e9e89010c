/* mfa_rule.c: who must sign in with a second factor (see mfa_rule.h). */
#include "domain/mfa_rule.h"

int mfa_rule_required(enum scope_role role, int unit_level)
{
  return role == SCOPE_ADMIN || unit_level <= 1;
}
