"""What a view of events posts up about one of them: its row in ``timeline.events``."""

from __future__ import annotations

from textual.message import Message


class RowMessage(Message):
    """About the event at ``row`` into ``timeline.events``, or none (``None``)."""

    def __init__(self, row: int | None) -> None:
        super().__init__()
        self.row = row
