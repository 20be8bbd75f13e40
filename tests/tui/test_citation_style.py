"""`y` copies the citation in the style config.toml names: plain, bibtex or csl-json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_timeline.render.citation import CITATION_STYLES
from policy_timeline.tui.config import read_settings

from .conftest import MakeApp, recording


def config_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    (folder / "config.toml").write_text(text, "utf-8")
    return folder


@pytest.mark.parametrize("style", CITATION_STYLES)
async def test_y_copies_in_the_configured_style(
    make_app: MakeApp, tmp_path: Path, style: str
) -> None:
    app = make_app(config_dir=config_with(tmp_path, f'citation_style = "{style}"\n'))
    _, copied = recording(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "y")
    (text,) = copied
    if style == "bibtex":
        assert text.startswith("@misc{rail-plan-2019,\n")
        assert "  number = {T-2019-1},\n" in text
    elif style == "csl-json":
        item = json.loads(text)
        assert item["id"] == "rail-plan-2019" and item["number"] == "T-2019-1"
    else:
        assert "Rail Freight Plan (2019-2021)" in text and "\n" not in text


def test_an_unknown_style_is_reported_and_the_default_kept(tmp_path: Path) -> None:
    settings = read_settings(config_with(tmp_path, 'citation_style = "apa"\n'))
    assert settings.citation_style == "plain"
    assert any(
        "citation_style must be one of plain, bibtex, csl-json, not 'apa'" in error
        for error in settings.errors
    )
