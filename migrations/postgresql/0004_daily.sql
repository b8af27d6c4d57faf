-- PostgreSQL's form of ../0004_daily.sql: BIGINT for every integer (Discord IDs, unix times), identity keys, BYTEA.
-- Daily reflection posts: one schedule per server. The channel is guilds.daily_channel_id, so
-- /setup channels and /daily setup never disagree. Times are unix seconds (UTC); dates are the
-- server's local calendar dates (YYYY-MM-DD).
CREATE TABLE daily_schedules (
    guild_id           BIGINT PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    local_time         TEXT    NOT NULL CHECK (local_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    days               TEXT    NOT NULL CHECK (days IN ('daily', 'weekdays')),
    paused             BIGINT NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    skip_next          BIGINT NOT NULL DEFAULT 0 CHECK (skip_next IN (0, 1)),
    next_run           BIGINT NOT NULL,
    -- The local date a scheduled post is being made for: set by the claim, cleared when it is done.
    -- A claim left behind by a crash keeps that date from being posted again (never two posts).
    claimed_for        TEXT,
    last_posted_date   TEXT,
    -- Why the last scheduled post could not be made; moderators were told once for this episode.
    blocked_reason     TEXT,
    low_stock_notified BIGINT NOT NULL DEFAULT 0 CHECK (low_stock_notified IN (0, 1))
);
-- The due query reads only this index: servers that are due and not paused.
CREATE INDEX daily_schedules_due ON daily_schedules (next_run) WHERE paused = 0;

-- Each server's rotation: a shuffled order per cycle; `used` resets when a new cycle starts,
-- `last_used` (a per-server sequence number) survives it so a new cycle can avoid recent items.
CREATE TABLE daily_rotation (
    guild_id  BIGINT NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    item_key  TEXT    NOT NULL,
    position  BIGINT NOT NULL,
    used      BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
    last_used BIGINT,
    PRIMARY KEY (guild_id, item_key)
);

-- Community stories moderators approved for reflection (text already redacted).
CREATE TABLE community_reflections (
    guild_id        BIGINT NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    story_number    BIGINT NOT NULL,
    text            TEXT    NOT NULL,
    content_warning TEXT,
    added_at        TEXT    NOT NULL,
    PRIMARY KEY (guild_id, story_number)
);
