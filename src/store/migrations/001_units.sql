-- 001_units: administrative units in dated trees, their versions and succession.
-- Standard SQL only (runs on SQLite and PostgreSQL). Dates are ISO text;
-- '0001-01-01' and '9999-12-31' stand for "open" so range tests stay simple.

CREATE TABLE schema_migration (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

-- A tree is one official hierarchy in force over a date range. Codes are
-- unique only within a tree: they were reused across the 2025 reform.
CREATE TABLE unit_tree (
  tree        TEXT PRIMARY KEY,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE unit (
  id         INTEGER PRIMARY KEY,
  tree       TEXT NOT NULL REFERENCES unit_tree(tree),
  code       TEXT NOT NULL,
  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_id  INTEGER REFERENCES unit(id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  UNIQUE (tree, code)
);
CREATE INDEX unit_parent ON unit (parent_id);

-- Name and type of a unit over time: a renamed unit or one whose type
-- changed (a province made a centrally-governed city) gets a new version.
CREATE TABLE unit_version (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES unit(id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT NOT NULL,
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,
  name_key   TEXT NOT NULL, -- text_key(name): search without case/diacritics
  type_key   TEXT NOT NULL, -- text_key(type)
  sort_key   BLOB NOT NULL, -- text_collate_key(name): Vietnamese order
  source     TEXT NOT NULL, -- where this version comes from
  UNIQUE (unit_id, valid_from)
);
CREATE INDEX unit_version_name ON unit_version (name_key);

-- Old unit -> new unit. kind 'full': the whole old unit went into the new
-- one; 'partial': part of it did (the old unit then has several rows).
CREATE TABLE unit_succession (
  old_id       INTEGER NOT NULL REFERENCES unit(id),
  new_id       INTEGER NOT NULL REFERENCES unit(id),
  kind         TEXT NOT NULL CHECK (kind IN ('full', 'partial')),
  effective_on TEXT NOT NULL,
  PRIMARY KEY (old_id, new_id)
);
CREATE INDEX unit_succession_new ON unit_succession (new_id);
