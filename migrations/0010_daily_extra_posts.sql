-- /daily now: an extra post outside the schedule goes through an outbox like every other post the bot makes.
-- The request is recorded first, claimed with a lease (claimed_until), and marked done once posted; after a
-- crash or an ambiguous error the next attempt looks for the post (its footer says "Extra reflection (id)")
-- before posting. Done rows stay, so an id (and so a marker) is never given twice in a server.
CREATE TABLE daily_extra_posts (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    local_date     TEXT    NOT NULL,
    claimed_until  INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    done           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX daily_extra_posts_due ON daily_extra_posts (claimed_until) WHERE done = 0;
