-- 023_sessions: signing in on the web. A user's password is kept as an
-- argon2id string (libsodium crypto_pwhash_str: algorithm, limits, salt and
-- hash); NULL: the user cannot sign in on the web (a command-line-only user).
-- A session is known by the BLAKE2b-256 hash of its token, never the token,
-- so a copy of the database holds no cookie that works. Times are Unix
-- seconds (UTC). Failed sign-ins are counted here, per login and per client
-- address, so several servers over one database share the rate limit.
-- Standard SQL only.
ALTER TABLE app_user ADD COLUMN password_hash TEXT;

CREATE TABLE web_session (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,                    -- BLAKE2b-256 of the 256-bit token
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  created_at  INTEGER NOT NULL,                        -- signed in
  seen_at     INTEGER NOT NULL,                        -- last request (idle timeout)
  ended_at    INTEGER                                  -- signed out or ended; NULL while open
);
CREATE INDEX web_session_user ON web_session (user_id);

CREATE TABLE signin_failure (
  id    INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('login', 'addr')),
  name  TEXT NOT NULL,                                 -- the login typed, or the client address
  at    INTEGER NOT NULL
);
CREATE INDEX signin_failure_key ON signin_failure (kind, name, at);
