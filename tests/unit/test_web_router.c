/* test_web_router.c: matching methods and paths against route patterns. */
#include "testutil.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "web/router.h"
#include "web/routes.h"
#include "web/static.h"

static int h_a(struct web_req *rq)
{
  (void)rq;
  return 0;
}

static const struct route table[] = {
    {"GET", "/", h_a, ROUTE_PUBLIC},
    {"GET", "/nguoi/{id}", h_a, ROUTE_SIGNED_IN},
    {"POST", "/nguoi/{id}", h_a, ROUTE_SIGNED_IN},
    {"GET", "/nguoi/{id}/su-kien/{ev}", h_a, ROUTE_SIGNED_IN},
    {"DELETE", "/api/v1/tokens/{id}", h_a, ROUTE_ADMIN},
};
static const size_t n = sizeof table / sizeof table[0];

static void literal_and_parameters(void **state)
{
  (void)state;
  const struct route *r = NULL;
  struct route_params p;
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/"), ROUTE_MATCHED);
  assert_ptr_equal(r, &table[0]);
  assert_int_equal(p.n, 0);
  assert_int_equal(router_match(&r, &p, table, n, "POST", "/nguoi/42"), ROUTE_MATCHED);
  assert_ptr_equal(r, &table[2]);
  assert_int_equal(p.n, 1);
  assert_int_equal(p.v[0].len, 2);
  assert_memory_equal(p.v[0].s, "42", 2);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/nguoi/7/su-kien/abc"), ROUTE_MATCHED);
  assert_ptr_equal(r, &table[3]);
  assert_int_equal(p.n, 2);
  assert_memory_equal(p.v[1].s, "abc", 3);
}

static void no_path_versus_no_method(void **state)
{
  (void)state;
  const struct route *r = NULL;
  struct route_params p;
  /* an empty segment, a trailing slash, an extra segment: no such path */
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/nguoi/"), ROUTE_NO_PATH);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/nguoi/1/"), ROUTE_NO_PATH);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/nguoi/1/2"), ROUTE_NO_PATH);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/nguoix"), ROUTE_NO_PATH);
  assert_int_equal(router_match(&r, &p, table, n, "GET", ""), ROUTE_NO_PATH);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "nguoi/1"), ROUTE_NO_PATH);
  /* the path exists with other methods */
  assert_int_equal(router_match(&r, &p, table, n, "PUT", "/nguoi/1"), ROUTE_NO_METHOD);
  assert_int_equal(router_match(&r, &p, table, n, "GET", "/api/v1/tokens/3"), ROUTE_NO_METHOD);
}

static void head_takes_the_get_route(void **state)
{
  (void)state;
  const struct route *r = NULL;
  struct route_params p;
  assert_int_equal(router_match(&r, &p, table, n, "HEAD", "/nguoi/9"), ROUTE_MATCHED);
  assert_ptr_equal(r, &table[1]);
  assert_int_equal(router_match(&r, &p, table, n, "HEAD", "/api/v1/tokens/3"), ROUTE_NO_METHOD);
}

static void allow_lists_the_methods(void **state)
{
  (void)state;
  char allow[64];
  router_allow(allow, sizeof allow, table, n, "/nguoi/5");
  assert_string_equal(allow, "GET, HEAD, POST");
  router_allow(allow, sizeof allow, table, n, "/api/v1/tokens/5");
  assert_string_equal(allow, "DELETE");
  router_allow(allow, sizeof allow, table, n, "/khong-co");
  assert_string_equal(allow, "");
}

/* The server's own table: the paths it promises, and every asset's hashed
 * name reachable through the static route. */
static void server_table(void **state)
{
  (void)state;
  const struct route *r = NULL;
  struct route_params p;
  assert_int_equal(router_match(&r, &p, routes, routes_count, "GET", "/healthz"), ROUTE_MATCHED);
  assert_int_equal(r->access, ROUTE_PUBLIC);
  assert_int_equal(router_match(&r, &p, routes, routes_count, "GET", "/"), ROUTE_MATCHED);
  assert_int_equal(r->access, ROUTE_SIGNED_IN);
  assert_int_equal(router_match(&r, &p, routes, routes_count, "POST", "/healthz"), ROUTE_NO_METHOD);
  assert_true(static_asset_count >= 3);
  for (size_t i = 0; i < static_asset_count; i++) {
    const struct static_asset *a = &static_assets[i];
    assert_int_equal(router_match(&r, &p, routes, routes_count, "GET", a->url), ROUTE_MATCHED);
    assert_ptr_equal(r->handler, static_serve);
    assert_ptr_equal(static_find(a->url), a);
    assert_string_equal(static_url(a->name), a->url);
  }
}

/* Each asset's name and ETag hold the first 16 hex digits of the SHA-256
 * of its bytes, computed here independently with libsodium. */
static void asset_names_hold_their_hash(void **state)
{
  (void)state;
  for (size_t i = 0; i < static_asset_count; i++) {
    const struct static_asset *a = &static_assets[i];
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, a->data, a->size);
    char hex[17];
    for (int k = 0; k < 8; k++)
      snprintf(hex + 2 * k, 3, "%02x", h[k]);
    char etag[20];
    snprintf(etag, sizeof etag, "\"%s\"", hex);
    assert_string_equal(a->etag, etag);
    assert_non_null(strstr(a->url, hex));
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(literal_and_parameters),
      cmocka_unit_test(no_path_versus_no_method),
      cmocka_unit_test(head_takes_the_get_route),
      cmocka_unit_test(allow_lists_the_methods),
      cmocka_unit_test(server_table),
      cmocka_unit_test(asset_names_hold_their_hash),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
