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
    {"GET", "/api/v1/persons/{id}", api_persons_show, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons", api_persons_create, ROUTE_SIGNED_IN},
    {"POST", "/api/v1/persons/{id}/events", api_persons_event, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/indicators", api_indicators_show, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans", api_plans_list, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}", api_plans_show, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/plans/{id}/status", api_plans_status, ROUTE_SIGNED_IN},
    {"GET", "/api/v1/audit", api_audit_log, ROUTE_ADMIN},
    {"GET", "/quan-tri/nguoi-dung", page_admin_users, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung", page_admin_users_add, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/khoa", page_admin_users_disable, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/mo-khoa", page_admin_users_enable, ROUTE_ADMIN},
    {"POST", "/quan-tri/nguoi-dung/{login}/dat-lai-xac-thuc", page_admin_users_reset_mfa,
     ROUTE_ADMIN},
};
const size_t routes_count = sizeof routes / sizeof routes[0];
