"""The explorer: a Textual app over the core's timeline, filters and citations."""
