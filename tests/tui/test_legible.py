"""What a user sees in the list, read from the rendered strips, in every shipped theme.

The cursor row and the year rows must stand out from the event rows around
them, and every character drawn must reach WCAG AA contrast (4.5:1) against
the background it is drawn on.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from rich.color import Color, ColorSystem
from rich.segment import Segment
from textual.pilot import Pilot

from policy_timeline.paths import bundled_themes
from policy_timeline.tui.config import DETAIL_SHARES
from policy_timeline.tui.list_columns import (
    DATE_SHORT,
    ISSUER_SHORT,
    KIND_SHORT,
    TITLE_MIN,
    Columns,
    fit_columns,
)
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.priority_footer import PRIORITY, PriorityFooter
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp
from .test_snapshots import SHIPPED

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

RGB = tuple[int, int, int]
AA = 4.5
# How far apart (in RGB) two backgrounds must be to be told apart at a glance.
APART = 30


def luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: RGB, second: RGB) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def distance(first: RGB, second: RGB) -> float:
    return float(sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) ** 0.5)


def rgb(color: Color | None) -> RGB:
    assert color is not None, "a cell drawn with the terminal's default colour"
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def cells(segments: list[Segment]) -> list[tuple[str, RGB, RGB]]:
    found = []
    for segment in segments:
        style = segment.style
        assert style is not None
        for character in segment.text:
            found.append((character, rgb(style.color), rgb(style.bgcolor)))
    return found


def rows(timeline: TimelineList) -> tuple[list[list[tuple[str, RGB, RGB]]], list[str]]:
    """Each visible line's cells, and its kind: "year", "cursor", "event" or "blank"."""
    lines, kinds = [], []
    cursor_line = timeline.lines.event_line[timeline.cursor]
    for y in range(timeline.scrollable_content_region.height):
        line = timeline.scroll_offset.y + y
        lines.append(cells(list(timeline.render_line(y))))
        value = timeline.lines.lines[line] if line < len(timeline.lines) else None
        kinds.append(
            "blank"
            if value is None
            else "year"
            if value < 0
            else "cursor"
            if line == cursor_line
            else "event"
        )
    return lines, kinds


def background(line: list[tuple[str, RGB, RGB]]) -> set[RGB]:
    return {back for _, _, back in line}


async def themed_list(pilot: Pilot[None], theme: str, *keys: str) -> TimelineList:
    """The list in a theme, after the keys; the cursor on the second event."""
    pilot.app.theme = theme
    await pilot.press(*keys, "j")
    return pilot.app.screen.query_one(TimelineList)


@pytest.mark.parametrize("focused", [True, False], ids=["focused", "blurred"])
@pytest.mark.parametrize("theme", SHIPPED)
async def test_cursor_and_year_rows_are_bands(make_app: MakeApp, theme: str, focused: bool) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = await themed_list(pilot, theme)
        if not focused:
            app.screen.set_focus(None)
        await pilot.pause()
        lines, kinds = rows(timeline)
        event_backgrounds = {
            back
            for line, kind in zip(lines, kinds, strict=True)
            if kind == "event"
            for back in background(line)
        }
        assert len(event_backgrounds) == 1, "event rows share one background"
        cursor = lines[kinds.index("cursor")]
        assert len(background(cursor)) == 1, "the cursor is one bar, edge to edge"
        assert distance(next(iter(background(cursor))), next(iter(event_backgrounds))) >= APART
        for line, kind in zip(lines, kinds, strict=True):
            if kind == "year":
                assert len(background(line)) == 1, "a year band is edge to edge"
                band = next(iter(background(line)))
                assert distance(band, next(iter(event_backgrounds))) >= APART
                assert distance(band, next(iter(background(cursor)))) >= APART
                assert "event" in "".join(character for character, _, _ in line)


def in_256_colours(color: RGB) -> RGB:
    """The colour a terminal without truecolor shows (Rich picks it, as Textual draws)."""
    triplet = Color.from_rgb(*color).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


# Near enough that a grey stays a grey: Rich sends a slightly blue grey to the 6x6x6
# cube, and policy-dark's panel (#2b3240) came out teal in tmux without truecolor.
SAME_IN_256 = 25


@pytest.mark.parametrize("theme", SHIPPED)
def test_backgrounds_keep_their_colour_in_256_colours(theme: str) -> None:
    settings = tomllib.loads((bundled_themes() / f"{theme}.toml").read_text("utf-8"))
    for name in ("background", "surface", "panel"):
        triplet = Color.parse(settings[name]).get_truecolor()
        color = (triplet.red, triplet.green, triplet.blue)
        shown = in_256_colours(color)
        assert distance(color, shown) <= SAME_IN_256, f"{theme} {name} {color} shows as {shown}"


@pytest.mark.parametrize("colours", ["truecolor", "256"])
@pytest.mark.parametrize("search", ["", "plan"], ids=["plain", "searched"])
@pytest.mark.parametrize("theme", SHIPPED)
async def test_every_character_in_the_list_reaches_aa(
    make_app: MakeApp, theme: str, search: str, colours: str
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        keys = ("slash", *search, "enter") if search else ()
        timeline = await themed_list(pilot, theme, *keys)
        for focused in (True, False):
            if not focused:
                app.screen.set_focus(None)
            await pilot.pause()
            lines, kinds = rows(timeline)
            for y, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
                for x, (character, fore, back) in enumerate(line):
                    if character.strip() and character != "▌":
                        if colours == "256":
                            fore, back = in_256_colours(fore), in_256_colours(back)
                        ratio = contrast(fore, back)
                        assert ratio >= AA, (
                            f"{theme}: {kind} row {y} column {x} {character!r}"
                            f" {fore} on {back} is {ratio:.2f}:1"
                        )


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_footer_keeps_the_most_important_keys_whole(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(PriorityFooter)
        keys, palette = footer.shown, footer.palette
        assert palette is not None
        assert [key.key for key in keys][:4] == ["q", "question_mark", "slash", "s"]
        ranks = [PRIORITY.index(key.binding_id or "") for key in keys]
        assert ranks == sorted(ranks), "shown in order of priority"
        line = app.screen._compositor.render_strips()[footer.region.y].text
        for key in keys:
            drawn = line[key.x : key.x + key.width]
            assert key.key_display in drawn and key.description in drawn, f"{drawn!r} is cut"
            assert key.x + key.width <= palette.x, f"{key.description!r} is cut or hidden"
        assert line.rstrip().endswith(palette.description)


def test_columns_give_way_to_the_title_in_order() -> None:
    natural = Columns(date=18, kind=11, issuer=13)
    wide, narrower, narrow = (fit_columns(natural, width) for width in (100, 70, 58))
    assert wide == natural
    assert narrower == Columns(18, 11, ISSUER_SHORT), "the issuer shrinks first"
    assert narrow == Columns(18, KIND_SHORT, 0), "then the kind shrinks and the issuer goes"
    assert fit_columns(natural, 30) == Columns(DATE_SHORT, 0, 0)
    for width in (30, 58, 70, 100):
        title = width - fit_columns(natural, width).used()
        assert title >= min(TITLE_MIN, width // 2), width


async def test_w_changes_the_split_and_it_is_remembered(make_app: MakeApp, tmp_path: Path) -> None:
    config = tmp_path / "settings"
    app = make_app(config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        detail = app.screen.query_one(DetailPane)
        before = detail.size.width
        await pilot.press("w")
        await pilot.pause()
        assert detail.size.width > before
        app.theme = "policy-light"
    remembered = json.loads((config / "state.json").read_text())
    assert remembered == {"detail_share": DETAIL_SHARES[1], "theme": "policy-light"}
    again = make_app(config_dir=config)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.screen.query_one(DetailPane).size.width > before


@pytest.mark.parametrize("theme", SHIPPED)
async def test_search_matches_stay_visible_on_the_cursor_row(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = await themed_list(pilot, theme, "slash", *"freight", "enter")
        await pilot.pause()
        lines, kinds = rows(timeline)
        cursor = lines[kinds.index("cursor")]
        text = "".join(character for character, _, _ in cursor)
        start = text.index("Freight")
        bar = cursor[0][2]
        assert all(back != bar for _, _, back in cursor[start : start + 7])
        assert all(back == bar for _, _, back in cursor[start + 8 : start + 12])
