/* static.h: the web assets embedded in the binary (web/static, by
 * cmake/embed_static.cmake).
 *
 * Each asset is served under a name that holds a hash of its bytes
 * ("/static/style.0123456789abcdef.css"), so a browser may keep it forever
 * (Cache-Control: immutable) and a new build's file has a new name. The
 * same hash, quoted, is its strong ETag. */
#ifndef PCMT_WEB_STATIC_H
#define PCMT_WEB_STATIC_H

#include <stddef.h>

struct static_asset {
  const char *name;          /* file name in web/static: "style.css" */
  const char *url;           /* path served: "/static/style.<hash>.css" */
  const char *etag;          /* strong entity tag: "\"<hash>\"" */
  const unsigned char *data; /* the file's bytes */
  size_t size;               /* their number */
};

extern const struct static_asset static_assets[]; /* generated */
extern const size_t static_asset_count;

/* The asset served at `path`, or NULL. */
const struct static_asset *static_find(const char *path);
/* The path to link an asset by its file name ("style.css"); "" when there
 * is no such asset (a bug, caught by the tests). Borrowed, static. */
const char *static_url(const char *name);
/* Content-Type by the file's extension, with a charset for text. */
const char *static_content_type(const struct static_asset *a);

#endif
