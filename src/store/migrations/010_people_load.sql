-- 010_people_load: a lighter people schema for loading a province or the
-- country from CSV (docs/bench.md, "Import"). Every index is a B-tree the
-- load fills or rebuilds; these are the ones no query needs.

-- The people indicators read person_span and person_flow (009), no longer
-- person_event by date or by move: nothing searches these three.
DROP INDEX person_event_date;
DROP INDEX person_event_moves;
DROP INDEX person_event_moves_from;
-- The "already recorded?" check of an event looks its voids up by
-- ref_event_id (= ?, so never NULL): only voids, a handful, need an entry,
-- not every event of the register.
DROP INDEX person_event_ref;
CREATE INDEX person_event_ref ON person_event (ref_event_id) WHERE ref_event_id IS NOT NULL;

-- Search keys are only ever read through their primary key (a name prefix)
-- or by person: stored WITHOUT ROWID, the primary key is the table, and the
-- rowid B-tree of every key (three per person) is gone.
CREATE TABLE person_search_key_010 (
  search_key TEXT NOT NULL,
  person_id  INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (search_key, person_id)
) WITHOUT ROWID;
INSERT INTO person_search_key_010 (search_key, person_id)
  SELECT search_key, person_id FROM person_search_key ORDER BY search_key, person_id;
DROP TABLE person_search_key;
ALTER TABLE person_search_key_010 RENAME TO person_search_key;
CREATE INDEX person_search_key_person ON person_search_key (person_id);
