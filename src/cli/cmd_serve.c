/* cmd_serve.c: `pcmt serve` — run the web server (src/web/web.h) until
 * SIGTERM or Ctrl-C. The access log and the notices go to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "web/web.h"

static const char serve_help[] =
    "usage: pcmt serve [--listen HOST:PORT] [--threads N] [--insecure-cookies]\n"
    "                  [--session-idle MINUTES] [--session-max HOURS] [--checkpoint-every S]\n"
    "                  [--max-upload MIB]\n\n"
    "Serve PCMT's pages over HTTP/1.1 until SIGTERM or Ctrl-C (which finish the requests in\n"
    "progress, then close the database). --listen: the address (default 127.0.0.1:8080; port 0\n"
    "takes a free port, printed on stderr). --threads: event loops, one database connection\n"
    "each (default: the number of cores). --insecure-cookies: session cookies without Secure,\n"
    "for plain HTTP on loopback only. --session-idle: a session ends after this many minutes\n"
    "without a request (default 30); --session-max: and this many hours after sign-in (12).\n"
    "--checkpoint-every: sign the audit chain's head into FILE.checkpoints every S seconds\n"
    "when it moved (default 300), and at shutdown (docs/audit.md).\n"
    "--max-upload: the largest file an import accepts over HTTP, in MiB (default 16; forms\n"
    "and JSON bodies: 1 MiB).\n"
    "The access log goes to stderr. Docs: docs/web.md\n";

/* A positive number from an option's value, or -1. */
static long positive(const char *s)
{
  char *end;
  long v = strtol(s, &end, 10);
  return *s && !*end && v > 0 ? v : -1;
}

int cmd_serve(int argc, char **argv, const struct cli_global *g)
{
  struct web_config cfg;
  web_config_default(&cfg);
  cfg.db_path = g->db_path;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(serve_help, stdout);
      return 0;
    } else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
      cfg.listen = argv[++i];
    } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      long n = positive(argv[++i]);
      if (n < 1 || n > 64) {
        fprintf(stderr, "pcmt serve: --threads takes a number from 1 to 64\n");
        return err_exit_status(ERR_INPUT);
      }
      cfg.threads = (int)n;
    } else if ((strcmp(argv[i], "--session-idle") == 0 || strcmp(argv[i], "--session-max") == 0) &&
               i + 1 < argc) {
      int idle = strcmp(argv[i], "--session-idle") == 0;
      long n = positive(argv[++i]);
      if (n < 1 || n > (idle ? 24 * 60 : 24 * 7)) {
        fprintf(stderr, "pcmt serve: %s takes a number from 1 to %d\n", argv[i - 1],
                idle ? 24 * 60 : 24 * 7);
        return err_exit_status(ERR_INPUT);
      }
      if (idle)
        cfg.session.idle_s = n * 60;
      else
        cfg.session.max_s = n * 3600;
    } else if (strcmp(argv[i], "--checkpoint-every") == 0 && i + 1 < argc) {
      long n = positive(argv[++i]);
      if (n < 1 || n > 24 * 3600) {
        fprintf(stderr, "pcmt serve: --checkpoint-every takes a number of seconds from 1 to %d\n",
                24 * 3600);
        return err_exit_status(ERR_INPUT);
      }
      cfg.checkpoint_s = (int)n;
    } else if (strcmp(argv[i], "--max-upload") == 0 && i + 1 < argc) {
      long n = positive(argv[++i]);
      if (n < 1 || n > 1024) {
        fprintf(stderr, "pcmt serve: --max-upload takes a number of MiB from 1 to 1024\n");
        return err_exit_status(ERR_INPUT);
      }
      cfg.max_upload = n * 1024 * 1024;
    } else if (strcmp(argv[i], "--insecure-cookies") == 0) {
      cfg.insecure_cookies = 1;
    } else {
      fprintf(stderr, "pcmt serve: unexpected argument '%s'\n%s", argv[i], serve_help);
      return err_exit_status(ERR_INPUT);
    }
  }
  struct err err = {0};
  if (web_serve(&cfg, &err))
    return cli_fail(&err);
  return 0;
}
