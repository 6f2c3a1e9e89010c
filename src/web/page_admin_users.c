/* page_admin_users.c: the administrators' users page, /quan-tri/nguoi-dung.
 *
 * GET lists the users of the administrator's territory (app_user_list)
 * with a form to add one; each row has small forms to disable or enable
 * the user and, when enrolled, to remove the second factor. Every form is
 * a POST with the session's CSRF token (checked by the server) and goes
 * through the app operation, which checks the rights and audits; success
 * answers 303 back to the list with a notice named in the query
 * (?thong-bao=...&ten=LOGIN), so a reload never repeats the action. A
 * refused new user shows the form again with its values (never the
 * password) and the error above the field it is about. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/app_mfa.h"
#include "app/app_user.h"
#include "base/date.h"
#include "output/html.h"
#include "types/label.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/password_gate.h"
#include "web/routes.h"

#define USERS_PATH "/quan-tri/nguoi-dung"

/* The add form's inputs, as typed. */
struct user_form {
  const char *login;     /* "login" */
  const char *full_name; /* "full_name" */
  const char *role;      /* "role": a role's code */
  const char *unit;      /* "unit": a unit code, "" national */
  const char *agency;    /* "agency": an agency kind's code, "" none */
};

/* Each input: its field, id and label, in the form's order. */
static const struct {
  enum app_user_field field; /* what app_user_add_field names */
  const char *id;            /* the input's id and name */
} inputs[] = {
    {APP_USER_FIELD_LOGIN, "login"},   {APP_USER_FIELD_NAME, "full_name"},
    {APP_USER_FIELD_ROLE, "role"},     {APP_USER_FIELD_UNIT, "unit"},
    {APP_USER_FIELD_AGENCY, "agency"}, {APP_USER_FIELD_PASSWORD, "password"},
};
#define N_INPUTS (sizeof inputs / sizeof inputs[0])

/* A query field of the request, or NULL. */
static const char *query_value(struct web_req *rq, const char *name)
{
  const char *v = NULL, *q = rq->query ? rq->query : "";
  if (form_value(&v, &rq->arena, q, strlen(q), name))
    return NULL;
  return v;
}

/* The notice of a done action, named by ?thong-bao= (a fixed set: the
 * query never puts text of its own on the page but the login, escaped). */
static void render_notice(struct web_req *rq)
{
  static const struct {
    const char *code; /* ?thong-bao= */
    const char *text; /* before the login */
    const char *tail; /* after it */
  } notices[] = {
      {"da-them", "Đã thêm người dùng ", "."},
      {"da-khoa", "Đã khóa người dùng ", ": người này không đăng nhập được nữa."},
      {"da-mo-khoa", "Đã mở khóa người dùng ", "."},
      {"da-dat-lai", "Đã xóa xác thực hai bước của ",
       "; lần đăng nhập tới, người này đăng ký lại."},
  };
  const char *code = query_value(rq, "thong-bao");
  const char *login = query_value(rq, "ten");
  for (size_t i = 0; code && i < sizeof notices / sizeof notices[0]; i++)
    if (strcmp(code, notices[i].code) == 0) {
      struct buf *b = &rq->body;
      html_raw(b, "<div class=\"notification\" role=\"status\"><p>");
      html_text(b, notices[i].text);
      html_raw(b, "<strong>");
      html_text(b, login ? login : "");
      html_raw(b, "</strong>");
      html_text(b, notices[i].tail);
      html_raw(b, "</p></div>\n");
    }
}

/* <option>s of a label set, `selected` marked; a first empty option
 * labelled `none` when it is not NULL. */
static void render_options(struct buf *b, enum label_set set, const char *selected,
                           const char *none)
{
  if (none) {
    html_raw(b, "<option value=\"\">");
    html_text(b, none);
    html_raw(b, "</option>");
  }
  size_t n;
  const struct label *l = label_items(set, &n);
  for (size_t i = 0; i < n; i++) {
    if (!l[i].code[0])
      continue;
    html_raw(b, "<option value=\"");
    html_attr(b, l[i].code);
    html_raw(b, selected && strcmp(selected, l[i].code) == 0 ? "\" selected>" : "\">");
    html_text(b, l[i].vi);
    html_raw(b, "</option>");
  }
}

/* The opening of form group `id` labelled `label`, with its error. */
static void group_begin(struct buf *b, const char *id, const char *label, const char *hint,
                        const char *error)
{
  html_raw(b, error ? "<div class=\"form-group form-group-error\">" : "<div class=\"form-group\">");
  html_raw(b, "<label for=\"");
  html_attr(b, id);
  html_raw(b, "\">");
  html_text(b, label);
  html_raw(b, "</label>");
  if (hint) {
    html_raw(b, "<p class=\"hint\" id=\"");
    html_attr(b, id);
    html_raw(b, "-hint\">");
    html_text(b, hint);
    html_raw(b, "</p>");
  }
  if (error) {
    html_raw(b, "<p class=\"error-message\" id=\"");
    html_attr(b, id);
    html_raw(b, "-error\"><span class=\"visually-hidden\">Lỗi:</span> ");
    html_text(b, error);
    html_raw(b, "</p>");
  }
}

/* A text input's attributes after its name: described by its hint and error. */
static void described_by(struct buf *b, const char *id, int hint, const char *error)
{
  if (!hint && !error)
    return;
  html_raw(b, " aria-describedby=\"");
  if (hint) {
    html_attr(b, id);
    html_raw(b, "-hint");
  }
  if (error) {
    html_raw(b, hint ? " " : "");
    html_attr(b, id);
    html_raw(b, "-error");
  }
  html_raw(b, "\"");
}

/* A text input in its group. */
static void text_input(struct buf *b, const char *id, const char *label, const char *hint,
                       const char *type, const char *value, const char *error)
{
  group_begin(b, id, label, hint, error);
  html_raw(b, "<input id=\"");
  html_attr(b, id);
  html_raw(b, "\" name=\"");
  html_attr(b, id);
  html_raw(b, "\" type=\"");
  html_attr(b, type);
  html_raw(b, "\" spellcheck=\"false\" autocomplete=\"off\"");
  described_by(b, id, hint != NULL, error);
  if (value) {
    html_raw(b, " value=\"");
    html_attr(b, value);
    html_raw(b, "\"");
  }
  html_raw(b, "></div>\n");
}

/* A select of a label set in its group. */
static void select_input(struct buf *b, const char *id, const char *label, enum label_set set,
                         const char *value, const char *none, const char *error)
{
  group_begin(b, id, label, NULL, error);
  html_raw(b, "<select id=\"");
  html_attr(b, id);
  html_raw(b, "\" name=\"");
  html_attr(b, id);
  html_raw(b, "\"");
  described_by(b, id, 0, error);
  html_raw(b, ">");
  render_options(b, set, value, none);
  html_raw(b, "</select></div>\n");
}

/* A one-button form posting to USERS_PATH/LOGIN/ACTION. */
static void row_action(struct web_req *rq, const char *login, const char *action,
                       const char *button)
{
  struct buf *b = &rq->body;
  html_raw(b, "<form class=\"inline\" method=\"post\" action=\"" USERS_PATH "/");
  html_attr(b, login);
  html_raw(b, "/");
  html_attr(b, action);
  html_raw(b, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\"><button class=\"button button-secondary\" type=\"submit\">");
  html_text(b, button);
  html_raw(b, "<span class=\"visually-hidden\"> ");
  html_text(b, login);
  html_raw(b, "</span></button></form>");
}

/* The table of users. */
static void render_table(struct web_req *rq, const struct user_list *l)
{
  struct buf *b = &rq->body;
  html_raw(b, "<div class=\"table-wrap\"><table>\n<caption>Người dùng của địa bàn</caption>\n"
              "<thead><tr><th scope=\"col\">Tên đăng nhập</th><th scope=\"col\">Họ tên</th>"
              "<th scope=\"col\">Vai trò</th><th scope=\"col\">Địa bàn</th>"
              "<th scope=\"col\">Xác thực hai bước</th><th scope=\"col\">Trạng thái</th>"
              "<th scope=\"col\">Thao tác</th></tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < l->n; i++) {
    const struct user *u = &l->items[i];
    html_raw(b, "<tr><th scope=\"row\">");
    html_text(b, u->login);
    html_raw(b, "</th><td>");
    html_text(b, u->full_name);
    html_raw(b, "</td><td>");
    html_text(b, label_at(LABEL_ROLE, (size_t)u->role));
    if (u->agency_kind[0]) {
      html_raw(b, " (");
      html_text(b, label_vi(LABEL_AGENCY_KIND, u->agency_kind));
      html_raw(b, ")");
    }
    html_raw(b, "</td><td>");
    if (u->unit_code[0]) {
      html_text(b, u->unit_name[0] ? u->unit_name : u->unit_code);
      html_raw(b, " <span class=\"muted\">(");
      html_text(b, u->unit_code);
      html_raw(b, ")</span>");
    } else {
      html_raw(b, "Toàn quốc");
    }
    html_raw(b, "</td><td>");
    html_raw(b, u->mfa ? "<strong class=\"tag tag-green\">Đã đăng ký</strong>"
                       : "<strong class=\"tag tag-grey\">Chưa đăng ký</strong>");
    html_raw(b, "</td><td>");
    if (u->disabled_at[0]) {
      char vn[16];
      char iso[11];
      snprintf(iso, sizeof iso, "%.10s", u->disabled_at);
      html_raw(b, "<strong class=\"tag tag-red\">Đã khóa</strong> từ ");
      html_text(b, date_iso_to_vn(vn, iso));
    } else {
      html_raw(b, "<strong class=\"tag tag-blue\">Đang hoạt động</strong>");
    }
    html_raw(b, "</td><td>");
    if (strcmp(u->login, rq->session->login) != 0)
      row_action(rq, u->login, u->disabled_at[0] ? "mo-khoa" : "khoa",
                 u->disabled_at[0] ? "Mở khóa" : "Khóa");
    if (u->mfa)
      row_action(rq, u->login, "dat-lai-xac-thuc", "Xóa xác thực hai bước");
    html_raw(b, "</td></tr>\n");
  }
  html_raw(b, "</tbody></table></div>\n");
}

/* The page: the notice, the table of l (NULL: read it again), the add form
 * with f's values and errs[] (indexed by enum app_user_field). */
static int render(struct web_req *rq, int status, const struct user_list *l,
                  const struct user_form *f, const char *const *errs)
{
  struct buf *b = &rq->body;
  buf_reset(b);
  int any = 0;
  for (size_t i = 0; errs && i < N_INPUTS; i++)
    any |= errs[inputs[i].field] != NULL;
  layout_begin(rq, any ? "Lỗi: Quản lý người dùng" : "Quản lý người dùng");
  if (any) {
    html_raw(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
                "<h2>Chưa thêm được người dùng</h2><ul>");
    for (size_t i = 0; i < N_INPUTS; i++)
      if (errs[inputs[i].field]) {
        html_raw(b, "<li><a href=\"#");
        html_attr(b, inputs[i].id);
        html_raw(b, "\">");
        html_text(b, errs[inputs[i].field]);
        html_raw(b, "</a></li>");
      }
    html_raw(b, "</ul></div>\n");
  }
  html_raw(b, "<h1>Quản lý người dùng</h1>\n<p><a href=\"/quan-tri/nhat-ky\">Nhật ký truy cập"
              "</a></p>\n");
  render_notice(rq);
  render_table(rq, l);
  const char *none[APP_USER_FIELD_PASSWORD + 1] = {0};
  const char *const *e = errs ? errs : none;
  html_raw(b, "<h2 id=\"them\">Thêm người dùng</h2>\n"
              "<form method=\"post\" action=\"" USERS_PATH "\" novalidate>\n"
              "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_attr(b, rq->session->csrf);
  html_raw(b, "\">\n");
  text_input(b, "login", "Tên đăng nhập", "Chữ cái không dấu, chữ số và . _ - (ví dụ cb.xa)",
             "text", f ? f->login : NULL, e[APP_USER_FIELD_LOGIN]);
  text_input(b, "full_name", "Họ tên (không bắt buộc)", NULL, "text", f ? f->full_name : NULL,
             e[APP_USER_FIELD_NAME]);
  select_input(b, "role", "Vai trò", LABEL_ROLE, f ? f->role : NULL, "Chọn vai trò",
               e[APP_USER_FIELD_ROLE]);
  text_input(b, "unit", "Mã đơn vị của địa bàn",
             "Mã tỉnh hoặc xã (ví dụ 15, 03006); để trống: toàn quốc", "text", f ? f->unit : NULL,
             e[APP_USER_FIELD_UNIT]);
  select_input(b, "agency", "Loại cơ quan (chỉ cho vai trò cơ quan thành viên)", LABEL_AGENCY_KIND,
               f ? f->agency : NULL, "Không", e[APP_USER_FIELD_AGENCY]);
  text_input(b, "password", "Mật khẩu ban đầu", "Ít nhất 10 ký tự; báo riêng cho người dùng",
             "password", NULL, e[APP_USER_FIELD_PASSWORD]);
  html_raw(b, "<button class=\"button\" type=\"submit\">Thêm người dùng</button>\n</form>\n");
  layout_end(rq);
  return request_html(rq, status);
}

/* The caller for the signed-in administrator. */
static int caller_open(struct scope *out, struct web_req *rq)
{
  return app_caller_open(out, rq->st, rq->session->login, "quản trị người dùng", &rq->err);
}

/* Read the users, then render. */
static int render_list(struct web_req *rq, int status, const struct scope *caller,
                       const struct user_form *f, const char *const *errs)
{
  struct user_list l = {0};
  int rc = app_user_list(&l, rq->st, caller, &rq->err);
  if (!rc)
    rc = render(rq, status, &l, f, errs);
  user_list_free(&l);
  return rc;
}

int page_admin_users(struct web_req *rq)
{
  struct scope caller;
  int rc = caller_open(&caller, rq);
  return rc ? rc : render_list(rq, 200, &caller, NULL, NULL);
}

/* Back to the list with notice `code` about `login`. */
static int back(struct web_req *rq, const char *code, const char *login)
{
  /* the login was accepted by the operation: letters, digits, . _ - only */
  size_t n = strlen(USERS_PATH) + strlen(code) + strlen(login) + 32;
  char *to = arena_alloc(&rq->arena, n);
  if (!to)
    return err_nomem(&rq->err);
  snprintf(to, n, USERS_PATH "?thong-bao=%s&ten=%s", code, login);
  return request_redirect(rq, to);
}

int page_admin_users_add(struct web_req *rq)
{
  struct user_form f = {request_form(rq, "login"), request_form(rq, "full_name"),
                        request_form(rq, "role"), request_form(rq, "unit"),
                        request_form(rq, "agency")};
  const char *password = request_form(rq, "password");
  const char *errs[APP_USER_FIELD_PASSWORD + 1] = {0};
  int missing = 0;
  if (!f.login || !*f.login)
    missing = 1, errs[APP_USER_FIELD_LOGIN] = "Hãy nhập tên đăng nhập.";
  if (!f.role || !*f.role)
    missing = 1, errs[APP_USER_FIELD_ROLE] = "Hãy chọn vai trò.";
  if (!password || !*password)
    missing = 1, errs[APP_USER_FIELD_PASSWORD] = "Hãy nhập mật khẩu ban đầu (ít nhất 10 ký tự).";
  struct scope caller;
  int rc = caller_open(&caller, rq);
  if (rc)
    return rc;
  if (missing)
    return render_list(rq, 400, &caller, &f, errs);
  struct app_user_new in = {f.login, f.full_name, f.role, NULL, f.unit, f.agency};
  long id;
  enum app_user_field field;
  password_gate_enter(); /* the password's argon2id hash: one at a time */
  rc = app_user_add_field(&id, &field, rq->st, &caller, &in, password, &rq->err);
  password_gate_leave();
  if (rc && field != APP_USER_FIELD_NONE &&
      (rc == ERR_INPUT || rc == ERR_CONFLICT || rc == ERR_NOT_FOUND || rc == ERR_DENIED)) {
    errs[field] = rq->err.msg;
    return render_list(rq,
                       rc == ERR_CONFLICT ? 409
                       : rc == ERR_DENIED ? 403
                                          : 400,
                       &caller, &f, errs);
  }
  return rc ? rc : back(rq, "da-them", f.login);
}

/* The login of the path (/quan-tri/nguoi-dung/{login}/...): logins hold
 * no byte that needs escaping, so one that does names no user. */
static int path_login(const char **out, struct web_req *rq)
{
  *out = request_param(rq, 0);
  if (!*out)
    return err_nomem(&rq->err);
  if (strchr(*out, '%'))
    return err_set(&rq->err, ERR_NOT_FOUND, "Không có người dùng này.");
  return ERR_OK;
}

/* Disable (disabled = 1) or enable the user of the path. */
static int set_disabled(struct web_req *rq, int disabled)
{
  const char *login;
  struct scope caller;
  int rc = path_login(&login, rq);
  if (!rc)
    rc = caller_open(&caller, rq);
  if (!rc)
    rc = app_user_disable(rq->st, &caller, login, disabled, &rq->err);
  return rc ? rc : back(rq, disabled ? "da-khoa" : "da-mo-khoa", login);
}

int page_admin_users_disable(struct web_req *rq)
{
  return set_disabled(rq, 1);
}

int page_admin_users_enable(struct web_req *rq)
{
  return set_disabled(rq, 0);
}

int page_admin_users_reset_mfa(struct web_req *rq)
{
  const char *login;
  struct scope caller;
  int rc = path_login(&login, rq);
  if (!rc)
    rc = caller_open(&caller, rq);
  if (!rc)
    rc = app_mfa_reset(rq->st, &caller, login, (long)time(NULL), &rq->err);
  return rc ? rc : back(rq, "da-dat-lai", login);
}
