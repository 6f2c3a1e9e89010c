/* routes.h: the route table of the server and the handlers it names.
 *
 * Reading routes.c tells what the web application does: each row is a
 * method, a path pattern, the handler (one file per page, page_*.c, and per
 * API resource, api_*.c) and who may call it. */
#ifndef PCMT_WEB_ROUTES_H
#define PCMT_WEB_ROUTES_H

#include <stddef.h>

#include "web/request.h"
#include "web/router.h"

extern const struct route routes[];
extern const size_t routes_count;

int api_health(struct web_req *rq);               /* api_health.c: GET /healthz */
int static_serve(struct web_req *rq);             /* static.c: an embedded asset */
int page_home(struct web_req *rq);                /* page_home.c: the home page */
int page_signin(struct web_req *rq);              /* page_signin.c: the sign-in form */
int page_signin_post(struct web_req *rq);         /* page_signin.c: signing in */
int page_signout(struct web_req *rq);             /* page_signout.c: signing out */
int page_mfa(struct web_req *rq);                 /* page_mfa.c: the second step's form */
int page_mfa_post(struct web_req *rq);            /* page_mfa.c: checking the code */
int page_mfa_enrol(struct web_req *rq);           /* page_mfa_enrol.c: enrolment */
int page_mfa_enrol_post(struct web_req *rq);      /* page_mfa_enrol.c: confirming it */
int api_units_find(struct web_req *rq);           /* api_units.c: GET /api/v1/units?q= */
int api_units_show(struct web_req *rq);           /* api_units.c: one unit, or its tree */
int api_units_successors(struct web_req *rq);     /* api_units.c: an old unit's successors */
int api_persons_search(struct web_req *rq);       /* api_persons.c: GET /api/v1/persons */
int api_persons_show(struct web_req *rq);         /* api_persons.c: one person's record */
int api_persons_create(struct web_req *rq);       /* api_persons.c: POST /api/v1/persons */
int api_persons_update(struct web_req *rq);       /* api_persons.c: PATCH a person's identity */
int api_persons_duplicates(struct web_req *rq);   /* api_persons.c: the open duplicate pairs */
int api_persons_merge(struct web_req *rq);        /* api_persons.c: merge another record into one */
int api_persons_dismiss(struct web_req *rq);      /* api_persons.c: a pair is two people */
int api_persons_event(struct web_req *rq);        /* api_persons.c: an event of a person */
int api_indicators_show(struct web_req *rq);      /* api_indicators.c: by unit and period */
int api_plans_list(struct web_req *rq);           /* api_plans.c: GET /api/v1/plans */
int api_plans_show(struct web_req *rq);           /* api_plans.c: one stored plan */
int api_plans_status(struct web_req *rq);         /* api_plans.c: its targets' status */
int api_audit_log(struct web_req *rq);            /* api_audit.c: the audit trail */
int page_people(struct web_req *rq);              /* page_people.c: searching the people register */
int page_person(struct web_req *rq);              /* page_person.c: one person's record */
int page_person_purpose_post(struct web_req *rq); /* page_person_purpose.c: why records are read */
int page_person_add(struct web_req *rq);          /* page_person_add.c: the form for a new person */
int page_person_add_post(struct web_req *rq);     /* page_person_add.c: adding the person */
int page_person_edit(struct web_req *rq);         /* page_person_edit.c: the identity's form */
int page_person_edit_post(struct web_req *rq);    /* page_person_edit.c: correcting it */
int page_password(struct web_req *rq);            /* page_password.c: the password change form */
int page_password_post(struct web_req *rq);       /* page_password.c: the change */
int page_person_event(struct web_req *rq);        /* page_person_event.c: the form for an event */
int page_person_event_post(struct web_req *rq);   /* page_person_event.c: adding the event */

/* api_agencies.c: reading agency names, the agency kinds */
int api_agencies_resolve(struct web_req *rq);
int api_agencies_kinds(struct web_req *rq);
/* api_plans_doc.c: a plan document read (stored nothing) or imported as a draft */
int api_plans_read(struct web_req *rq);
int api_plans_import(struct web_req *rq);
/* api_plans_edit.c: a plan's edits, its tasks added and deleted, publish, close */
int api_plans_set(struct web_req *rq);
int api_plans_task_add(struct web_req *rq);
int api_plans_task_delete(struct web_req *rq);
int api_plans_publish(struct web_req *rq);
int api_plans_close(struct web_req *rq);
/* api_plans.c: a plan's four-clear check and its history */
int api_plans_check(struct web_req *rq);
int api_plans_history(struct web_req *rq);
/* api_registers.c: the registers but the people — the list, a page of
 * records, one record, a record added or changed */
int api_registers_list(struct web_req *rq);
int api_registers_page(struct web_req *rq);
int api_registers_show(struct web_req *rq);
int api_registers_create(struct web_req *rq);
int api_registers_update(struct web_req *rq);
/* page_people_duplicates.c: the possible duplicates, a merge's confirmation,
 * the merge, a pair dismissed */
int page_people_duplicates(struct web_req *rq);
int page_people_merge_confirm(struct web_req *rq);
int page_people_merge(struct web_req *rq);
int page_people_dismiss(struct web_req *rq);

/* page_admin_users.c: the users of the administrator's territory, adding
 * one, disabling or enabling one, removing one's second factor */
int page_admin_users(struct web_req *rq);
int page_admin_users_add(struct web_req *rq);
int page_admin_users_disable(struct web_req *rq);
int page_admin_users_enable(struct web_req *rq);
int page_admin_users_reset_mfa(struct web_req *rq);

/* page_audit.c: the audit trail with its verdict, filtered and paged, and
 * the same rows as CSV */
int page_audit(struct web_req *rq);
int page_audit_csv(struct web_req *rq);

/* 1 when route r takes an uploaded file as its body (the upload limit). */
int routes_is_upload(const struct route *r);

/* imports and exports of the registers */
int api_imports_create(struct web_req *rq); /* api_imports.c: a file into a register */
int api_exports_show(struct web_req *rq);   /* api_exports.c: a register as CSV */
int page_import(struct web_req *rq);        /* page_import.c: the import page */
int page_export(struct web_req *rq);        /* page_export.c: the export page */

/* The error page (or, under /api/, the JSON error) for `status` with a
 * message for a person; replaces whatever rq->body held. */
void page_error(struct web_req *rq, int status, const char *message);

#endif
