-- 020_task_follow: each task of a published plan followed per assignee
-- (docs/tasks.md).
--
-- task_assignee: one row per lead and per coordinating agency of a task,
-- created when the plan is published (app_plan_publish). agency_id is the
-- task_agency row it came from; the agency's words, kind and role are copied
-- so that an assignee and its notes survive a later change of the task's
-- agency list (the row then keeps agency_id NULL). status is what the
-- assignee recorded; "overdue" and "no update" are read at a date by
-- domain/task_follow.h, never stored. reason is required for
-- "not_applicable". updated_by is the user (app_user id) of the last update.
-- task_note: a dated progress note of an assignee, by a user.
-- task_evidence: a file attached to an assignee as evidence, kept in the
-- database with its size (at most 10 MiB, 10485760 bytes) and SHA-256.
-- Notes and evidence are never deleted with their task (RESTRICT): a task
-- someone has reported on cannot be deleted (app_plan_task_delete says so).
-- Standard SQL only.
CREATE TABLE task_assignee (
  id          INTEGER PRIMARY KEY,
  task_id     INTEGER NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  agency_id   INTEGER REFERENCES task_agency(id) ON DELETE SET NULL,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  agency_text TEXT NOT NULL,                -- as written in the plan
  agency_kind TEXT NOT NULL DEFAULT '',     -- domain/agency.h kind name, '' when unknown
  status      TEXT NOT NULL DEFAULT 'not_started'
              CHECK (status IN ('not_started', 'in_progress', 'done', 'not_applicable')),
  reason      TEXT,                         -- why not applicable
  updated_at  TEXT,                         -- UTC, NULL until the first update
  updated_by  INTEGER REFERENCES app_user(id),
  CHECK (status <> 'not_applicable' OR reason IS NOT NULL)
);
CREATE INDEX task_assignee_task ON task_assignee (task_id);
CREATE UNIQUE INDEX task_assignee_agency ON task_assignee (agency_id);

CREATE TABLE task_note (
  id          INTEGER PRIMARY KEY,
  assignee_id INTEGER NOT NULL REFERENCES task_assignee(id) ON DELETE RESTRICT,
  noted_on    TEXT NOT NULL,                -- ISO date the progress is reported for
  text        TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX task_note_assignee ON task_note (assignee_id, noted_on);

CREATE TABLE task_evidence (
  id          INTEGER PRIMARY KEY,
  assignee_id INTEGER NOT NULL REFERENCES task_assignee(id) ON DELETE RESTRICT,
  note_id     INTEGER REFERENCES task_note(id) ON DELETE SET NULL,
  file_name   TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0 AND size <= 10485760),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  content     BLOB NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX task_evidence_assignee ON task_evidence (assignee_id);
