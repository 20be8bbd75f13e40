"""Whether a web browser can open here: not over SSH, nor on a machine with no display.

Python's ``webbrowser`` falls back to text browsers (lynx, w3m) that would take
over the explorer's terminal, and reports success where nothing visible opened,
so the explorer asks first and, when the answer is no, copies the address.
A browser command that exists but fails (a broken ``BROWSER``) is only known
once it has run, so ``open_in_browser`` answers whether it did.
"""

from __future__ import annotations

import os
import sys
import webbrowser


def browser_available() -> bool:
    if sys.platform in ("darwin", "win32"):
        return "SSH_CONNECTION" not in os.environ
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def open_in_browser(url: str) -> bool:
    """Opens the address; False when the browser command failed or none could run.

    ``webbrowser`` waits for a ``BROWSER`` command to exit, so call this off the
    event loop.
    """
    try:
        return webbrowser.open(url)
    except (webbrowser.Error, OSError):
        return False
