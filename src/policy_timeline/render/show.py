"""One event in full for the terminal: detail, targets, sources and links both ways."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from policy_timeline.model.events import Event, Outcome, Timeline
from policy_timeline.model.problems import did_you_mean
from policy_timeline.model.text import plain


class UnknownEvent(LookupError):
    """No event has the id asked for; the message carries a "did you mean" where one fits."""


def find_event(timeline: Timeline, event_id: str) -> Event:
    event = timeline.by_id.get(event_id)
    if event is None:
        hint = did_you_mean(event_id, timeline.by_id)
        raise UnknownEvent(f"no event has the id {event_id!r}{hint}")
    return event


def render_event(timeline: Timeline, event: Event) -> RenderableType:
    parts: list[RenderableType] = [Text(plain(event.title), style="bold")]
    if event.title_original:
        parts.append(Text(plain(event.title_original), style="italic"))
    parts += [Text(""), _rows(_details(timeline, event), label_style="dim")]
    parts += [Text(""), Text(plain(event.summary))]
    parts += _section("Highlights", [("•", highlight) for highlight in event.highlights])
    parts += _section(
        "Targets",
        [
            (
                "◎",
                f"{target.metric}: {target.describe()}"
                + (f" (source {target.source})" if target.source else "")
                + (f". {target.note}" if target.note else "")
                + (f"\n{_outcome(target.outcome)}" if target.outcome else ""),
            )
            for target in event.targets
        ],
    )
    parts += _section(
        "Sources",
        [
            (
                f"[{number}]",
                f"{source.title} — {source.publisher}, {source.date.human()}"
                + (f"\n{source.url}" if source.url else "")
                + (f"\n{' '.join(source.note.split())}" if source.note else ""),
            )
            for number, source in enumerate(event.sources, start=1)
        ],
    )
    parts += _section(
        "Related",
        [
            (
                "→",
                f"{related.phrase}: {related.other.title} ({related.other.date.human()}) "
                f"[{related.other.id}]" + (f". {related.note}" if related.note else ""),
            )
            for related in timeline.related(event)
        ],
    )
    return Group(*parts)


def _outcome(outcome: Outcome) -> str:
    """The outcome under its target: status and value, note, then its own sources."""
    lines = [f"outcome: {outcome.describe()}" + (f". {outcome.note}" if outcome.note else "")]
    for source in outcome.sources:
        lines.append(f"  source: {source.title} — {source.publisher}, {source.date.human()}")
        if source.url:
            lines.append(f"  {source.url}")
    return "\n".join(lines)


def _details(timeline: Timeline, event: Event) -> list[tuple[str, str]]:
    found = [("id", event.id), ("date", event.date.human())]
    if event.end:
        found.append(("until", event.end.human()))
    found.append(("kind", event.kind))
    found.append(("issued by", "; ".join(timeline.issuer_label(code) for code in event.issuers)))
    if event.sectors:
        found.append(("sectors", "; ".join(timeline.sector_label(s) for s in event.sectors)))
    for label, date in (("published", event.published), ("effective", event.effective)):
        if date:
            found.append((label, date.human()))
    if event.doc_number:
        found.append(("document", event.doc_number))
    if event.status:
        found.append(("status", event.status))
    found.append(("file", event.file))
    return found


def _section(heading: str, entries: list[tuple[str, str]]) -> list[RenderableType]:
    if not entries:
        return []
    return [Text(""), Text(heading, style="bold underline"), _rows(entries)]


def _rows(entries: list[tuple[str, str]], label_style: str = "") -> Table:
    """Label and text side by side, so wrapped text keeps a hanging indent."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style=label_style)
    table.add_column()
    for label, text in entries:
        table.add_row(Text(plain(label)), Text(plain(text)))
    return table
