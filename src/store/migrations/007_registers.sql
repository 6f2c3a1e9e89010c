-- 007_registers: the registers beside people (domain.md §4): cases with
-- offences, people involved, seizures and procedural dates; places (retail
-- points and sellers, hotspots with their status over time, conditional
-- businesses and their inspections, cultivation sites); networks with
-- members and online accounts; licit entities and their inspections;
-- activities (propaganda, broadcasts, mobile trials, trainings, models).
--
-- Each top-level record has a number unique in its register (record_no:
-- the office's own number, "the case file number"), which makes a CSV
-- re-import idempotent, and the unit it belongs to (unit_id), which every
-- read filters on through unit_scope. Child rows belong to their record and
-- are seen through it. Dates are ISO text, '' when unknown; agency kinds are
-- the names of domain/agency.h ('police', 'border_guard', 'customs' ...).

CREATE TABLE drug_case (
  id               INTEGER PRIMARY KEY,
  record_no        TEXT NOT NULL UNIQUE,  -- "123/2024/CAH"
  detected_on      TEXT NOT NULL,
  unit_id          INTEGER NOT NULL REFERENCES unit(id), -- where it was detected
  agency_kind      TEXT NOT NULL,         -- detecting force
  agency_name      TEXT NOT NULL,         -- as written: "Phòng CSĐTTP về ma túy Công an tỉnh"
  offences         TEXT NOT NULL,         -- Penal Code articles, "249;251" (also in case_offence)
  express_delivery INTEGER NOT NULL CHECK (express_delivery IN (0, 1)),
  prosecuted_on    TEXT NOT NULL,         -- khởi tố
  indicted_on      TEXT NOT NULL,         -- truy tố
  tried_on         TEXT NOT NULL,         -- xét xử
  resolved_on      TEXT NOT NULL,         -- giải quyết xong
  summary          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL
);
CREATE INDEX drug_case_unit ON drug_case (unit_id, detected_on);
CREATE INDEX drug_case_detected ON drug_case (detected_on);

CREATE TABLE case_offence (
  case_id INTEGER NOT NULL REFERENCES drug_case(id),
  article INTEGER NOT NULL CHECK (article BETWEEN 1 AND 426),
  PRIMARY KEY (case_id, article)
);

-- People involved, each a record of the people register (one person, one
-- record nationwide). role: organiser, principal, accomplice, harbourer,
-- buyer, other; arrested_on '' when not arrested.
CREATE TABLE case_person (
  case_id     INTEGER NOT NULL REFERENCES drug_case(id),
  person_id   INTEGER NOT NULL REFERENCES person(id),
  role        TEXT NOT NULL,
  arrested_on TEXT NOT NULL,
  PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_person_person ON case_person (person_id);

-- substance: heroin, methamphetamine, mdma, cannabis, opium, cocaine,
-- ketamine, synthetic_other, other; measure: gram, pill, millilitre, plant.
CREATE TABLE case_seizure (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES drug_case(id),
  substance TEXT NOT NULL,
  quantity  REAL NOT NULL CHECK (quantity > 0),
  measure   TEXT NOT NULL CHECK (measure IN ('gram', 'pill', 'millilitre', 'plant')),
  line_key  TEXT NOT NULL, -- substance|measure|quantity: re-import finds the same row
  UNIQUE (case_id, line_key)
);

-- kind: retail_point, seller, hotspot, business, cultivation.
-- business_type: a conditional business (karaoke, bar, massage, hotel ...);
-- plant, area_m2, destroyed_on: a cultivation site; person_id: a seller.
CREATE TABLE place (
  id            INTEGER PRIMARY KEY,
  record_no     TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (kind IN
                  ('retail_point', 'seller', 'hotspot', 'business', 'cultivation')),
  name          TEXT NOT NULL,
  unit_id       INTEGER NOT NULL REFERENCES unit(id),
  address       TEXT NOT NULL,
  found_on      TEXT NOT NULL,
  business_type TEXT NOT NULL,
  plant         TEXT NOT NULL,
  area_m2       REAL NOT NULL CHECK (area_m2 >= 0),
  destroyed_on  TEXT NOT NULL,
  person_id     INTEGER REFERENCES person(id),
  note          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL
);
CREATE INDEX place_unit ON place (unit_id, kind);

-- Status of a hotspot or retail point over time: active (found), eliminated
-- (triệt xóa), reformed (tái hình thành). The status on a day is the latest
-- row on or before it.
CREATE TABLE place_status (
  place_id INTEGER NOT NULL REFERENCES place(id),
  on_date  TEXT NOT NULL,
  status   TEXT NOT NULL CHECK (status IN ('active', 'eliminated', 'reformed')),
  note     TEXT NOT NULL,
  PRIMARY KEY (place_id, on_date, status)
);
CREATE INDEX place_status_date ON place_status (on_date);

CREATE TABLE place_inspection (
  place_id     INTEGER NOT NULL REFERENCES place(id),
  inspected_on TEXT NOT NULL,
  agency_kind  TEXT NOT NULL,
  result       TEXT NOT NULL,
  violations   INTEGER NOT NULL CHECK (violations >= 0),
  PRIMARY KEY (place_id, inspected_on, agency_kind)
);
CREATE INDEX place_inspection_date ON place_inspection (inspected_on);

-- kind: ring (đường dây), online_group (nhóm trên mạng).
CREATE TABLE network (
  id             INTEGER PRIMARY KEY,
  record_no      TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('ring', 'online_group')),
  name           TEXT NOT NULL,
  unit_id        INTEGER NOT NULL REFERENCES unit(id), -- the unit that keeps the file
  area           TEXT NOT NULL,  -- area of operation as written
  found_on       TEXT NOT NULL,
  dismantled_on  TEXT NOT NULL,
  note           TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL
);
CREATE INDEX network_unit ON network (unit_id);

CREATE TABLE network_member (
  network_id INTEGER NOT NULL REFERENCES network(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),
  role       TEXT NOT NULL,
  PRIMARY KEY (network_id, person_id)
);
CREATE INDEX network_member_person ON network_member (person_id);

CREATE TABLE network_account (
  network_id INTEGER NOT NULL REFERENCES network(id),
  platform   TEXT NOT NULL, -- Facebook, Zalo, Telegram ...
  handle     TEXT NOT NULL,
  PRIMARY KEY (network_id, platform, handle)
);

-- kind: precursor, narcotic_medicine, psychotropic_medicine, veterinary.
CREATE TABLE licit_entity (
  id         INTEGER PRIMARY KEY,
  record_no  TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN
               ('precursor', 'narcotic_medicine', 'psychotropic_medicine', 'veterinary')),
  name       TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  address    TEXT NOT NULL,
  licence    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX licit_entity_unit ON licit_entity (unit_id);

CREATE TABLE licit_inspection (
  entity_id    INTEGER NOT NULL REFERENCES licit_entity(id),
  inspected_on TEXT NOT NULL,
  agency_kind  TEXT NOT NULL,
  result       TEXT NOT NULL,
  violations   INTEGER NOT NULL CHECK (violations >= 0),
  PRIMARY KEY (entity_id, inspected_on, agency_kind)
);
CREATE INDEX licit_inspection_date ON licit_inspection (inspected_on);

-- kind: propaganda, broadcast, mobile_trial, training, model.
-- audience: students, youth, workers, residents, ethnic_minority,
-- officials, users_families, other. form: direct, loudspeaker, online,
-- contest, performance, leaflet, other. minutes: broadcasts.
CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  record_no    TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN
                 ('propaganda', 'broadcast', 'mobile_trial', 'training', 'model')),
  held_on      TEXT NOT NULL,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  agency_kind  TEXT NOT NULL, -- organiser
  agency_name  TEXT NOT NULL,
  audience     TEXT NOT NULL,
  form         TEXT NOT NULL,
  language     TEXT NOT NULL, -- "Tiếng Việt", "Tiếng H'Mông" ...
  participants INTEGER NOT NULL CHECK (participants >= 0),
  minutes      INTEGER NOT NULL CHECK (minutes >= 0),
  title        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX activity_unit ON activity (unit_id, kind, held_on);
CREATE INDEX activity_date ON activity (held_on, kind);
