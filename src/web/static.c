/* static.c: finding the embedded assets by path and by name. */
#include "web/static.h"

#include <string.h>

#include "web/negotiate.h"
#include "web/routes.h"

const struct static_asset *static_find(const char *path)
{
  for (size_t i = 0; i < static_asset_count; i++)
    if (strcmp(static_assets[i].url, path) == 0)
      return &static_assets[i];
  return NULL;
}

const char *static_url(const char *name)
{
  for (size_t i = 0; i < static_asset_count; i++)
    if (strcmp(static_assets[i].name, name) == 0)
      return static_assets[i].url;
  return "";
}

const char *static_content_type(const struct static_asset *a)
{
  static const struct {
    const char *ext, *type;
  } types[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
  };
  const char *dot = strrchr(a->name, '.');
  for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
    if (strcmp(dot, types[i].ext) == 0)
      return types[i].type;
  return "application/octet-stream";
}

/* GET /static/{file}: the asset, or 304 when the client's copy is current.
 * The ETag and the year-long immutable lifetime are what the hashed name
 * allows: the bytes at a name never change. */
int static_serve(struct web_req *rq)
{
  const struct static_asset *a = static_find(rq->path);
  if (!a)
    return err_set(&rq->err, ERR_NOT_FOUND, "Không tìm thấy tệp này.");
  rq->etag = a->etag;
  rq->cache_control = "public, max-age=31536000, immutable";
  rq->content_type = static_content_type(a);
  if (negotiate_not_modified(request_get_header(rq, "If-None-Match"), a->etag)) {
    rq->status = 304;
    return ERR_OK;
  }
  rq->fixed = a->data;
  rq->fixed_len = a->size;
  rq->status = 200;
  return ERR_OK;
}
