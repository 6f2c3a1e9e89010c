/* gen_names.c: Vietnamese names, ethnic mixes of provinces and addresses for the generator.
 *
 * Sources (figures rounded; see docs/gen.md):
 *  - Kinh family names: the frequencies usually cited from Lê Trung Hoa, "Họ và
 *    tên người Việt Nam" (2005): Nguyễn 38.4%, Trần 11%, Lê 9.5%, Phạm 7%,
 *    Hoàng/Huỳnh 5.1%, Phan 4.5%, Vũ/Võ 3.9%, Đặng 2.1%, Bùi 2%, Đỗ 1.4%,
 *    Hồ 1.3%, Ngô 1.3%, Dương 1%, Lý 0.5%; the rest spread over common names.
 *  - Ethnic shares of provinces: Tổng điều tra dân số và nhà ở 2019 (GSO),
 *    rounded, small groups folded into the nearest naming tradition.
 *  - Minority naming customs (H'Mông clan names with "A"/"Thị"/"Mí", Thái
 *    Lò/Quàng/Cầm, Dao Bàn/Triệu/Chảo, Ê Đê "Y"/"H'" + name + family ...)
 *    as they appear in published lists of names. */
#include <stdio.h>
#include <string.h>

#include "domain/gen_int.h"

struct weighted {
  const char *s;
  int w; /* per 10,000 */
};

static const char *pick_w(struct gen_rng *r, const struct weighted *t, size_t n)
{
  int total = 0;
  for (size_t i = 0; i < n; i++)
    total += t[i].w;
  long x = gen_below(r, total);
  for (size_t i = 0; i < n; i++) {
    if (x < t[i].w)
      return t[i].s;
    x -= t[i].w;
  }
  return t[n - 1].s;
}
#define PICK_W(r, t) pick_w((r), (t), sizeof(t) / sizeof((t)[0]))

/* ---------------------------------------------------------------------------
 * Kinh (also used, with their own family names, by Tày, Nùng, Mường, Hoa)
 * ------------------------------------------------------------------------- */

static const struct weighted kinh_family[] = {
    {"Nguyễn", 3840}, {"Trần", 1100}, {"Lê", 950},    {"Phạm", 700}, {"Hoàng", 260},
    {"Huỳnh", 250},   {"Phan", 450},  {"Vũ", 200},    {"Võ", 190},   {"Đặng", 210},
    {"Bùi", 200},     {"Đỗ", 140},    {"Hồ", 130},    {"Ngô", 130},  {"Dương", 100},
    {"Lý", 50},       {"Đinh", 80},   {"Đoàn", 70},   {"Lâm", 50},   {"Mai", 60},
    {"Trịnh", 60},    {"Trương", 70}, {"Lương", 50},  {"Cao", 50},   {"Tạ", 30},
    {"Hà", 50},       {"Tô", 30},     {"Kiều", 20},   {"Châu", 30},  {"Quách", 20},
    {"Phùng", 30},    {"Thái", 20},   {"Lưu", 30},    {"Tăng", 20},  {"Đào", 60},
    {"Chu", 20},      {"Lại", 20},    {"La", 10},     {"Khúc", 10},  {"Mạc", 10},
    {"Tống", 10},     {"Triệu", 20},  {"Nghiêm", 10}, {"Lục", 10},   {"Văn", 10},
};

static const struct weighted middle_male[] = {
    {"Văn", 4500},  {"Đức", 700},  {"Minh", 700}, {"Hữu", 500},   {"Quang", 450},
    {"Thanh", 400}, {"Công", 350}, {"Xuân", 300}, {"Hoàng", 250}, {"Ngọc", 250},
    {"Anh", 200},   {"Tiến", 200}, {"Duy", 200},  {"Trung", 150}, {"Quốc", 250},
    {"Thành", 150}, {"Mạnh", 150}, {"Đình", 300}, {"Thế", 150},   {"Trọng", 150},
};

static const struct weighted middle_female[] = {
    {"Thị", 6000}, {"Ngọc", 700},  {"Thu", 400},  {"Thanh", 400}, {"Minh", 250},
    {"Kim", 300},  {"Hồng", 300},  {"Bảo", 150},  {"Thùy", 300},  {"Phương", 200},
    {"Mai", 200},  {"Khánh", 150}, {"Hoài", 150}, {"Diệu", 100},  {"Như", 100},
};

static const char *const given_male[] = {
    "Dũng", "Hùng",  "Tuấn",  "Hải",    "Nam",  "Long",  "Cường", "Thắng", "Sơn",   "Hiếu",
    "Quân", "Trung", "Đức",   "Huy",    "Bình", "Phong", "Tùng",  "Minh",  "Hoàng", "Việt",
    "Lâm",  "Khánh", "Tài",   "Tâm",    "Toàn", "Kiên",  "Hưng",  "Lực",   "Thành", "Vinh",
    "Hậu",  "Phúc",  "Đạt",   "Tú",     "Hiệp", "Sang",  "Lộc",   "Trọng", "Khoa",  "Anh",
    "Mạnh", "Quang", "Thịnh", "Trường", "Tiến", "Quý",   "Bảo",   "Nhân",  "Thuận", "Sỹ",
    "Hòa",  "Chiến", "Duy",   "Thanh",  "Tín",  "Phát",  "Nghĩa", "Định",  "Hào",   "Luân",
    "Kha",  "Vũ",    "Hiển",  "Công",   "Thái", "Tính",  "Đông",  "Hạnh",  "Thiện", "Chung",
};

static const char *const given_female[] = {
    "Lan",   "Hương",  "Hoa",  "Hằng",  "Linh", "Mai",   "Nga",  "Hà",    "Thảo", "Trang",
    "Huyền", "Phương", "Yến",  "Nhung", "Loan", "Thủy",  "Dung", "Vân",   "Hạnh", "Ngọc",
    "Oanh",  "Thu",    "Liên", "Giang", "Nhàn", "Tuyết", "Hiền", "Quỳnh", "Anh",  "Ly",
    "Hồng",  "Thúy",   "Diệp", "Trinh", "Nhi",  "Vy",    "My",   "Châu",  "Thắm", "Xuân",
};

static const char *const tay_family[] = {
    "Hoàng", "Nông", "Lục", "Ma",    "Hà",  "Triệu", "Lương", "Vi",    "Đàm", "Bế",
    "Lăng",  "Chu",  "Lộc", "Dương", "Hứa", "Lý",    "Nông",  "Hoàng", "Lò",  "Vi",
};

static const char *const muong_family[] = {"Bùi", "Đinh", "Quách", "Hà",
                                           "Xa",  "Bạch", "Bùi",   "Đinh"};

static const char *const hoa_family[] = {"Lý", "Trần", "Lâm",  "Quách", "Diệp",  "Hứa",
                                         "Mã", "Lưu",  "Tăng", "Hồng",  "Trương"};

/* ---------------------------------------------------------------------------
 * Minority traditions
 * ------------------------------------------------------------------------- */

static const char *const thai_family[] = {"Lò", "Quàng", "Cầm", "Lường", "Tòng", "Vì",
                                          "Lừ", "Điêu",  "Bạc", "Hà",    "Lộc",  "Sầm",
                                          "Lò", "Quàng", "Cầm", "Lường"};
static const char *const thai_male[] = {"Pánh", "Chăn",  "Ún",    "Phóng", "Xôm",   "Ngoan", "Khăm",
                                        "Bun",  "Tiến",  "Thanh", "Hùng",  "Dũng",  "Hơn",   "Xuân",
                                        "Inh",  "Sương", "Tính",  "Lả",    "Thương"};
static const char *const thai_female[] = {"Ọn",   "Xuân", "Hương", "Ban", "Pọm",   "Ín",  "Lả",
                                          "Thoa", "Hoa",  "Khoa",  "Kim", "Xiêng", "Lan", "Ón"};

static const char *const hmong_family[] = {"Giàng", "Sùng", "Vàng", "Lý",   "Thào",  "Hờ", "Mùa",
                                           "Lầu",   "Ly",   "Cứ",   "Má",   "Tráng", "Vừ", "Hầu",
                                           "Giàng", "Sùng", "Vàng", "Thào", "Mùa"};
static const char *const hmong_male[] = {"Páo", "Sử",    "Chứ", "Dính", "Sính",  "Dế",   "Tủa",
                                         "Lử",  "Pó",    "Chá", "Chư",  "Nhè",   "Sáng", "Lềnh",
                                         "Của", "Tráng", "Súa", "Dình", "Chính", "Vảng", "Mỷ"};
static const char *const hmong_female[] = {"Mai", "Máy", "Dợ", "Sua", "Pàng", "Sú",   "Mỷ",
                                           "Chớ", "Dua", "Dở", "Và",  "Chía", "Dinh", "Lan"};
static const char *const hmong_mid_male[] = {"A", "A", "A", "A", "Seo", "Chẩn", "Mí", "Văn"};
static const char *const hmong_mid_female[] = {"Thị", "Thị", "Thị", "Mí", "Thị"};

static const char *const dao_family[] = {"Bàn",  "Triệu", "Đặng", "Lý",    "Phùng",
                                         "Chảo", "Tẩn",   "Bàn",  "Triệu", "Đặng"};
static const char *const dao_mid_male[] = {"Văn", "Văn", "Láo", "Tà", "Kim", "Vần", "Văn"};
static const char *const dao_mid_female[] = {"Thị", "Thị", "Mùi", "Tả", "Kiều", "Thị"};
static const char *const dao_male[] = {"Phẩu", "Sơn",  "Tả",  "Chòi", "Chài", "Lở",   "Sinh",
                                       "Quẩy", "Chàn", "Lìu", "Phin", "Vàng", "Dùng", "Tiến"};
static const char *const dao_female[] = {"Mẩy",  "Kiều", "Phây", "Chạn",  "Nải", "Mây",
                                         "Xiêm", "Lai",  "Dụ",   "Chiêm", "Lìu"};

static const char *const khmu_family[] = {"Vi", "Lò", "Cụt", "Quàng", "Lộc", "Vi"};

static const char *const ede_family[] = {"Niê",  "Mlô",     "Êban", "Byă",
                                         "Ksơr", "Buôn Yă", "Hmok", "Adrơng"};
static const char *const jarai_family[] = {"Ksor", "Rơ Châm", "Siu",    "Rah Lan",
                                           "Nay",  "Kpă",     "Rơ Mah", "Puih"};
static const char *const highland_male[] = {"Blô",  "Thắng", "Hen",  "Blơng", "Phin", "Bhiam",
                                            "Tuân", "Hlai",  "Kuăn", "Nguôn", "Dhin", "Krông",
                                            "Wơn",  "Thơ",   "Lốp",  "Hyu"};
static const char *const highland_female[] = {"Ben",  "Hen", "Blin", "Juê",  "Lan", "Nhi",
                                              "Hyơn", "Mai", "Nuê",  "Djuê", "Bia", "Hrăm"};

static const char *const khmer_family[] = {"Thạch", "Sơn",   "Kim", "Danh", "Lâm",
                                           "Châu",  "Thạch", "Sơn", "Kim",  "Lý"};
static const char *const khmer_male[] = {"Sóc",  "Phal", "Sa Ri", "Ry",    "Tha", "Sơ Ri", "Kha",
                                         "Sang", "Vuth", "Thol",  "Chanh", "Pha", "Sến",   "Rươl"};
static const char *const khmer_female[] = {"Sa Rươne", "Thi",     "Srey", "Pho",     "Sa Ly", "Thy",
                                           "Kim Hoa",  "Sà Phon", "Mây",  "Sóc Kha", "Ni"};

void gen_names_person(struct gen_rng *r, enum gen_style style, int male, char *out, size_t n)
{
  const char *fam = NULL, *mid = NULL, *giv = NULL;
  switch (style) {
  case GS_KINH:
  case GS_TAY:
  case GS_MUONG:
  case GS_HOA:
    fam = style == GS_KINH    ? PICK_W(r, kinh_family)
          : style == GS_TAY   ? GEN_PICK(r, tay_family)
          : style == GS_MUONG ? GEN_PICK(r, muong_family)
                              : GEN_PICK(r, hoa_family);
    mid = male ? PICK_W(r, middle_male) : PICK_W(r, middle_female);
    giv = male ? GEN_PICK(r, given_male) : GEN_PICK(r, given_female);
    /* Some Kinh names have two middle names: "Nguyễn Thị Thu Hà". */
    if (style == GS_KINH && strcmp(mid, "Văn") != 0 && gen_chance(r, 0.15)) {
      const char *mid2 = male ? PICK_W(r, middle_male) : PICK_W(r, middle_female);
      if (strcmp(mid2, mid) != 0 && strcmp(mid2, "Văn") != 0 && strcmp(mid2, "Thị") != 0) {
        gen_fmt(out, n, "%s %s %s %s", fam, mid, mid2, giv);
        return;
      }
    }
    break;
  case GS_THAI:
  case GS_KHMU:
    fam = style == GS_THAI ? GEN_PICK(r, thai_family) : GEN_PICK(r, khmu_family);
    mid = male ? "Văn" : "Thị";
    giv = male ? GEN_PICK(r, thai_male) : GEN_PICK(r, thai_female);
    break;
  case GS_HMONG:
    fam = GEN_PICK(r, hmong_family);
    mid = male ? GEN_PICK(r, hmong_mid_male) : GEN_PICK(r, hmong_mid_female);
    giv = male ? GEN_PICK(r, hmong_male) : GEN_PICK(r, hmong_female);
    break;
  case GS_DAO:
    fam = GEN_PICK(r, dao_family);
    mid = male ? GEN_PICK(r, dao_mid_male) : GEN_PICK(r, dao_mid_female);
    giv = male ? GEN_PICK(r, dao_male) : GEN_PICK(r, dao_female);
    break;
  case GS_EDE: /* "Y Blô Niê", "H' Hen Mlô" */
    gen_fmt(out, n, "%s %s %s", male ? "Y" : "H'",
            male ? GEN_PICK(r, highland_male) : GEN_PICK(r, highland_female),
            GEN_PICK(r, ede_family));
    return;
  case GS_JARAI: /* "Rơ Châm Phin", "Ksor H'Ben" */
    if (male)
      gen_fmt(out, n, "%s %s", GEN_PICK(r, jarai_family), GEN_PICK(r, highland_male));
    else
      gen_fmt(out, n, "%s H'%s", GEN_PICK(r, jarai_family), GEN_PICK(r, highland_female));
    return;
  case GS_BAHNAR: /* "A Thắng", "Y Hơn" */
    gen_fmt(out, n, "%s %s", male ? "A" : "Y",
            male ? GEN_PICK(r, highland_male) : GEN_PICK(r, highland_female));
    return;
  case GS_KHMER: /* "Thạch Sóc", "Sơn Thị Sa Rươne" */
    if (male)
      gen_fmt(out, n, "%s %s", GEN_PICK(r, khmer_family), GEN_PICK(r, khmer_male));
    else
      gen_fmt(out, n, "%s Thị %s", GEN_PICK(r, khmer_family), GEN_PICK(r, khmer_female));
    return;
  }
  gen_fmt(out, n, "%s %s %s", fam, mid, giv);
}

/* ---------------------------------------------------------------------------
 * Ethnic mix of provinces (old-tree codes), percent
 * ------------------------------------------------------------------------- */

struct mix {
  const char *ethnicity;
  enum gen_style style;
  int pct;
};

static const struct {
  const char *province;
  struct mix m[8];
} mixes[] = {
    {"02", /* Hà Giang */
     {{"H'Mông", GS_HMONG, 33},
      {"Tày", GS_TAY, 24},
      {"Dao", GS_DAO, 15},
      {"Kinh", GS_KINH, 13},
      {"Nùng", GS_TAY, 10},
      {"Giáy", GS_TAY, 3},
      {"Lô Lô", GS_DAO, 2}}},
    {"04", /* Cao Bằng */
     {{"Tày", GS_TAY, 41},
      {"Nùng", GS_TAY, 32},
      {"H'Mông", GS_HMONG, 11},
      {"Dao", GS_DAO, 10},
      {"Kinh", GS_KINH, 5},
      {"Sán Chay", GS_TAY, 1}}},
    {"06", /* Bắc Kạn */
     {{"Tày", GS_TAY, 52},
      {"Dao", GS_DAO, 17},
      {"Kinh", GS_KINH, 13},
      {"Nùng", GS_TAY, 10},
      {"H'Mông", GS_HMONG, 7},
      {"Sán Chay", GS_TAY, 1}}},
    {"08", /* Tuyên Quang */
     {{"Kinh", GS_KINH, 46},
      {"Tày", GS_TAY, 26},
      {"Dao", GS_DAO, 12},
      {"Sán Chay", GS_TAY, 8},
      {"H'Mông", GS_HMONG, 4},
      {"Nùng", GS_TAY, 4}}},
    {"10", /* Lào Cai */
     {{"Kinh", GS_KINH, 35},
      {"H'Mông", GS_HMONG, 25},
      {"Tày", GS_TAY, 15},
      {"Dao", GS_DAO, 14},
      {"Giáy", GS_TAY, 5},
      {"Nùng", GS_TAY, 4},
      {"Hà Nhì", GS_DAO, 2}}},
    {"11", /* Điện Biên */
     {{"Thái", GS_THAI, 38},
      {"H'Mông", GS_HMONG, 35},
      {"Kinh", GS_KINH, 19},
      {"Khơ Mú", GS_KHMU, 4},
      {"Dao", GS_DAO, 2},
      {"Hà Nhì", GS_DAO, 2}}},
    {"12", /* Lai Châu */
     {{"H'Mông", GS_HMONG, 36},
      {"Thái", GS_THAI, 32},
      {"Kinh", GS_KINH, 14},
      {"Dao", GS_DAO, 13},
      {"Hà Nhì", GS_DAO, 4},
      {"Giáy", GS_TAY, 1}}},
    {"14", /* Sơn La */
     {{"Thái", GS_THAI, 53},
      {"Kinh", GS_KINH, 17},
      {"H'Mông", GS_HMONG, 17},
      {"Mường", GS_MUONG, 8},
      {"Dao", GS_DAO, 2},
      {"Khơ Mú", GS_KHMU, 2},
      {"Xinh Mun", GS_KHMU, 1}}},
    {"15", /* Yên Bái */
     {{"Kinh", GS_KINH, 50},
      {"Tày", GS_TAY, 18},
      {"Dao", GS_DAO, 12},
      {"H'Mông", GS_HMONG, 12},
      {"Thái", GS_THAI, 6},
      {"Mường", GS_MUONG, 2}}},
    {"17", /* Hòa Bình */
     {{"Mường", GS_MUONG, 63},
      {"Kinh", GS_KINH, 28},
      {"Thái", GS_THAI, 4},
      {"Tày", GS_TAY, 3},
      {"Dao", GS_DAO, 2}}},
    {"19", /* Thái Nguyên */
     {{"Kinh", GS_KINH, 75},
      {"Tày", GS_TAY, 11},
      {"Nùng", GS_TAY, 6},
      {"Sán Dìu", GS_KINH, 4},
      {"Dao", GS_DAO, 2},
      {"Sán Chay", GS_TAY, 2}}},
    {"20", /* Lạng Sơn */
     {{"Nùng", GS_TAY, 42},
      {"Tày", GS_TAY, 36},
      {"Kinh", GS_KINH, 17},
      {"Dao", GS_DAO, 4},
      {"Hoa", GS_HOA, 1}}},
    {"22", /* Quảng Ninh */
     {{"Kinh", GS_KINH, 88},
      {"Dao", GS_DAO, 5},
      {"Tày", GS_TAY, 4},
      {"Sán Dìu", GS_KINH, 2},
      {"Hoa", GS_HOA, 1}}},
    {"24", /* Bắc Giang */
     {{"Kinh", GS_KINH, 88},
      {"Nùng", GS_TAY, 4},
      {"Tày", GS_TAY, 3},
      {"Sán Chay", GS_TAY, 2},
      {"Sán Dìu", GS_KINH, 2},
      {"Hoa", GS_HOA, 1}}},
    {"25", /* Phú Thọ */ {{"Kinh", GS_KINH, 85}, {"Mường", GS_MUONG, 14}, {"Dao", GS_DAO, 1}}},
    {"38", /* Thanh Hóa */
     {{"Kinh", GS_KINH, 84},
      {"Mường", GS_MUONG, 9},
      {"Thái", GS_THAI, 6},
      {"H'Mông", GS_HMONG, 1}}},
    {"40", /* Nghệ An */
     {{"Kinh", GS_KINH, 86},
      {"Thái", GS_THAI, 10},
      {"Khơ Mú", GS_KHMU, 2},
      {"H'Mông", GS_HMONG, 2}}},
    {"62", /* Kon Tum */
     {{"Kinh", GS_KINH, 47},
      {"Xơ Đăng", GS_BAHNAR, 25},
      {"Ba Na", GS_BAHNAR, 13},
      {"Gia Rai", GS_JARAI, 8},
      {"Giẻ Triêng", GS_BAHNAR, 7}}},
    {"64",
     /* Gia Lai */ {{"Kinh", GS_KINH, 53}, {"Gia Rai", GS_JARAI, 34}, {"Ba Na", GS_BAHNAR, 13}}},
    {"66", /* Đắk Lắk */
     {{"Kinh", GS_KINH, 65},
      {"Ê Đê", GS_EDE, 18},
      {"Nùng", GS_TAY, 5},
      {"Tày", GS_TAY, 4},
      {"H'Mông", GS_HMONG, 3},
      {"M'Nông", GS_EDE, 3},
      {"Gia Rai", GS_JARAI, 2}}},
    {"67", /* Đắk Nông */
     {{"Kinh", GS_KINH, 62},
      {"M'Nông", GS_EDE, 10},
      {"H'Mông", GS_HMONG, 7},
      {"Nùng", GS_TAY, 7},
      {"Tày", GS_TAY, 6},
      {"Dao", GS_DAO, 5},
      {"Ê Đê", GS_EDE, 3}}},
    {"68", /* Lâm Đồng */
     {{"Kinh", GS_KINH, 77},
      {"Cơ Ho", GS_BAHNAR, 13},
      {"Mạ", GS_BAHNAR, 3},
      {"Nùng", GS_TAY, 2},
      {"Tày", GS_TAY, 2},
      {"Chu Ru", GS_JARAI, 2},
      {"Hoa", GS_HOA, 1}}},
    {"79", /* Hồ Chí Minh */ {{"Kinh", GS_KINH, 93}, {"Hoa", GS_HOA, 6}, {"Khmer", GS_KHMER, 1}}},
    {"84", /* Trà Vinh */ {{"Kinh", GS_KINH, 68}, {"Khmer", GS_KHMER, 31}, {"Hoa", GS_HOA, 1}}},
    {"89", /* An Giang */ {{"Kinh", GS_KINH, 95}, {"Khmer", GS_KHMER, 4}, {"Hoa", GS_HOA, 1}}},
    {"91", /* Kiên Giang */ {{"Kinh", GS_KINH, 86}, {"Khmer", GS_KHMER, 12}, {"Hoa", GS_HOA, 2}}},
    {"94", /* Sóc Trăng */ {{"Kinh", GS_KINH, 65}, {"Khmer", GS_KHMER, 30}, {"Hoa", GS_HOA, 5}}},
    {"95", /* Bạc Liêu */ {{"Kinh", GS_KINH, 89}, {"Khmer", GS_KHMER, 8}, {"Hoa", GS_HOA, 3}}},
};

static const struct mix *mix_of(const char *province)
{
  for (size_t i = 0; i < sizeof mixes / sizeof mixes[0]; i++)
    if (strcmp(mixes[i].province, province) == 0)
      return mixes[i].m;
  return NULL;
}

const char *gen_names_ethnicity(struct gen_rng *r, const char *province, enum gen_style *style)
{
  const struct mix *m = mix_of(province);
  if (m) {
    long x = gen_below(r, 100);
    for (int i = 0; i < 8 && m[i].ethnicity; i++) {
      if (x < m[i].pct) {
        *style = m[i].style;
        return m[i].ethnicity;
      }
      x -= m[i].pct;
    }
  }
  *style = GS_KINH;
  return "Kinh";
}

const char *gen_names_minority(struct gen_rng *r, const char *province, int pct)
{
  const struct mix *m = mix_of(province);
  if (!m)
    return NULL;
  const char *found[8];
  int n = 0;
  for (int i = 0; i < 8 && m[i].ethnicity; i++)
    if (strcmp(m[i].ethnicity, "Kinh") != 0 && m[i].pct >= pct &&
        gen_names_language(m[i].ethnicity))
      found[n++] = m[i].ethnicity;
  return n ? found[gen_below(r, n)] : NULL;
}

const char *gen_names_language(const char *ethnicity)
{
  static const struct {
    const char *e, *lang;
  } langs[] = {
      {"H'Mông", "Tiếng H'Mông"}, {"Thái", "Tiếng Thái"},       {"Dao", "Tiếng Dao"},
      {"Tày", "Tiếng Tày"},       {"Nùng", "Tiếng Nùng"},       {"Mường", "Tiếng Mường"},
      {"Khmer", "Tiếng Khmer"},   {"Ê Đê", "Tiếng Ê Đê"},       {"Gia Rai", "Tiếng Gia Rai"},
      {"Ba Na", "Tiếng Ba Na"},   {"Xơ Đăng", "Tiếng Xơ Đăng"}, {"Cơ Ho", "Tiếng Cơ Ho"},
      {"M'Nông", "Tiếng M'Nông"},
  };
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
    if (strcmp(langs[i].e, ethnicity) == 0)
      return langs[i].lang;
  return NULL;
}

/* ---------------------------------------------------------------------------
 * Addresses and trade names
 * ------------------------------------------------------------------------- */

static const char *const streets[] = {
    "Trần Hưng Đạo", "Lê Lợi",         "Nguyễn Huệ",    "Hai Bà Trưng",  "Lý Thường Kiệt",
    "Quang Trung",   "Nguyễn Trãi",    "Hùng Vương",    "Điện Biên Phủ", "Võ Thị Sáu",
    "Lê Duẩn",       "Phan Chu Trinh", "Nguyễn Du",     "Bà Triệu",      "Ngô Quyền",
    "Trần Phú",      "Hoàng Hoa Thám", "Nguyễn Văn Cừ", "Phạm Văn Đồng", "Lê Hồng Phong",
};

static const char *const villages[] = {
    "Nà Sản",   "Bản Phố", "Cốc Ly", "Nậm Pung", "Tả Van",  "Lao Chải", "Na Hối",  "Pạc Ngà",
    "Khe Lếch", "Bản Mế",  "Cán Hồ", "Sán Chải", "Nà Lang", "Pà Cheo",  "Tà Chải", "Phìn Hồ",
};

void gen_names_address(struct gen_rng *r, const char *type, char *out, size_t n)
{
  if (strcmp(type, "phường") == 0 || strcmp(type, "thị trấn") == 0) {
    if (gen_chance(r, 0.6))
      gen_fmt(out, n, "Số %ld đường %s, tổ dân phố %ld", gen_between(r, 1, 350),
              GEN_PICK(r, streets), gen_between(r, 1, 25));
    else
      gen_fmt(out, n, "Tổ dân phố %ld", gen_between(r, 1, 30));
  } else if (gen_chance(r, 0.25)) {
    gen_fmt(out, n, "Bản %s", GEN_PICK(r, villages));
  } else {
    gen_fmt(out, n, "Thôn %ld", gen_between(r, 1, 18));
  }
}

const char *gen_names_trade(struct gen_rng *r)
{
  static const char *const t[] = {"Hoàng Long", "Minh Phát", "Thành Đạt",  "Phú Quý",
                                  "Hải Yến",    "Ngọc Lan",  "Sao Mai",    "Bình Minh",
                                  "Thiên Phú",  "Kim Ngân",  "Hưng Thịnh", "Tân Tiến",
                                  "Phương Nam", "Đại Việt",  "Hồng Hà",    "Thanh Bình",
                                  "Quang Minh", "An Khang",  "Trường Sơn", "Mai Linh"};
  return GEN_PICK(r, t);
}
