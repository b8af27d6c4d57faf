"""The Discord adapter: turns interactions into core calls and core replies into messages."""
