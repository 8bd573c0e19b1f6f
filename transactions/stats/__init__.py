"""Statistics computed in the database from the monthly counts."""
