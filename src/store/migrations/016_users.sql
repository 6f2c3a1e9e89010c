-- 016_users: the users of the database. Every action is done by one of them:
-- the audit trail, created_by, recorded_by and the plans' history name a
-- user's login, never free text. A user has a role and a territory (a unit;
-- NULL = the whole country) and, for a member agency's officer, the agency's
-- kind. `pcmt init` creates the local administrator ("admin", national); the
-- web's credentials (password, second factor) come in a later migration.
-- Standard SQL only.
CREATE TABLE app_user (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL UNIQUE,
  full_name   TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'agency', 'leader')),
  unit_id     INTEGER REFERENCES unit(id),   -- NULL: national
  agency_kind TEXT NOT NULL DEFAULT '',       -- role 'agency': whose tasks and reports
  disabled_at TEXT,                           -- set: may no longer act
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX app_user_unit ON app_user (unit_id);
