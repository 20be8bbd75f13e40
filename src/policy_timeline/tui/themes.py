"""Theme files: small TOML mappings onto ``textual.theme.Theme``, read without trusting them."""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.types import CSSLocation
from textual.theme import Theme
from textual.widget import Widget

DEFAULT_THEME = "policy-dark"
THEME_SUFFIX = ".toml"

_COLOURS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
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
    except RecursionError:  # tomllib recurses once per nesting level
        raise ThemeFileError(f"{path}: nested too deeply to read") from None
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
        if not 0 <= value <= 1:  # NaN and infinities included
            raise fail(f"'{key}' must be a number from 0 to 1, not {value}")
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


def theme_problem(theme: Theme, stylesheet: Stylesheet, defaults: dict[str, str]) -> str | None:
    """Why a theme cannot be used, found by building its colours and parsing the
    app's styles with its variables, as applying it would; None if it can be.

    A variable's value goes into the styles as written, so one that is not a
    value of the right kind ("1" for a colour, or text with "}") would stop the
    app when the theme is applied.
    """
    try:
        variables = {**defaults, **theme.to_color_system().generate(), **theme.variables}
        trial = stylesheet.copy()
        # Widgets not shown yet add their styles when they are first mounted.
        for read_from, css, tie_breaker, scope in _every_widgets_default_css():
            trial.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )
        trial.set_variables(variables)
        trial.reparse()
    except StylesheetParseError:
        return (
            f"theme {theme.name!r} cannot be used: one of its variables is not a value "
            "the styles can use where they use it"
        )
    except Exception as error:  # whatever fails, the theme is not applied
        first_line = str(error).strip().splitlines()[:1]
        return f"theme {theme.name!r} cannot be used: {first_line[0] if first_line else error!r}"
    return None


def _every_widgets_default_css() -> list[tuple[CSSLocation, str, int, str]]:
    """The DEFAULT_CSS of every widget class, as Textual adds it when one is mounted."""
    found: list[tuple[CSSLocation, str, int, str]] = []
    seen: set[type[Widget]] = set()
    pending: list[type[Widget]] = [Widget]
    while pending:
        widget = pending.pop()
        if widget in seen:
            continue
        seen.add(widget)
        pending.extend(widget.__subclasses__())
        css = widget.__dict__.get("DEFAULT_CSS", "")
        if css:
            scope = widget.__name__ if widget.__dict__.get("SCOPED_CSS", True) else ""
            found.append(((_file_of(widget), f"{widget.__name__}.DEFAULT_CSS"), css, 0, scope))
    return found


def _file_of(widget: type[Widget]) -> str:
    try:
        return inspect.getfile(widget)
    except (TypeError, OSError):
        return ""


def _colour(value: object, key: str, fail: Callable[[str], ThemeFileError]) -> str:
    if not isinstance(value, str):
        raise fail(f"'{key}' must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise fail(f"'{key}': {value!r} is not a colour") from None
    return value
