-- 015_task_phase_ongoing: two facts about a task the plan reader now keeps.
-- then_ongoing: the task is done once by due_on and then kept up ("Hoàn
-- thành trước 30/8/2024, sau đó duy trì thường xuyên"); phase: the name of
-- the campaign phase the task belongs to, as written, or NULL. Both answer
-- the four-clear check's "when" for a stored plan as for one just read.
ALTER TABLE plan_task ADD COLUMN then_ongoing INTEGER NOT NULL DEFAULT 0 CHECK (then_ongoing IN (0, 1));
ALTER TABLE plan_task ADD COLUMN phase TEXT;
