/* page_person.h: what the people register's pages share (page_people.c,
 * page_person*.c): the caller a request acts as, reading the query string,
 * and the few pieces of markup every one of them writes. */
#ifndef PCMT_WEB_PAGE_PERSON_H
#define PCMT_WEB_PAGE_PERSON_H

#include "app/app_person.h"
#include "types/scope.h"
#include "web/request.h"

/* The purpose a search runs under when the session has none yet. */
#define PERSON_PAGE_SEARCH_PURPOSE "tra cứu danh sách người"

/* The signed-in user of rq as the caller of an operation, acting for
 * `purpose` (NULL: the session's purpose, else PERSON_PAGE_SEARCH_PURPOSE).
 * ERR_DENIED (the page answers 403) when the user has been removed. */
int person_page_caller(struct scope *out, struct web_req *rq, const char *purpose);

/* Field `name` of the query string, decoded, in the arena; NULL when
 * absent. Returns 0, or -1 when the field is malformed. */
int person_page_query(const char **out, struct web_req *rq, const char *name);

/* The person id of path parameter 0 ("/nguoi/{id}"): a positive decimal
 * number, else 0 (which no record has: the page answers as for a missing
 * one). */
long person_page_id(struct web_req *rq);

/* Answer 404 for a person not found or outside the caller's territory:
 * one fixed page that names no id, so the two cannot be told apart. */
int person_page_not_found(struct web_req *rq);

/* A hidden input with the session's CSRF token. */
void person_page_csrf(struct web_req *rq);

/* 1 when the signed-in user's role may read personal records (the
 * navigation shows the register only to them). */
int person_page_may_read(const struct web_req *rq);

/* The purpose form (page_person_purpose.c), answered with `status`:
 * `next` the person's page to return to, `choice` and `other` what was
 * sent, `error` the message for its field (NULL: none). */
int person_purpose_form(struct web_req *rq, int status, const char *next, const char *choice,
                        const char *other, const char *error);

/* The identity form (page_person_add.c), answered with `status`: a new
 * person's when id is 0, else the edit of record `id` made from `version`
 * (sent back in a hidden field; the residence is not edited). `errs` the
 * message of each wrong field and `general` one for the whole form (NULL:
 * none); p holds the values shown, as typed. */
int person_form(struct web_req *rq, int status, const struct person *p,
                const struct app_person_errors *errs, const char *general, long id,
                const char *version);

/* The identity form's fields of the request's body into *out, as typed. */
void person_form_read(struct person *out, struct web_req *rq);

#endif
