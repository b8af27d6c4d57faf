-- Support a server adds for its own people (a hospital's peer-support team, an EAP), shown first.
CREATE TABLE local_resources (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    contact     TEXT    NOT NULL,
    hours       TEXT,
    description TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX local_resources_guild ON local_resources (guild_id);
