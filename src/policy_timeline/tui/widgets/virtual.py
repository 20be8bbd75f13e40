"""Resizing a Line-API view's content without laying out the whole screen again."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Gives ``view`` a new scrollable size and repaints it.

    Assigning ``virtual_size`` asks for a layout of the whole screen, which costs
    more than a keystroke may; the view's own box does not change with its
    content, so only its scrollbars need telling. When a scrollbar comes or goes
    the box's content width does change, and then the layout is done after all.
    """
    if size == view.virtual_size:
        view.refresh()
        return
    shown = (view.show_vertical_scrollbar, view.show_horizontal_scrollbar)
    view.set_reactive(Widget.virtual_size, size)
    view._scroll_update(size)
    changed = (view.show_vertical_scrollbar, view.show_horizontal_scrollbar) != shown
    view.refresh(layout=changed)
