"""A citation of an event: one line (issuer, title, document number, date and source URL),
or a BibTeX or CSL-JSON entry, as the explorer's `y` copies it."""

from __future__ import annotations

import json

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.text import plain


def cite(timeline: Timeline, event: Event) -> str:
    issuers = [timeline.issuer_label(code) for code in event.issuers]
    issuer = issuers[0] + (" et al." if len(issuers) > 2 else "")
    if len(issuers) == 2:
        issuer = f"{issuers[0]} and {issuers[1]}"
    parts = [issuer if issuer.endswith(".") else f"{issuer}.", f"“{event.title}.”"]
    if event.doc_number:
        parts.append(f"{event.doc_number}.")
    parts.append(f"{event.date.human()}.")
    url = next((source.url for source in event.sources if source.url), None)
    if url:
        parts.append(url)
    return plain(" ".join(parts))


# The styles `citation_style` in config.toml can name; the first is the default.
CITATION_STYLES = ("plain", "bibtex", "csl-json")


def citation(timeline: Timeline, event: Event, style: str = "plain") -> str:
    """The event's citation in a style of CITATION_STYLES."""
    if style == "bibtex":
        from policy_timeline.render.export.citation_formats import bibtex_event

        return bibtex_event(timeline, event)
    if style == "csl-json":
        from policy_timeline.render.export.citation_formats import csl_event

        return json.dumps(csl_event(timeline, event), ensure_ascii=False, indent=2)
    return cite(timeline, event)
