"""What the detail pane says about an event, as Rich renderables: no widgets here.

``lines`` draws them as the pane needs them, one list of segments per line.
"""

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


Line = list[Segment]


def lines(console: Console, renderable: RenderableType, width: int, style: Style) -> list[Line]:
    """``renderable`` as lines of ``width`` cells with ``style`` under every segment.

    What ``Console.render_lines(renderable, style=style, pad=True)`` gives, drawn
    straight from the wrapped text for the kinds the pane is made of (a group,
    text, facts, a hanging indent): Rich's general pass renders every line once
    more to split it at the newlines it has just joined, which cost a third of a
    cursor move. Anything else goes through Rich.
    """
    if isinstance(renderable, Group):
        return [
            line for part in renderable.renderables for line in lines(console, part, width, style)
        ]
    if isinstance(renderable, (Text, Facts, Hanging)):
        return [_fit(line, width, style) for line in _text_lines(console, renderable, width)]
    options = console.options.update_width(width)
    return console.render_lines(renderable, options, style=style, pad=True)


def _text_lines(console: Console, renderable: Text | Facts | Hanging, width: int) -> list[Line]:
    if isinstance(renderable, Text):
        return [segments(console, line) for line in wrap(console, renderable, width)]
    return renderable.lines(console, width)


def segments(console: Console, text: Text) -> Line:
    """One line of text as segments, its own style included.

    ``Text.render`` leaves out the text's own style when it has no spans;
    Rich's render joins the lines first, which makes the style a span.
    """
    if text.style and not text.spans:
        return [Segment(text.plain, console.get_style(text.style))]
    return list(text.render(console))


def wrap(console: Console, text: Text, width: int) -> list[Text]:
    """``text`` wrapped at ``width`` as Rich wraps it when it renders it."""
    return list(
        text.wrap(
            console,
            width,
            justify=text.justify or "default",
            overflow=text.overflow or "fold",
            tab_size=text.tab_size or console.tab_size or 8,
            no_wrap=bool(text.no_wrap),
        )
    )


def _fit(line: Line, width: int, style: Style) -> Line:
    """``line`` cut or padded to ``width`` cells, ``style`` under each segment."""
    under = style.__add__
    styled = [Segment(text, under(own), None) for text, own, _ in line]
    return Segment.adjust_line_length(styled, width, style=style)


class Facts:
    """Labelled lines, each value wrapped beside its label: a two-column grid.

    A Rich table would measure every cell first, which costs more than a cursor
    move may; the labels are short words, so their column is simply the widest.
    """

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.rows = rows

    def lines(self, console: Console, width: int) -> list[Line]:
        gutter = max((len(label) for label, _ in self.rows), default=0) + 2
        room = max(width - gutter, 1)
        bold, blank = Style(bold=True), " " * gutter
        drawn: list[Line] = []
        for label, value in self.rows:
            for number, line in enumerate(Text(value).wrap(console, room)):
                lead = Segment(label.ljust(gutter) if number == 0 else blank, bold)
                drawn.append([lead, *segments(console, line)])
        return drawn

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options.max_width):
            yield from line
            yield Segment.line()


# The fewest cells a hanging indent leaves its text.
NARROWEST = 8


class Hanging:
    """``lead`` then ``text``, whose wrapped lines keep the indent of the lead.

    As a grid of two columns would draw it (the lead's width, then the rest),
    without a table's measuring of every cell. Where the lead would leave the
    text too narrow a column, the text goes under it at the full width (a grid
    would cut the lead and drop the text).
    """

    def __init__(self, lead: Text, text: Text) -> None:
        self.lead, self.text = lead, text

    def lines(self, console: Console, width: int) -> list[Line]:
        indent = self.lead.cell_len
        lead = segments(console, self.lead)
        drawn: list[Line] = []
        if width - indent < NARROWEST:
            drawn.append(lead)
            return drawn + [segments(console, line) for line in wrap(console, self.text, width)]
        for number, line in enumerate(wrap(console, self.text, max(width - indent, 1))):
            start = lead if number == 0 else [Segment(" " * indent)]
            drawn.append([*start, *segments(console, line)])
        return drawn

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options.max_width):
            yield from line
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


def source_choice(number: int, source: Source, openable: bool) -> Hanging:
    """The number, then the source: its wrapped lines stay right of the number."""
    text = Text(source.title)
    text.append(f"\n{source.publisher}, {source.date.human()}", style="dim")
    if source.url:
        text.append(f"\n{source.url}", style="underline" if openable else "")
    return Hanging(Text(f"[{number}] ", style="bold"), text)


def related_choice(phrase: str, other: Event, note: str | None) -> Hanging:
    """The phrase, then the event: its wrapped lines stay right of the phrase."""
    text = Text.assemble(other.date_label(), "  ", other.title, (f"  ({note})" if note else ""))
    return Hanging(Text(f"{phrase}  ", style="italic"), text)
