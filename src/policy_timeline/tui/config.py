"""The user's settings: a hand-written ``config.toml`` (keymap) and what the app remembers.

The theme and the detail pane's share of the width the user last picked are
written by the app to ``state.json`` so that ``config.toml`` stays the user's
own file, never rewritten under them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.atomic import write_atomically
from policy_timeline.render.citation import CITATION_STYLES
from policy_timeline.tui.actions import remappable

APP_NAME = "policy-timeline"
CONFIG_FILE = "config.toml"
STATE_FILE = "state.json"
# The detail pane's share of the screen, in percent, that the user can pick from.
DETAIL_SHARES = (30, 40, 50, 20)
THEMES_FOLDER = "themes"


def default_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


@dataclass(slots=True)
class Settings:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    detail_share: int = DETAIL_SHARES[0]
    citation_style: str = CITATION_STYLES[0]
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
        except RecursionError:  # tomllib recurses once per nesting level
            settings.errors.append(f"{config}: nested too deeply to read")
            data = {}
        keymap = data.get("keymap", {})
        if isinstance(keymap, dict) and all(
            isinstance(key, str) and isinstance(value, str) for key, value in keymap.items()
        ):
            for binding, keys in keymap.items():
                if not remappable(binding):
                    settings.errors.append(
                        f"{config}: [keymap] {binding!r}: no key of the explorer has this id "
                        "(docs/explorer.md lists them); left out"
                    )
                elif _valid_keys(keys):
                    settings.keymap[binding] = keys
                else:
                    settings.errors.append(
                        f"{config}: [keymap] {binding!r} = {keys!r}: not a comma-separated "
                        'list of keys such as "ctrl+f,slash"; left out'
                    )
        else:
            settings.errors.append(f"{config}: [keymap] must map binding ids to key strings")
        style = data.get("citation_style", CITATION_STYLES[0])
        if style in CITATION_STYLES:
            settings.citation_style = style
        else:
            settings.errors.append(
                f"{config}: citation_style must be one of "
                f"{', '.join(CITATION_STYLES)}, not {style!r}"
            )
    saved = _read_state(folder)
    theme, share = saved.get("theme"), saved.get("detail_share")
    if isinstance(theme, str):
        settings.theme = theme
    if isinstance(share, int) and share in DETAIL_SHARES:
        settings.detail_share = share
    return settings


def _read_state(folder: Path) -> dict[str, object]:
    try:
        saved = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return saved if isinstance(saved, dict) else {}


def _valid_keys(keys: str) -> bool:
    """Key names as Textual writes them: printable, no spaces, none empty."""
    names = keys.split(",")
    return all(
        name and name.isprintable() and " " not in name and not name.endswith("+") for name in names
    )


def remember(folder: Path, **values: str | int) -> str | None:
    """Remembers a choice beside the others; returns an error message instead of raising."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(
            folder / STATE_FILE, json.dumps(_read_state(folder) | values, sort_keys=True) + "\n"
        )
    except OSError as error:
        return f"cannot save the choice in {folder}: {error.strerror or error}"
    return None
