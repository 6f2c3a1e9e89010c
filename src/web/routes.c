/* routes.c: the one route table — method, path pattern, handler, who may. */
#include "web/routes.h"

const struct route routes[] = {
    {"GET", "/", page_home, ROUTE_SIGNED_IN},
    {"GET", "/healthz", api_health, ROUTE_PUBLIC},
    {"GET", "/static/{file}", static_serve, ROUTE_PUBLIC},
    {"GET", "/dang-nhap", page_signin, ROUTE_PUBLIC},
    {"POST", "/dang-nhap", page_signin_post, ROUTE_PUBLIC},
    {"POST", "/dang-xuat", page_signout, ROUTE_SECOND_STEP},
    {"GET", "/xac-thuc", page_mfa, ROUTE_SECOND_STEP},
    {"POST", "/xac-thuc", page_mfa_post, ROUTE_SECOND_STEP},
    {"GET", "/xac-thuc/dang-ky", page_mfa_enrol, ROUTE_SECOND_STEP},
    {"POST", "/xac-thuc/dang-ky", page_mfa_enrol_post, ROUTE_SECOND_STEP},
    {"GET", "/api/v1/units", api_units_find, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/units/{tree}/{code}", api_units_show, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/units/{tree}/{code}/successors", api_units_successors, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/persons", api_persons_search, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/persons/duplicates", api_persons_duplicates, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons/duplicates/dismiss", api_persons_dismiss, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons/{id}/merge", api_persons_merge, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/persons/{id}", api_persons_show, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons", api_persons_create, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons/{id}/events", api_persons_event, ROUTE_SIGNED_IN},
    {"PATCH", "/api/v1/persons/{id}", api_persons_update, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/indicators", api_indicators_show, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans", api_plans_list, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}", api_plans_show, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}/status", api_plans_status, ROUTE_SIGNED_IN},
    /* agencies, plan documents and edits, the other registers (docs/api.md) */
    {"GET", "/api/v1/agencies/resolve", api_agencies_resolve, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/agencies/kinds", api_agencies_kinds, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/plans/read", api_plans_read, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/plans", api_plans_import, ROUTE_SIGNED_IN},
    {"PATCH", "/api/v1/plans/{id}", api_plans_set, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/plans/{id}/tasks", api_plans_task_add, ROUTE_SIGNED_IN},
    {"DELETE", "/api/v1/plans/{id}/tasks/{task}", api_plans_task_delete, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}/check", api_plans_check, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/plans/{id}/publish", api_plans_publish, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/plans/{id}/close", api_plans_close, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}/history", api_plans_history, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/registers", api_registers_list, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/registers/{reg}", api_registers_page, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/registers/{reg}", api_registers_create, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/registers/{reg}/{record_no}", api_registers_show, ROUTE_SIGNED_IN},
    {"PUT", "/api/v1/registers/{reg}/{record_no}", api_registers_update, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/audit", api_audit_log, ROUTE_ADMIN},
    {"GET", "/doi-mat-khau", page_password, ROUTE_SIGNED_IN},
    {"POST", "/doi-mat-khau", page_password_post, ROUTE_SIGNED_IN},
    {"GET", "/nguoi", page_people, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/them", page_person_add, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/them", page_person_add_post, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/trung-lap", page_people_duplicates, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/trung-lap/gop", page_people_merge_confirm, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/trung-lap/gop", page_people_merge, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/trung-lap/bo-qua", page_people_dismiss, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}", page_person, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}/sua", page_person_edit, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/{id}/sua", page_person_edit_post, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}/su-kien", page_person_event, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/{id}/su-kien", page_person_event_post, ROUTE_SIGNED_IN},
    {"POST", "/muc-dich", page_person_purpose_post, ROUTE_SIGNED_IN},
    {"GET", "/quan-tri/nguoi-dung", page_admin_users, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung", page_admin_users_add, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/khoa", page_admin_users_disable, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/mo-khoa", page_admin_users_enable, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/dat-lai-xac-thuc", page_admin_users_reset_mfa,
     ROUTE_ADMIN},
    {"GET", "/quan-tri/nhat-ky", page_audit, ROUTE_ADMIN},
    {"GET", "/quan-tri/nhat-ky.csv", page_audit_csv, ROUTE_ADMIN},
    /* imports and exports of the registers: the API, and the pages that use it */
    {"POST", "/api/v1/imports/{register}", api_imports_create, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/exports/{register}", api_exports_show, ROUTE_SIGNED_IN},
    {"GET", "/nhap-du-lieu", page_import, ROUTE_SIGNED_IN},
    {"GET", "/xuat-du-lieu", page_export, ROUTE_SIGNED_IN},
};
const size_t routes_count = sizeof routes / sizeof routes[0];

/* The handlers whose request body is an uploaded file, up to
 * cfg->max_upload; every other body is a form's or JSON's, up to
 * cfg->max_body (docs/web.md, "Limits"). */
static int (*const upload_handlers[])(struct web_req *) = {api_imports_create, api_plans_read,
                                                           api_plans_import};

int routes_is_upload(const struct route *r)
{
  for (size_t i = 0; i < sizeof upload_handlers / sizeof upload_handlers[0]; i++)
    if (r->handler == upload_handlers[i])
      return 1;
  return 0;
}
