/* types/label.c: the one table of codes and Vietnamese labels (see label.h). */
#include "types/label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static const struct label event_kinds[] = {
    {"classified", "phân loại đối tượng", NULL},
    {"determination", "xác định tình trạng nghiện", NULL},
    {"management_opened", "lập hồ sơ quản lý", NULL},
    {"management_closed", "kết thúc quản lý", NULL},
    {"rehab_registered", "đăng ký cai nghiện", NULL},
    {"rehab_voluntary_community_start", "bắt đầu cai nghiện tự nguyện tại gia đình, cộng đồng",
     NULL},
    {"rehab_voluntary_community_end", "kết thúc cai nghiện tự nguyện tại gia đình, cộng đồng",
     NULL},
    {"rehab_voluntary_facility_start", "bắt đầu cai nghiện tự nguyện tại cơ sở", NULL},
    {"rehab_voluntary_facility_end", "kết thúc cai nghiện tự nguyện tại cơ sở", NULL},
    {"rehab_compulsory_start", "bắt đầu cai nghiện bắt buộc", NULL},
    {"rehab_compulsory_end", "kết thúc cai nghiện bắt buộc", NULL},
    {"ost_start", "bắt đầu điều trị bằng thuốc thay thế", NULL},
    {"ost_stop", "ngừng điều trị bằng thuốc thay thế", NULL},
    {"aftercare_start", "bắt đầu quản lý sau cai nghiện", NULL},
    {"aftercare_end", "kết thúc quản lý sau cai nghiện", NULL},
    {"relapse", "tái nghiện", NULL},
    {"moved", "chuyển nơi cư trú", NULL},
    {"move_reported", "khai báo thay đổi nơi cư trú", NULL},
    {"file_transferred", "chuyển hồ sơ cho nơi cư trú mới", NULL},
    {"removed", "đưa ra khỏi danh sách", NULL},
    {"died", "chết", NULL},
    {"void", "hủy sự kiện ghi nhầm", NULL},
};
static const struct label person_classes[] = {
    {"none", "Chưa phân loại", NULL},
    {"suspected", "Nghi vấn", "nghi sử dụng ma túy"},
    {"user", "Người sử dụng trái phép chất ma túy", NULL},
    {"addict", "Người nghiện ma túy", "nghiện"},
    {"psychosis", "Người bị loạn thần do sử dụng ma túy", "loạn thần do ma túy"},
};
static const struct label person_statuses[] = {
    {"died", "đã chết", NULL},
    {"removed", "đã đưa ra khỏi danh sách", NULL},
    {"rehab_compulsory", "đang cai nghiện bắt buộc", NULL},
    {"rehab_voluntary_facility", "đang cai nghiện tự nguyện tại cơ sở", NULL},
    {"rehab_voluntary_community", "đang cai nghiện tự nguyện tại gia đình, cộng đồng", NULL},
    {"ost", "đang điều trị bằng thuốc thay thế", "methadone"},
    {"aftercare", "đang quản lý sau cai nghiện", NULL},
    {"managed", "đang quản lý", NULL},
    {"none", "chưa phân loại", NULL},
    {"suspected", "nghi sử dụng ma túy", "nghi vấn"},
    {"user", "người sử dụng trái phép chất ma túy", "sử dụng"},
    {"addict", "người nghiện ma túy", "nghiện"},
    {"psychosis", "loạn thần do ma túy", NULL},
};
static const struct label sexes[] = {
    {"male", "Nam", "nam giới"},
    {"female", "Nữ", "nữ giới"},
};
static const struct label occupation_groups[] = {
    {"", "", NULL},
    {"free_labour", "Lao động tự do", NULL},
    {"construction", "Công nhân xây dựng", NULL},
    {"student", "Học sinh, sinh viên", NULL},
    {"unemployed", "Không nghề nghiệp", NULL},
    {"other", "Khác", NULL},
};
static const struct label clocks[] = {
    {"user_management", "thời hạn quản lý người sử dụng trái phép chất ma túy", NULL},
    {"rehab_registration", "hạn đăng ký cai nghiện", NULL},
    {"rehab", "thời hạn cai nghiện", NULL},
    {"aftercare", "thời hạn quản lý sau cai nghiện", NULL},
    {"move_report", "hạn khai báo thay đổi nơi cư trú", NULL},
    {"file_handover", "hạn chuyển hồ sơ cho nơi cư trú mới", NULL},
};
static const struct label roles[] = {
    {"admin", "Quản trị hệ thống", NULL},
    {"officer", "Cán bộ cơ quan thường trực", NULL},
    {"agency", "Cán bộ cơ quan thành viên", NULL},
    {"leader", "Lãnh đạo", NULL},
};
static const struct label unit_trees[] = {
    {"pre2025", "Đơn vị hành chính đến 30/6/2025", "truoc 2025"},
    {"post2025", "Đơn vị hành chính từ 01/7/2025", "sau 2025"},
};
static const struct label plan_kinds[] = {
    {"", "", NULL},
    {"annual", "Kế hoạch năm", NULL},
    {"multi_year", "Kế hoạch nhiều năm", NULL},
    {"campaign", "Kế hoạch cao điểm", "cao điểm"},
    {"thematic", "Kế hoạch chuyên đề", NULL},
};
static const struct label plan_statuses[] = {
    {"draft", "Dự thảo", "bản nháp"},
    {"published", "Đã ban hành", "ban hành"},
    {"closed", "Đã kết thúc", "kết thúc"},
};
static const struct label target_kinds[] = {
    {"other", "Chỉ tiêu khác", NULL},
    {"count_min", "Số lượng tối thiểu", "ít nhất"},
    {"count_max", "Số lượng tối đa", "không quá"},
    {"zero", "Không để phát sinh", NULL},
    {"ratio_min", "Tỷ lệ tối thiểu", NULL},
    {"growth_min", "Tăng tối thiểu so với kỳ trước", "tăng"},
    {"growth_max", "Tăng không quá so với kỳ trước", NULL},
    {"reduction_min", "Giảm tối thiểu so với kỳ trước", "giảm"},
};
static const struct label cadences[] = {
    {"", "", NULL},
    {"ongoing", "Thường xuyên", NULL},
    {"campaign", "Trong đợt cao điểm", NULL},
    {"once", "Có thời hạn hoàn thành", NULL},
};
static const struct label report_recurs[] = {
    {"", "Một lần", NULL},
    {"yearly", "Hằng năm", NULL},
};
static const struct label agency_kinds[] = {
    {"", "", NULL},
    {"police", "Công an", NULL},
    {"labour_social", "Lao động - Thương binh và Xã hội", NULL},
    {"health", "Y tế", NULL},
    {"education", "Giáo dục và Đào tạo", NULL},
    {"information", "Thông tin và Truyền thông", NULL},
    {"culture", "Văn hóa, Thể thao và Du lịch", NULL},
    {"industry_trade", "Công Thương", NULL},
    {"market_management", "Quản lý thị trường", NULL},
    {"agriculture", "Nông nghiệp và Môi trường", NULL},
    {"finance", "Tài chính", NULL},
    {"justice", "Tư pháp", NULL},
    {"home_affairs", "Nội vụ", NULL},
    {"foreign_affairs", "Ngoại vụ", NULL},
    {"planning_investment", "Kế hoạch và Đầu tư", NULL},
    {"ethnic_affairs", "Dân tộc", NULL},
    {"border_guard", "Bộ đội Biên phòng", NULL},
    {"customs", "Hải quan", NULL},
    {"procuracy", "Viện Kiểm sát nhân dân", NULL},
    {"court", "Tòa án nhân dân", NULL},
    {"fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam", NULL},
    {"youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", NULL},
    {"women_union", "Hội Liên hiệp Phụ nữ", NULL},
    {"farmers_union", "Hội Nông dân", NULL},
    {"veterans_union", "Hội Cựu chiến binh", NULL},
    {"labour_federation", "Liên đoàn Lao động", NULL},
    {"elderly_association", "Hội Người cao tuổi", NULL},
    {"media", "Báo chí, phát thanh, truyền hình", NULL},
    {"peoples_committee", "Ủy ban nhân dân", NULL},
    {"steering_committee", "Ban Chỉ đạo", NULL},
    {"other", "Cơ quan khác", NULL},
};
static const struct label agency_levels[] = {
    {"", "", NULL},
    {"central", "Trung ương", NULL},
    {"province", "Cấp tỉnh", NULL},
    {"district", "Cấp huyện", NULL},
    {"commune", "Cấp xã", NULL},
};
static const struct label four_clear[] = {
    {"who", "rõ người", NULL},
    {"what", "rõ việc", NULL},
    {"responsibility", "rõ trách nhiệm", NULL},
    {"when", "rõ thời gian", NULL},
};
static const struct label indicators[] = {
    {"cases_detected", "Số vụ phạm tội về ma túy phát hiện, bắt giữ", NULL},
    {"persons_arrested", "Số đối tượng phạm tội về ma túy bị bắt giữ", NULL},
    {"cases_prosecuted", "Số vụ khởi tố", NULL},
    {"cases_tried", "Số vụ đưa ra xét xử", NULL},
    {"cases_resolved", "Số vụ giải quyết xong", NULL},
    {"cases_resolved_ratio", "Tỷ lệ vụ án giải quyết xong", NULL},
    {"express_leads", "Số nguồn tin gửi ma túy qua dịch vụ chuyển phát", NULL},
    {"express_leads_verified", "Số nguồn tin qua dịch vụ chuyển phát đã xác minh", NULL},
    {"express_leads_verified_ratio", "Tỷ lệ nguồn tin qua chuyển phát được xác minh", NULL},
    {"seized_heroin_g", "Heroin thu giữ", NULL},
    {"seized_meth_g", "Ma túy đá (methamphetamine) thu giữ", NULL},
    {"seized_pills", "Ma túy tổng hợp dạng viên thu giữ", NULL},
    {"seized_cannabis_g", "Cần sa thu giữ", NULL},
    {"seized_other_g", "Các chất ma túy khác thu giữ", NULL},
    {"seized_liquid_ml", "Ma túy dạng lỏng thu giữ", NULL},
    {"seized_plants", "Cây có chứa chất ma túy thu giữ", NULL},
    {"drug_list_total", "Người sử dụng trái phép chất ma túy, người nghiện trong danh sách", NULL},
    {"users_registered", "Người sử dụng trái phép chất ma túy (chưa nghiện) trong danh sách", NULL},
    {"addicts_registered", "Người nghiện ma túy trong danh sách", NULL},
    {"users_managed", "Người sử dụng trái phép chất ma túy có hồ sơ quản lý", NULL},
    {"users_managed_ratio", "Tỷ lệ người sử dụng trái phép chất ma túy được lập hồ sơ quản lý",
     NULL},
    {"addicts_treated", "Người nghiện đang cai nghiện hoặc điều trị bằng thuốc thay thế", NULL},
    {"service_access_ratio", "Tỷ lệ người nghiện được tiếp cận dịch vụ cai nghiện, điều trị", NULL},
    {"classified_new", "Người được phân loại (phát hiện mới) trong kỳ", NULL},
    {"determinations", "Người được xác định tình trạng nghiện", NULL},
    {"rehab_compulsory_admissions", "Người được đưa vào cơ sở cai nghiện bắt buộc", NULL},
    {"rehab_voluntary_admissions", "Người cai nghiện tự nguyện (tại gia đình, cộng đồng, cơ sở)",
     NULL},
    {"ost_patients", "Người đang điều trị nghiện bằng thuốc thay thế", NULL},
    {"ost_started", "Người bắt đầu điều trị bằng thuốc thay thế", NULL},
    {"ost_dropouts", "Người bỏ điều trị bằng thuốc thay thế", NULL},
    {"aftercare_managed", "Người đang được quản lý sau cai nghiện", NULL},
    {"removed_from_list", "Người được đưa ra khỏi danh sách", NULL},
    {"relapses", "Người tái nghiện", NULL},
    {"deaths", "Người trong danh sách chết", NULL},
    {"hotspots_active", "Điểm, tụ điểm phức tạp về ma túy đang hoạt động", NULL},
    {"hotspots_new", "Điểm, tụ điểm phát hiện mới", NULL},
    {"hotspots_eliminated", "Điểm, tụ điểm đã triệt xóa", NULL},
    {"hotspots_reformed", "Điểm, tụ điểm tái hình thành", NULL},
    {"retail_points_active", "Điểm bán lẻ ma túy đang hoạt động", NULL},
    {"retail_points_new", "Điểm bán lẻ ma túy phát hiện mới", NULL},
    {"retail_points_eliminated", "Điểm bán lẻ ma túy đã triệt xóa", NULL},
    {"retail_points_reformed", "Điểm bán lẻ ma túy hoạt động trở lại", NULL},
    {"businesses_inspected", "Lượt kiểm tra cơ sở kinh doanh có điều kiện về an ninh, trật tự",
     NULL},
    {"business_violations", "Cơ sở kinh doanh có điều kiện vi phạm", NULL},
    {"cultivation_sites_destroyed", "Điểm trồng cây có chứa chất ma túy bị phát hiện, phá bỏ",
     NULL},
    {"cultivation_area_destroyed", "Diện tích cây có chứa chất ma túy bị phá bỏ", NULL},
    {"propaganda_sessions", "Buổi tuyên truyền phòng, chống ma túy", NULL},
    {"propaganda_participants", "Lượt người nghe tuyên truyền", NULL},
    {"broadcast_minutes", "Thời lượng phát thanh trên hệ thống loa", NULL},
    {"mobile_trials", "Phiên tòa xét xử lưu động", NULL},
    {"communes_total", "Số đơn vị cấp xã", NULL},
    {"communes_with_propaganda", "Xã có tổ chức tuyên truyền trong kỳ", NULL},
    {"communes_propaganda_ratio", "Tỷ lệ xã được tuyên truyền", NULL},
    {"communes_with_drug_activity", "Xã có tệ nạn ma túy", NULL},
    {"licit_entities", "Cơ sở có hoạt động hợp pháp liên quan đến ma túy (tiền chất, thuốc)", NULL},
    {"licit_entities_inspected", "Cơ sở có hoạt động hợp pháp liên quan đến ma túy được kiểm tra",
     NULL},
    {"licit_inspected_ratio", "Tỷ lệ cơ sở có hoạt động hợp pháp liên quan được kiểm tra", NULL},
};
static const struct label indicator_kinds[] = {
    {"flow", "Phát sinh trong kỳ", NULL},
    {"stock", "Có đến cuối kỳ", NULL},
    {"ratio", "Tỷ lệ", NULL},
};
static const struct label age_groups[] = {
    {"under_18", "Dưới 18 tuổi", NULL},
    {"18_29", "Từ 18 đến 29 tuổi", NULL},
    {"30_44", "Từ 30 đến 44 tuổi", NULL},
    {"45_plus", "Từ 45 tuổi trở lên", NULL},
};
static const struct label case_roles[] = {
    {"organiser", "Tổ chức, cầm đầu", NULL},
    {"principal", "Đối tượng chính", NULL},
    {"accomplice", "Đồng phạm", NULL},
    {"harbourer", "Chứa chấp", NULL},
    {"buyer", "Người mua", NULL},
    {"other", "Khác", NULL},
};
static const struct label substances[] = {
    {"heroin", "Heroin", NULL},          {"methamphetamine", "Ma túy đá (methamphetamine)", NULL},
    {"mdma", "Thuốc lắc (MDMA)", NULL},  {"cannabis", "Cần sa", NULL},
    {"opium", "Thuốc phiện", NULL},      {"cocaine", "Cocaine", NULL},
    {"ketamine", "Ketamine", NULL},      {"synthetic_other", "Ma túy tổng hợp khác", NULL},
    {"other", "Chất ma túy khác", NULL},
};
static const struct label measures[] = {
    {"gram", "gam (g)", NULL},
    {"pill", "viên", NULL},
    {"millilitre", "mililít (ml)", NULL},
    {"plant", "cây", NULL},
};
static const struct label place_kinds[] = {
    {"retail_point", "Điểm bán lẻ", NULL},
    {"seller", "Đối tượng bán lẻ", NULL},
    {"hotspot", "Tụ điểm", NULL},
    {"business", "Cơ sở kinh doanh có điều kiện", NULL},
    {"cultivation", "Điểm trồng cây có chứa chất ma túy", NULL},
};
static const struct label place_statuses[] = {
    {"active", "Đang hoạt động", NULL},
    {"eliminated", "Đã triệt xóa", NULL},
    {"reformed", "Tái hình thành", NULL},
};
static const struct label network_kinds[] = {
    {"ring", "Đường dây", NULL},
    {"online_group", "Nhóm trên không gian mạng", NULL},
};
static const struct label network_roles[] = {
    {"leader", "Cầm đầu", NULL},
    {"member", "Thành viên", NULL},
    {"courier", "Vận chuyển", NULL},
    {"seller", "Bán lẻ", NULL},
    {"financier", "Cung cấp tài chính", NULL},
    {"other", "Khác", NULL},
};
static const struct label licit_kinds[] = {
    {"precursor", "Tiền chất", NULL},
    {"narcotic_medicine", "Thuốc gây nghiện", NULL},
    {"psychotropic_medicine", "Thuốc hướng thần", NULL},
    {"veterinary", "Thuốc thú y có chứa chất ma túy", NULL},
};
static const struct label activity_kinds[] = {
    {"propaganda", "Tuyên truyền", NULL},
    {"broadcast", "Phát thanh trên loa", NULL},
    {"mobile_trial", "Phiên tòa lưu động", NULL},
    {"training", "Tập huấn", NULL},
    {"model", "Mô hình", NULL},
};
static const struct label audiences[] = {
    {"", "", NULL},
    {"students", "Học sinh, sinh viên", NULL},
    {"youth", "Thanh thiếu niên", NULL},
    {"workers", "Công nhân, người lao động", NULL},
    {"residents", "Nhân dân", NULL},
    {"ethnic_minority", "Đồng bào dân tộc thiểu số", NULL},
    {"officials", "Cán bộ, công chức", NULL},
    {"users_families", "Người sử dụng ma túy và gia đình", NULL},
    {"other", "Khác", NULL},
};
static const struct label forms[] = {
    {"", "", NULL},
    {"direct", "Trực tiếp", NULL},
    {"loudspeaker", "Loa truyền thanh", NULL},
    {"online", "Trực tuyến", NULL},
    {"contest", "Cuộc thi", NULL},
    {"performance", "Văn nghệ, sân khấu hóa", NULL},
    {"leaflet", "Tờ rơi, pano, áp phích", NULL},
    {"other", "Khác", NULL},
};

static const struct label reg_types[] = {
    {"text", "văn bản", NULL},
    {"date", "ngày", NULL},
    {"int", "số nguyên", NULL},
    {"real", "số", NULL},
    {"bool", "có/không", NULL},
    {"enum", "danh mục", NULL},
    {"unit", "mã đơn vị hành chính", NULL},
    {"tree", "pre2025|post2025", NULL},
    {"agency", "cơ quan", NULL},
    {"kind_of", "cơ quan", NULL},
    {"articles", "điều BLHS", NULL},
    {"parent", "số hồ sơ cha", NULL},
    {"person", "số định danh", NULL},
    {"unit_after", "mã đơn vị hệ post2025", NULL},
};
static const struct label ind_splits[] = {
    {"", "", NULL},
    {"sex", "Giới tính", "giới"},
    {"age", "Độ tuổi", "nhóm tuổi"},
    {"agency", "Cơ quan", "lực lượng"},
    {"substance", "Chất ma túy", "loại ma túy"},
};
static const struct label ind_compares[] = {
    {"", "", NULL},
    {"previous", "Kỳ trước", "kỳ liền trước"},
    {"last-year", "Cùng kỳ năm trước", "năm trước"},
};
static const struct label ind_groups[] = {
    {"unknown", "Không rõ", "chưa rõ"},
};
static const struct label ind_sources[] = {
    {"people", "Sổ người sử dụng, người nghiện", NULL},
    {"register", "Sổ theo dõi vụ việc, địa bàn, hoạt động", NULL},
    {"aggregate", "Số liệu nhập tay", NULL},
    {"ratio", "Tính từ hai chỉ tiêu", NULL},
};

static const struct label audit_actions[] = {
    {"person.read", "Xem hồ sơ người", NULL},
    {"person.read_refused", "Từ chối xem hồ sơ ngoài địa bàn", NULL},
    {"person.search", "Tìm kiếm người", NULL},
    {"person.due", "Xem danh sách đến hạn", NULL},
    {"person.duplicates", "Xem danh sách trùng", NULL},
    {"person.create", "Thêm người", NULL},
    {"person.update", "Sửa hồ sơ người", NULL},
    {"person.event", "Ghi sự kiện", NULL},
    {"person.merge", "Gộp hồ sơ trùng", NULL},
    {"person.dismiss", "Bỏ cặp nghi trùng", NULL},
    {"register.import", "Nhập sổ từ tệp", NULL},
    {"register.create", "Thêm dòng sổ", NULL},
    {"register.update", "Sửa dòng sổ", NULL},
    {"register.export", "Xuất sổ ra tệp", NULL},
    {"indicator.enter", "Nhập số liệu chỉ tiêu", NULL},
    {"plan.import", "Nhập kế hoạch", NULL},
    {"plan.derive", "Lập kế hoạch thực hiện từ kế hoạch cấp trên", NULL},
    {"plan.link", "Liên kết kế hoạch cấp trên", NULL},
    {"classify.residents", "Nhập số dân để phân loại địa bàn", NULL},
    {"classify.rule", "Nhập ngưỡng tiêu chí phân loại địa bàn", NULL},
    {"drugfree.submit", "Nộp tự đánh giá xã không ma túy", NULL},
    {"drugfree.recognise", "Công nhận xã không ma túy", NULL},
    {"drugfree.refuse", "Không công nhận xã không ma túy", NULL},
    {"drugfree.carry", "Chuyển công nhận xã không ma túy sang đơn vị kế thừa", NULL},
    {"drugfree.roadmap", "Đăng ký lộ trình xã không ma túy", NULL},
    {"plan.set", "Sửa kế hoạch", NULL},
    {"plan.agencies", "Giao cơ quan chủ trì, phối hợp", NULL},
    {"plan.task_add", "Thêm nhiệm vụ", NULL},
    {"plan.task_delete", "Xóa nhiệm vụ", NULL},
    {"plan.publish", "Ban hành kế hoạch", NULL},
    {"plan.close", "Kết thúc kế hoạch", NULL},
    {"plan.bind", "Gắn chỉ tiêu với chỉ số đo", NULL},
    {"plan.target_value", "Nhập số liệu chỉ tiêu nhập tay", NULL},
    {"task.update", "Cập nhật tiến độ nhiệm vụ", NULL},
    {"report.draft", "Lập báo cáo", NULL},
    {"report.edit", "Sửa báo cáo", NULL},
    {"report.submit", "Gửi báo cáo", NULL},
    {"report.accept", "Tiếp nhận báo cáo", NULL},
    {"report.return", "Trả lại báo cáo", NULL},
    {"calendar.cutoff", "Sửa kỳ số liệu của báo cáo", NULL},
    {"calendar.regime", "Sửa chế độ báo cáo định kỳ", NULL},
    {"user.create", "Thêm người dùng", NULL},
    {"user.disable", "Khóa người dùng", NULL},
    {"user.enable", "Mở khóa người dùng", NULL},
    {"user.password", "Đặt mật khẩu mới", NULL},
    {"session.signin", "Đăng nhập", NULL},
    {"session.signout", "Đăng xuất", NULL},
    {"mfa.enrol", "Đăng ký xác thực hai bước", NULL},
    {"mfa.verify", "Xác thực bước hai", NULL},
    {"mfa.recovery", "Xác thực bằng mã khôi phục", NULL},
    {"mfa.reset", "Xóa xác thực hai bước", NULL},
    {"token.create", "Tạo mã truy cập API", NULL},
    {"token.revoke", "Thu hồi mã truy cập API", NULL},
    {"unit.import", "Nhập danh mục đơn vị hành chính", NULL},
    {"gen.run", "Sinh dữ liệu thử nghiệm", NULL},
    {"audit.key", "Tạo khóa nhật ký, khóa lại chuỗi", NULL},
};
static const struct label task_roles[] = {
    {"lead", "Chủ trì", NULL},
    {"support", "Phối hợp", NULL},
};
static const struct label task_statuses[] = {
    {"not_started", "Chưa thực hiện", "chưa bắt đầu"},
    {"in_progress", "Đang thực hiện", NULL},
    {"done", "Đã hoàn thành", "hoàn thành"},
    {"not_applicable", "Không áp dụng", NULL},
    {"overdue", "Quá hạn", NULL},
    {"no_update", "Chưa cập nhật", NULL},
};
static const struct label report_periodicities[] = {
    {"once", "Một lần", NULL},          {"monthly", "Hằng tháng", NULL},
    {"quarterly", "Hằng quý", "quý"},   {"half_year", "6 tháng", "sáu tháng"},
    {"annual", "Hằng năm", "năm"},      {"phase", "Giai đoạn", NULL},
    {"campaign", "Tổng kết đợt", NULL}, {"campaign_months", "Số tháng của đợt", NULL},
};
static const struct label cutoff_sources[] = {
    {"own", "Kế hoạch tự quy định", NULL},
    {"regime", "Chế độ báo cáo định kỳ", NULL},
    {"calendar", "Kỳ lịch (chưa có quy định)", NULL},
    {"plan", "Theo thời gian kế hoạch", NULL},
};
static const struct label report_statuses[] = {
    {"due", "Chưa lập", "chưa báo cáo"},   {"draft", "Đang soạn", "dự thảo"},
    {"submitted", "Đã gửi", NULL},         {"accepted", "Đã tiếp nhận", NULL},
    {"returned", "Bị trả lại", "trả lại"},
};
static const struct label report_owners[] = {
    {"unit", "Đơn vị cấp dưới", NULL},
    {"agency", "Cơ quan thành viên", NULL},
};
static const struct label ind_sections[] = {
    {"crime", "Tội phạm, vụ việc", NULL},
    {"people", "Người sử dụng, nghiện", NULL},
    {"places", "Địa bàn, điểm, tụ điểm", NULL},
    {"prevention", "Phòng ngừa, kiểm soát", NULL},
};
static const struct label target_statuses[] = {
    {"achieved", "Đạt", "đã đạt"},
    {"on_track", "Đúng tiến độ", NULL},
    {"at_risk", "Có nguy cơ không đạt", "nguy cơ"},
    {"missed", "Không đạt", NULL},
    {"not_measurable", "Chưa đánh giá được", NULL},
    {"unbound", "Chưa gắn chỉ số đo", NULL},
};
static const struct label unit_levels[] = {
    {"province", "cấp tỉnh", NULL},
    {"district", "cấp huyện", NULL},
    {"commune", "cấp xã", NULL},
};
static const struct label successions[] = {
    {"full", "toàn bộ", NULL},
    {"partial", "một phần", NULL},
};

static const struct label class_types[] = {
    {"0", "Không thuộc địa bàn trọng điểm phức tạp", NULL},
    {"1", "Loại I", NULL},
    {"2", "Loại II", NULL},
    {"3", "Loại III", NULL},
    {"-1", "Chưa xác định được", NULL},
};
static const struct label class_verdicts[] = {
    {"not_met", "Không đạt", NULL},
    {"met", "Đạt", NULL},
    {"unknown", "Chưa xác định", NULL},
};
static const struct label class_criteria[] = {
    {"managed_ratio", "Tỷ lệ người nghiện, người sử dụng có hồ sơ quản lý trên dân số", NULL},
    {"managed_count", "Số người nghiện có hồ sơ quản lý", NULL},
    {"places", "Điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy", NULL},
    {"offenders_ratio", "Tỷ lệ người phạm tội về ma túy bị bắt giữ trên dân số", NULL},
    {"plants", "Cây có chứa chất ma túy bị phát hiện, triệt phá", NULL},
    {"route", "Nằm trên tuyến trọng điểm phức tạp về ma túy", NULL},
    {"complex_communes", "Tỷ lệ xã trọng điểm phức tạp", NULL},
};
static const struct label class_unknowns[] = {
    {"", "", NULL},
    {"threshold", "chưa có ngưỡng trong dữ liệu pháp lý", NULL},
    {"residents", "chưa nhập số dân của năm", NULL},
    {"no_data", "sổ theo dõi không có số liệu này", NULL},
};

static const struct label drugfree_statuses[] = {
    {"", "Chưa đánh giá", NULL},
    {"submitted", "Đã nộp tự đánh giá, chờ cấp tỉnh quyết định", NULL},
    {"recognised", "Được công nhận xã không ma túy", NULL},
    {"refused", "Không được công nhận", NULL},
};

/* The purposes the people pages offer before the first record of a
 * session is opened (docs/access.md); "other" asks for the reason. */
static const struct label access_purposes[] = {
    {"follow_up", "Quản lý, theo dõi", NULL},
    {"case", "Xác minh, giải quyết vụ việc", NULL},
    {"report", "Lập báo cáo", NULL},
    {"inspection", "Kiểm tra, thanh tra", NULL},
    {"other", "Khác", NULL},
};

/* The health fields a role may be refused (domain/person_access.h). */
static const struct label health_fields[] = {
    {"determination", "kết quả xác định tình trạng nghiện", NULL},
    {"ost", "điều trị nghiện bằng thuốc thay thế", NULL},
    {"psychosis", "rối loạn tâm thần do sử dụng ma túy", NULL},
};

#define SET(e, a) [e] = {a, sizeof a / sizeof a[0]}

static const struct {
  const struct label *items;
  size_t n;
} SETS[LABEL_SET_COUNT] = {
    SET(LABEL_EVENT_KIND, event_kinds),
    SET(LABEL_PERSON_CLASS, person_classes),
    SET(LABEL_PERSON_STATUS, person_statuses),
    SET(LABEL_SEX, sexes),
    SET(LABEL_OCCUPATION_GROUP, occupation_groups),
    SET(LABEL_CLOCK, clocks),
    SET(LABEL_ROLE, roles),
    SET(LABEL_UNIT_TREE, unit_trees),
    SET(LABEL_PLAN_KIND, plan_kinds),
    SET(LABEL_PLAN_STATUS, plan_statuses),
    SET(LABEL_TARGET_KIND, target_kinds),
    SET(LABEL_CADENCE, cadences),
    SET(LABEL_REPORT_RECURS, report_recurs),
    SET(LABEL_AGENCY_KIND, agency_kinds),
    SET(LABEL_AGENCY_LEVEL, agency_levels),
    SET(LABEL_FOUR_CLEAR, four_clear),
    SET(LABEL_INDICATOR, indicators),
    SET(LABEL_INDICATOR_KIND, indicator_kinds),
    SET(LABEL_AGE_GROUP, age_groups),
    SET(LABEL_CASE_ROLE, case_roles),
    SET(LABEL_SUBSTANCE, substances),
    SET(LABEL_MEASURE, measures),
    SET(LABEL_PLACE_KIND, place_kinds),
    SET(LABEL_PLACE_STATUS, place_statuses),
    SET(LABEL_NETWORK_KIND, network_kinds),
    SET(LABEL_NETWORK_ROLE, network_roles),
    SET(LABEL_LICIT_KIND, licit_kinds),
    SET(LABEL_ACTIVITY_KIND, activity_kinds),
    SET(LABEL_AUDIENCE, audiences),
    SET(LABEL_FORM, forms),
    SET(LABEL_REG_TYPE, reg_types),
    SET(LABEL_AUDIT_ACTION, audit_actions),
    SET(LABEL_UNIT_LEVEL, unit_levels),
    SET(LABEL_SUCCESSION, successions),
    SET(LABEL_IND_SPLIT, ind_splits),
    SET(LABEL_IND_COMPARE, ind_compares),
    SET(LABEL_IND_GROUP, ind_groups),
    SET(LABEL_IND_SOURCE, ind_sources),
    SET(LABEL_TASK_ROLE, task_roles),
    SET(LABEL_TASK_STATUS, task_statuses),
    SET(LABEL_TARGET_STATUS, target_statuses),
    SET(LABEL_CLASS_TYPE, class_types),
    SET(LABEL_CLASS_VERDICT, class_verdicts),
    SET(LABEL_CLASS_CRITERION, class_criteria),
    SET(LABEL_CLASS_UNKNOWN, class_unknowns),
    SET(LABEL_DRUGFREE_STATUS, drugfree_statuses),
    SET(LABEL_PERIODICITY, report_periodicities),
    SET(LABEL_CUTOFF_SOURCE, cutoff_sources),
    SET(LABEL_REPORT_STATUS, report_statuses),
    SET(LABEL_REPORT_OWNER, report_owners),
    SET(LABEL_IND_SECTION, ind_sections),
    SET(LABEL_ACCESS_PURPOSE, access_purposes),
    SET(LABEL_HEALTH_FIELD, health_fields),
};

const struct label *label_items(enum label_set set, size_t *n)
{
  if ((unsigned)set >= LABEL_SET_COUNT) {
    *n = 0;
    return NULL;
  }
  *n = SETS[set].n;
  return SETS[set].items;
}

int label_index(enum label_set set, const char *code)
{
  size_t n;
  const struct label *l = label_items(set, &n);
  for (size_t i = 0; code && i < n; i++)
    if (strcmp(l[i].code, code) == 0)
      return (int)i;
  return -1;
}

const char *label_vi(enum label_set set, const char *code)
{
  int i = label_index(set, code);
  return i >= 0 ? SETS[set].items[i].vi : code ? code : "";
}

const char *label_at(enum label_set set, size_t i)
{
  size_t n;
  const struct label *l = label_items(set, &n);
  return i < n ? l[i].vi : "";
}

const char *label_code_at(enum label_set set, size_t i)
{
  size_t n;
  const struct label *l = label_items(set, &n);
  return i < n ? l[i].code : "";
}

/* 1 when s[0..n) has the search key `key` (text_key: no case, diacritics
 * or punctuation); 0 when not, and when memory ran out (*nomem set). */
static int key_eq(const char *key, const char *s, size_t n, int *nomem)
{
  char part[256];
  if (n >= sizeof part)
    return 0;
  memcpy(part, s, n);
  part[n] = '\0';
  char *k = NULL;
  int rc = text_key(&k, part, NULL);
  if (rc) {
    *nomem |= rc == ERR_NOMEM;
    return 0;
  }
  int eq = *k && strcmp(k, key) == 0;
  free(k);
  return eq;
}

/* 1 when `key` names label `vi`: whole, before "(", inside "()", or one of
 * its comma-separated parts. */
static int names(const char *key, const char *vi, int *nomem)
{
  if (key_eq(key, vi, strlen(vi), nomem))
    return 1;
  const char *open = strchr(vi, '(');
  if (open) {
    const char *close = strchr(open, ')');
    if (key_eq(key, vi, (size_t)(open - vi), nomem) ||
        (close && key_eq(key, open + 1, (size_t)(close - open - 1), nomem)))
      return 1;
  }
  for (const char *p = vi, *comma; strchr(vi, ',') && p; p = comma ? comma + 1 : NULL) {
    comma = strchr(p, ',');
    if (key_eq(key, p, comma ? (size_t)(comma - p) : strlen(p), nomem))
      return 1;
  }
  return 0;
}

int label_lookup(const char **out, enum label_set set, const char *text, struct err *err)
{
  *out = NULL;
  size_t n;
  const struct label *l = label_items(set, &n);
  if (!text)
    return ERR_OK;
  for (size_t i = 0; i < n; i++)
    if (strcmp(l[i].code, text) == 0) {
      *out = l[i].code;
      return ERR_OK;
    }
  char *key = NULL;
  struct err e;
  err_clear(&e);
  int rc = text_key(&key, text, &e);
  if (rc) /* not text (bad bytes) names nothing; no memory is an error */
    return rc == ERR_NOMEM ? err_copy(err, &e) : ERR_OK;
  int nomem = 0;
  for (size_t i = 0; i < n && !*out && !nomem && *key; i++) {
    if (!l[i].code[0])
      continue;
    if (names(key, l[i].vi, &nomem) ||
        (l[i].alt && key_eq(key, l[i].alt, strlen(l[i].alt), &nomem)) ||
        key_eq(key, l[i].code, strlen(l[i].code), &nomem))
      *out = l[i].code;
  }
  free(key);
  if (nomem) {
    *out = NULL;
    return err_nomem(err);
  }
  return ERR_OK;
}

const char *label_match(enum label_set set, const char *text)
{
  const char *code;
  return label_lookup(&code, set, text, NULL) ? NULL : code;
}

int label_parse(const char **code, enum label_set set, const char *text, const char *what,
                struct err *err)
{
  int rc = label_lookup(code, set, text, err);
  if (rc || *code)
    return rc;
  size_t n;
  const struct label *l = label_items(set, &n);
  char list[1024];
  size_t w = 0;
  list[0] = '\0';
  for (size_t i = 0; i < n && w < sizeof list; i++)
    if (l[i].code[0])
      w += (size_t)snprintf(list + w, sizeof list - w, "%s%s (%s)", w ? ", " : "", l[i].code,
                            l[i].vi);
  return err_set(err, ERR_INPUT, "%s \"%s\" không hợp lệ; chọn một trong: %s", what,
                 text ? text : "", list);
}
