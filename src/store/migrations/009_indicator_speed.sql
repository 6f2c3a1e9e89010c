-- 009_indicator_speed: every standard indicator of a province for a quarter
-- in milliseconds (docs/bench.md).
--
-- People: what the indicators count about them, derived from the
-- histories (domain/person_span.h). Rewritten with every change of a
-- person's history, residence or record, in the same transaction; never
-- edited by hand. A stock on day D is a range count over person_span, a flow
-- over a period a range count over person_flow, instead of replaying every
-- history per request.

-- One row per stretch of days over which a person lived in one unit and
-- counted as the same things. flags: 1 user, 2 addict, 4 on the drug list
-- (user, addict, psychosis), 8 user with a management record, 16 in
-- substitution treatment, 32 in post-rehab management, 64 addict in rehab or
-- substitution treatment. Stretches that count as nothing are not stored.
-- Days are day numbers (days since 1970-01-01, base/date.h): a range count
-- over integers is three times faster than over ISO text at national scale.
-- to_day is the first day the stretch no longer holds (99999999: open).
CREATE TABLE person_span (
  person_id INTEGER NOT NULL REFERENCES person(id),
  from_day  INTEGER NOT NULL,
  to_day    INTEGER NOT NULL,
  unit_id   INTEGER NOT NULL REFERENCES unit(id),
  flags     INTEGER NOT NULL,
  PRIMARY KEY (person_id, from_day)
) WITHOUT ROWID;
-- a territory: its units, then the spans still open on D
CREATE INDEX person_span_unit ON person_span (unit_id, to_day, from_day, flags);
-- the whole country: the spans still open on D
CREATE INDEX person_span_to ON person_span (to_day, from_day, flags);

-- One row per person and day with events counted as flows, placed where the
-- person lived that day. kinds: 1 classified, 2 addiction determination, 4
-- compulsory rehab started, 8 voluntary rehab started, 16 substitution
-- treatment started, 32 stopped, 64 removed from the list, 128 relapse,
-- 256 died. Voided events are not there.
CREATE TABLE person_flow (
  person_id INTEGER NOT NULL REFERENCES person(id),
  day       INTEGER NOT NULL,
  unit_id   INTEGER NOT NULL REFERENCES unit(id),
  kinds     INTEGER NOT NULL,
  PRIMARY KEY (person_id, day)
) WITHOUT ROWID;
CREATE INDEX person_flow_unit ON person_flow (unit_id, day, kinds);
CREATE INDEX person_flow_day ON person_flow (day, kinds);

-- Databases upgraded from schema 8 hold people without derived rows: pcmt
-- init derives them once (built = 0 until then).
CREATE TABLE person_span_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  built INTEGER NOT NULL
);
INSERT INTO person_span_state (id, built) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM person) THEN 0 ELSE 1 END;

-- Registers: each flow is driven by a (date, unit) index over the period and
-- tests the record's unit against the territory row by row, reading only
-- the index (agency kind included for the split by agency). They replace the
-- date-only indexes of 008.
DROP INDEX drug_case_detected;
DROP INDEX drug_case_prosecuted;
DROP INDEX drug_case_tried;
DROP INDEX drug_case_resolved;
DROP INDEX case_person_arrested;
DROP INDEX activity_date;
CREATE INDEX drug_case_detected ON drug_case (detected_on, unit_id, agency_kind);
CREATE INDEX drug_case_prosecuted ON drug_case (prosecuted_on, unit_id, agency_kind);
CREATE INDEX drug_case_tried ON drug_case (tried_on, unit_id, agency_kind);
CREATE INDEX drug_case_resolved ON drug_case (resolved_on, unit_id, agency_kind);
CREATE INDEX case_person_arrested ON case_person (arrested_on, case_id, person_id);
CREATE INDEX case_seizure_amounts ON case_seizure (case_id, substance, measure, quantity);
CREATE INDEX activity_date ON activity (held_on, kind, unit_id, participants, minutes, agency_kind);
