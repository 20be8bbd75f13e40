"""Reading a timeline folder: files, safe YAML, field checks, vocabularies, the cache."""
