"""The footer: as many of the keys that matter most as fit, whole, most important first.

Textual's footer lays every shown key in a row and cuts the row at the screen's
edge, mid-word. This one drops the least important keys instead.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from policy_timeline.tui.actions import footer_priority

# Binding ids, most important first (the action table's footer ranks); a shown
# binding not listed here comes after.
PRIORITY = footer_priority()
# Cells around a key and its description: " k" "desc " in the full style,
# "k desc" plus a gap in the compact one.
FULL_PADDING, COMPACT_PADDING = 3, 2
# Below this width the footer is compact, fitting one or two more keys.
COMPACT_BELOW = 100


def _rank(binding: Binding) -> int:
    return PRIORITY.index(binding.id) if binding.id in PRIORITY else len(PRIORITY)


class PriorityFooter(Footer):
    def on_resize(self) -> None:
        compact = self.size.width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
        self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        palette = self._palette_key()
        for binding, key_display, enabled, tooltip in self._fitting(palette):
            yield FooterKey(
                binding.key,
                key_display,
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            yield palette

    def _fitting(self, palette: FooterKey | None) -> list[tuple[Binding, str, bool, str]]:
        """The keys to show, most important first, as many as fit whole."""
        app = self.app
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        ranked = sorted(shown.values(), key=lambda item: _rank(item[0]))
        room = self.size.width or app.size.width
        if palette is not None:
            room -= cell_len(palette.key_display) + len(palette.description) + 3
        padding = COMPACT_PADDING if self.compact else FULL_PADDING
        fitting = []
        for binding, enabled, tooltip in ranked:
            key_display = app.get_key_display(binding)
            width = cell_len(key_display) + cell_len(binding.description) + padding
            if width > room:
                break  # a less important key never takes the place of a more important one
            room -= width
            fitting.append((binding, key_display, enabled, tooltip))
        return fitting

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._relabel)

    async def _relabel(self) -> None:
        """Shows the keys now in force by relabelling the key widgets already there.

        Focus moves change the keys in force; mounting a new row of key widgets
        each time (Textual's way) costs more than a keystroke may. Spare widgets
        are hidden, kept for when more keys are in force again.
        """
        keys = list(self.query_children(FooterKey).exclude(".-command-palette"))
        fitting = self._fitting(self._palette_key())
        if len(keys) < len(fitting):
            await self.recompose()
            return
        for widget, (binding, key_display, enabled, tooltip) in zip(keys, fitting, strict=False):
            label = (binding.key, key_display, binding.description, binding.action)
            if label != (widget.key, widget.key_display, widget.description, widget.action):
                widget.key, widget.key_display = binding.key, key_display
                widget.description, widget.action = binding.description, binding.action
                widget.refresh(layout=True)  # its width follows its label
            if widget._disabled == enabled:
                widget._disabled = not enabled
                widget.set_class(not enabled, "-disabled")
            widget.tooltip = tooltip or None
            widget.display = True
        for spare in keys[len(fitting) :]:
            spare.display = False

    def _palette_key(self) -> FooterKey | None:
        app = self.app
        if not (self.show_command_palette and app.ENABLE_COMMAND_PALETTE):
            return None
        found = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _, binding, enabled, _ = found
        return FooterKey(
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )
