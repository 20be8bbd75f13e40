"""The targets board widget on its own: rows, cursor, header, widths and messages."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from policy_timeline.paths import bundled_timeline
from policy_timeline.query.board import BoardRow, board_rows
from policy_timeline.reading.loader import load_timeline
from policy_timeline.tui.widgets.target_board import TargetBoard

CSS = Path(__file__).parents[2] / "src" / "policy_timeline" / "tui" / "explorer.tcss"


class BoardApp(App[None]):
    CSS_PATH = str(CSS)

    def __init__(self, rows: list[BoardRow]) -> None:
        super().__init__()
        self.rows = rows
        self.highlighted: list[BoardRow | None] = []
        self.chosen: list[BoardRow] = []

    def compose(self) -> ComposeResult:
        yield TargetBoard()

    def on_mount(self) -> None:
        board = self.query_one(TargetBoard)
        board.show(self.rows)
        board.focus()

    def on_target_board_highlighted(self, message: TargetBoard.Highlighted) -> None:
        self.highlighted.append(message.row)

    def on_target_board_chosen(self, message: TargetBoard.Chosen) -> None:
        self.chosen.append(message.row)


def bundled_rows() -> list[BoardRow]:
    return board_rows(load_timeline(bundled_timeline()).timeline.events)


def screen_lines(app: App[None]) -> list[str]:
    board = app.query_one(TargetBoard)
    return [board.render_line(y).text for y in range(board.size.height)]


async def test_header_then_one_line_per_target_by_deadline() -> None:
    rows = bundled_rows()
    app = BoardApp(rows)
    async with app.run_test(size=(120, 40)):
        lines = screen_lines(app)
        assert lines[0].split()[:3] == ["Deadline", "Metric", "Goal"]
        assert "Lead" in lines[0] and "Outcome" in lines[0]
        shown = [line for line in lines[1:] if line.strip()]
        assert len(shown) == min(len(rows), 39)
        for line, row in zip(shown, rows, strict=False):
            assert line.startswith(" " + row.deadline_text)
            assert row.event.lead_issuer[:12] in line  # cut with an ellipsis when long


async def test_narrow_board_drops_the_issuer_and_keeps_the_outcome() -> None:
    rows = bundled_rows()
    app = BoardApp(rows)
    async with app.run_test(size=(80, 24)):
        lines = screen_lines(app)
        assert "Lead" not in lines[0] and lines[0].rstrip().endswith("Outcome")
        width = app.query_one(TargetBoard).scrollable_content_region.width
        assert width >= 76 and all(len(line) == width for line in lines)
        first = lines[1]
        assert first.rstrip().endswith(rows[0].target.outcome_text()[:10].rstrip()) or (
            rows[0].target.outcome_text()[:8] in first
        )


async def test_cursor_moves_post_rows_and_enter_chooses() -> None:
    rows = bundled_rows()
    app = BoardApp(rows)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.highlighted[-1] is rows[0]
        await pilot.press("j", "down")
        assert app.highlighted[-1] is rows[2]
        await pilot.press("G")
        assert app.highlighted[-1] is rows[-1]
        await pilot.press("k", "enter")
        assert app.chosen == [rows[-2]]
        await pilot.press("g")
        assert app.query_one(TargetBoard).current is rows[0]


async def test_the_cursor_stays_in_sight_below_the_header() -> None:
    rows = bundled_rows() * 20  # a board longer than the screen
    app = BoardApp(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        board = app.query_one(TargetBoard)

        def in_sight() -> bool:
            # Row r is line r + 1 of the board; the header covers line scroll_offset.y.
            top = board.scroll_offset.y
            return top < board.cursor + 1 < top + board.scrollable_content_region.height

        assert board.scrollable_content_region.height == board.size.height  # no scrollbar below
        for key in ["down"] * 30 + ["pagedown"] * 3 + ["up"] * 30 + ["G", "pageup", "g"]:
            await pilot.press(key)
            assert in_sight(), (key, board.cursor, board.scroll_offset.y)
            assert screen_lines(app)[0].lstrip().startswith("Deadline")
        assert board.cursor == 0


async def test_an_empty_board_says_so() -> None:
    app = BoardApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        assert "No targets" in screen_lines(app)[1]
        await pilot.press("enter", "j")
        assert app.chosen == [] and app.highlighted == [None]


async def test_a_selection_is_laid_out_as_if_measured_afresh() -> None:
    """Each row is measured once, and a filter's selection then sized from those measures."""
    rows = bundled_rows()
    selections = [rows[::3], [row for row in rows if row.target.outcome is None], rows[-2:]]
    fresh: list[list[str]] = []
    for selection in selections:
        app = BoardApp(selection)
        async with app.run_test(size=(120, 40)):
            fresh.append(screen_lines(app))
    app = BoardApp(rows)
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.query_one(TargetBoard)
        for selection, lines in zip(selections, fresh, strict=True):
            board.show(selection)
            await pilot.pause()
            assert screen_lines(app) == lines
