"""The find box: Textual's input, typed into without laying out the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBox(Input):
    """An input whose text width is not a layout.

    Textual's input sets its scrollable width to the width of its text on every
    keystroke, and a widget's scrollable size asks for a layout of the whole
    screen. The box's own size never follows its text (it has no scrollbar), so
    its scrolling needs only the number, not a layout.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
