/* cli_args.h: the one reader of a command's arguments.
 *
 * A command names its subcommands (each with a bit and the number of
 * positional arguments it takes) and its options (a flag, or an option that
 * takes a value, each allowed for some subcommands) in two tables; this
 * reader walks argv once, fills the command's own options struct through the
 * offsets of the table, and prints a misuse the same way for every command:
 * "pcmt CMD SUB: what 'arg'" and "(pcmt CMD --help)". What one command alone
 * forbids (two options together, an option another requires) stays in that
 * command. */
#ifndef PCMT_CLI_CLI_ARGS_H
#define PCMT_CLI_CLI_ARGS_H

#include <stddef.h>

#define CLI_POS_MAX 4     /* positional arguments a subcommand may take */
#define CLI_ALL     (~0u) /* cli_opt.subs of an option every subcommand takes */

struct cli_sub {
  const char *name; /* "list" */
  unsigned bit;     /* its bit, matched against cli_opt.subs */
  int npos;         /* positional arguments it takes */
};

struct cli_opt {
  const char *name; /* "--unit" */
  size_t off;       /* where it goes in the command's options struct */
  unsigned subs;    /* the subcommands that take it */
  int flag;         /* 1: a flag (an int there set to 1); 0: a value (a const char * there) */
};

struct cli_args {
  const char *cmd;              /* the command's name ("plan") */
  const char *sub;              /* the subcommand's name; NULL for a command without */
  unsigned bit;                 /* ... its bit; every bit for a command without */
  int want;                     /* the positional arguments it takes (at most) */
  const char *pos[CLI_POS_MAX]; /* those given */
  int npos;                     /* how many */
};

/* Read argv into *out and the options struct `opts`. With subcommands
 * (nsubs > 0) argv[1] names one and the rest follows; without, every
 * argument from argv[1] is read and at most `npos` positional ones are
 * taken. 0, or the exit status of a misuse (printed): an unknown subcommand
 * or option, one this subcommand does not take, a missing value, too many
 * arguments. Too few is the caller's to say (cli_args_usage), as some
 * subcommands take fewer with some options. */
int cli_args_parse(struct cli_args *out, void *opts, const char *cmd, const struct cli_sub *subs,
                   size_t nsubs, int npos, const struct cli_opt *table, size_t nopts, int argc,
                   char **argv);

/* Print a misuse of a's command: what, and arg quoted when not NULL; the
 * exit status of a misuse. */
int cli_args_usage(const struct cli_args *a, const char *what, const char *arg);

#endif
