"""Component styles looked up once per change of styles, not once per line or frame."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class KeptStyles(Widget):
    """A widget that keeps its component styles until its styles change.

    Textual works a component's style out by walking every ancestor, and every
    refresh forgets it: a page of new lines, or a strip redrawn on each key,
    would work the same few styles out hundreds of times.
    """

    _kept: dict[tuple[str, bool], Style] | None = None

    def kept_style(self, component: str, partial: bool = False) -> Style:
        """A component class's style; "" is the widget's own."""
        if self._kept is None:
            self._kept = {}
        key = (component, partial)
        style = self._kept.get(key)
        if style is None:
            style = self._kept[key] = (
                self.get_component_rich_style(component, partial=partial)
                if component
                else self.rich_style
            )
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kept = None
