-- PostgreSQL's form of ../0009_telegram.sql: BIGINT for chat ids (a supergroup's id does not fit in 32 bits).
-- Telegram communities. A community is a Telegram group; its guilds row holds its settings as for a Discord
-- server, with the private moderators' group in moderation_channel_id and the chat for published stories and
-- daily posts in stories_channel_id and daily_channel_id. guild_id is the group's chat id when it was first
-- set up (negative, so never a Discord snowflake); it stays when Telegram moves the group to a supergroup.
CREATE TABLE telegram_communities (
    guild_id        BIGINT  PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    group_chat_id   BIGINT  NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    -- The deep-link payload (t.me/<bot>?start=<code>) that brings a member's private chat to this community.
    code            TEXT    NOT NULL UNIQUE CHECK (length(code) <= 64),
    -- While an admin binds the moderators' group: a short code valid until pairing_expires (unix seconds).
    pairing_code    TEXT    UNIQUE,
    pairing_expires BIGINT
);

-- Which community a member's private chat belongs to, by pseudonym only (never a Telegram ID).
CREATE TABLE telegram_members (
    person_key TEXT    PRIMARY KEY,
    guild_id   BIGINT  NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE
);

-- Telegram errors moderators have been told about, so each is told once until the chat works again.
CREATE TABLE telegram_notices (
    guild_id BIGINT  NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    chat_id  BIGINT  NOT NULL,
    problem  TEXT    NOT NULL,
    PRIMARY KEY (guild_id, chat_id, problem)
);
