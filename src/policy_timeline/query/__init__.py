"""Questions asked of a loaded timeline: filters, search, facets, targets, marks."""
