"""What the detail pane says about an event, as Rich renderables: no widgets here."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from policy_timeline.model.events import Event, Source, Timeline

SOURCES_HINT = "enter or o opens"
RELATED_HINT = "enter follows, backspace returns"


def reading(timeline: Timeline, event: Event, section: Style) -> Group:
    """The event's own text: title, facts, summary, highlights and targets."""
    parts: list[RenderableType] = [
        head(event),
        Text(""),
        facts(timeline, event),
        Text(""),
        Text(event.summary),
    ]
    if event.highlights:
        parts += [
            Text(""),
            Text("Highlights", style=section),
            Text("\n").join(Text(f"• {line}") for line in event.highlights),
        ]
    if event.targets:
        parts += [Text(""), Text("Targets", style=section), targets(event)]
    parts.append(Text(""))
    return Group(*parts)


def heading(title: str, hint: str, section: Style) -> Text:
    """A section's title and what its keys do; the hint wraps rather than being cut."""
    return Text.assemble((title, section), "  ", (f"({hint})", "dim"))


def head(event: Event) -> Text:
    text = Text(event.title, style="bold")
    if event.title_original:
        text.append("\n" + event.title_original)
    text.append(f"\n{event.id}", style="dim")
    return text


class Facts:
    """Labelled lines, each value wrapped beside its label: a two-column grid.

    A Rich table would measure every cell first, which costs more than a cursor
    move may; the labels are short words, so their column is simply the widest.
    """

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gutter = max((len(label) for label, _ in self.rows), default=0) + 2
        width = max(options.max_width - gutter, 1)
        bold, blank = Style(bold=True), " " * gutter
        for label, value in self.rows:
            for number, line in enumerate(Text(value).wrap(console, width)):
                yield Segment(label.ljust(gutter) if number == 0 else blank, bold)
                yield from line.render(console, end="")
                yield Segment.line()


def facts(timeline: Timeline, event: Event) -> Facts:
    date = event.date.human() + f"  ({event.date.precision.name.lower()} precision)"
    rows: list[tuple[str, str]] = [("Date", date)]
    if event.end:
        rows.append(("Until", f"{event.end.human()}  (a period: {event.date_label()})"))
    if event.published:
        rows.append(("Published", event.published.human()))
    if event.effective:
        rows.append(("Effective", event.effective.human()))
    if event.doc_number:
        rows.append(("Document", event.doc_number))
    if event.status:
        rows.append(("Status", event.status))
    rows.append(("Kind", timeline.kind_label(event.kind)))
    issuers = timeline.vocabulary.issuers or {}
    for number, code in enumerate(event.issuers):
        issuer = issuers.get(code)
        name = issuer.label() if issuer else code
        if issuer and issuer.name_original:
            name += f" ({issuer.name_original})"
        if issuer and issuer.name and issuer.name != code:
            name = f"{code}: {name}"
        rows.append(("Issuers" if number == 0 else "", name))
    for number, sector in enumerate(event.sectors):
        rows.append(("Sectors" if number == 0 else "", timeline.sector_label(sector)))
    rows.append(("File", event.file))
    return Facts(rows)


def targets(event: Event) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column(Text("Metric"), ratio=3)
    table.add_column(Text("Goal"), ratio=2)
    table.add_column(Text("Src"), no_wrap=True)
    for target in event.targets:
        metric = Text(target.metric)
        if target.note:
            metric.append(f"\n{target.note}", style="dim")
        source = Text(f"[{target.source}]" if target.source else "")
        goal = Text(target.describe())
        if target.outcome:
            goal.append(f"\n{target.outcome.describe()}", style="italic")
        table.add_row(metric, goal, source)
    return table


def source_choice(number: int, source: Source, openable: bool) -> Table:
    """The number, then the source: its wrapped lines stay right of the number."""
    text = Text(source.title)
    text.append(f"\n{source.publisher}, {source.date.human()}", style="dim")
    if source.url:
        text.append(f"\n{source.url}", style="underline" if openable else "")
    return hanging(Text(f"[{number}] ", style="bold"), text)


def related_choice(phrase: str, other: Event, note: str | None) -> Table:
    """The phrase, then the event: its wrapped lines stay right of the phrase."""
    text = Text.assemble(other.date_label(), "  ", other.title, (f"  ({note})" if note else ""))
    return hanging(Text(f"{phrase}  ", style="italic"), text)


def hanging(lead: Text, text: Text) -> Table:
    """``lead`` then ``text``, whose wrapped lines keep the indent of the lead."""
    grid = Table.grid(expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(lead, text)
    return grid
