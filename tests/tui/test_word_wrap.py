"""The detail pane's own word wrap gives Rich's lines, for any text and width.

``word_wrap`` breaks lines of printable ASCII where Rich's ``Text.wrap`` would,
and ``reading.text_lines`` sends it the lines it can take and Rich the rest;
both are held here to Rich, over texts made to find the corners: runs of spaces,
words wider than the pane, wide and combining characters, tabs, newlines, control
codes, and styles given to the whole text, to whole lines or to parts of them.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from policy_timeline.tui.widgets import reading, word_wrap

UNDER = Style(color="#c0c0c0", bgcolor="#102030")
CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True)

ascii_lines = st.text(alphabet="ab  cd-./:x", max_size=60)
widths = st.integers(min_value=1, max_value=30)
chunks = st.one_of(
    st.text(alphabet="ab  c-", max_size=25),
    st.text(alphabet="ab  c-\n\t\x1b\x07é中\u0301", max_size=25),
)
styles = st.sampled_from(["", "bold", "dim", "underline", "italic"])


@st.composite
def texts(draw: st.DrawFn) -> Text:
    """A text of chunks, each with a style of its own or none, over an own style."""
    text = Text(style=draw(styles))
    for chunk, style in draw(st.lists(st.tuples(chunks, styles), max_size=5)):
        text.append(chunk, style=style or None)
    return text


def cells(lines: list[list[Segment]]) -> list[list[tuple[str, Style]]]:
    return [
        [(char, style or Style()) for text, style, _ in line for char in text] for line in lines
    ]


@settings(max_examples=500)
@given(ascii_lines, widths)
def test_a_line_of_ascii_breaks_where_rich_breaks_it(line: str, width: int) -> None:
    assert word_wrap.applies(line)
    rich = [wrapped.plain for wrapped in Text(line).wrap(CONSOLE, width, overflow="fold")]
    assert word_wrap.wrap_line(line, width) == rich


@settings(max_examples=500)
@given(texts(), widths)
# Two cells wide, three characters long: Rich drops the styled space.
@example(Text("e\u0301 ", style="bold"), 2)
def test_the_pane_draws_any_text_as_rich_does(text: Text, width: int) -> None:
    options = CONSOLE.options.update_width(width)
    rich = CONSOLE.render_lines(text, options, style=UNDER, pad=True)
    assert cells(reading.lines(CONSOLE, text, width, UNDER)) == cells(rich)


def test_only_printable_ascii_is_wrapped_by_hand() -> None:
    assert word_wrap.applies("Plan for 2030: targets, sources.")
    assert not any(map(word_wrap.applies, ["tab\there", "wide 中", "e\u0301", "esc\x1b[31m"]))
