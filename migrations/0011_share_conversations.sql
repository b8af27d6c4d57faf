-- A /share conversation (Telegram's private chat asks one question at a time): one per person, by pseudonym.
-- The story text lives in the draft the conversation builds (purged with drafts); this row holds no words.
-- Deleting the draft (submitted, cancelled, purged, /forgetme) ends the conversation with it.
CREATE TABLE share_conversations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- what the conversation's buttons carry
    author_key TEXT    NOT NULL UNIQUE,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    step       TEXT    NOT NULL CHECK (step IN ('story', 'warning', 'choices', 'preview')),
    draft_id   INTEGER REFERENCES drafts (id) ON DELETE CASCADE,
    -- While editing: the draft being replaced (kept until the new text arrives, so nothing is lost).
    replaces   INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);

-- A moderator's force-reply prompt in a Telegram moderators' group (Reject with reason, Reply to author, ...):
-- the answer may come after a restart, so what the prompt asks is kept here, never the answer.
CREATE TABLE telegram_prompts (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    form       TEXT    NOT NULL,
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    -- Messages that go with the prompt (the story text offered for Edit & approve), deleted with it.
    extra_ids  TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

-- The bot's outbox record for Telegram, which has no history search: the intent is written before a post is
-- sent and its message ids after Telegram confirms it, so a retry knows what was made. `marker` is the card's
-- title and footer (the bot's own words, never a person's); message_ids is NULL while the post is unconfirmed.
CREATE TABLE telegram_posts (
    nonce       TEXT    PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    marker      TEXT    NOT NULL,
    message_id  INTEGER,            -- the first part (the PostRef's id)
    message_ids TEXT,               -- every part, space-separated (a long card is split)
    created_at  INTEGER NOT NULL
);
CREATE INDEX telegram_posts_by_message ON telegram_posts (chat_id, message_id);
