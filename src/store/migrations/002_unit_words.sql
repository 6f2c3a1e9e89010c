-- 002_unit_words: every word-start suffix of a unit name's key ("bao thang",
-- "thang"), so `units find` answers prefix and inner-word queries from an
-- index range instead of scanning every name with LIKE '% x%'. Filled by the
-- units import (re-run `pcmt units import` after upgrading an older database).
CREATE TABLE unit_word (
  word_key   TEXT NOT NULL,
  version_id INTEGER NOT NULL REFERENCES unit_version(id) ON DELETE CASCADE,
  PRIMARY KEY (word_key, version_id)
);
CREATE INDEX unit_word_version ON unit_word (version_id);
