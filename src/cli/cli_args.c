/* cli_args.c: the one reader of a command's arguments (see cli_args.h). */
#include "cli/cli_args.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"

int cli_args_usage(const struct cli_args *a, const char *what, const char *arg)
{
  fprintf(stderr, "pcmt %s%s%s: %s%s%s%s\n", a->cmd, a->sub ? " " : "", a->sub ? a->sub : "", what,
          arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
  fprintf(stderr, "(pcmt %s --help)\n", a->cmd);
  return err_exit_status(ERR_INPUT);
}

int cli_args_parse(struct cli_args *out, void *opts, const char *cmd, const struct cli_sub *subs,
                   size_t nsubs, int npos, const struct cli_opt *table, size_t nopts, int argc,
                   char **argv)
{
  memset(out, 0, sizeof *out);
  out->cmd = cmd;
  out->bit = ~0u;
  out->want = npos;
  int first = 1;
  if (nsubs) {
    out->sub = argv[1];
    size_t s = 0;
    while (s < nsubs && strcmp(subs[s].name, out->sub) != 0)
      s++;
    if (s == nsubs)
      return cli_args_usage(out, "không có lệnh con", out->sub);
    out->bit = subs[s].bit;
    out->want = subs[s].npos;
    first = 2;
  }
  if (out->want > CLI_POS_MAX)
    out->want = CLI_POS_MAX; /* a table wider than pos[]: a bug, kept safe */
  for (int i = first; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || a[1] != '-') {
      if (out->npos == out->want)
        return cli_args_usage(out, "thừa đối số", a);
      out->pos[out->npos++] = a;
      continue;
    }
    size_t k = 0;
    while (k < nopts && strcmp(a, table[k].name) != 0)
      k++;
    if (k == nopts)
      return cli_args_usage(out, "không có tùy chọn", a);
    if (!(table[k].subs & out->bit))
      return cli_args_usage(out, "tùy chọn không dùng cho lệnh này:", a);
    if (table[k].flag) {
      *(int *)((char *)opts + table[k].off) = 1;
      continue;
    }
    if (i + 1 >= argc)
      return cli_args_usage(out, "tùy chọn cần một giá trị:", a);
    *(const char **)((char *)opts + table[k].off) = argv[++i];
  }
  return 0;
}
