-- 013_person_moves_from: the moves out of a unit, found without reading every
-- event. The old commune owes the new one the person's file within 24 hours
-- of a reported move (Law 120/2025/QH15), so its to-do list (`pcmt person
-- due`) reads the moves that left its units (store_person_scan_moved_out).
-- Partial: only "moved" events have a from_unit_id, a few per cent of them.
CREATE INDEX person_event_from ON person_event (from_unit_id) WHERE from_unit_id IS NOT NULL;
