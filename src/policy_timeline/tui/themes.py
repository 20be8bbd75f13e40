"""Theme files: small TOML mappings onto ``textual.theme.Theme``, read without trusting them."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

DEFAULT_THEME = "policy-dark"
THEME_SUFFIX = ".toml"

_COLOURS = ("primary", "secondary", "warning", "error", "success", "accent",
            "foreground", "background", "surface", "panel", "boost")
_NUMBERS = ("luminosity_spread", "text_alpha")
_KNOWN = {"name", "dark", "variables", *_COLOURS, *_NUMBERS}


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file and the reason."""


@dataclass(slots=True)
class ThemeLoad:
    themes: list[Theme] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def load_theme_folder(folder: Path) -> ThemeLoad:
    """Every ``*.toml`` theme in a folder; a missing folder is simply empty."""
    found = ThemeLoad()
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(f"*{THEME_SUFFIX}")):
        try:
            found.themes.append(load_theme_file(path))
        except ThemeFileError as error:
            found.errors.append(str(error))
    return found


def load_theme_file(path: Path) -> Theme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeFileError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(f"{path}: not valid TOML: {error}") from None
    return theme_from_mapping(data, path)


def theme_from_mapping(data: dict[str, object], path: Path) -> Theme:
    def fail(message: str) -> ThemeFileError:
        return ThemeFileError(f"{path}: {message}")

    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise fail(f"unknown keys {', '.join(unknown)} (known: {', '.join(sorted(_KNOWN))})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("'name' must be a non-empty string")
    if "primary" not in data:
        raise fail("'primary' colour is required")
    colours: dict[str, str] = {}
    for key in _COLOURS:
        if key in data:
            colours[key] = _colour(data[key], key, fail)
    numbers: dict[str, float] = {}
    for key in _NUMBERS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(f"'{key}' must be a number")
        numbers[key] = float(value)
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise fail("'dark' must be true or false")
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in variables.items()
    ):
        raise fail("'variables' must be a table of strings")
    return Theme(
        name=name.strip(),
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        accent=colours.get("accent"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
        dark=dark,
        luminosity_spread=numbers.get("luminosity_spread", 0.15),
        text_alpha=numbers.get("text_alpha", 0.95),
        variables=dict(variables),
    )


def _colour(value: object, key: str, fail: Callable[[str], ThemeFileError]) -> str:
    if not isinstance(value, str):
        raise fail(f"'{key}' must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise fail(f"'{key}': {value!r} is not a colour") from None
    return value
