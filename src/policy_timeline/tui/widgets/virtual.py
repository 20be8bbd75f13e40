"""Line-API views whose content is resized without laying out the whole screen again."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


class LineView(ScrollView):
    """A scroll view drawn a line at a time, whose lines give its virtual size."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # A layout offers a view without children its own box as its virtual size.
        # Taken at its word, that differs from the lines' size on every layout, and
        # the scroll bar asks to be drawn again after the frame was painted: a
        # second frame for each filter. The lines' own size is the one that holds.
        return super()._size_updated(size, self.virtual_size, container_size, layout)


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
