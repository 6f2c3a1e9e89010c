-- 022_reporting: the reporting calendar, unit reports and their versions
-- (docs/reports.md).
--
-- report_regime: the statutory periodic reports as dated data. Each row is
-- one periodicity's data cut-off rule, with its legal source and the dates
-- it is in force: cut_day 15 means "from day 15 of the month before the
-- period to day 14 of the period's last month" (Decree 09/2019/ND-CP,
-- Article 12: monthly from the 15th of the previous month to the 14th of
-- the month; quarterly from the 15th of the month before the quarter to the
-- 14th of its last month; six-month from 15 December of the previous year
-- to 14 June, and from 15 June to 14 December; annual from 15 December of
-- the previous year to 14 December). A scheduled report due on a day no
-- rule is in force takes the calendar period (cut_day 1). Edited with
-- `pcmt calendar regime` (app_calendar_regime_set).
--
-- report_schedule gains what makes each scheduled report's cut-off its own:
-- periodicity (NULL: read from the report's name, domain/calendar.h),
-- cutoff_from / cutoff_to (both set: the plan's own data period, overriding
-- the regime), lower_lead_days (the units below the plan's territory report
-- that many days before the due date; 0: on it).
--
-- unit_report: one unit's (or member agency's) report for one calendar
-- entry: a scheduled report of a published plan, its occurrence (occurs_on:
-- the plan's due date it answers; a yearly report of a multi-year plan
-- occurs once a year) and who owes it (a unit below the plan's territory,
-- or an agency kind at the plan's level). Its
-- status is the latest version's. unit_report_version: every submitted
-- text is kept; a returned report is corrected in a new version.
-- unit_report_figure: the figures of a version, frozen when it is
-- submitted. Standard SQL only.
CREATE TABLE report_regime (
  id             INTEGER PRIMARY KEY,
  periodicity    TEXT NOT NULL CHECK (periodicity IN ('monthly', 'quarterly', 'half_year',
                                                      'annual')),
  cut_day        INTEGER NOT NULL CHECK (cut_day BETWEEN 1 AND 28),
  source         TEXT NOT NULL,            -- the legal text and article
  effective_from TEXT NOT NULL,            -- ISO, inclusive
  effective_to   TEXT NOT NULL DEFAULT '9999-12-31',
  CHECK (effective_from <= effective_to)
);
CREATE INDEX report_regime_kind ON report_regime (periodicity, effective_from);

-- Decree 09/2019/ND-CP was issued on 24/01/2019 and is in force from
-- 12/03/2019.
INSERT INTO report_regime (periodicity, cut_day, source, effective_from) VALUES
  ('monthly', 15, 'Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1 điểm a', '2019-03-12'),
  ('quarterly', 15, 'Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1 điểm b', '2019-03-12'),
  ('half_year', 15, 'Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1 điểm c', '2019-03-12'),
  ('annual', 15, 'Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1 điểm d', '2019-03-12');

ALTER TABLE report_schedule ADD COLUMN periodicity TEXT;
ALTER TABLE report_schedule ADD COLUMN cutoff_from TEXT;
ALTER TABLE report_schedule ADD COLUMN cutoff_to TEXT;
ALTER TABLE report_schedule ADD COLUMN lower_lead_days INTEGER NOT NULL DEFAULT 0;

CREATE TABLE unit_report (
  id           INTEGER PRIMARY KEY,
  schedule_id  INTEGER NOT NULL REFERENCES report_schedule(id) ON DELETE RESTRICT,
  unit_id      INTEGER REFERENCES unit(id),   -- the owing unit; NULL for an agency
  agency_kind  TEXT NOT NULL DEFAULT '',      -- the owing agency kind; '' for a unit
  occurs_on    TEXT NOT NULL,                 -- the plan's due date of the occurrence
  period_from  TEXT NOT NULL,                 -- the cut-off when drafted
  period_to    TEXT NOT NULL,
  due_on       TEXT NOT NULL,                 -- the due date when drafted
  status       TEXT NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
  version      INTEGER NOT NULL DEFAULT 1,    -- the current version
  first_submitted_on TEXT,                    -- ISO date of the first submission
  created_at   TEXT NOT NULL,
  created_by   INTEGER NOT NULL REFERENCES app_user(id),
  CHECK ((unit_id IS NULL) <> (agency_kind = ''))
);
CREATE UNIQUE INDEX unit_report_owner ON unit_report (schedule_id, occurs_on,
                                                      coalesce(unit_id, 0), agency_kind);

CREATE TABLE unit_report_version (
  id           INTEGER PRIMARY KEY,
  report_id    INTEGER NOT NULL REFERENCES unit_report(id) ON DELETE RESTRICT,
  version      INTEGER NOT NULL,
  situation    TEXT NOT NULL DEFAULT '',
  results      TEXT NOT NULL DEFAULT '',
  limitations  TEXT NOT NULL DEFAULT '',
  proposals    TEXT NOT NULL DEFAULT '',
  submitted_on TEXT,                          -- ISO date, NULL while a draft
  submitted_by INTEGER REFERENCES app_user(id),
  decision     TEXT CHECK (decision IS NULL OR decision IN ('accepted', 'returned')),
  decided_on   TEXT,
  decided_by   INTEGER REFERENCES app_user(id),
  comment      TEXT,                          -- the recipient's, required to return
  UNIQUE (report_id, version),
  CHECK (decision IS NULL OR submitted_on IS NOT NULL),
  CHECK (decision IS NULL OR decision <> 'returned' OR comment IS NOT NULL)
);

CREATE TABLE unit_report_figure (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES unit_report_version(id) ON DELETE CASCADE,
  indicator   TEXT NOT NULL,                  -- catalogue code
  has_value   INTEGER NOT NULL,
  value       REAL,
  before      REAL,                           -- the same period last year, NULL when none
  UNIQUE (version_id, indicator)
);
