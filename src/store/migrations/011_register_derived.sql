-- 011_register_derived: rows and keys derived from the registers so that
-- each indicator is a range over the period instead of a probe per record
-- (docs/indicators.md, "How it is computed"). Every derived value is kept by
-- a trigger in the same statement as the change it follows, so no writer
-- can forget it and a figure never disagrees with its register.

-- Every unit's province in its own tree (a province is its own), and the
-- provinces that hold the units of each scope (unit_scope). Rebuilt with
-- unit_scope when the units change (store_scope_refresh), which also
-- recomputes the prov_id of every record below; emptying unit_scope_state
-- forces that rebuild.
CREATE TABLE unit_province (
  unit_id INTEGER PRIMARY KEY REFERENCES unit(id),
  prov_id INTEGER NOT NULL REFERENCES unit(id)
);
CREATE TABLE scope_province (
  scope_id INTEGER NOT NULL,
  prov_id  INTEGER NOT NULL,
  PRIMARY KEY (scope_id, prov_id)
) WITHOUT ROWID;

-- The province key of a record: its unit's province. A territory's figures
-- read the (prov_id, date, ...) index over the period for each province of
-- the territory (two for Hà Nội: today's and the old one) and test the unit
-- of those rows only, instead of one seek per unit of the territory (684
-- for Hà Nội) in each of twenty queries; the whole country reads the
-- (date, ...) index over the period.
ALTER TABLE drug_case ADD COLUMN prov_id INTEGER;
ALTER TABLE activity ADD COLUMN prov_id INTEGER;
ALTER TABLE place ADD COLUMN prov_id INTEGER;

-- A writer may give the key itself (the generator does: the update below
-- rewrites every index entry of the row, 30 s over the national data);
-- the triggers fill what it left NULL.
CREATE TRIGGER drug_case_prov AFTER INSERT ON drug_case WHEN NEW.prov_id IS NULL BEGIN
  UPDATE drug_case SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER activity_prov AFTER INSERT ON activity WHEN NEW.prov_id IS NULL BEGIN
  UPDATE activity SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER activity_moved AFTER UPDATE OF unit_id ON activity BEGIN
  UPDATE activity SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
END;
CREATE TRIGGER place_prov AFTER INSERT ON place WHEN NEW.prov_id IS NULL BEGIN
  UPDATE place SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
END;

-- A person arrested in a case, with the case's unit, province and detecting
-- force: "persons arrested" is a range over arrested_on, not a case looked
-- up per arrest.
ALTER TABLE case_person ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE case_person ADD COLUMN prov_id INTEGER;
ALTER TABLE case_person ADD COLUMN agency_kind TEXT NOT NULL DEFAULT '';
UPDATE case_person SET unit_id = (SELECT c.unit_id FROM drug_case c WHERE c.id = case_id),
  agency_kind = (SELECT c.agency_kind FROM drug_case c WHERE c.id = case_id);

CREATE TRIGGER case_person_case AFTER INSERT ON case_person
  WHEN NEW.unit_id IS NULL OR NEW.prov_id IS NULL BEGIN
  UPDATE case_person SET unit_id = (SELECT c.unit_id FROM drug_case c WHERE c.id = NEW.case_id),
    prov_id = (SELECT c.prov_id FROM drug_case c WHERE c.id = NEW.case_id),
    agency_kind = (SELECT c.agency_kind FROM drug_case c WHERE c.id = NEW.case_id)
  WHERE case_id = NEW.case_id AND person_id = NEW.person_id;
END;
CREATE TRIGGER drug_case_moved AFTER UPDATE OF unit_id, agency_kind ON drug_case BEGIN
  UPDATE drug_case SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
  UPDATE case_person SET unit_id = NEW.unit_id, agency_kind = NEW.agency_kind,
    prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE case_id = NEW.id;
END;

-- Merged records are few; this finds them without reading every person.
CREATE INDEX person_merged ON person (id, merged_into) WHERE merged_into IS NOT NULL;

-- Each status row of a place as a span: from its day to the day of the
-- place's next status row ('9999-12-31' while it is the latest), with the
-- place's kind, unit and province, and whether it is the place's first
-- 'active' row (a new hotspot). Rows of one day are ordered active,
-- eliminated, reformed: the later ones hold on that day (as in
-- place_status's reading).
CREATE TABLE place_span (
  place_id     INTEGER NOT NULL REFERENCES place(id),
  on_date      TEXT NOT NULL,
  status       TEXT NOT NULL,
  to_date      TEXT NOT NULL,
  kind         TEXT NOT NULL,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  prov_id      INTEGER,
  first_active INTEGER NOT NULL,
  PRIMARY KEY (place_id, on_date, status)
) WITHOUT ROWID;

-- The spans of the places in (OLD, NEW), rebuilt from their status rows.
CREATE TRIGGER place_status_added AFTER INSERT ON place_status BEGIN
  DELETE FROM place_span WHERE place_id = NEW.place_id;
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (ORDER BY s.on_date, s.status), '9999-12-31'), p.kind, p.unit_id,
    p.prov_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.status ORDER BY s.on_date) = 1
      THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id WHERE s.place_id = NEW.place_id;
END;
CREATE TRIGGER place_status_removed AFTER DELETE ON place_status BEGIN
  DELETE FROM place_span WHERE place_id = OLD.place_id;
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (ORDER BY s.on_date, s.status), '9999-12-31'), p.kind, p.unit_id,
    p.prov_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.status ORDER BY s.on_date) = 1
      THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id WHERE s.place_id = OLD.place_id;
END;
CREATE TRIGGER place_status_changed AFTER UPDATE OF place_id, on_date, status ON place_status BEGIN
  DELETE FROM place_span WHERE place_id IN (OLD.place_id, NEW.place_id);
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (PARTITION BY s.place_id ORDER BY s.on_date, s.status),
      '9999-12-31'), p.kind, p.unit_id, p.prov_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.place_id, s.status
      ORDER BY s.on_date) = 1 THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id
  WHERE s.place_id IN (OLD.place_id, NEW.place_id);
END;
CREATE TRIGGER place_moved AFTER UPDATE OF kind, unit_id ON place BEGIN
  UPDATE place SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
  UPDATE place_span SET kind = NEW.kind, unit_id = NEW.unit_id,
    prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE place_id = NEW.id;
END;

INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id, first_active)
SELECT s.place_id, s.on_date, s.status,
  COALESCE(lead(s.on_date) OVER (PARTITION BY s.place_id ORDER BY s.on_date, s.status),
    '9999-12-31'), p.kind, p.unit_id, NULL,
  CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.place_id, s.status
    ORDER BY s.on_date) = 1 THEN 1 ELSE 0 END
FROM place_status s JOIN place p ON p.id = s.place_id;

-- The indexes of the register flows: (date, ...) for the whole country,
-- read over the period; (prov_id, date, ...) for a territory. Covering:
-- a figure never reads the table.
DROP INDEX case_person_arrested;
CREATE INDEX case_person_arrested ON case_person (arrested_on, unit_id, person_id, agency_kind);
CREATE INDEX case_person_prov ON case_person (prov_id, arrested_on, unit_id, person_id, agency_kind);
CREATE INDEX drug_case_prov_detected ON drug_case (prov_id, detected_on, unit_id, agency_kind);
CREATE INDEX drug_case_prov_prosecuted ON drug_case (prov_id, prosecuted_on, unit_id, agency_kind);
CREATE INDEX drug_case_prov_tried ON drug_case (prov_id, tried_on, unit_id, agency_kind);
CREATE INDEX drug_case_prov_resolved ON drug_case (prov_id, resolved_on, unit_id, agency_kind);
-- Activities by kind first: the communes reached by propaganda read only
-- propaganda sessions; the activity figures seek each of their kinds.
DROP INDEX activity_date;
CREATE INDEX activity_date ON activity (kind, held_on, unit_id, participants, minutes, agency_kind);
CREATE INDEX activity_prov ON activity (prov_id, kind, held_on, unit_id, participants, minutes,
  agency_kind);
CREATE INDEX place_destroyed ON place (kind, destroyed_on, unit_id, area_m2);
CREATE INDEX place_prov_destroyed ON place (prov_id, kind, destroyed_on, unit_id, area_m2);
CREATE INDEX place_span_open ON place_span (status, to_date, on_date, kind, unit_id);
CREATE INDEX place_span_date ON place_span (kind, on_date, status, first_active, unit_id);
CREATE INDEX place_span_prov_open ON place_span (prov_id, to_date, on_date, status, kind, unit_id);
CREATE INDEX place_span_prov_date ON place_span (prov_id, kind, on_date, status, first_active,
  unit_id);

-- Every unit whose records count for a commune of a tree: the commune
-- itself and the old units that went into it (unit_succession), with the
-- commune's validity. Rebuilt with unit_scope.
CREATE TABLE unit_commune (
  tree       TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  commune_id INTEGER NOT NULL REFERENCES unit(id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  PRIMARY KEY (tree, commune_id, unit_id)
) WITHOUT ROWID;

DELETE FROM unit_scope_state;
