-- 011_register_derived: rows derived from the registers so that each
-- indicator is a range count over the period instead of a probe per record
-- (docs/indicators.md, "How it is computed"). Every derived row is kept by a
-- trigger in the same statement as the change it follows, so no writer can
-- forget it and a figure never disagrees with its register.

-- A person arrested in a case, with the case's unit and detecting force:
-- "persons arrested" is a range over arrested_on with the territory tested
-- in the index, not a case looked up per arrest.
ALTER TABLE case_person ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE case_person ADD COLUMN agency_kind TEXT NOT NULL DEFAULT '';
UPDATE case_person SET unit_id = (SELECT c.unit_id FROM drug_case c WHERE c.id = case_id),
  agency_kind = (SELECT c.agency_kind FROM drug_case c WHERE c.id = case_id);
DROP INDEX case_person_arrested;
CREATE INDEX case_person_arrested ON case_person (arrested_on, unit_id, person_id, agency_kind);
CREATE INDEX case_person_unit ON case_person (unit_id, arrested_on, person_id, agency_kind);

CREATE TRIGGER case_person_case AFTER INSERT ON case_person BEGIN
  UPDATE case_person SET unit_id = (SELECT c.unit_id FROM drug_case c WHERE c.id = NEW.case_id),
    agency_kind = (SELECT c.agency_kind FROM drug_case c WHERE c.id = NEW.case_id)
  WHERE case_id = NEW.case_id AND person_id = NEW.person_id;
END;
CREATE TRIGGER drug_case_moved AFTER UPDATE OF unit_id, agency_kind ON drug_case BEGIN
  UPDATE case_person SET unit_id = NEW.unit_id, agency_kind = NEW.agency_kind
  WHERE case_id = NEW.id;
END;

-- Merged records are few; this finds them without reading every person.
CREATE INDEX person_merged ON person (id, merged_into) WHERE merged_into IS NOT NULL;

-- Each status row of a place as a span: from its day to the day of the
-- place's next status row ('9999-12-31' while it is the latest), with the
-- place's kind and unit, and whether it is the place's first 'active' row
-- (a new hotspot). Rows of one day are ordered active, eliminated,
-- reformed: the later ones hold on that day (as in place_status's reading).
CREATE TABLE place_span (
  place_id     INTEGER NOT NULL REFERENCES place(id),
  on_date      TEXT NOT NULL,
  status       TEXT NOT NULL,
  to_date      TEXT NOT NULL,
  kind         TEXT NOT NULL,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  first_active INTEGER NOT NULL,
  PRIMARY KEY (place_id, on_date, status)
) WITHOUT ROWID;
CREATE INDEX place_span_open ON place_span (status, to_date, on_date, kind, unit_id);
CREATE INDEX place_span_date ON place_span (kind, on_date, status, first_active, unit_id);
CREATE INDEX place_span_unit ON place_span (unit_id, kind, on_date, status, first_active);

CREATE TRIGGER place_status_added AFTER INSERT ON place_status BEGIN
  DELETE FROM place_span WHERE place_id = NEW.place_id;
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (ORDER BY s.on_date, s.status), '9999-12-31'), p.kind, p.unit_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.status ORDER BY s.on_date) = 1
      THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id WHERE s.place_id = NEW.place_id;
END;
CREATE TRIGGER place_status_removed AFTER DELETE ON place_status BEGIN
  DELETE FROM place_span WHERE place_id = OLD.place_id;
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (ORDER BY s.on_date, s.status), '9999-12-31'), p.kind, p.unit_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.status ORDER BY s.on_date) = 1
      THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id WHERE s.place_id = OLD.place_id;
END;
CREATE TRIGGER place_status_changed AFTER UPDATE OF place_id, on_date, status ON place_status BEGIN
  DELETE FROM place_span WHERE place_id IN (OLD.place_id, NEW.place_id);
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (PARTITION BY s.place_id ORDER BY s.on_date, s.status),
      '9999-12-31'), p.kind, p.unit_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.place_id, s.status
      ORDER BY s.on_date) = 1 THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id
  WHERE s.place_id IN (OLD.place_id, NEW.place_id);
END;
CREATE TRIGGER place_moved AFTER UPDATE OF kind, unit_id ON place BEGIN
  UPDATE place_span SET kind = NEW.kind, unit_id = NEW.unit_id WHERE place_id = NEW.id;
END;

INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, first_active)
SELECT s.place_id, s.on_date, s.status,
  COALESCE(lead(s.on_date) OVER (PARTITION BY s.place_id ORDER BY s.on_date, s.status),
    '9999-12-31'), p.kind, p.unit_id,
  CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.place_id, s.status
    ORDER BY s.on_date) = 1 THEN 1 ELSE 0 END
FROM place_status s JOIN place p ON p.id = s.place_id;

-- Each register flow has two covering indexes: (date, unit, ...) for the
-- whole country, read over the period, and (unit, date, ...) for a
-- territory, one seek per unit of it (684 for Hà Nội) that reads only the
-- territory's records; the planner picks by the scope condition (the
-- national scope has none). Measured on the national data for Hà Nội, a
-- quarter: cases 5.2 -> 2.9 ms, activities 3.5 -> 2.0, arrests 1.7 -> 0.4.
CREATE INDEX place_destroyed ON place (kind, destroyed_on, unit_id, area_m2);
DROP INDEX place_unit;
CREATE INDEX place_unit ON place (unit_id, kind, destroyed_on, area_m2);
DROP INDEX drug_case_unit;
CREATE INDEX drug_case_unit ON drug_case (unit_id, detected_on, agency_kind);
CREATE INDEX drug_case_unit_prosecuted ON drug_case (unit_id, prosecuted_on, agency_kind);
CREATE INDEX drug_case_unit_tried ON drug_case (unit_id, tried_on, agency_kind);
CREATE INDEX drug_case_unit_resolved ON drug_case (unit_id, resolved_on, agency_kind);

-- Activities by kind first: the communes reached by propaganda read only
-- propaganda sessions; the activity figures seek each of their kinds.
DROP INDEX activity_date;
CREATE INDEX activity_date ON activity (kind, held_on, unit_id, participants, minutes, agency_kind);
DROP INDEX activity_unit;
CREATE INDEX activity_unit ON activity (unit_id, kind, held_on, participants, minutes, agency_kind);

-- Every unit whose records count for a commune of a tree: the commune
-- itself and the old units that went into it (unit_succession), with the
-- commune's validity. Rebuilt with unit_scope when the units change
-- (store_scope_refresh); emptying unit_scope_state forces that rebuild.
CREATE TABLE unit_commune (
  tree       TEXT NOT NULL,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  commune_id INTEGER NOT NULL REFERENCES unit(id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  PRIMARY KEY (tree, commune_id, unit_id)
) WITHOUT ROWID;
DELETE FROM unit_scope_state;
