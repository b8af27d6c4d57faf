"""SQLite through aiosqlite: the connection, migrations and every SQL statement."""
