"""The timeline's data: events, partial dates, relations, problems, inert text, URLs."""
