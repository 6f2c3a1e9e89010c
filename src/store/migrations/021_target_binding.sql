-- 021_target_binding: each target of a plan bound to what measures it, and
-- the values entered by hand for targets no register lies behind
-- (docs/monitoring.md).
--
-- target_binding: one row per bound target (a target without one is
-- "unbound" and listed so). indicator is a code of the indicator catalogue
-- (domain/indicator.c), NULL for "manual": the target is measured by the
-- values of target_value. scope 'plan' measures the target over the plan's
-- unit; 'quota' measures each quota over its assignee (target_quota's
-- unit, or its agency kind) and the target as a whole over the plan's unit.
-- bound_by is the user (app_user id) who confirmed or changed it.
-- target_value: an aggregate value of a manual target as of a date
-- (value_on), for the whole target (quota_id NULL) or one quota, with its
-- source and the user who entered it. The latest value on or before a date
-- is the value so far. Standard SQL only.
CREATE TABLE target_binding (
  target_id  INTEGER PRIMARY KEY REFERENCES plan_target(id) ON DELETE CASCADE,
  indicator  TEXT,                           -- catalogue code; NULL: manual
  scope      TEXT NOT NULL CHECK (scope IN ('plan', 'quota')),
  bound_at   TEXT NOT NULL,                  -- UTC
  bound_by   INTEGER NOT NULL REFERENCES app_user(id)
);

CREATE TABLE target_value (
  id          INTEGER PRIMARY KEY,
  target_id   INTEGER NOT NULL REFERENCES plan_target(id) ON DELETE CASCADE,
  quota_id    INTEGER REFERENCES target_quota(id) ON DELETE CASCADE,
  value_on    TEXT NOT NULL,                 -- ISO date the value is as of
  value       REAL NOT NULL CHECK (value >= 0),
  source      TEXT NOT NULL,                 -- where the figure comes from
  entered_by  INTEGER NOT NULL REFERENCES app_user(id),
  entered_at  TEXT NOT NULL                  -- UTC
);
CREATE INDEX target_value_target ON target_value (target_id, quota_id, value_on);
