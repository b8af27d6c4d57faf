-- PostgreSQL's form of ../0001_initial.sql: BIGINT for every integer (Discord IDs, unix times), identity keys, BYTEA.
-- Per-server settings and the bot's own bookkeeping.
CREATE TABLE guilds (
    guild_id              BIGINT PRIMARY KEY,
    moderation_channel_id BIGINT,
    stories_channel_id    BIGINT,
    daily_channel_id      BIGINT,
    moderator_role_id     BIGINT,
    timezone              TEXT    NOT NULL DEFAULT 'UTC',
    region                TEXT,
    sharing_enabled       BIGINT NOT NULL DEFAULT 1 CHECK (sharing_enabled IN (0, 1)),
    created_at            TEXT    NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
);

-- Key/value facts about this installation, e.g. the hash of the last synced command tree.
CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
