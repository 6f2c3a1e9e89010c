-- 004_plans: plans read from documents, reviewed, edited and published.
-- Every element keeps the text as written in the document beside what was
-- resolved from it (an agency or unit), so a person can check the reading.

CREATE TABLE plan (
  id             INTEGER PRIMARY KEY,
  number         TEXT,                 -- "07/KH-BCĐ"
  title          TEXT,
  issuer         TEXT,                 -- as written
  issued_on      TEXT,                 -- ISO date
  territory      TEXT,                 -- as written: "huyện Bình Sơn"
  unit_tree      TEXT,                 -- the territory resolved to a unit, when it was
  unit_code      TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('annual', 'multi_year', 'campaign', 'thematic')),
  period_start   TEXT,
  period_end     TEXT,
  parent_id      INTEGER REFERENCES plan(id),
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  source_name    TEXT NOT NULL,        -- the file it was read from
  source_text    TEXT NOT NULL,        -- the text read, verbatim
  created_at     TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  published_at   TEXT,
  published_by   TEXT
);
CREATE INDEX plan_status ON plan (status);

CREATE TABLE plan_basis (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  text    TEXT NOT NULL,
  number  TEXT,
  date    TEXT,
  UNIQUE (plan_id, ord)
);

CREATE TABLE plan_phase (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ord      INTEGER NOT NULL,
  name     TEXT NOT NULL,
  start_on TEXT,
  end_on   TEXT,
  text     TEXT,
  UNIQUE (plan_id, ord)
);

CREATE TABLE plan_target (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  text    TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('count_min', 'count_max', 'zero', 'ratio_min',
                                        'growth_min', 'growth_max', 'reduction_min', 'other')),
  value   REAL,
  unit    TEXT,                         -- "%" or the counted noun as written
  phase   TEXT,                         -- phase name as written, or NULL
  UNIQUE (plan_id, ord)
);

-- A quota's assignee as written, and what it was resolved to: a unit, or an
-- agency (kind, level, and the unit it sits at).
CREATE TABLE target_quota (
  id           INTEGER PRIMARY KEY,
  target_id    INTEGER NOT NULL REFERENCES plan_target(id) ON DELETE CASCADE,
  ord          INTEGER NOT NULL,
  assignee     TEXT NOT NULL,
  value        REAL,
  unit_tree    TEXT,
  unit_code    TEXT,
  agency_kind  TEXT,
  agency_level TEXT,
  UNIQUE (target_id, ord)
);

CREATE TABLE plan_task (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ord     INTEGER NOT NULL,
  section TEXT,                         -- "II.4"
  text    TEXT NOT NULL,
  due_on  TEXT,
  cadence TEXT CHECK (cadence IS NULL OR cadence IN ('ongoing', 'campaign', 'once')),
  UNIQUE (plan_id, ord)
);

-- Lead ('lead') and coordinating ('support') agencies of a task, as written and resolved.
CREATE TABLE task_agency (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  ord          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  agency_kind  TEXT,
  agency_level TEXT,
  is_group     INTEGER NOT NULL DEFAULT 0,
  unit_tree    TEXT,
  unit_code    TEXT,
  UNIQUE (task_id, role, ord)
);

CREATE TABLE report_schedule (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ord       INTEGER NOT NULL,
  name      TEXT NOT NULL,
  due_on    TEXT,
  recurs    TEXT CHECK (recurs IS NULL OR recurs IN ('yearly')),
  recipient TEXT,
  UNIQUE (plan_id, ord)
);

-- Changes made to a plan after it was published: who changed which field of
-- which element, from what to what. Drafts are edited freely.
CREATE TABLE plan_change (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plan(id),
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  element    TEXT NOT NULL,             -- "plan", "task", "target", ...
  element_id INTEGER NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT,
  reason     TEXT
);
CREATE INDEX plan_change_plan ON plan_change (plan_id);
