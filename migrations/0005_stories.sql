-- Anonymous stories and their moderation. Authors appear only as keyed pseudonyms (author_key);
-- a Discord ID is kept only sealed (encrypted), and only while the bot may still need to DM them.
ALTER TABLE guilds ADD COLUMN submissions_per_day INTEGER NOT NULL DEFAULT 3 CHECK (submissions_per_day BETWEEN 1 AND 20);
ALTER TABLE guilds ADD COLUMN purge_after_days INTEGER NOT NULL DEFAULT 7 CHECK (purge_after_days BETWEEN 1 AND 90);

-- What an author is still deciding on (preview, edit, redaction choice); gone after a day.
CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    author_key      TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    content_warning TEXT,
    for_reflection  INTEGER NOT NULL CHECK (for_reflection IN (0, 1)),
    notify          INTEGER NOT NULL CHECK (notify IN (0, 1)),
    created_at      INTEGER NOT NULL
);

CREATE TABLE stories (
    id                  INTEGER PRIMARY KEY,
    guild_id            INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    number              INTEGER NOT NULL,
    author_key          TEXT    NOT NULL,
    sealed_author       BLOB,
    notify              INTEGER NOT NULL CHECK (notify IN (0, 1)),
    for_reflection      INTEGER NOT NULL CHECK (for_reflection IN (0, 1)),
    text                TEXT,
    content_warning     TEXT,
    crisis_level        TEXT    NOT NULL CHECK (crisis_level IN ('none', 'concern', 'urgent')),
    crisis_signals      TEXT    NOT NULL DEFAULT '[]',
    redacted_summary    TEXT    NOT NULL DEFAULT '',
    status              TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'approved', 'published', 'rejected', 'withdrawn', 'removed')),
    submitted_on        TEXT    NOT NULL,
    resolved_at         INTEGER,
    reject_reason       TEXT,
    acted_by            INTEGER,
    queue_channel_id    INTEGER,
    queue_message_id    INTEGER,
    publish_state       TEXT CHECK (publish_state IN ('due', 'posting', 'posted', 'blocked')),
    publish_after       INTEGER,
    publish_attempts    INTEGER NOT NULL DEFAULT 0,
    published_channel_id INTEGER,
    published_message_id INTEGER,
    UNIQUE (guild_id, number)
);
CREATE INDEX stories_author ON stories (author_key);
CREATE INDEX stories_queue ON stories (guild_id, status);
CREATE INDEX stories_publish ON stories (publish_after) WHERE publish_state IN ('due', 'posting');
CREATE INDEX stories_unposted_queue ON stories (guild_id) WHERE queue_message_id IS NULL AND status = 'pending';
CREATE INDEX stories_published_message ON stories (published_message_id);

-- Moderators' anonymous replies, shown in the author's /mystories.
CREATE TABLE story_replies (
    id         INTEGER PRIMARY KEY,
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    delivered  INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1))
);

-- When each author last submitted, for the per-day limit; rows older than a day are deleted.
CREATE TABLE submission_times (
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    author_key TEXT    NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX submission_times_author ON submission_times (guild_id, author_key, at);

-- A server's block on an author, placed through one of their stories; holds no text.
CREATE TABLE blocks (
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    author_key   TEXT    NOT NULL,
    story_number INTEGER NOT NULL,
    blocked_at   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, author_key)
);

-- What moderators did, by story number only (never the author).
CREATE TABLE mod_log (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    story_number INTEGER NOT NULL,
    action       TEXT    NOT NULL,
    moderator_id INTEGER,
    at           INTEGER NOT NULL
);
CREATE INDEX mod_log_guild ON mod_log (guild_id, id);
