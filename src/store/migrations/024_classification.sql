-- 024_classification: communes classified each year as complex drug areas,
-- by rule sets kept as dated legal data (docs/classification.md).
--
-- class_rule_set: one legal text that sets classification criteria, with the
-- days it is in force; a year is classified by the set in force on its last
-- day. class_rule: one criterion of one class (type I, II, III) at one level
-- (commune, province): the figure it reads, its threshold (and an
-- alternative threshold: a plant count OR an area), and how many of the
-- class's criteria must be met (min_met, the same on every row of a class).
-- A threshold or min_met that the legal text found does not give is NULL:
-- "missing", reported as such, never invented. class_residents: the
-- residents of a unit in a year, an aggregate value with its source, entered
-- by a user (the registers do not count residents).
-- Standard SQL only.
CREATE TABLE class_rule_set (
  code        TEXT PRIMARY KEY,   -- "qd28_2025", "qd3122_2010"
  valid_from  TEXT NOT NULL,      -- ISO
  valid_to    TEXT NOT NULL,      -- ISO, 9999-12-31 when open
  source      TEXT NOT NULL,      -- the legal text
  note        TEXT NOT NULL       -- what is known of it, and what is missing
);

CREATE TABLE class_rule (
  id            INTEGER PRIMARY KEY,
  rule_set      TEXT NOT NULL REFERENCES class_rule_set(code),
  level         TEXT NOT NULL CHECK (level IN ('commune', 'province')),
  class         TEXT NOT NULL CHECK (class IN ('type1', 'type2', 'type3')),
  min_met       INTEGER,          -- criteria of the class to meet; NULL: missing
  criterion     TEXT NOT NULL CHECK (criterion IN ('managed_ratio', 'managed_count', 'places',
                                                   'offenders_ratio', 'plants', 'route',
                                                   'complex_communes')),
  threshold     REAL,             -- at least this (a ratio in %); NULL: missing
  alt_threshold REAL,             -- plants: at least this area in m2 instead; NULL: none
  note          TEXT NOT NULL,    -- the criterion as the text words it
  UNIQUE (rule_set, level, class, criterion)
);

CREATE TABLE class_residents (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  year       INTEGER NOT NULL,
  residents  INTEGER NOT NULL CHECK (residents > 0),
  source     TEXT NOT NULL,
  entered_by INTEGER NOT NULL REFERENCES app_user(id),
  entered_at TEXT NOT NULL,
  UNIQUE (unit_id, year)
);

INSERT INTO class_rule_set (code, valid_from, valid_to, source, note) VALUES
  ('qd28_2025', '2025-08-24', '9999-12-31',
   'Quyết định số 28/2025/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ ban hành tiêu chí xác định tuyến, địa bàn trọng điểm phức tạp về ma túy, địa bàn không ma túy',
   'Loại I cấp xã: đủ ngưỡng. Loại II: 2/5 ngưỡng; loại III (ít nhất một tiêu chí) và cấp tỉnh: ngưỡng chưa đối chiếu được với văn bản gốc, để trống. Tiêu chí tuyến ma túy (đ) không có trong sổ theo dõi.'),
  ('qd3122_2010', '2010-08-09', '2025-08-23',
   'Quyết định số 3122/2010/QĐ-BCA ngày 09/8/2010 của Bộ Công an ban hành tiêu chí phân loại và mức hỗ trợ kinh phí cho xã, phường, thị trấn trọng điểm về tệ nạn ma túy',
   'Loại I: một trong các tiêu chí; ngưỡng diện tích trồng cây chưa đối chiếu được. Loại II, III: chưa có văn bản gốc, ngưỡng để trống.');

INSERT INTO class_rule (rule_set, level, class, min_met, criterion, threshold, alt_threshold, note) VALUES
  ('qd28_2025', 'commune', 'type1', 3, 'managed_ratio', 0.5, NULL,
   'Tỷ lệ người nghiện, người sử dụng trái phép chất ma túy có hồ sơ quản lý so với dân số đang cư trú từ 0,5% trở lên'),
  ('qd28_2025', 'commune', 'type1', 3, 'places', 2, NULL,
   'Có từ 02 điểm trở lên tổ chức, chứa chấp sử dụng trái phép chất ma túy'),
  ('qd28_2025', 'commune', 'type1', 3, 'offenders_ratio', 0.1, NULL,
   'Tỷ lệ người phạm tội về ma túy bị bắt giữ so với dân số đang cư trú từ 0,1% trở lên'),
  ('qd28_2025', 'commune', 'type1', 3, 'plants', 3000, 750,
   'Phát hiện, triệt phá từ 3.000 cây có chứa chất ma túy hoặc 750 m² trở lên'),
  ('qd28_2025', 'commune', 'type1', 3, 'route', 2, NULL,
   'Có từ 02 tiêu chí của địa bàn loại III trở lên và nằm trên tuyến trọng điểm phức tạp về ma túy'),
  ('qd28_2025', 'commune', 'type2', 3, 'places', 1, NULL,
   'Có 01 điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy'),
  ('qd28_2025', 'commune', 'type2', 3, 'offenders_ratio', 0.05, NULL,
   'Tỷ lệ người phạm tội về ma túy bị bắt giữ so với dân số từ 0,05% (đến dưới 0,1%)'),
  ('qd28_2025', 'commune', 'type2', 3, 'managed_ratio', NULL, NULL,
   'Tỷ lệ người có hồ sơ quản lý so với dân số: ngưỡng chưa đối chiếu được với văn bản gốc'),
  ('qd28_2025', 'commune', 'type2', 3, 'plants', NULL, NULL,
   'Cây có chứa chất ma túy phát hiện, triệt phá: ngưỡng chưa đối chiếu được với văn bản gốc'),
  ('qd28_2025', 'commune', 'type2', 3, 'route', 2, NULL,
   'Có từ 02 tiêu chí của địa bàn loại III trở lên và nằm trên tuyến trọng điểm phức tạp về ma túy'),
  ('qd28_2025', 'commune', 'type3', 1, 'managed_ratio', NULL, NULL,
   'Loại III có ít nhất một tiêu chí; tỷ lệ người có hồ sơ quản lý: ngưỡng chưa đối chiếu được'),
  ('qd28_2025', 'commune', 'type3', 1, 'places', NULL, NULL,
   'Điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy: ngưỡng chưa đối chiếu được'),
  ('qd28_2025', 'commune', 'type3', 1, 'offenders_ratio', NULL, NULL,
   'Tỷ lệ người phạm tội về ma túy bị bắt giữ: ngưỡng chưa đối chiếu được'),
  ('qd28_2025', 'commune', 'type3', 1, 'plants', NULL, NULL,
   'Cây có chứa chất ma túy phát hiện, triệt phá: ngưỡng chưa đối chiếu được'),
  ('qd28_2025', 'province', 'type1', NULL, 'managed_ratio', 0.2, NULL,
   'Tỷ lệ người có hồ sơ quản lý so với dân số của tỉnh từ 0,2% trở lên; số tiêu chí phải đạt chưa đối chiếu được'),
  ('qd28_2025', 'province', 'type1', NULL, 'places', 5, NULL,
   'Có từ 05 điểm trở lên tổ chức, chứa chấp sử dụng trái phép chất ma túy'),
  ('qd28_2025', 'province', 'type1', NULL, 'offenders_ratio', 0.05, NULL,
   'Tỷ lệ người phạm tội về ma túy bị bắt giữ so với dân số của tỉnh từ 0,05% trở lên'),
  ('qd28_2025', 'province', 'type1', NULL, 'complex_communes', NULL, NULL,
   'Tỷ lệ xã trọng điểm phức tạp: ngưỡng chưa đối chiếu được với văn bản gốc'),
  ('qd3122_2010', 'commune', 'type1', 1, 'managed_count', 100, NULL,
   'Có từ 100 người nghiện ma túy có hồ sơ quản lý trở lên'),
  ('qd3122_2010', 'commune', 'type1', 1, 'places', 5, NULL,
   'Có từ 5 tụ điểm tệ nạn ma túy trở lên'),
  ('qd3122_2010', 'commune', 'type1', 1, 'plants', NULL, NULL,
   'Có diện tích trồng cây có chứa chất ma túy từ 2.000 ...: đơn vị và ngưỡng chưa đối chiếu được'),
  ('qd3122_2010', 'commune', 'type2', NULL, 'managed_count', NULL, NULL,
   'Loại II: các ngưỡng chưa đối chiếu được với văn bản gốc'),
  ('qd3122_2010', 'commune', 'type3', NULL, 'managed_count', NULL, NULL,
   'Loại III: các ngưỡng chưa đối chiếu được với văn bản gốc');

-- drugfree_assessment: the drug-free commune ("xã không ma túy") as a yearly
-- workflow: the commune's self-assessment (submitted), the province's
-- decision (recognised or refused, with its text). One row per commune and
-- year: a recognition holds for its year and is assessed again the next.
-- carried_from: a recognition of a pre-2025 commune carried to one of its
-- successors by an explicit decision (never by the succession alone).
CREATE TABLE drugfree_assessment (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  year         INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('submitted', 'recognised', 'refused')),
  self_text    TEXT NOT NULL,
  submitted_by INTEGER NOT NULL REFERENCES app_user(id),
  submitted_at TEXT NOT NULL,
  decision     TEXT,
  decided_by   INTEGER REFERENCES app_user(id),
  decided_at   TEXT,
  carried_from INTEGER REFERENCES drugfree_assessment(id),
  UNIQUE (unit_id, year),
  CHECK (status = 'submitted' OR decision IS NOT NULL)
);

-- drugfree_roadmap: the yearly share of a province's communes it registered
-- to make drug-free (Kết luận 132-KL/TW: at least 50 % nationwide by 2030
-- on yearly provincial roadmaps), with its source.
CREATE TABLE drugfree_roadmap (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  year       INTEGER NOT NULL,
  share_pct  REAL NOT NULL CHECK (share_pct >= 0 AND share_pct <= 100),
  source     TEXT NOT NULL,
  entered_by INTEGER NOT NULL REFERENCES app_user(id),
  entered_at TEXT NOT NULL,
  UNIQUE (unit_id, year)
);
