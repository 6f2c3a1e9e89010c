/* cli_registers.h: the register commands (people and the audit trail).
 *
 * Kept apart from cli.h so the register commands can be added without
 * touching it; main.c lists them in its command table. */
#ifndef PCMT_CLI_CLI_REGISTERS_H
#define PCMT_CLI_CLI_REGISTERS_H

#include "cli/cli.h"

/* `pcmt person ...`: the people register (docs/registers.md). Returns the
 * process exit status. */
int cmd_person(int argc, char **argv, const struct cli_global *g);
/* `pcmt audit verify|log`: the audit trail (docs/audit.md). Exit 1 when the
 * chain is broken. */
int cmd_audit(int argc, char **argv, const struct cli_global *g);

/* `pcmt indicators`: standard indicators by unit and period (docs/indicators.md). */
int cmd_indicators(int argc, char **argv, const struct cli_global *g);

/* `pcmt import`, `pcmt export`, `pcmt registers`: the registers as CSV
 * files (docs/registers.md). */
int cmd_import(int argc, char **argv, const struct cli_global *g);
int cmd_export(int argc, char **argv, const struct cli_global *g);
int cmd_registers(int argc, char **argv, const struct cli_global *g);

/* `pcmt gen`: deterministic generator of register data (docs/gen.md). */
int cmd_gen(int argc, char **argv, const struct cli_global *g);

#endif
