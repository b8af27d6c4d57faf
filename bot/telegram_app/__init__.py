"""The Telegram adapter (aiogram 3): members in private chats, communities in groups."""
