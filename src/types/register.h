/* types/register.h: the registers beside people, described once as data.
 *
 * Cases, places, networks, licit entities and activities (and their child
 * lists: seizures, people involved, hotspot statuses, inspections, members,
 * accounts) are flat records of typed fields. Each register is one
 * `struct reg_spec`: its table, its columns with the Vietnamese CSV header,
 * type, whether required, allowed values; the CSV import, the export, the
 * store's SQL and the docs' column tables all follow the same spec, so a
 * column is added in one place. Table and column names come only from the
 * static specs (domain/register.c), never from a caller. A parsed row
 * (struct reg_row) is what the store writes. */
#ifndef PCMT_TYPES_REGISTER_H
#define PCMT_TYPES_REGISTER_H

#include <stddef.h>

#include "base/err.h"
#include "types/label.h"

struct store;
struct scope;

enum reg_type {
  REG_TEXT,       /* free text up to max bytes */
  REG_DATE,       /* ISO date, not in the future */
  REG_INT,        /* whole number >= 0 */
  REG_REAL,       /* decimal number >= 0 (comma or point) */
  REG_BOOL,       /* có/không, x, 1/0, yes/no */
  REG_ENUM,       /* one of `values` (code or Vietnamese label) */
  REG_UNIT,       /* a unit code -> unit_id (tree from the tree column or the date) */
  REG_TREE,       /* pre2025|post2025: which tree the unit code is in (not stored) */
  REG_AGENCY,     /* an agency name as written -> agency_name + agency_kind */
  REG_KIND_OF,    /* an agency name or kind -> agency_kind only */
  REG_ARTICLES,   /* Penal Code articles "249, 251" -> "249;251" (+ case_offence) */
  REG_PARENT,     /* the record number of the parent record -> parent id */
  REG_PERSON,     /* a national ID of the people register -> person_id */
  REG_UNIT_AFTER, /* a unit code of tree post2025 -> unit_after_id: where a record found on an
                     old-tree unit is from 2025-07-01, a successor of that unit (NULL: empty) */
};

#define REG_REQUIRED 1 /* the cell may not be empty */
#define REG_KEY      2 /* part of the natural key (re-import finds the row by it) */

struct reg_column {
  const char *db;     /* column name ("detected_on"); for REG_AGENCY the name column */
  const char *header; /* CSV header ("Ngày phát hiện") */
  enum reg_type type;
  int flags;
  size_t max;            /* REG_TEXT: max bytes */
  enum label_set values; /* REG_ENUM: the allowed values (types/label.h) */
};

#define REG_MAX_COLUMNS 16

struct reg_spec;
struct reg_row;
struct buf;

/* What saving one row did. */
enum reg_outcome { REG_INSERTED, REG_UPDATED, REG_UNCHANGED };

/* A register with its own import (people, person events): parse and save
 * one row of raw cells inside the caller's write transaction. Problems of
 * the row go to `problems` (ERR_INPUT); other codes are failures. *outside:
 * the person a national ID of the row names when that record lies outside
 * the caller's territory (the row is refused without saying so; the import
 * audits the look-up), else 0. */
typedef int (*reg_import_fn)(enum reg_outcome *out, long *outside, struct store *st,
                             const struct scope *sc, const struct reg_spec *spec,
                             const char *const *raw, const char *today, struct buf *problems,
                             struct err *err);
/* A register with its own export: one call of fn per record, cells in spec
 * column order, as a person reads them (labels, dd/mm/yyyy dates). */
typedef int (*reg_export_fn)(struct store *st, const struct scope *sc,
                             int (*fn)(void *ctx, const char *const *cells), void *ctx,
                             long *n_rows, const char *today, struct err *err);

/* A register's own rules over a parsed row (dates in order ...). */
typedef int (*reg_check_fn)(const struct reg_row *row, struct err *err);

struct reg_spec {
  const char *name;         /* CLI name: "cases", "case-seizures" ... */
  const char *label;        /* Vietnamese: "Vụ án, vụ việc về ma túy" */
  const char *table;        /* drug_case */
  const char *parent_table; /* child registers: the parent's table, else NULL */
  const char *parent_label; /* "vụ án" */
  const char *date_db;      /* the column whose date picks the unit tree, or NULL */
  int personal;             /* rows name people: exports are audited */
  int has_audit_cols;       /* created_at/created_by columns */
  int has_line_key;         /* child rows keyed by a digest of the row (seizures) */
  const struct reg_column *cols;
  size_t n_cols;
  reg_check_fn check;
  reg_import_fn import_row; /* NULL: the generic reg_parse + reg_save */
  reg_export_fn export_all; /* NULL: the generic export */
};

/* A parsed cell. Text values (text, dates, enums, agency names, articles,
 * record numbers) are in `text`; numbers in i / d; ids in id. */
struct reg_cell {
  char text[512];
  long long i;
  double d;
  long id;              /* unit, parent or person id */
  long unit_of_parent;  /* REG_PARENT: the parent's unit (for scope checks) */
  char agency_kind[32]; /* REG_AGENCY / REG_KIND_OF */
  char tree[12];        /* REG_UNIT: the tree the code was found in */
  long outside;         /* REG_PERSON: the person the ID names when that record lies outside
                           the caller's territory (the cell is refused as for an ID nobody
                           holds; the import audits the look-up), else 0 */
  int empty;            /* the cell was empty */
};

struct reg_row {
  const struct reg_spec *spec;
  struct reg_cell cells[REG_MAX_COLUMNS]; /* in spec column order */
  char line_key[160];                     /* child rows without a key column: a digest of the row */
};

/* A row an import refused: what the person reads in the rejects file. */
struct reg_reject {
  long line;     /* the line (or sheet row) the row starts on */
  char *reason;  /* "Ngày phát hiện: ngày 31/02/2024 không hợp lệ; ..." */
  char **fields; /* the row as read, in the file's column order */
  size_t n;      /* fields */
};

/* Invisible characters the reader removed from a row (ingest/cell_check.h):
 * the row is taken as it reads, and the person is told. */
struct reg_note {
  long line;  /* the line (or sheet row) the row starts on */
  char *text; /* "Họ tên (cột 3): đã bỏ 1 ký tự ẩn (U+200B)" */
};

/* Notes kept in a result; past this many they are only counted. */
#define REG_IMPORT_MAX_NOTES 1000

/* What an import did with a file (app_register_import). */
struct reg_import_result {
  long rows;                  /* data rows read (blank rows not counted) */
  long inserted;              /* rows that added a record */
  long updated;               /* rows that changed one */
  long unchanged;             /* rows found again as stored */
  struct reg_reject *rejects; /* in line order */
  size_t n_rejects;
  struct reg_note *notes; /* in line order, at most REG_IMPORT_MAX_NOTES */
  size_t n_notes;
  size_t notes_over; /* rows with a note past REG_IMPORT_MAX_NOTES, only counted */
  char **header;     /* the file's header row, for a rejects file */
  size_t n_header;
};
/* Free what the result holds and zero it. Accepts NULL. */
void reg_import_result_free(struct reg_import_result *r);

/* 1 when `spec` is a child list (seizures, inspections ...). */
#define reg_is_child(spec) ((spec)->parent_table != NULL)

/* Index of column `db` in spec, or -1. */
int reg_col_index(const struct reg_spec *spec, const char *db);
/* The cell of column `db` (must exist in the spec). */
const struct reg_cell *reg_cell_of(const struct reg_row *row, const char *db);

#endif
