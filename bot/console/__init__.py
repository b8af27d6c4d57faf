"""A terminal adapter over the same core and database: every flow, no Discord needed."""
