/* doc_html.c: a document for signature as HTML (see doc_html.h). */
#include "output/doc_html.h"

#include <stdio.h>

#include "output/html.h"

/* <tag class="cls">text</tag>, the text escaped; cls NULL: no class. */
static void element(struct buf *b, const char *tag, const char *cls, const char *text)
{
  buf_addf(b, "<%s", tag);
  if (cls)
    buf_addf(b, " class=\"%s\"", cls);
  buf_addc(b, '>');
  html_text(b, text);
  buf_addf(b, "</%s>\n", tag);
}

static void header(struct buf *b, const struct admin_doc *d)
{
  html_raw(b, "<header class=\"vb-head\">\n<div class=\"vb-issuer\">\n");
  if (d->superior)
    element(b, "p", NULL, d->superior);
  element(b, "p", "vb-body", d->issuer);
  element(b, "p", NULL, d->number ? d->number : "Số:        /BC-");
  html_raw(b, "</div>\n<div class=\"vb-motto\">\n"
              "<p class=\"vb-nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>\n"
              "<p class=\"vb-body\">Độc lập - Tự do - Hạnh phúc</p>\n");
  char line[256];
  admin_doc_place_date(line, sizeof line, d->place, d->date);
  element(b, "p", "vb-date", line);
  html_raw(b, "</div>\n</header>\n");
  /* the type and subject are one heading: what a reader's outline shows */
  html_raw(b, "<h1 class=\"vb-title\">");
  html_text(b, d->type);
  html_raw(b, "<br>");
  html_text(b, d->subject);
  html_raw(b, "</h1>\n");
}

static void table(struct buf *b, const struct doc_table *t)
{
  if (!t)
    return;
  html_raw(b, "<div class=\"vb-table\"><table>\n<thead><tr>");
  for (size_t c = 0; c < t->n_cols; c++) {
    html_raw(b, t->right && t->right[c] ? "<th scope=\"col\" class=\"so\">" : "<th scope=\"col\">");
    html_text(b, t->head[c]);
    html_raw(b, "</th>");
  }
  html_raw(b, "</tr></thead>\n<tbody>\n");
  for (size_t r = 0; r < t->n_rows; r++) {
    html_raw(b, "<tr>");
    for (size_t c = 0; c < t->n_cols; c++) {
      const char *cell = t->cells[r * t->n_cols + c];
      html_raw(b, t->right && t->right[c] ? "<td class=\"so\">" : "<td>");
      html_text(b, cell);
      html_raw(b, "</td>");
    }
    html_raw(b, "</tr>\n");
  }
  html_raw(b, "</tbody>\n</table></div>\n");
}

static void blocks(struct buf *b, const struct admin_doc *d)
{
  for (size_t i = 0; i < d->n_blocks; i++) {
    const struct doc_block *k = &d->blocks[i];
    switch (k->kind) {
    case DOC_HEADING:
      element(b, k->level <= 1 ? "h2" : "h3", NULL, k->text);
      break;
    case DOC_PARA:
      element(b, "p", NULL, k->text);
      break;
    case DOC_PROMPT:
      html_raw(b, "<p class=\"vb-prompt\">[");
      html_text(b, k->text);
      html_raw(b, "]</p>\n");
      break;
    case DOC_TABLE:
      table(b, k->table);
      break;
    }
  }
}

static void closing(struct buf *b, const struct admin_doc *d)
{
  html_raw(b, "<footer class=\"vb-foot\">\n<div class=\"vb-rcpt\">\n"
              "<p class=\"vb-rcpt-title\">Nơi nhận:</p>\n<ul>\n");
  for (size_t i = 0; i < d->n_recipients; i++) {
    html_raw(b, "<li>- ");
    html_text(b, d->recipients[i]);
    html_raw(b, i + 1 == d->n_recipients ? ".</li>\n" : ";</li>\n");
  }
  html_raw(b, "</ul>\n</div>\n<div class=\"vb-sign\">\n");
  if (d->sign_authority)
    element(b, "p", "vb-body", d->sign_authority);
  element(b, "p", "vb-body", d->sign_position);
  element(b, "p", d->signer ? "vb-signer" : "vb-sign-hint",
          d->signer ? d->signer : "(ký, ghi rõ họ tên)");
  html_raw(b, "</div>\n</footer>\n");
}

int doc_html_fragment(struct buf *b, const struct admin_doc *d)
{
  html_raw(b, "<article class=\"vb\">\n");
  header(b, d);
  blocks(b, d);
  closing(b, d);
  html_raw(b, "</article>\n");
  return buf_failed(b) ? ERR_NOMEM : ERR_OK;
}

/* The file's own stylesheet: the decree's page (A4; margins 20 mm top and
 * bottom, 30 mm left, 15 mm right; Times New Roman 14 pt) when printed, a
 * readable column on screen. A file opened from disk has no server, so the
 * style travels inside it; it holds no script. */
static const char PRINT_CSS[] =
    "@page{size:A4;margin:20mm 15mm 20mm 30mm}"
    "body{font-family:'Times New Roman',Times,serif;font-size:14pt;line-height:1.35;"
    "max-width:165mm;margin:1em auto;color:#000;background:#fff}"
    ".vb-head{display:flex;justify-content:space-between;gap:1em;text-align:center;"
    "font-size:13pt}"
    ".vb-head p{margin:0;text-align:center}.vb-issuer{flex:0 0 37%}.vb-motto{flex:1}"
    ".vb-body,.vb-nation{font-weight:bold}.vb-nation{font-size:12pt}"
    ".vb-motto .vb-body{text-decoration:underline}"
    ".vb-date{font-style:italic;margin-top:.5em!important}"
    ".vb-title{font-size:14pt;text-align:center;margin:1.2em 0}"
    "h2{font-size:14pt;margin:1em 0 .4em}h3{font-size:14pt;margin:.8em 0 .3em}"
    "p{text-align:justify;margin:.3em 0}.vb-prompt{font-style:italic}"
    ".vb-table{overflow-x:auto}"
    "table{border-collapse:collapse;width:100%;font-size:12pt;margin:.4em 0}"
    "th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:top;text-align:left}"
    "th{font-weight:bold;text-align:center}.so{text-align:right}"
    "thead{display:table-header-group}"
    ".vb-foot{display:flex;justify-content:space-between;margin-top:1.5em}"
    ".vb-rcpt{flex:1;font-size:11pt}.vb-rcpt ul{list-style:none;margin:0;padding:0}"
    ".vb-rcpt-title{font-weight:bold;font-style:italic;font-size:12pt}"
    ".vb-sign{flex:1;text-align:center}.vb-sign p{text-align:center;margin:0}"
    ".vb-sign-hint{font-style:italic;margin-top:4em!important}"
    ".vb-signer{font-weight:bold;margin-top:4em!important}";

int doc_html_page(struct buf *b, const struct admin_doc *d)
{
  html_raw(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<title>");
  html_text(b, d->type);
  html_raw(b, " - ");
  html_text(b, d->subject);
  html_raw(b, "</title>\n<style>");
  html_raw(b, PRINT_CSS);
  html_raw(b, "</style>\n</head>\n<body>\n<main>\n");
  doc_html_fragment(b, d);
  html_raw(b, "</main>\n</body>\n</html>\n");
  return buf_failed(b) ? ERR_NOMEM : ERR_OK;
}
