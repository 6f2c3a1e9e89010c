-- 008_register_indexes: indexes the indicators need at national scale.
-- Who could have lived in a territory: the people who moved out of one of
-- its units (moves into it use person_event_moves).
CREATE INDEX person_event_moves_from ON person_event (kind, from_unit_id);
-- Procedural flows of cases are counted by their own dates.
CREATE INDEX drug_case_prosecuted ON drug_case (prosecuted_on);
CREATE INDEX drug_case_tried ON drug_case (tried_on);
CREATE INDEX drug_case_resolved ON drug_case (resolved_on);
CREATE INDEX case_person_arrested ON case_person (arrested_on);
