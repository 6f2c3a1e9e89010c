-- 018_plan_territory: a plan belongs to a territory, its issuing unit, and
-- names its issuing body (docs/plans.md, "Territory").
--
-- unit_id is the unit whose plan it is (NULL: a national plan): the territory
-- the plan names, resolved to a unit on the plan's date, else the unit of the
-- user who imported it. Every read and change of a plan is filtered by it in
-- the store, as a person is by its residence (unit_scope). unit_tree and
-- unit_code (migration 004) now always name the same unit.
-- issuer_kind is the issuing body read as an agency (domain/agency.h:
-- "steering_committee", "peoples_committee" ...), NULL when the issuer names
-- none; the issuer as written stays in plan.issuer.
-- Standard SQL only.
ALTER TABLE plan ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE plan ADD COLUMN issuer_kind TEXT;

-- Plans stored before: the unit their territory was resolved to ...
UPDATE plan SET unit_id = (SELECT u.id FROM unit u WHERE u.tree = plan.unit_tree
                             AND u.code = plan.unit_code)
WHERE unit_tree IS NOT NULL AND unit_code IS NOT NULL;
-- ... else the unit of the user who imported them (NULL for a national user
-- or an importer who is no user: national, seen by national users only).
UPDATE plan SET unit_id = (SELECT a.unit_id FROM app_user a WHERE a.login = plan.created_by)
WHERE unit_id IS NULL;
UPDATE plan SET unit_tree = (SELECT u.tree FROM unit u WHERE u.id = plan.unit_id),
                unit_code = (SELECT u.code FROM unit u WHERE u.id = plan.unit_id)
WHERE unit_id IS NOT NULL;
UPDATE plan SET unit_tree = NULL, unit_code = NULL WHERE unit_id IS NULL;

CREATE INDEX plan_unit ON plan (unit_id);
-- the import's look-up of a plan already stored under the same number
CREATE INDEX plan_number ON plan (number);
