/* target_bind.c: the table of target wordings and the indicators they propose (see
 * target_bind.h; the table is listed in docs/monitoring.md).
 *
 * Matching is done on a key of the text: case and diacritics folded
 * (text_fold), every run of characters that is no letter or digit one
 * space, with a space at each end, so that " vu " is the word "vụ" and
 * never part of "phục vụ". A sentence may carry several figures ("95%
 * người sử dụng ..., 100% người nghiện có hồ sơ quản lý"): the subject
 * of a rule is looked for in the clause that carries this target's figure
 * (from the figure to the next percentage), the predicate in the whole
 * sentence. Rules are tried in order; the first that matches wins. */
#include "domain/target_bind.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* Target kinds a rule applies to. */
#define K_COUNT (1u << 0) /* count_min, count_max, other */
#define K_RATIO (1u << 1) /* ratio_min */
#define K_TREND (1u << 2) /* growth_min, growth_max, reduction_min */
#define K_ZERO  (1u << 3) /* zero: forbids an event, never asks for an elimination */
#define K_GOOD  (K_COUNT | K_RATIO | K_TREND)
#define K_ANY   (K_GOOD | K_ZERO)

struct rule {
  const char *name;    /* what the rule recognises, for the reviewer */
  unsigned kinds;      /* K_* the rule applies to */
  const char *subject; /* words in the figure's clause or its counted noun; "|" alternatives */
  const char *noun;    /* words the counted noun must hold; NULL: any */
  const char *pred;    /* words anywhere in the sentence; NULL: none needed */
  const char *unless;  /* words in the sentence that rule it out; NULL: none */
  const char *count;   /* the indicator for a count or trend kind; NULL: manual */
  const char *ratio; /* the indicator for a ratio kind; NULL: `count` with its base, else manual */
};

/* The vocabulary, most specific first. */
static const struct rule RULES[] = {
    /* cultivation */
    {"tái trồng, trồng cây có chứa chất ma túy", K_ANY,
     "tai trong|trong cay|cay co chua|cay co chat|cay thuoc phien|cay can sa", NULL, NULL, NULL,
     "cultivation_sites_destroyed", NULL},
    /* retail points and hotspots */
    {"triệt xóa điểm bán lẻ", K_GOOD, "diem ban le|doi tuong ban le", NULL,
     "triet xoa|triet pha|xoa bo", NULL, "retail_points_eliminated", NULL},
    {"điểm bán lẻ hoạt động trở lại", K_ANY, "diem ban le", NULL,
     "tai hoat dong|hoat dong tro lai|tai hinh thanh", "moi", "retail_points_reformed", NULL},
    {"điểm bán lẻ mới", K_ANY, "diem ban le", NULL, "moi|hinh thanh|phat sinh", NULL,
     "retail_points_new", NULL},
    {"triệt xóa điểm, tụ điểm", K_GOOD, "tu diem|diem phuc tap|diem to chuc su dung", NULL,
     "triet xoa|triet pha|xoa bo", NULL, "hotspots_eliminated", NULL},
    {"điểm, tụ điểm tái hình thành", K_ANY, "tu diem|diem phuc tap", NULL,
     "tai hinh thanh|tai hoat dong|tai phuc tap|tai dien", "moi", "hotspots_reformed", NULL},
    {"điểm, tụ điểm hình thành mới", K_ANY, "tu diem|diem phuc tap", NULL,
     "moi|hinh thanh|phat sinh", NULL, "hotspots_new", NULL},
    /* rehabilitation and people on the lists */
    {"đưa vào cơ sở cai nghiện bắt buộc", K_ANY, "cai nghien bat buoc", NULL, NULL, NULL,
     "rehab_compulsory_admissions", NULL},
    {"cai nghiện tự nguyện", K_ANY, "cai nghien tu nguyen", NULL, NULL, NULL,
     "rehab_voluntary_admissions", NULL},
    {"điều trị bằng thuốc thay thế", K_COUNT | K_TREND, "thuoc thay the|methadone", NULL, NULL,
     NULL, "ost_patients", NULL},
    {"đưa ra khỏi danh sách, khỏi diện quản lý", K_ANY, "ra khoi dien|ra khoi danh sach", NULL,
     NULL, NULL, "removed_from_list", NULL},
    {"người nghiện được tư vấn, điều trị, cai nghiện", K_ANY,
     "tu van|tiep can dich vu|tiep can cac dich vu|dieu tri|cai nghien", NULL, "nguoi nghien", NULL,
     "addicts_treated", "service_access_ratio"},
    {"người sử dụng có hồ sơ quản lý", K_ANY, "nguoi su dung", NULL, "ho so", NULL, "users_managed",
     "users_managed_ratio"},
    {"người nghiện có hồ sơ quản lý (không có chỉ số)", K_ANY, "nguoi nghien", NULL, "ho so", NULL,
     NULL, NULL},
    /* prevention */
    {"thời lượng phát thanh", K_ANY, NULL, "phut|gio", "loa|phat thanh", NULL, "broadcast_minutes",
     NULL},
    {"buổi tập huấn, hội nghị (không có chỉ số)", K_ANY, "tap huan|hoi nghi|hoi thao", NULL, NULL,
     NULL, NULL, NULL},
    {"buổi tuyên truyền", K_ANY, "buoi", NULL, NULL, NULL, "propaganda_sessions", NULL},
    {"lượt người nghe tuyên truyền", K_ANY, "luot nguoi", NULL, "tuyen truyen", NULL,
     "propaganda_participants", NULL},
    {"xét xử lưu động", K_ANY, "xet xu luu dong", NULL, NULL, NULL, "mobile_trials", NULL},
    {"xã không có ma túy (phân loại, không có chỉ số)", K_ANY, "xa|xa phuong thi tran|cap xa", NULL,
     "khong co ma tuy|sach ma tuy", NULL, NULL, NULL},
    {"xã có ma túy, có tệ nạn ma túy", K_ANY, "xa|xa phuong thi tran|cap xa", NULL,
     "co ma tuy|te nan ma tuy", NULL, "communes_with_drug_activity", NULL},
    {"xã được tuyên truyền", K_RATIO, "xa|xa phuong thi tran|cap xa", NULL, "tuyen truyen", NULL,
     "communes_with_propaganda", "communes_propaganda_ratio"},
    /* crime */
    {"nguồn tin qua dịch vụ chuyển phát", K_ANY, "chuyen phat", NULL, NULL, NULL,
     "express_leads_verified", "express_leads_verified_ratio"},
    {"vụ án giải quyết, xét xử", K_RATIO, "giai quyet|xet xu|dua ra xet xu", NULL, "vu", NULL,
     "cases_resolved", "cases_resolved_ratio"},
    {"đối tượng bị bắt giữ", K_ANY, "doi tuong|nguoi", NULL, "bat giu|bat", "cai nghien",
     "persons_arrested", NULL},
    {"phát hiện, bắt giữ, khởi tố vụ phạm tội", K_ANY, "vu|vu an|toi pham|pham toi", NULL,
     "phat hien|bat giu|khoi to", NULL, "cases_detected", NULL},
    /* a quota list continuing a crime target ("Các huyện 160 vụ, cụ thể: ...") names only the
       noun: in these plans a count of "vụ" is a count of cases detected */
    {"số vụ (danh từ đếm)", K_COUNT | K_TREND, NULL, "vu|vu an", NULL, NULL, "cases_detected",
     NULL},
    {"thu giữ heroin", K_ANY, "heroin|hero in", NULL, "thu giu", NULL, "seized_heroin_g", NULL},
    {"thu giữ ma túy đá", K_ANY, "ma tuy da|methamphetamine", NULL, "thu giu", NULL,
     "seized_meth_g", NULL},
    {"thu giữ ma túy tổng hợp dạng viên", K_ANY, "vien", NULL, "thu giu", NULL, "seized_pills",
     NULL},
    /* licit activities */
    {"kiểm soát tiền chất, thuốc gây nghiện, hướng thần", K_ANY,
     "tien chat|thuoc gay nghien|thuoc huong than|hoat dong hop phap", NULL,
     "kiem soat|kiem tra|quan ly|thanh tra", NULL, "licit_entities_inspected",
     "licit_inspected_ratio"},
    {"kiểm tra cơ sở kinh doanh có điều kiện", K_ANY, "co so kinh doanh|kinh doanh co dieu kien",
     NULL, "kiem tra", NULL, "businesses_inspected", NULL},
    /* growth of the lists ("số người nghiện tăng không quá 1%") */
    {"số người nghiện tăng, giảm", K_TREND, "nguoi nghien", NULL, NULL, NULL, "addicts_registered",
     NULL},
    {"số người sử dụng, người nghiện tăng, giảm", K_TREND, "nguoi su dung", NULL, NULL, NULL,
     "drug_list_total", NULL},
};

/* flows a ratio target takes as a share of a stock */
static const struct {
  const char *flow, *stock;
} BASES[] = {
    {"retail_points_eliminated", "retail_points_active"},
    {"hotspots_eliminated", "hotspots_active"},
    {"removed_from_list", "drug_list_total"},
    {"licit_entities_inspected", "licit_entities"},
};

const char *target_bind_base(const char *indicator)
{
  for (size_t i = 0; indicator && i < sizeof BASES / sizeof BASES[0]; i++)
    if (strcmp(BASES[i].flow, indicator) == 0)
      return BASES[i].stock;
  return NULL;
}

/* The key of s: folded, non-alphanumerics as single spaces, a space at
 * each end; '%' is kept as a word of its own so the figures stay
 * findable. Malloc'd into *out. */
static int key_of(char **out, const char *s, struct err *err)
{
  *out = NULL;
  char *f;
  int rc = text_fold(&f, s ? s : "", err);
  if (rc)
    return rc;
  size_t n = strlen(f);
  char *k = malloc(3 * n + 3);
  if (!k) {
    free(f);
    return err_nomem(err);
  }
  size_t j = 0;
  k[j++] = ' ';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)f[i];
    if (isalnum(c) || c >= 0x80) {
      k[j++] = (char)c;
    } else if (c == '%') {
      if (k[j - 1] != ' ')
        k[j++] = ' ';
      k[j++] = '%';
      k[j++] = ' ';
    } else if (k[j - 1] != ' ') {
      k[j++] = ' ';
    }
  }
  if (k[j - 1] != ' ')
    k[j++] = ' ';
  k[j] = '\0';
  free(f);
  *out = k;
  return ERR_OK;
}

/* 1 when key holds one of the "|"-separated word sequences of alts. */
static int has_any(const char *key, const char *alts)
{
  if (!alts)
    return 1;
  const char *a = alts;
  while (*a) {
    const char *bar = strchr(a, '|');
    size_t len = bar ? (size_t)(bar - a) : strlen(a);
    char word[64];
    if (len + 3 <= sizeof word) {
      snprintf(word, sizeof word, " %.*s ", (int)len, a);
      if (strstr(key, word))
        return 1;
    }
    if (!bar)
      break;
    a = bar + 1;
  }
  return 0;
}

/* The clause of key that carries percentage `v`: [*fig, *to) from the
 * figure (" 95 % ...") to the next percentage, and *wide, where the text
 * after the previous percentage starts (the subject is often written
 * before the figure: "số vụ ... tăng 5%"). For a trend kind the
 * occurrence after "tăng" or "giảm" when there is one. The whole key when
 * the figure is no percentage written there. */
static void clause_of(size_t *wide, size_t *fig, size_t *to, const char *key,
                      const struct plan_target *t)
{
  *wide = *fig = 0;
  *to = strlen(key);
  if (!t->has_value || !t->unit || strcmp(t->unit, "%") != 0)
    return;
  char f[40];
  snprintf(f, sizeof f, " %g %% ", t->value);
  const char *word = t->kind == TARGET_REDUCTION_MIN                                  ? " giam "
                     : (t->kind == TARGET_GROWTH_MIN || t->kind == TARGET_GROWTH_MAX) ? " tang "
                                                                                      : NULL;
  const char *hit = NULL;
  for (const char *p = strstr(key, f); p; p = strstr(p + 1, f)) {
    if (!hit)
      hit = p;
    if (word) {
      size_t back = (size_t)(p - key) < 24 ? (size_t)(p - key) : 24;
      char near[32];
      snprintf(near, sizeof near, "%.*s ", (int)back, p - back);
      if (strstr(near, word)) {
        hit = p;
        break;
      }
    }
  }
  if (!hit)
    return;
  *fig = (size_t)(hit - key);
  /* the previous " % " before the figure opens the wide clause */
  for (const char *pc = strstr(key, " % "); pc && pc < hit; pc = strstr(pc + 1, " % "))
    *wide = (size_t)(pc - key) + 2;
  /* the next " N % " after this figure closes the clause */
  const char *q = hit + strlen(f) - 1;
  for (const char *pc = strstr(q, " % "); pc; pc = strstr(pc + 1, " % ")) {
    const char *d = pc;
    while (d > q && isdigit((unsigned char)d[-1]))
      d--;
    if (d < pc && d > q && d[-1] == ' ') {
      *to = (size_t)(d - key);
      break;
    }
  }
}

static unsigned kind_bit(enum target_kind k)
{
  switch (k) {
  case TARGET_RATIO_MIN:
    return K_RATIO;
  case TARGET_ZERO:
    return K_ZERO;
  case TARGET_GROWTH_MIN:
  case TARGET_GROWTH_MAX:
  case TARGET_REDUCTION_MIN:
    return K_TREND;
  default:
    return K_COUNT;
  }
}

int target_bind_propose(struct target_bind_proposal *out, const struct plan_target *t,
                        struct err *err)
{
  memset(out, 0, sizeof *out);
  out->per_quota = t->n_quotas > 0;
  char *key = NULL, *unit = NULL;
  int rc = key_of(&key, t->text, err);
  if (!rc)
    rc = key_of(&unit, t->unit, err);
  if (rc) {
    free(key);
    return rc;
  }
  size_t wide, fig, to;
  clause_of(&wide, &fig, &to, key, t);
  size_t ul = strlen(unit);
  char *subj = malloc(to + ul + 2);
  if (!subj) {
    free(key);
    free(unit);
    return err_nomem(err);
  }
  unsigned bit = kind_bit(t->kind);
  /* first the words after the figure, then with those before it too */
  for (int pass = 0; pass < 2 && !out->rule; pass++) {
    size_t from = pass == 0 ? fig : wide;
    if (pass == 1 && from == fig)
      break;
    memcpy(subj, key + from, to - from);
    memcpy(subj + (to - from), unit, ul + 1);
    for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++) {
      const struct rule *r = &RULES[i];
      if (!(r->kinds & bit) || !has_any(subj, r->subject) || !has_any(unit, r->noun) ||
          !has_any(key, r->pred))
        continue;
      if (r->unless && has_any(key, r->unless))
        continue;
      out->rule = r->name;
      if (bit == K_RATIO)
        out->indicator = r->ratio ? r->ratio : target_bind_base(r->count) ? r->count : NULL;
      else
        out->indicator = r->count;
      break;
    }
  }
  free(subj);
  free(key);
  free(unit);
  return ERR_OK;
}
