-- 003_people: the people register and its dated history, legal rules as
-- dated data, the unit scope closure that access checks join on, and the
-- hash-chained audit trail. Standard SQL only (runs on SQLite and
-- PostgreSQL). Dates are ISO text; timestamps are UTC "YYYY-MM-DDTHH:MM:SSZ".

-- Which units a caller scoped to a unit may see: scope_id is a unit id (or 0
-- for the national scope) and unit_id one unit inside that scope. Rows are
-- the unit's descendants in its own tree and, for a unit of the tree from
-- 2025-07-01, the old units (and their descendants) that went into it or
-- into one of its descendants. Rebuilt by the store when the units change
-- (unit_scope_state keeps the signature of the units it was built from), so
-- an access check is one indexed join instead of a recursive query per row.
CREATE TABLE unit_scope (
  scope_id INTEGER NOT NULL,
  unit_id  INTEGER NOT NULL REFERENCES unit(id),
  PRIMARY KEY (scope_id, unit_id)
);

CREATE TABLE unit_scope_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  signature TEXT NOT NULL, -- counts and sums over unit and unit_succession
  built_at  TEXT NOT NULL
);

-- One person, one record nationwide. The current status is not stored: it is
-- derived from person_event. unit_id is the current residence (a move is an
-- event that also updates it, in the same transaction).
CREATE TABLE person (
  id               INTEGER PRIMARY KEY,
  full_name        TEXT NOT NULL,
  other_names      TEXT NOT NULL, -- aliases separated by ';'
  name_key         TEXT NOT NULL, -- text_key(full_name)
  sort_key         BLOB NOT NULL, -- text_collate_key(given name first): Vietnamese name order
  birth_date       TEXT NOT NULL,
  sex              TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  ethnicity        TEXT NOT NULL,
  national_id      TEXT UNIQUE,   -- 12 digits; NULL when unknown
  unit_id          INTEGER NOT NULL REFERENCES unit(id),
  address          TEXT NOT NULL,
  occupation       TEXT NOT NULL,
  occupation_group TEXT NOT NULL CHECK (occupation_group IN
                     ('', 'free_labour', 'construction', 'student', 'unemployed', 'other')),
  merged_into      INTEGER REFERENCES person(id), -- set when merged into another record
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL
);
CREATE INDEX person_unit ON person (unit_id);
CREATE INDEX person_sort ON person (sort_key, id);
CREATE INDEX person_dup ON person (name_key, birth_date);

-- Search keys: every word-boundary suffix of text_key(full name) and of each
-- other name ("nguyen van dung", "van dung", "dung"), so that a name query is
-- a prefix range on one index whatever word it starts at.
CREATE TABLE person_search_key (
  search_key TEXT NOT NULL,
  person_id  INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (search_key, person_id)
);
CREATE INDEX person_search_key_person ON person_search_key (person_id);

-- The dated, append-only history. An erroneous event is not deleted: a
-- 'void' event names it (ref_event_id) and derivation skips both.
CREATE TABLE person_event (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  kind          TEXT NOT NULL,
  event_date    TEXT NOT NULL,
  value         TEXT NOT NULL, -- classification, determination result, OST medicine
  facility      TEXT NOT NULL,
  decision_no   TEXT NOT NULL, -- compulsory rehab: the court decision
  decision_date TEXT NOT NULL,
  unit_id       INTEGER REFERENCES unit(id), -- moved: the new residence
  from_unit_id  INTEGER REFERENCES unit(id), -- moved: the old residence
  ref_event_id  INTEGER REFERENCES person_event(id), -- void: the event voided
  note          TEXT NOT NULL,
  merged_from   INTEGER REFERENCES person(id), -- set when moved here by a merge
  recorded_at   TEXT NOT NULL,
  recorded_by   TEXT NOT NULL
);
CREATE INDEX person_event_person ON person_event (person_id, event_date, id);

-- Possible duplicates: same name_key and birth date, different or missing
-- national ID. a_id < b_id; status open -> dismissed | merged.
CREATE TABLE person_duplicate (
  a_id        INTEGER NOT NULL REFERENCES person(id),
  b_id        INTEGER NOT NULL REFERENCES person(id),
  status      TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'merged')),
  flagged_at  TEXT NOT NULL,
  resolved_at TEXT NOT NULL,
  resolved_by TEXT NOT NULL,
  PRIMARY KEY (a_id, b_id),
  CHECK (a_id < b_id)
);
CREATE INDEX person_duplicate_b ON person_duplicate (b_id);

-- Legal rules as dated data: a clock runs by the version in force on the day
-- it starts. amount/unit: months, days, working_days or hours.
CREATE TABLE legal_rule (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL,
  condition  TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount > 0),
  unit       TEXT NOT NULL CHECK (unit IN ('months', 'days', 'working_days', 'hours')),
  source     TEXT NOT NULL,
  note       TEXT NOT NULL,
  UNIQUE (code, condition, valid_from)
);

INSERT INTO legal_rule (code, condition, valid_from, valid_to, amount, unit, source, note) VALUES
  ('user_management', '', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 105/2021/NĐ-CP',
   'Thời hạn quản lý người sử dụng trái phép chất ma túy là 01 năm kể từ ngày ra quyết định quản lý'),
  ('rehab_registration', '', '2022-01-01', '9999-12-31', 5, 'working_days',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 116/2021/NĐ-CP',
   'Người nghiện đăng ký cai nghiện trong 05 ngày làm việc kể từ ngày nhận thông báo kết quả xác định tình trạng nghiện'),
  ('aftercare', 'voluntary', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 116/2021/NĐ-CP',
   'Quản lý sau cai nghiện 01 năm sau cai nghiện tự nguyện'),
  ('aftercare', 'ost', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 116/2021/NĐ-CP',
   'Quản lý sau cai nghiện 01 năm sau điều trị nghiện bằng thuốc thay thế'),
  ('aftercare', 'minor', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 116/2021/NĐ-CP',
   'Quản lý sau cai nghiện 01 năm sau cai nghiện của người từ đủ 12 đến dưới 18 tuổi'),
  ('aftercare', 'compulsory', '2022-01-01', '9999-12-31', 24, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định 116/2021/NĐ-CP',
   'Quản lý sau cai nghiện 02 năm sau cai nghiện bắt buộc'),
  ('rehab', 'voluntary_community', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14',
   'Cai nghiện tự nguyện tại gia đình, cộng đồng từ đủ 06 đến 12 tháng; đồng hồ tính mức tối đa'),
  ('rehab', 'voluntary_facility', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14',
   'Cai nghiện tự nguyện tại cơ sở từ đủ 06 đến 12 tháng; đồng hồ tính mức tối đa'),
  ('rehab', 'compulsory_minor', '2022-01-01', '9999-12-31', 12, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14',
   'Cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi từ đủ 06 đến 12 tháng; đồng hồ tính mức tối đa'),
  ('rehab', 'compulsory_first', '2022-01-01', '2026-06-30', 24, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14',
   'Cai nghiện bắt buộc từ đủ 12 đến 24 tháng; đồng hồ tính mức tối đa'),
  ('rehab', 'compulsory_repeat', '2022-01-01', '2026-06-30', 24, 'months',
   'Luật Phòng, chống ma túy số 73/2021/QH14',
   'Cai nghiện bắt buộc từ đủ 12 đến 24 tháng; đồng hồ tính mức tối đa'),
  ('rehab', 'compulsory_first', '2026-07-01', '9999-12-31', 24, 'months',
   'Luật số 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy',
   'Cai nghiện lần đầu 24 tháng'),
  ('rehab', 'compulsory_repeat', '2026-07-01', '9999-12-31', 36, 'months',
   'Luật số 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy',
   'Cai nghiện từ lần thứ hai 36 tháng'),
  ('move_report', '', '2026-07-01', '9999-12-31', 24, 'hours',
   'Luật số 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy',
   'Người sử dụng trái phép chất ma túy thông báo thay đổi nơi cư trú trong 24 giờ'),
  ('file_handover', '', '2026-07-01', '9999-12-31', 24, 'hours',
   'Luật số 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy',
   'Công an cấp xã chuyển hồ sơ cho nơi cư trú mới trong 24 giờ');

-- The audit trail: append-only, one row per read of a person's record and per
-- change, each chained to the previous by hash = BLAKE2b-256 over the previous
-- hash and this row's canonical fields (see docs/audit.md). id is assigned by
-- the writer (last + 1) under the writer lock, so the chain has no forks.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  scope       TEXT NOT NULL, -- "national" or "tree:code"
  purpose     TEXT NOT NULL,
  action      TEXT NOT NULL, -- "person.read", "person.create", ...
  record_type TEXT NOT NULL,
  record_id   INTEGER NOT NULL, -- 0 when the action concerns no one record
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL, -- hex; 64 zeros for the first row
  hash        TEXT NOT NULL  -- hex
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
