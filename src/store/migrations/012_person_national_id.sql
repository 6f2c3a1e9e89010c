-- pcmt: foreign keys off
-- 012_person_national_id: the national ID's uniqueness as an index of its own.
-- Declared UNIQUE in the column (003), it lived in an automatic index that
-- cannot be dropped, so a first load filled it one random ID at a time: most
-- of the time spent writing people (docs/bench.md, "Import"). As a named
-- index the load drops it with the others and builds it once, sorted, at the
-- end (the import checks uniqueness itself while it reads; the build fails
-- the whole import if two rows still share an ID). Same rule for every other
-- writer: INSERT/UPDATE with a taken ID fail exactly as before.
--
-- SQLite cannot drop a column constraint, so the table is rebuilt, the way
-- https://www.sqlite.org/lang_altertable.html#otheralter describes: the
-- first line above makes the runner turn foreign keys off around this
-- transaction and run PRAGMA foreign_key_check before it commits (every
-- register points at person).
CREATE TABLE person_012 (
  id               INTEGER PRIMARY KEY,
  full_name        TEXT NOT NULL,
  other_names      TEXT NOT NULL, -- aliases separated by ';'
  name_key         TEXT NOT NULL, -- text_key(full_name)
  sort_key         BLOB NOT NULL, -- text_collate_key(given name first): Vietnamese name order
  birth_date       TEXT NOT NULL,
  sex              TEXT NOT NULL CHECK (sex IN ('male', 'female')),
  ethnicity        TEXT NOT NULL,
  national_id      TEXT,          -- 12 digits; NULL when unknown; unique (person_national_id)
  unit_id          INTEGER NOT NULL REFERENCES unit(id),
  address          TEXT NOT NULL,
  occupation       TEXT NOT NULL,
  occupation_group TEXT NOT NULL CHECK (occupation_group IN
                     ('', 'free_labour', 'construction', 'student', 'unemployed', 'other')),
  merged_into      INTEGER REFERENCES person(id), -- set when merged into another record
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL
);
INSERT INTO person_012 (id, full_name, other_names, name_key, sort_key, birth_date, sex,
                        ethnicity, national_id, unit_id, address, occupation, occupation_group,
                        merged_into, created_at, created_by)
  SELECT id, full_name, other_names, name_key, sort_key, birth_date, sex, ethnicity, national_id,
         unit_id, address, occupation, occupation_group, merged_into, created_at, created_by
  FROM person;
DROP TABLE person;
ALTER TABLE person_012 RENAME TO person;
CREATE UNIQUE INDEX person_national_id ON person (national_id);
CREATE INDEX person_unit ON person (unit_id);
CREATE INDEX person_sort ON person (sort_key, id);
CREATE INDEX person_dup ON person (name_key, birth_date);
CREATE INDEX person_merged ON person (id, merged_into) WHERE merged_into IS NOT NULL;
