"""The detail pane's lines, drawn straight from the wrapped text, are Rich's lines.

``reading.lines`` skips Rich's general render pass for the kinds the pane is
made of; these tests hold it, cell by cell and style by style, to what Rich
draws for the same renderables (and, for a hanging indent, to the two-column
grid it replaced), over every event of the bundled timeline.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.urls import is_web_url
from policy_timeline.paths import bundled_timeline
from policy_timeline.reading.loader import load_timeline
from policy_timeline.tui.widgets import reading

UNDER = Style(color="#c0c0c0", bgcolor="#102030")
SECTION = Style(color="#ff8000", bold=True)
Cells = list[list[tuple[str, Style]]]


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return load_timeline(bundled_timeline(), cache=False).timeline


def cells(lines: list[list[Segment]]) -> Cells:
    return [
        [(char, style or Style()) for text, style, _ in line for char in text] for line in lines
    ]


def parts(timeline: Timeline, event: Event) -> list[RenderableType]:
    drawn: list[RenderableType] = [
        reading.reading(timeline, event, SECTION),
        reading.heading("Sources", reading.SOURCES_HINT, SECTION),
    ]
    drawn += [
        reading.source_choice(number, source, is_web_url(source.url))
        for number, source in enumerate(event.sources, start=1)
    ]
    drawn += [
        reading.related_choice(link.phrase, link.other, link.note)
        for link in timeline.related(event)
    ]
    return drawn


def grid(hanging: reading.Hanging) -> Table:
    """A hanging indent as the pane drew it before: a grid of two columns."""
    table = Table.grid(expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_row(hanging.lead, hanging.text)
    return table


def rich_lines(console: Console, part: RenderableType, width: int) -> Cells:
    if isinstance(part, reading.Hanging):
        part = grid(part)
    options = console.options.update_width(width)
    return cells(console.render_lines(part, options, style=UNDER, pad=True))


@pytest.mark.parametrize("width", [25, 34, 46, 77])
def test_lines_are_what_rich_draws(timeline: Timeline, width: int) -> None:
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    compared = 0
    for event in timeline.events:
        for part in parts(timeline, event):
            if isinstance(part, reading.Hanging) and width - part.lead.cell_len < reading.NARROWEST:
                continue  # told apart below
            drawn = cells(reading.lines(console, part, width, UNDER))
            assert drawn == rich_lines(console, part, width), (event.id, type(part).__name__)
            assert all(cell_len("".join(char for char, _ in line)) == width for line in drawn)
            compared += 1
    assert compared > 100


def test_the_title_keeps_its_own_style() -> None:
    """Rich leaves a text's own style out when the text has no spans."""
    console = Console(width=40, color_system="truecolor", force_terminal=True)
    (line,) = reading.lines(console, Text("A title", style="bold"), 20, UNDER)
    assert line[0].style == UNDER + Style(bold=True)


def test_a_lead_too_wide_for_a_hanging_indent_goes_above_its_text() -> None:
    """A grid cut the lead and dropped the text; the text now goes under it."""
    console = Console(width=40, color_system="truecolor", force_terminal=True)
    hanging = reading.Hanging(Text("responded to by  "), Text("Regional plan for rail freight"))
    lines = ["".join(segment.text for segment in line) for line in hanging.lines(console, 22)]
    assert lines == ["responded to by  ", "Regional plan for rail", "freight"]
