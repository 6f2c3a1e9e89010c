-- 026_person_digest: tamper evidence for the person rows (docs/audit.md).
-- Each row keeps a keyed BLAKE2b of its content, and one row keeps a keyed
-- tally of the set of rows, so that a person row edited, deleted or
-- inserted with the database file alone (without the key file beside it)
-- is found by `pcmt audit verify`. Both are written by the store on every
-- insert and update of a person (store_person_digest.c); rows stored
-- before this schema get theirs from `pcmt init`, which holds the key.
ALTER TABLE person ADD COLUMN digest TEXT; -- hex; NULL until init computes it

CREATE TABLE person_digest_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  row_count INTEGER NOT NULL, -- person rows the tally covers
  tally     TEXT NOT NULL     -- hex: XOR of each row's keyed set tag
);
INSERT INTO person_digest_state (id, row_count, tally)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
