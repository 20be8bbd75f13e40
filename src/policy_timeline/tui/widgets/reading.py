"""What the detail pane says about an event, as Rich renderables: no widgets here.

``lines`` draws them as the pane needs them, one list of segments per line.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span, Text

from policy_timeline.model.events import Event, Source, Timeline
from policy_timeline.tui.widgets import word_wrap

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

    What ``Console.render_lines(renderable, style=style, pad=True)`` gives: each
    of ``wrapped_lines`` given to ``fit``.
    """
    return [fit(line, width, style) for line in wrapped_lines(console, renderable, width)]


def wrapped_lines(console: Console, renderable: RenderableType, width: int) -> list[Line]:
    """``renderable``'s lines at ``width``, before ``fit`` pads them and styles them.

    Drawn straight from the wrapped text for the kinds the pane is made of (a
    group, text, facts, a hanging indent): Rich's general pass renders every line
    once more to split it at the newlines it has just joined, which cost a third
    of a cursor move. Anything else goes through Rich. The pane fits only the
    lines it shows.
    """
    if isinstance(renderable, Group):
        return [
            line for part in renderable.renderables for line in wrapped_lines(console, part, width)
        ]
    if isinstance(renderable, (Text, Facts, Hanging)):
        return _text_lines(console, renderable, width)
    options = console.options.update_width(width)
    return console.render_lines(renderable, options, pad=False)


def _text_lines(console: Console, renderable: Text | Facts | Hanging, width: int) -> list[Line]:
    if isinstance(renderable, Text):
        return text_lines(console, renderable, width)
    return renderable.lines(console, width)


def text_lines(console: Console, text: Text, width: int) -> list[Line]:
    """``text`` wrapped at ``width`` as Rich wraps it, each line as segments.

    Rich wraps each of a text's lines apart from the others. A line of one
    style in printable ASCII is wrapped by ``word_wrap``; another that already
    fits (with no tab to expand) is its own and only wrapped line; the rest go
    through Rich's word wrap, whose fixed cost per line was most of a drawing.
    """
    as_rich = text.justify not in (None, "default") or text.overflow not in (None, "fold")
    if as_rich or text.no_wrap or width < 1:
        return [segments(console, line) for line in wrap(console, text, width)]
    drawn: list[Line] = []
    for plain, style, piece in _lines_of(console, text):
        if style is not False and word_wrap.applies(plain):
            drawn += [[Segment(line, style)] for line in word_wrap.wrap_line(plain, width)]
            continue
        piece = piece or Text(plain, style=text.style, tab_size=text.tab_size)
        if len(plain) <= width and piece.cell_len <= width and "\t" not in plain:
            # (Rich strips spaces that hang past the width counted in characters.)
            drawn.append(segments(console, piece))
        else:
            spans = tuple(piece.spans)
            wrapped = _wrapped_by_rich(console, plain, piece.style, spans, width, piece.tab_size)
            drawn += [list(line) for line in wrapped]
    return drawn


def _lines_of(
    console: Console, text: Text
) -> Iterator[tuple[str, Style | Literal[False] | None, Text | None]]:
    """Each of ``text``'s lines as Rich splits it: its characters, its one style
    (False if it has more), and the line as a text where it was made one."""
    if not text.spans:  # no text made for each line
        own = console.get_style(text.style) if text.style else None
        for plain in text.plain.split("\n"):
            yield plain, own, None
        return
    for piece in text.split("\n", allow_blank=True) if "\n" in text.plain else [text]:
        yield piece.plain, _one_style(console, piece), piece


@lru_cache(maxsize=1024)
def _wrapped_by_rich(
    console: Console,
    plain: str,
    style: str | Style,
    spans: tuple[Span, ...],
    width: int,
    tab_size: int | None,
) -> tuple[Line, ...]:
    """A line of text that Rich wraps, kept: the pane draws the same issuers'
    names and the same headings for one event after another."""
    text = Text(plain, style=style, spans=list(spans), tab_size=tab_size)
    return tuple(segments(console, line) for line in wrap(console, text, width))


def _one_style(console: Console, text: Text) -> Style | Literal[False] | None:
    """The style of every cell of ``text`` as Rich renders it, or False if they differ.

    Its own style, with those of any spans that cover all of it over it in turn.
    """
    styles = [span.style for span in text.spans if span.start == 0 and span.end >= len(text)]
    if len(styles) < len(text.spans) or (styles and not text.plain):
        return False
    if not styles:
        return console.get_style(text.style) if text.style else None
    null = Style.null()
    return Style.combine(console.get_style(style, default=null) for style in [text.style, *styles])


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


def fit(line: Line, width: int, style: Style) -> Line:
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
            for number, line in enumerate(text_lines(console, Text(value), room)):
                lead = Segment(label.ljust(gutter) if number == 0 else blank, bold)
                drawn.append([lead, *line])
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
            return drawn + text_lines(console, self.text, width)
        for number, line in enumerate(text_lines(console, self.text, max(width - indent, 1))):
            start = lead if number == 0 else [Segment(" " * indent)]
            drawn.append([*start, *line])
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
