"""The text summary of a timeline, grouped by year, as Rich renderables or Markdown.

The short summary reads five fields of each event (``Line``), so the index
need not decode the rest; the long one reads every field.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import Protocol

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Outcome, Timeline
from policy_timeline.model.text import md, plain
from policy_timeline.query.index import Filter


class Line(Protocol):
    """What a line of the short summary shows of an event (an ``Event`` has it)."""

    @property
    def date(self) -> PartialDate: ...
    @property
    def end(self) -> PartialDate | None: ...
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def issuers(self) -> tuple[str, ...]: ...


def heading(timeline: Timeline, events: Sequence[Line], query: Filter) -> str:
    """How many events, their years and the filters. ``events`` are in date
    order, so the first and the last give the span without reading the rest."""
    total = timeline.event_count
    count = f"{len(events)} of {total} events" if query.active else f"{total} events"
    first, last = (events[0].date.year, events[-1].date.year) if events else (0, 0)
    span = f", {first}–{last}" if first != last else (f", {first}" if events else "")
    filters = f" · {'; '.join(query.describe())}" if query.active else ""
    return f"{count}{span}{filters}"


def render_summary(
    timeline: Timeline, events: Sequence[Line], query: Filter, long: bool = False
) -> RenderableType:
    return _Summary(timeline, events, query, long)


def summary_chunks(
    console: Console, timeline: Timeline, events: Sequence[Line], query: Filter, long: bool = False
) -> Iterator[str]:
    """The summary as plain text at the console's width, as ``console.print`` of
    ``render_summary`` would capture it when the console is not a terminal, less
    the blanks that end its lines, in whole lines made as they are written.
    Lines that are plain text for certain (no wrapping, cropping or tab stops to
    work out) skip Rich altogether."""
    width = console.width
    for part in _parts(timeline, events, query, long):
        text = _plain_lines(part, width)
        if text is None:
            with console.capture() as captured:
                console.print(part if isinstance(part, Text) else part.table())
            text = without_trailing_blanks(captured.get())
        yield text


def without_trailing_blanks(text: str) -> str:
    """Each line of the text without the spaces after its last character."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


# Column widths of an event row, and the gap between columns.
_DATE_WIDTH, _KIND_WIDTH, _ISSUERS_WIDTH, _GAP = 15, 12, 14, 2
_TITLE_START = _DATE_WIDTH + _KIND_WIDTH + _ISSUERS_WIDTH + 3 * _GAP
_DETAILS_INDENT = 4
_NO_STYLE = Style()
_DATE_STYLE = Style.parse("cyan")
_KIND_STYLE = Style.parse("magenta")
_ISSUERS_STYLE = Style.parse("green")
_TITLE_STYLE = Style.parse("bold")
_END_STYLE = _TITLE_STYLE + Style.parse("dim")


class _Row:
    """One event's line, with its cells already made plain."""

    __slots__ = ("date", "end", "event", "issuers", "kind", "timeline", "title")

    def __init__(self, timeline: Timeline, event: Line) -> None:
        self.timeline = timeline
        self.event = event
        self.date = "  " + event.date.human()
        self.kind = plain(event.kind)
        self.issuers = plain(_issuers_short(event))
        self.title = plain(event.title)
        self.end = f"  → {event.end.human()}" if event.end else ""

    def cells(self, width: int) -> tuple[str, str, str, str] | None:
        """The cells padded to their columns when the row is one line of plain
        cells that fit, as the row's table lays it out; otherwise ``None``."""
        date, kind, issuers, title = self.date, self.kind, self.issuers, self.title + self.end
        if not (
            date.isprintable()
            and kind.isprintable()
            and issuers.isprintable()
            and title.isprintable()
        ):
            return None
        if _wider(title, width - _TITLE_START):
            return None  # the title wraps
        return (
            _fit(date, _DATE_WIDTH),
            _fit(kind, _KIND_WIDTH),
            _fit(issuers, _ISSUERS_WIDTH),
            title,
        )

    def table(self) -> Table:
        return _event_row(self.timeline, self.event)


def _wider(text: str, width: int) -> bool:
    """Whether text takes more than ``width`` cells (no character takes more than two)."""
    return 2 * len(text) > width and cell_len(text) > width


@functools.lru_cache(maxsize=4096)  # kinds, issuers and dates repeat from line to line
def _fit(text: str, width: int) -> str:
    """A cell of a fixed-width column that does not wrap: padded, or cut with an
    ellipsis as Rich's Text.truncate cuts it."""
    cells = cell_len(text)
    if cells > width:
        return set_cell_size(text, width - 1) + "…"
    return text + " " * (width - cells)


class _Details:
    """The lines under an event row in the long summary, as (text, style)."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines

    def table(self) -> Table:
        return _indented([Text(text, style=style) for text, style in self.lines])


def _parts(
    timeline: Timeline, events: Sequence[Line], query: Filter, long: bool
) -> Iterator[Text | _Row | _Details]:
    yield Text(plain(timeline.name), style="bold")
    yield Text(heading(timeline, events, query), style="dim")
    if not events:
        yield Text(f"\n{_nothing(query)}", style="yellow")
    for year, group in groupby(events, key=lambda event: event.date.year):
        yield Text(f"\n{year}", style="bold underline")
        for event in group:
            yield _Row(timeline, event)
            if long:
                yield _Details(_detail_lines(timeline, _whole(event)))


class _Summary:
    """The summary as a renderable: event rows are written as segments when
    they fit on one line, and laid out as a table (to wrap) when they do not."""

    def __init__(
        self, timeline: Timeline, events: Sequence[Line], query: Filter, long: bool
    ) -> None:
        self.timeline, self.events, self.query, self.long = timeline, events, query, long

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        gap = Segment(" " * _GAP, _NO_STYLE)
        newline = Segment.line()
        for part in _parts(self.timeline, self.events, self.query, self.long):
            if isinstance(part, _Row):
                cells = part.cells(width)
                if cells is None:
                    yield part.table()
                    continue
                date, kind, issuers, title = cells
                yield Segment(date, _DATE_STYLE)
                yield gap
                yield Segment(kind, _KIND_STYLE)
                yield gap
                yield Segment(issuers, _ISSUERS_STYLE)
                yield gap
                if part.end:
                    yield Segment(part.title, _TITLE_STYLE)
                    yield Segment(part.end, _END_STYLE)
                else:
                    yield Segment(title, _TITLE_STYLE)
                yield newline
            elif isinstance(part, _Details):
                yield part.table()
            else:
                yield part


def _plain_lines(part: Text | _Row | _Details, width: int) -> str | None:
    """A part as plain captured lines, when that needs no layout; else ``None``."""
    if isinstance(part, _Row):
        cells = part.cells(width)
        return None if cells is None else "  ".join(cells).rstrip() + "\n"
    if isinstance(part, _Details):
        lines = []
        room = width - _DETAILS_INDENT
        for detail, _ in part.lines:
            for piece in detail.split("\n"):
                if not piece.isprintable() or _wider(piece, room):
                    return None
                lines.append(("    " + piece).rstrip())
        lines.append("")
        return "\n".join(lines) + "\n"
    pieces = part.plain.split("\n")
    if any(not piece.isprintable() or _wider(piece, width) for piece in pieces):
        return None
    return "".join(piece.rstrip() + "\n" for piece in pieces)


def _nothing(query: Filter) -> str:
    return "No events match these filters." if query.active else "This timeline has no events."


def _whole(event: Line) -> Event:
    """The event, which the long summary reads whole."""
    if not isinstance(event, Event):
        raise TypeError(f"the long summary needs whole events, not {type(event).__name__}")
    return event


def _event_row(timeline: Timeline, event: Line) -> Table:
    row = Table.grid(padding=(0, 2))
    row.add_column(width=15, no_wrap=True)
    row.add_column(width=12, no_wrap=True, overflow="ellipsis")
    row.add_column(width=14, no_wrap=True, overflow="ellipsis")
    row.add_column()
    title = Text(plain(event.title), style="bold")
    if event.end:
        title.append(f"  → {event.end.human()}", style="dim")
    row.add_row(
        Text("  " + event.date.human(), style="cyan"),
        Text(plain(event.kind), style="magenta"),
        Text(plain(_issuers_short(event)), style="green"),
        title,
    )
    return row


def _issuers_short(event: Line) -> str:
    """The lead issuer (as ``Event.lead_issuer``), and how many more."""
    lead = event.issuers[0] if event.issuers else ""
    extra = len(event.issuers) - 1
    return lead + (f" +{extra}" if extra else "")


def _indented(lines: list[Text]) -> Table:
    """Lines under an event row, wrapped with a hanging indent and never padded on the right."""
    block = Table.grid()
    block.add_column(width=4)
    block.add_column()
    for line in lines:
        block.add_row("", line)
    block.add_row("", "")
    return block


def _detail_lines(timeline: Timeline, event: Event) -> list[tuple[str, str]]:
    """The long form's lines under an event row, made plain, each with its style."""
    lines: list[tuple[str, str]] = []
    meta = [f"id: {event.id}"]
    if event.doc_number:
        meta.append(f"document: {event.doc_number}")
    if event.published:
        meta.append(f"published {event.published.human()}")
    meta.append("issued by " + ", ".join(timeline.issuer_label(code) for code in event.issuers))
    lines.append((plain(" · ".join(meta)), "dim"))
    if event.title_original:
        lines.append((plain(event.title_original), "italic"))
    lines.append((plain(event.summary), ""))
    for highlight in event.highlights:
        lines.append((plain(f"• {highlight}"), ""))
    for target in event.targets:
        lines.append((plain(f"◎ {target.metric}: {target.describe()}"), "yellow"))
        if target.outcome:
            lines.append((plain(f"  outcome: {_outcome_line(target.outcome)}"), "yellow"))
    for number, source in enumerate(event.sources, start=1):
        lines.append(
            (
                plain(
                    _source_line(
                        number, source.title, source.publisher, source.date.human(), source.url
                    )
                ),
                "dim",
            )
        )
    for related in timeline.related(event):
        lines.append(
            (
                plain(f"→ {related.phrase}: {related.other.title} ({related.other.date.human()})"),
                "blue",
            )
        )
    return lines


def _outcome_line(outcome: Outcome) -> str:
    """``met: 31.5 CNY billion as of 2020. note (source — publisher, 2021)``."""
    note = f". {' '.join(outcome.note.split())}" if outcome.note else ""
    sources = "; ".join(
        f"{source.title} — {source.publisher}, {source.date.human()}" for source in outcome.sources
    )
    return outcome.describe() + note + (f" ({sources})" if sources else "")


def _source_line(number: int, title: str, publisher: str, date: str, url: str | None) -> str:
    return f"[{number}] {title} — {publisher}, {date}" + (f". {url}" if url else "")


def render_markdown(
    timeline: Timeline, events: Sequence[Line], query: Filter, long: bool = False
) -> str:
    return "".join(markdown_chunks(timeline, events, query, long))


def markdown_chunks(
    timeline: Timeline, events: Sequence[Line], query: Filter, long: bool = False
) -> Iterator[str]:
    """The Markdown summary line by line, each made as it is written."""
    return (line + "\n" for line in _markdown_lines(timeline, events, query, long))


def _markdown_lines(
    timeline: Timeline, events: Sequence[Line], query: Filter, long: bool
) -> Iterator[str]:
    yield f"# {md(timeline.name)}"
    yield ""
    yield f"_{md(heading(timeline, events, query))}_"
    if not events:
        yield ""
        yield _nothing(query)
    for year, group in groupby(events, key=lambda event: event.date.year):
        yield ""
        yield f"## {year}"
        yield ""
        for event in group:
            period = f" – {event.end.human()}" if event.end else ""
            yield (
                f"- **{event.date.human()}{period}** · {md(event.kind)} · "
                f"{md(', '.join(event.issuers))} — {md(event.title)}"
            )
            if long:
                yield from _markdown_details(timeline, _whole(event))
    return


def _markdown_details(timeline: Timeline, event: Event) -> Iterator[str]:
    yield ""
    if event.title_original:
        yield f"  _{md(event.title_original)}_"
        yield ""
    if event.doc_number:
        yield f"  Document: {md(event.doc_number)}"
        yield ""
    for paragraph in plain(event.summary).split("\n\n"):
        yield "  " + md(" ".join(paragraph.split()))
        yield ""
    for highlight in event.highlights:
        yield f"  - {md(highlight)}"
    for target in event.targets:
        yield f"  - Target: {md(target.metric)}: {md(target.describe())}"
        if target.outcome:
            yield f"    - Outcome: {md(_outcome_line(target.outcome))}"
    if event.highlights or event.targets:
        yield ""
    for number, source in enumerate(event.sources, start=1):
        link = f" <{source.url}>" if source.url else ""
        yield (
            f"  {number}. {md(source.title)} — {md(source.publisher)}, {source.date.human()}.{link}"
        )
    for related in timeline.related(event):
        yield f"  - {related.phrase}: {md(related.other.title)} ({related.other.date.human()})"
    yield ""
