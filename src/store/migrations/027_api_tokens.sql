-- 027_api_tokens: bearer tokens for clients of the JSON API. An
-- administrator creates a token for a user (`pcmt token create`); the token
-- acts as that user, with the user's role and territory, so a disabled user's
-- tokens stop working with the user. As with sessions, only the BLAKE2b-256
-- hash of the 256-bit token is kept: a copy of the database holds no token
-- that works. expires_at is Unix seconds (NULL: never); revoked_at likewise
-- (NULL while usable). Standard SQL only.
CREATE TABLE api_token (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,                    -- BLAKE2b-256 of the 256-bit token
  user_id     INTEGER NOT NULL REFERENCES app_user(id), -- whom the token acts as
  name        TEXT NOT NULL DEFAULT '',                -- what it is for ("báo cáo tỉnh")
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,                           -- the administrator's login
  expires_at  INTEGER,                                 -- not accepted from this time on
  revoked_at  INTEGER
);
CREATE INDEX api_token_user ON api_token (user_id);
