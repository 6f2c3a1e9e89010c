/* plan_read_int.h: what the plan reader's files share (not a public API).
 *
 * plan_read.c turns the text into a document model: cleaned paragraphs
 * (markdown marks, footnotes and page-break splits removed), each with its
 * list marker, section path and part, and each cut into tokens whose folded
 * form (text_fold: no case, no diacritics) is what every rule compares. The
 * other plan_read_*.c files walk that model, one concern each, and fill the
 * plan. Everything here lives in one arena freed when the read ends. */
#ifndef PCMT_INGEST_PLAN_READ_INT_H
#define PCMT_INGEST_PLAN_READ_INT_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/err.h"
#include "types/plan.h"

/* ---- tokens ----------------------------------------------------------- */

enum pr_tok_kind { TK_WORD, TK_NUM, TK_PUNCT };

struct pr_tok {
  uint32_t off;      /* byte offset in the paragraph text */
  uint32_t len;      /* bytes */
  const char *fold;  /* folded form ("so", "cong"); punctuation as written */
  const char *lower; /* lower-case NFC ("sở", "số") for the few words folding merges */
  uint8_t kind;      /* enum pr_tok_kind */
  uint8_t upper;     /* starts with an upper-case letter */
  uint8_t sp;        /* white space before it */
  uint8_t bold;      /* inside a **bold** span of the source */
};

/* ---- paragraphs ---------------------------------------------------------- */

enum pr_marker {
  MK_NONE = 0,
  MK_ROMAN,  /* "II." a part */
  MK_NUM,    /* "1." "1)" "2.1." a numbered section or item */
  MK_LETTER, /* "a)" "b." */
  MK_PAREN,  /* "(1)" */
  MK_DASH,   /* "-" "–" "—" */
  MK_PLUS,   /* "+" */
  MK_DOT,    /* "•" "·" "*" and other bullet glyphs */
  MK_TABLE   /* "| cell | cell |" */
};

enum pr_part_kind {
  PART_PREAMBLE = 0, /* before the first part: header, title, bases */
  PART_PURPOSE,      /* MỤC ĐÍCH, YÊU CẦU */
  PART_TARGETS,      /* MỤC TIÊU, CHỈ TIÊU */
  PART_TIME,         /* THỜI GIAN THỰC HIỆN */
  PART_SITUATION,    /* TÌNH HÌNH, KẾT QUẢ: background, no tasks */
  PART_TASKS,        /* NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG, PHÂN CÔNG */
  PART_ORG,          /* TỔ CHỨC THỰC HIỆN, KINH PHÍ */
  PART_REPORT,       /* CHẾ ĐỘ BÁO CÁO */
  PART_END           /* "Nơi nhận:" and the signature */
};

struct pr_para {
  char *text; /* cleaned text, NUL-terminated */
  size_t len;
  struct pr_tok *tok;
  size_t ntok;
  size_t body;       /* first token after the list marker */
  int mk;            /* enum pr_marker */
  char label[24];    /* the marker's label: "II", "2.1", "a", "1" */
  int depth;         /* numbering depth: 1 part, 2 "1.", 3 "2.1."/"a)", ... 0 for bullets */
  size_t opener_end; /* tokens [body, opener_end) are a bold span opening the body; 0 none */
  int all_bold;      /* the whole body is bold */
  int heading;       /* the source line began with '#' */
  int part;          /* index into doc->parts, -1 before the first part */
  int part_kind;     /* enum pr_part_kind of that part */
  char section[48];  /* numbering path of the enclosing section: "IV.3.1" */
  int line;          /* 1-based source line of the paragraph's start */
};

struct pr_part {
  int kind; /* enum pr_part_kind */
  size_t first;
  size_t title; /* paragraph holding the part's title */
};

/* ---- the document ---------------------------------------------------- */

struct pr_fold_entry;

struct pr_doc {
  struct arena arena; /* every string and node of the reading */
  struct pr_para *paras;
  size_t npara;
  struct pr_part *parts;
  size_t nparts;
  /* fold cache: open addressing, power-of-two capacity */
  struct pr_fold_entry *cache;
  size_t cache_cap;
  size_t cache_n;
  /* what later passes learn */
  int year_hint; /* the plan's main year, for dates written without one; 0 unknown */
  struct err *err;
  int failed; /* an allocation failed: give up */
};

/* Allocate from the document arena (zeroed). NULL on failure (doc->failed set). */
void *pr_alloc(struct pr_doc *d, size_t n);
/* Copy of s[0..n) into the arena, NUL-terminated. */
char *pr_strndup(struct pr_doc *d, const char *s, size_t n);

/* ---- token helpers (plan_read.c) ------------------------------------------ */

/* Number of tokens of p from i that match `phrase`: folded words separated by
 * single spaces ("co quan chu tri"), punctuation written as itself
 * ("bao cao :"). 0 when no match or past `end`. */
size_t pr_match(const struct pr_para *p, size_t i, size_t end, const char *phrase);
/* Index of the first token in [from, to) where `phrase` matches, or (size_t)-1. */
size_t pr_find(const struct pr_para *p, size_t from, size_t to, const char *phrase);
/* 1 when token i's folded form is one of the words in the NULL-terminated list. */
int pr_tok_in(const struct pr_para *p, size_t i, const char *const *words);
/* 1 when token i is the punctuation character(s) c. */
int pr_tok_is(const struct pr_para *p, size_t i, const char *c);
/* Byte offset where token i starts (p->len for i >= ntok) and where token j-1 ends. */
size_t pr_tok_start(const struct pr_para *p, size_t i);
size_t pr_tok_end(const struct pr_para *p, size_t j);
/* Arena copy of the text of tokens [i, j), trimmed of spaces and of the
 * punctuation in `trim` at both ends (NULL: ",;:.-–…"). NULL when empty. */
char *pr_span(struct pr_doc *d, const struct pr_para *p, size_t i, size_t j, const char *trim);
/* malloc'd copy (for the plan) of an arena or literal string; NULL stays NULL.
 * Sets doc->failed on failure. */
char *pr_own(struct pr_doc *d, const char *s);
/* Token index of byte offset `off` (the first token starting at or after it). */
size_t pr_tok_at(const struct pr_para *p, size_t off);
/* A 4-digit year (1900-2200) in token k, else 0 (plan_read_meta.c). */
int pr_year_tok(const struct pr_para *p, size_t k);
/* 1 when the paragraph's text ends with sentence-final punctuation. */
int pr_ends_terminal(const struct pr_para *p);

/* ---- agencies (plan_read_agency.c) --------------------------------------- */

/* If an agency name starts at token i of p (with list context `in_list`:
 * after a comma of an agency list, lower-case kind words also start one),
 * return the number of tokens of its head word(s), else 0. */
size_t pr_agency_head(const struct pr_para *p, size_t i, size_t end, int in_list);
/* The agency phrase (one name or a list) that starts at token i: returns the
 * token index where it ends (== i when none starts there). Stops at a verb,
 * a role word ("chủ trì", "phối hợp"), a parenthesis or sentence punctuation. */
size_t pr_agency_phrase(const struct pr_para *p, size_t i, size_t end);
/* Split the agency phrase in tokens [i, j) into names, as written, appended
 * to *v. Splits on commas, semicolons and "và" before a new agency; keeps a
 * collective ("các phòng, ban, ngành") and a name holding a comma ("Sở Lao
 * động, Thương binh và Xã hội") whole; drops appositions ("Cơ quan thường
 * trực ..."). Returns the number of names added. */
int pr_agency_split(struct pr_doc *d, const struct pr_para *p, size_t i, size_t j, char ***v,
                    size_t *n);
/* 1 when a name is only a collective phrase ("các cơ quan, đơn vị, địa phương"). */
int pr_agency_is_collective(const char *name);
/* 1 when the text is an agency name, the one place to switch to agency_parse(). */
int pr_agency_recognise(struct pr_doc *d, const char *name);

/* ---- time (plan_read_time.c) ----------------------------------------------- */

/* A date in text [s, s+n) from byte offset `from`: first date found, with its
 * byte span. A date written without a year gets year 0 in *yearless != 0
 * and the year_hint year in out. Returns 0 when found. */
int pr_date_in(struct pr_doc *d, const char *s, size_t n, size_t from, struct date *out,
               size_t *start, size_t *end, int *yearless);
/* Resolve a day/month without a year to the year the plan's period places it
 * in: the first occurrence on or after the period start (or year_hint). */
struct date pr_date_resolve(const struct plan *pl, struct pr_doc *d, struct date dm);

/* Deadline phrases in a paragraph: "trước ngày D", "hoàn thành trước D",
 * "chậm nhất ngày D", "trong Quý II/2018". */
struct pr_deadline {
  size_t tok;   /* token where the deadline phrase starts ("trước") */
  size_t after; /* token just after the date */
  struct date date;
  int yearless;
};
/* Find the deadlines in tokens [from, to) of p, in order; at most `max`.
 * Returns how many were found. */
size_t pr_deadlines(struct pr_doc *d, const struct pr_para *p, size_t from, size_t to,
                    struct pr_deadline *out, size_t max);
/* The cadence words in tokens [from, to): CADENCE_ONGOING for "thường xuyên",
 * "hằng ngày", "liên tục" and the periodic "định kỳ", "hằng tuần / tháng /
 * quý / năm"; CADENCE_CAMPAIGN for "trong cao điểm", "trong đợt", "trong
 * thời gian / giai đoạn (thực hiện) cao điểm", else CADENCE_NONE. */
enum task_cadence pr_cadence(const struct pr_para *p, size_t from, size_t to);
/* A range "từ (ngày) D1 đến (hết) (ngày) D2" in tokens [from, to) of p. *start
 * is left y == 0 for "từ nay". Returns 0 when a range with an end was found. */
int pr_range(struct pr_doc *d, const struct pr_para *p, size_t from, size_t to, struct date *start,
             struct date *end);

/* ---- passes ----------------------------------------------------------------- */

int pr_read_meta(struct pr_doc *d, struct plan *pl);    /* plan_read_meta.c */
int pr_read_phases(struct pr_doc *d, struct plan *pl);  /* plan_read_phases.c */
int pr_read_targets(struct pr_doc *d, struct plan *pl); /* plan_read_targets.c */
int pr_read_tasks(struct pr_doc *d, struct plan *pl);   /* plan_read_tasks.c */
int pr_read_reports(struct pr_doc *d, struct plan *pl); /* plan_read_reports.c */

#endif
