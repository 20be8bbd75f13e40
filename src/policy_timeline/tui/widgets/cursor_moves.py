"""The moves every line view shares: one row, a page, the first and the last.

The list, the periods view and the targets board answer the same move bindings
(the ``timeline.*`` actions of ``tui/actions.py``, so a remapped key moves all
three); each says only how it reaches a row, how many rows it has, and how much
of a page a step keeps.
"""

from __future__ import annotations

from typing import ClassVar


class CursorMoves:
    # Rows a page step keeps in view of the page before it (a header, a margin).
    PAGE_KEPT: ClassVar[int] = 2

    def move_cursor(self, to: int, step: int) -> None:
        """Puts the cursor on row ``to`` or, where that row cannot hold it, the
        nearest that can in the direction of ``step``."""
        raise NotImplementedError

    def cursor_row(self) -> int:
        raise NotImplementedError

    def row_count(self) -> int:
        raise NotImplementedError

    def page_rows(self) -> int:
        raise NotImplementedError

    def _page(self) -> int:
        return max(1, self.page_rows() - self.PAGE_KEPT)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row() + 1, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row() - 1, -1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row() + self._page(), 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row() - self._page(), -1)

    def action_first(self) -> None:
        self.move_cursor(0, 1)

    def action_last(self) -> None:
        self.move_cursor(self.row_count() - 1, -1)
