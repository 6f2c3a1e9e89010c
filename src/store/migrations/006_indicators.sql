-- 006_indicators: aggregate data values, for the indicators that no register
-- of PCMT computes yet (or never will): a figure entered for a unit, an
-- optional agency kind, and a period, with its source and who entered it.
-- Register-backed indicators are computed from the registers, never from here.
CREATE TABLE indicator_value (
  id           INTEGER PRIMARY KEY,
  indicator    TEXT NOT NULL,             -- catalogue code (docs/indicators.md)
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  agency_kind  TEXT NOT NULL DEFAULT '',  -- '' = all agencies; else an agency kind
  period_start TEXT NOT NULL,             -- ISO
  period_end   TEXT NOT NULL,             -- ISO, >= period_start
  value        REAL NOT NULL CHECK (value >= 0),
  source       TEXT NOT NULL,             -- "báo cáo quý III/2024 của Công an huyện"
  entered_by   TEXT NOT NULL,
  entered_at   TEXT NOT NULL,
  UNIQUE (indicator, unit_id, agency_kind, period_start, period_end)
);
CREATE INDEX indicator_value_unit ON indicator_value (unit_id, indicator, period_end);

-- Indicators count events by date and leave voided ones out.
CREATE INDEX person_event_date ON person_event (event_date);
CREATE INDEX person_event_ref ON person_event (ref_event_id);
CREATE INDEX person_event_moves ON person_event (kind, unit_id);
