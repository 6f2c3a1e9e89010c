/* cli.h: what every `pcmt` command shares.
 *
 * main.c parses the global options, then calls the command's function with
 * the remaining arguments (argv[0] is the command name). A command prints its
 * result on stdout, a message for a person on stderr, and returns the process
 * exit status (0 on success; err_exit_status() of the failure otherwise). */
#ifndef PCMT_CLI_CLI_H
#define PCMT_CLI_CLI_H

#include "base/err.h"

struct store;
struct scope;

struct cli_global {
  const char *db_path; /* --db FILE, else $PCMT_DB, else "pcmt.db" */
};

/* Print "pcmt: <message>" on stderr and return the exit status for err. */
int cli_fail(const struct err *err);
/* The caller the CLI acts for: the database user --as names, else
 * $PCMT_USER, else the local administrator `pcmt init` created; `purpose`
 * (NULL: "quản trị") goes into the audit trail. ERR_DENIED for a login the
 * database does not know. */
int cli_caller(struct scope *out, struct store *st, const char *as, const char *purpose,
               struct err *err);
/* Open the database named by the global options, which must be initialised. */
int cli_open_store(struct store **out, const struct cli_global *g, struct err *err);
/* Note that this command opened the database `st` and the chain's head as
 * it found it, so that main signs the head into FILE.checkpoints when the
 * command ends having written audit rows (docs/audit.md). cli_open_store
 * does it; a command that opens the store another way (init) calls it. */
void cli_note_store(struct store *st);

int cmd_init(int argc, char **argv, const struct cli_global *g);
int cmd_units(int argc, char **argv, const struct cli_global *g);
int cmd_agency(int argc, char **argv, const struct cli_global *g);
int cmd_plan(int argc, char **argv, const struct cli_global *g);
int cmd_task(int argc, char **argv, const struct cli_global *g);
int cmd_classify(int argc, char **argv, const struct cli_global *g);
int cmd_ranking(int argc, char **argv, const struct cli_global *g);
int cmd_user(int argc, char **argv, const struct cli_global *g);
int cmd_token(int argc, char **argv, const struct cli_global *g);
int cmd_serve(int argc, char **argv, const struct cli_global *g);
int cmd_calendar(int argc, char **argv, const struct cli_global *g);
int cmd_report(int argc, char **argv, const struct cli_global *g);
/* `pcmt report consolidated ...` (cmd_consolidated.c); argv[0] is "consolidated". */
int cmd_report_consolidated(int argc, char **argv, const struct cli_global *g);

#endif
