/* types/person.c: freeing people lists; the stable codes of event kinds. */
#include "types/person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void person_list_free(struct person_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_event_list_free(struct person_event_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

void person_dup_list_free(struct person_dup_list *l)
{
  if (!l)
    return;
  free(l->items);
  l->items = NULL;
  l->n = 0;
}

static const struct {
  const char *code;
  const char *label; /* Vietnamese: person_event_label */
} kinds[PEV_COUNT] = {
    [PEV_CLASSIFIED] = {"classified", "phân loại đối tượng"},
    [PEV_DETERMINATION] = {"determination", "xác định tình trạng nghiện"},
    [PEV_MANAGEMENT_OPENED] = {"management_opened", "lập hồ sơ quản lý"},
    [PEV_MANAGEMENT_CLOSED] = {"management_closed", "kết thúc quản lý"},
    [PEV_REHAB_REGISTERED] = {"rehab_registered", "đăng ký cai nghiện"},
    [PEV_REHAB_COMMUNITY_START] = {"rehab_voluntary_community_start",
                                   "bắt đầu cai nghiện tự nguyện tại gia đình, cộng đồng"},
    [PEV_REHAB_COMMUNITY_END] = {"rehab_voluntary_community_end",
                                 "kết thúc cai nghiện tự nguyện tại gia đình, cộng đồng"},
    [PEV_REHAB_FACILITY_START] = {"rehab_voluntary_facility_start",
                                  "bắt đầu cai nghiện tự nguyện tại cơ sở"},
    [PEV_REHAB_FACILITY_END] = {"rehab_voluntary_facility_end",
                                "kết thúc cai nghiện tự nguyện tại cơ sở"},
    [PEV_REHAB_COMPULSORY_START] = {"rehab_compulsory_start", "bắt đầu cai nghiện bắt buộc"},
    [PEV_REHAB_COMPULSORY_END] = {"rehab_compulsory_end", "kết thúc cai nghiện bắt buộc"},
    [PEV_OST_START] = {"ost_start", "bắt đầu điều trị bằng thuốc thay thế"},
    [PEV_OST_STOP] = {"ost_stop", "ngừng điều trị bằng thuốc thay thế"},
    [PEV_AFTERCARE_START] = {"aftercare_start", "bắt đầu quản lý sau cai nghiện"},
    [PEV_AFTERCARE_END] = {"aftercare_end", "kết thúc quản lý sau cai nghiện"},
    [PEV_RELAPSE] = {"relapse", "tái nghiện"},
    [PEV_MOVED] = {"moved", "chuyển nơi cư trú"},
    [PEV_MOVE_REPORTED] = {"move_reported", "khai báo thay đổi nơi cư trú"},
    [PEV_FILE_TRANSFERRED] = {"file_transferred", "chuyển hồ sơ cho nơi cư trú mới"},
    [PEV_REMOVED] = {"removed", "đưa ra khỏi danh sách"},
    [PEV_DIED] = {"died", "chết"},
    [PEV_VOID] = {"void", "hủy sự kiện ghi nhầm"},
};

const char *person_event_code(enum person_event_kind kind)
{
  return (unsigned)kind < PEV_COUNT ? kinds[kind].code : "?";
}

int person_event_parse(enum person_event_kind *out, const char *code, struct err *err)
{
  for (int k = 0; k < PEV_COUNT; k++)
    if (code && strcmp(code, kinds[k].code) == 0) {
      *out = (enum person_event_kind)k;
      return ERR_OK;
    }
  char list[1024] = "";
  size_t used = 0;
  for (int k = 0; k < PEV_COUNT && used < sizeof list; k++)
    used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", kinds[k].code);
  return err_set(err, ERR_INPUT, "loại sự kiện \"%s\" không hợp lệ; các loại: %s", code ? code : "",
                 list);
}
