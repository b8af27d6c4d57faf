-- Per-server settings and the bot's own bookkeeping.
CREATE TABLE guilds (
    guild_id              INTEGER PRIMARY KEY,
    moderation_channel_id INTEGER,
    stories_channel_id    INTEGER,
    daily_channel_id      INTEGER,
    moderator_role_id     INTEGER,
    timezone              TEXT    NOT NULL DEFAULT 'UTC',
    region                TEXT,
    sharing_enabled       INTEGER NOT NULL DEFAULT 1 CHECK (sharing_enabled IN (0, 1)),
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Key/value facts about this installation, e.g. the hash of the last synced command tree.
CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
