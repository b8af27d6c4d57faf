"""SQLite (aiosqlite) or PostgreSQL (asyncpg): the connection, migrations and every SQL statement."""
