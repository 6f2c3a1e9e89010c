-- 019_indicator_value_user: an aggregate value names the user who entered it
-- by id (app_user, migration 016), not by free text.
--
-- Until now `pcmt indicators enter --as NAME` could write any text into
-- entered_by. entered_by_user is the user of the database who acted (the
-- caller of the operation); entered_by is kept, holding that user's login
-- for new rows, so old rows stay readable as they were written. Old rows
-- whose text is the login of a user get that user's id; the others keep
-- their text and a NULL id (no user of this database entered them).
-- Standard SQL only.
ALTER TABLE indicator_value ADD COLUMN entered_by_user INTEGER REFERENCES app_user(id);
UPDATE indicator_value SET entered_by_user = (SELECT a.id FROM app_user a
                                              WHERE a.login = indicator_value.entered_by);
