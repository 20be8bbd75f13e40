"""Where the bundled timeline (with its schemas) and themes are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    # An editable install or a source checkout: the folders at the repository top.
    return _PACKAGE.parent.parent / name


def bundled_timeline() -> Path:
    return _bundled("timeline")


def bundled_themes() -> Path:
    return _bundled("themes")


def bundled_schema() -> Path:
    """The event schema written into the bundled timeline by `schema --write`."""
    return bundled_timeline() / "event.schema.json"
