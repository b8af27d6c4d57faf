"""One extension per feature, loaded by StairwellBot.setup_hook."""
