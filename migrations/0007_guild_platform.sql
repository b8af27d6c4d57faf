-- Which platform a server belongs to, so one adapter reconciling the servers it is in (after it was
-- removed from some while offline) never touches another adapter's. NULL: not yet seen by an adapter.
ALTER TABLE guilds ADD COLUMN platform TEXT;

-- Before this column only Discord servers had large IDs (snowflakes); the console uses small ones.
UPDATE guilds SET platform = 'discord' WHERE guild_id > 4294967295;
