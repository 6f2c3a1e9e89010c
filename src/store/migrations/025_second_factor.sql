-- 025_second_factor: TOTP (RFC 6238) as a second factor for web sign-in.
-- A user has at most one TOTP secret (20 random bytes). It is stored as is:
-- no key outside the database exists yet to seal it with, and a key kept
-- in the same file would protect nothing; it is shown only on the
-- enrolment page before it is confirmed, never after. last_step is the
-- last time step whose code was accepted, so a code is never accepted
-- twice. Recovery codes are kept only as their keyed BLAKE2b-256 hash.
-- A session opened by a password but still waiting for the second step
-- (a code, or enrolment) has a stage; NULL is a full session.
-- Standard SQL only.
CREATE TABLE user_totp (
  user_id       INTEGER PRIMARY KEY REFERENCES app_user(id),
  secret        BLOB NOT NULL,                 -- 20 bytes
  created_at    INTEGER NOT NULL,              -- Unix seconds
  confirmed_at  INTEGER,                       -- NULL: enrolment not finished
  last_step     INTEGER NOT NULL DEFAULT 0     -- the last accepted step (replay)
);

CREATE TABLE user_recovery_code (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES app_user(id),
  code_hash BLOB NOT NULL,                     -- BLAKE2b-256, keyed with the user id
  used_at   INTEGER                            -- NULL while usable
);
CREATE INDEX user_recovery_code_user ON user_recovery_code (user_id);

ALTER TABLE web_session ADD COLUMN stage TEXT
  CHECK (stage IS NULL OR stage IN ('code', 'enrol'));
