-- PostgreSQL's form of ../0008_outbox_leases.sql: BIGINT for every integer (Discord IDs, unix times), identity keys, BYTEA.
-- Queue posts go through an outbox like publishing, and every post the bot makes is leased, so
-- two workers (the submit path and the background job, or two processes) never make one post twice.
-- due → posting (leased until queue_claimed_until) → posted; NULL for stories from before this change.
ALTER TABLE stories ADD COLUMN queue_state TEXT CHECK (queue_state IN ('due', 'posting', 'posted'));
ALTER TABLE stories ADD COLUMN queue_after BIGINT;
ALTER TABLE stories ADD COLUMN queue_claimed_until BIGINT;
ALTER TABLE stories ADD COLUMN queue_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN publish_claimed_until BIGINT;
-- Stories waiting for the queue when this ran are due now; the rest were already posted.
UPDATE stories SET queue_state = CASE WHEN queue_message_id IS NULL AND status = 'pending' THEN 'due' ELSE 'posted' END,
    queue_after = 0;
CREATE INDEX stories_queue_due ON stories (queue_after) WHERE queue_state IN ('due', 'posting');

-- A daily post in flight: the claim holds a lease, so a crash or an ambiguous
-- error is finished later (looking for the post first) instead of losing the day or posting twice.
ALTER TABLE daily_schedules ADD COLUMN claimed_until BIGINT;
ALTER TABLE daily_schedules ADD COLUMN claim_attempts BIGINT NOT NULL DEFAULT 0;

-- A moderator's "Send support" is kept like a reply, so an author who chose no notices finds the
-- crisis lines in /mystories.
ALTER TABLE story_replies ADD COLUMN kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'support'));
