/* err.h: errors as values, each carrying a message for a person.
 *
 * A function that can fail takes `struct err *err` last and returns an
 * enum err_code (0 = success). The message is written in the language of the
 * person who will read it: Vietnamese for what reaches the UI, English for
 * developer-facing CLI diagnostics is acceptable. Library code never prints.
 *
 * The NULL contract, kept everywhere: `err` may be NULL when the caller does
 * not want the message. The return code is the error; no function relies on
 * `err` to learn a code from a callee or dereferences it unchecked — one that
 * needs the message or the code of a callee's failure passes its own local
 * struct err and hands it on with err_copy. */
#ifndef PCMT_BASE_ERR_H
#define PCMT_BASE_ERR_H

#include <stddef.h>

enum err_code {
  ERR_OK = 0,
  ERR_INPUT,     /* the input is malformed or out of range */
  ERR_NOT_FOUND, /* the thing asked for does not exist */
  ERR_CONFLICT,  /* the change clashes with existing data */
  ERR_DENIED,    /* the caller may not do or see this */
  ERR_IO,        /* a file or the network failed */
  ERR_DB,        /* the database failed */
  ERR_VERSION,   /* data from a newer version of PCMT */
  ERR_NOMEM,     /* out of memory, or a size cap was reached */
  ERR_INTERNAL,  /* a bug */
  ERR_AUTH,      /* the caller is not signed in, or its credentials are not valid (web) */
  ERR_BUSY       /* another writer held the database past the busy timeout (a long import) */
};

#define ERR_MSG_MAX 512

struct err {
  enum err_code code;    /* ERR_OK when nothing failed */
  char msg[ERR_MSG_MAX]; /* for a person; empty when code is ERR_OK */
};

/* Reset to "no error". Accepts NULL. */
void err_clear(struct err *err);

/* Record an error and return `code`, so callers can write
 * `return err_set(err, ERR_INPUT, "...", ...)`. Accepts err == NULL. The
 * message is truncated at ERR_MSG_MAX-1 bytes on a UTF-8 boundary. */
int err_set(struct err *err, enum err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Pass an error on: copy *src into *dst. Accepts dst == NULL (the caller did
 * not want the message). Returns src->code. */
int err_copy(struct err *dst, const struct err *src);

/* The one "out of memory" error: ERR_NOMEM with the message every layer
 * uses ("hết bộ nhớ"). Returns ERR_NOMEM. Accepts err == NULL. */
int err_nomem(struct err *err);

/* Stable lower-case name of a code ("input", "not_found", ...), for JSON. */
const char *err_code_name(enum err_code code);

/* The HTTP status that a code maps to (400, 404, 409, 403, 500 ...). */
int err_http_status(enum err_code code);

/* The process exit status a CLI command uses for a code (0 for ERR_OK). */
int err_exit_status(enum err_code code);

#endif
