-- 017_reform_location: a place, network or licit entity that lived across the
-- 1 July 2025 reform is found on both unit trees (docs/registers.md, "Records
-- across the reform"; docs/indicators.md, "Which unit a dated fact counts
-- on").
--
-- unit_id stays the unit the record was found on, of the tree of that date
-- (an old commune for a hotspot found in 2023, for a licit entity on an
-- old-tree address). unit_after_id is the unit of tree post2025 it is on
-- from 2025-07-01, the day that tree begins: a successor of unit_id
-- (unit_succession; the domain checks it before writing), NULL when unit_id
-- is already of the new tree or the record's new unit is not known. A dated
-- fact of the record (a status, an inspection, a destruction, the record
-- standing on a period's last day) counts on the unit in force on its date:
-- unit_id before the switch, unit_after_id from it. Reads and writes stay
-- filtered by unit_id: a unit of today's tree covers the old units that went
-- into it (unit_scope), so the officers of unit_after_id see the record.
ALTER TABLE place ADD COLUMN unit_after_id INTEGER REFERENCES unit(id);
ALTER TABLE network ADD COLUMN unit_after_id INTEGER REFERENCES unit(id);
ALTER TABLE licit_entity ADD COLUMN unit_after_id INTEGER REFERENCES unit(id);

-- A place's status span that runs across the switch is cut there: the span
-- up to the switch keeps the place's first unit, a continuation row from the
-- switch (opens = 0: no status row starts there, so no flow counts it) is on
-- unit_after_id, and a span that starts on or after the switch is on
-- unit_after_id. A stock then finds each place once, on the unit in force on
-- the day asked; the flows read the rows with opens = 1.
ALTER TABLE place_span ADD COLUMN opens INTEGER NOT NULL DEFAULT 1;

-- Every span written (by the triggers of migration 011 and place_moved
-- below) with opens = 1 is split here when its place has a unit after the
-- reform and the span reaches 2025-07-01, the first day of tree post2025
-- (types/unit.h UNIT_REFORM_DAY: the indicators switch on the same day).
CREATE TRIGGER place_span_split AFTER INSERT ON place_span
  WHEN NEW.opens = 1 AND NEW.to_date > '2025-07-01'
    AND (SELECT unit_after_id FROM place WHERE id = NEW.place_id) IS NOT NULL BEGIN
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id,
    first_active, opens)
  SELECT NEW.place_id, '2025-07-01', NEW.status, NEW.to_date, NEW.kind, p.unit_after_id,
    (SELECT x.prov_id FROM unit_province x WHERE x.unit_id = p.unit_after_id), 0, 0
  FROM place p WHERE p.id = NEW.place_id AND NEW.on_date < '2025-07-01';
  UPDATE place_span SET to_date = '2025-07-01'
  WHERE place_id = NEW.place_id AND on_date = NEW.on_date AND status = NEW.status
    AND on_date < '2025-07-01';
  UPDATE place_span SET unit_id = (SELECT unit_after_id FROM place WHERE id = NEW.place_id),
    prov_id = (SELECT x.prov_id FROM place p JOIN unit_province x ON x.unit_id = p.unit_after_id
      WHERE p.id = NEW.place_id)
  WHERE place_id = NEW.place_id AND on_date = NEW.on_date AND status = NEW.status AND opens = 1
    AND on_date >= '2025-07-01';
END;

-- A place that changes kind, unit or unit after the reform gets its spans
-- again (split where they cross the switch), not its old ones relabelled.
DROP TRIGGER place_moved;
CREATE TRIGGER place_moved AFTER UPDATE OF kind, unit_id, unit_after_id ON place BEGIN
  UPDATE place SET prov_id = (SELECT prov_id FROM unit_province WHERE unit_id = NEW.unit_id)
  WHERE id = NEW.id;
  DELETE FROM place_span WHERE place_id = NEW.id;
  INSERT INTO place_span (place_id, on_date, status, to_date, kind, unit_id, prov_id, first_active)
  SELECT s.place_id, s.on_date, s.status,
    COALESCE(lead(s.on_date) OVER (ORDER BY s.on_date, s.status), '9999-12-31'), p.kind, p.unit_id,
    p.prov_id,
    CASE WHEN s.status = 'active' AND row_number() OVER (PARTITION BY s.status ORDER BY s.on_date) = 1
      THEN 1 ELSE 0 END
  FROM place_status s JOIN place p ON p.id = s.place_id WHERE s.place_id = NEW.id;
END;

-- The flows read only the spans that start at a status row: opens joins
-- their covering indexes.
DROP INDEX place_span_date;
DROP INDEX place_span_prov_date;
CREATE INDEX place_span_date ON place_span (kind, on_date, status, first_active, opens, unit_id);
CREATE INDEX place_span_prov_date ON place_span (prov_id, kind, on_date, status, first_active,
  opens, unit_id);
