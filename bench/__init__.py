"""Performance benchmark of the API against the database and a framework-free app."""
