"""A one-line citation of an event: issuer, title, document number, date and source URL."""

from __future__ import annotations

from policy_timeline.model import Event, Timeline
from policy_timeline.text import plain


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
