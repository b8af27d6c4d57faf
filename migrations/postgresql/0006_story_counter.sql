-- PostgreSQL's form of ../0006_story_counter.sql: BIGINT for every integer (Discord IDs, unix times), identity keys, BYTEA.
-- Story numbers come from a per-server counter, never max(number) + 1: a number once shown
-- (in a report, a block, the log) must never name a different, later story.
ALTER TABLE guilds ADD COLUMN last_story_number BIGINT NOT NULL DEFAULT 0;

-- Start above every number already used anywhere: stories, blocks placed through deleted stories, the log.
UPDATE guilds SET last_story_number = GREATEST(
    (SELECT coalesce(max(number), 0) FROM stories WHERE stories.guild_id = guilds.guild_id),
    (SELECT coalesce(max(story_number), 0) FROM blocks WHERE blocks.guild_id = guilds.guild_id),
    (SELECT coalesce(max(story_number), 0) FROM mod_log WHERE mod_log.guild_id = guilds.guild_id)
);
