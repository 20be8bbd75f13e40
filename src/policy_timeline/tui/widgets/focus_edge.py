"""A view's edge that shows its focus without restyling the view when focus moves."""

from __future__ import annotations

from typing import ClassVar

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class FocusEdge(Widget):
    """A view whose right edge takes the ``FOCUS_EDGE`` component's colour while it has focus.

    The edge itself, or its absence where no pane lies to the right, is the view's
    ``border-right`` in explorer.tcss. A ``:focus`` rule would colour it, but Textual
    restyles a widget and each of its component classes whenever it gains or loses
    focus, and the list regains focus in the very key that applies a filter (about
    2 ms of it). Here the colour is set on the view's inline style instead.
    """

    # A component class whose colour is the edge's while the view has focus.
    FOCUS_EDGE: ClassVar[str]

    def watch_has_focus(self, has_focus: bool) -> None:
        # No restyle: nothing in the stylesheet follows these views' focus. Textual
        # repaints a widget as its focus changes, the edge with the rest.
        self._colour_edge()

    def render_lines(self, crop: Region) -> list[Strip]:
        # After a restyle (a theme, a narrower screen): a restyle works the component
        # classes out after it has notified the view, so the focus colour of a new
        # theme is known only now. Setting it repaints the view once more.
        self._colour_edge()
        return super().render_lines(crop)

    def _colour_edge(self) -> None:
        edge, colour = self.styles.base.border_right
        if edge and self.has_focus:
            colour = self.get_component_styles(self.FOCUS_EDGE).color
        if self.styles.inline.border_right != (edge, colour):
            self.styles.inline.border_right = (edge, colour)
