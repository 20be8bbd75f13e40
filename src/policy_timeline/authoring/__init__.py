"""Writing a timeline's own files: a new event, and events imported from other tools."""
