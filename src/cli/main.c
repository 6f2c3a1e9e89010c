/* main.c: the `pcmt` program: global options and the table of commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_audit.h"
#include "cli/cli.h"
#include "cli/cli_registers.h"
#include "store/store.h"

static const struct command {
  const char *name;
  int (*run)(int argc, char **argv, const struct cli_global *g);
  const char *summary;
} commands[] = {
    {"init", cmd_init, "create or upgrade the database"},
    {"user", cmd_user, "the users of the database: add, list, disable"},
    {"token", cmd_token, "bearer tokens for the JSON API: create, list, revoke"},
    {"units", cmd_units, "import, find and browse administrative units"},
    {"agency", cmd_agency, "resolve agency names as plans write them; list agency kinds"},
    {"plan", cmd_plan, "read plan documents; store, check (4 rõ), correct and publish plans"},
    {"task", cmd_task, "tasks of published plans per assignee: status, notes, evidence"},
    {"classify", cmd_classify, "communes classified each year as complex drug areas"},
    {"ranking", cmd_ranking, "emulation ranking of a plan's units and agencies"},
    {"calendar", cmd_calendar, "reports owed: by whom, for which period, by when, to whom"},
    {"report", cmd_report, "unit reports: draft, edit, submit, accept or return, show"},
    {"person", cmd_person, "the people register: add, events, search, legal clocks, duplicates"},
    {"import", cmd_import, "import a register from a CSV file (rejects with line and reason)"},
    {"export", cmd_export, "export a register to a CSV file (formulas neutralised, audited)"},
    {"registers", cmd_registers, "list the registers and their CSV columns"},
    {"indicators", cmd_indicators, "standard indicators by unit and period, compared"},
    {"audit", cmd_audit, "verify and read the audit trail"},
    {"gen", cmd_gen, "generate realistic register data (people, cases, places, activities)"},
    {"serve", cmd_serve, "run the web server (pages for the browser, /healthz)"},
};

static void usage(FILE *f)
{
  fprintf(f, "usage: pcmt [--db FILE] COMMAND [ARGS]\n\n"
             "Global options:\n"
             "  --db FILE   database file (default: $PCMT_DB, else pcmt.db)\n\n"
             "Commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\nRun 'pcmt COMMAND --help' for a command's options. Docs: docs/cli.md\n");
}

int cli_fail(const struct err *err)
{
  fprintf(stderr, "pcmt: %s\n", err->msg[0] ? err->msg : err_code_name(err->code));
  return err_exit_status(err->code);
}

int cli_caller(struct scope *out, struct store *st, const char *as, const char *purpose,
               struct err *err)
{
  const char *login = as && *as ? as : getenv("PCMT_USER");
  return app_caller_open(out, st, login, purpose, err);
}

static int store_used;               /* the command opened the database (cli_note_store) */
static struct app_audit_heads heads; /* the chains' heads when it was first opened */

void cli_note_store(struct store *st)
{
  if (store_used)
    return;
  store_used = 1;
  /* a database not yet initialised has no trail: head 0 */
  if (app_audit_heads(&heads, st, NULL) != ERR_OK)
    memset(&heads, 0, sizeof heads);
}

int cli_open_store(struct store **out, const struct cli_global *g, struct err *err)
{
  int rc = store_open_ready(out, g->db_path, err);
  if (!rc)
    cli_note_store(*out);
  return rc;
}

/* After a command that opened the database: when the command wrote audit
 * rows (the head moved), sign the new head into FILE.checkpoints
 * (docs/audit.md). A command that wrote nothing signs nothing: `audit
 * verify` on a tampered copy never blesses what it found. The command's
 * work is committed whatever happens here: a failure is a warning, never
 * its status. A database that cannot be opened was reported by the command. */
static void checkpoint_after(const struct cli_global *g)
{
  struct err err = {0};
  struct store *st;
  if (store_open_ready(&st, g->db_path, &err))
    return;
  struct app_audit_heads now;
  int written;
  int moved = app_audit_heads(&now, st, &err) == ERR_OK && app_audit_heads_moved(&heads, &now);
  if (moved && app_audit_checkpoint(&written, st, &err))
    fprintf(stderr, "pcmt: cảnh báo: không ghi được mốc kiểm tra nhật ký: %s\n", err.msg);
  store_close(st);
}

/* Take --db FILE / --db=FILE out of argv wherever it stands, so that both
 * "pcmt --db F init" and "pcmt init --db F" work. Returns the new argc. */
static int take_db_option(int argc, char **argv, struct cli_global *g)
{
  int w = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      while (i < argc)
        argv[w++] = argv[i++];
      break;
    }
    if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
      g->db_path = argv[++i];
    else if (strncmp(argv[i], "--db=", 5) == 0)
      g->db_path = argv[i] + 5;
    else
      argv[w++] = argv[i];
  }
  argv[w] = NULL;
  return w;
}

int main(int argc, char **argv)
{
  struct cli_global g = {.db_path = store_default_path()};
  argc = take_db_option(argc, argv, &g);
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else {
      fprintf(stderr, "pcmt: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  if (i >= argc) {
    usage(stderr);
    return 2;
  }
  for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
    if (strcmp(argv[i], commands[c].name) == 0) {
      int status = commands[c].run(argc - i, argv + i, &g);
      if (store_used)
        checkpoint_after(&g);
      return status;
    }
  fprintf(stderr, "pcmt: unknown command '%s'\n", argv[i]);
  usage(stderr);
  return 2;
}
