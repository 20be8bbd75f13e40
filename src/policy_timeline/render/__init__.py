"""A timeline written out: the summary, one event shown, citations, exports, the schema."""
