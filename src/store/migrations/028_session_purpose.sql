-- 028_session_purpose: why the user of a web session reads personal records.
-- The people pages ask once per session, before the first person's record
-- is opened (docs/access.md); every read of the session then carries it
-- into its audit row, as the command line's --purpose does. NULL: not
-- asked yet. A new session asks again.
-- Standard SQL only.
ALTER TABLE web_session ADD COLUMN purpose TEXT;
