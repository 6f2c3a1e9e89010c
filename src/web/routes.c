/* routes.c: the one route table — method, path pattern, handler, who may. */
#include "web/routes.h"

const struct route routes[] = {
    {"GET", "/", page_home, ROUTE_SIGNED_IN},
    {"GET", "/healthz", api_health, ROUTE_PUBLIC},
    {"GET", "/static/{file}", static_serve, ROUTE_PUBLIC},
    {"GET", "/dang-nhap", page_signin, ROUTE_PUBLIC},
    {"POST", "/dang-nhap", page_signin_post, ROUTE_PUBLIC},
    {"POST", "/dang-xuat", page_signout, ROUTE_SIGNED_IN},
};
const size_t routes_count = sizeof routes / sizeof routes[0];
