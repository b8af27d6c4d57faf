"""The domain: content, screening, stories, moderation, scheduling. Never imports discord."""
