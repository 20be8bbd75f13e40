"""The user's settings: a hand-written ``config.toml`` (keymap) and the remembered theme.

The theme the user last picked is written by the app to ``state.json`` so that
``config.toml`` stays the user's own file, never rewritten under them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.atomic import write_atomically

APP_NAME = "policy-timeline"
CONFIG_FILE = "config.toml"
STATE_FILE = "state.json"
THEMES_FOLDER = "themes"


def default_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


@dataclass(slots=True)
class Settings:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    errors: list[str] = field(default_factory=list)


def read_settings(folder: Path) -> Settings:
    settings = Settings()
    config = folder / CONFIG_FILE
    if config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            settings.errors.append(f"{config}: {error}")
            data = {}
        keymap = data.get("keymap", {})
        if isinstance(keymap, dict) and all(
            isinstance(key, str) and isinstance(value, str) for key, value in keymap.items()
        ):
            settings.keymap = dict(keymap)
        else:
            settings.errors.append(f"{config}: [keymap] must map binding ids to key strings")
    state = folder / STATE_FILE
    if state.is_file():
        try:
            saved = json.loads(state.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            saved = {}
        if isinstance(saved, dict) and isinstance(saved.get("theme"), str):
            settings.theme = saved["theme"]
    return settings


def save_theme(folder: Path, theme: str) -> str | None:
    """Remembers the theme; returns an error message instead of raising."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / STATE_FILE, json.dumps({"theme": theme}) + "\n")
    except OSError as error:
        return f"cannot save the theme choice in {folder}: {error.strerror or error}"
    return None
