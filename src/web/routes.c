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
    {"GET", "/nguoi", page_people, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/them", page_person_add, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/them", page_person_add_post, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}", page_person, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}/su-kien", page_person_event, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/{id}/su-kien", page_person_event_post, ROUTE_SIGNED_IN},
    {"POST", "/muc-dich", page_person_purpose_post, ROUTE_SIGNED_IN},
};
const size_t routes_count = sizeof routes / sizeof routes[0];
