"""Demo data: a believable catalogue and monthly counts that reproduce the ministry's figures."""
