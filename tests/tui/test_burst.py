"""Keys typed in one burst (a fast typist, a paste of keys, a slow SSH link).

Every key of the burst is queued before the first has run its action, so a key
that moves the focus must not leave the keys behind it to the old focus.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.widgets import Input

from policy_timeline.tui.screens.main import MainScreen

from .conftest import MakeApp
from .test_search import header_text

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


def type_burst(app: App[None], keys: list[tuple[str, str]]) -> None:
    """Queue the keys as the terminal driver does, without waiting between them."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


def burst(text: str) -> list[tuple[str, str]]:
    named = {"/": "slash"}
    return [(named.get(character, character), character) for character in text]


async def test_a_word_typed_right_after_slash_is_searched_for(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        type_burst(app, burst("/freight"))
        await pilot.pause()
        await pilot.pause()
        # "f" used to open the in-force picker and "r" to go on from there.
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#search", Input).value == "freight"
        assert "find: freight" in header_text(app)


async def test_a_year_typed_right_after_d_goes_into_the_date_box(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        type_burst(app, burst("d2016"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one("#date-from", Input).value == "2016"


async def test_tab_typed_in_a_burst_moves_on_to_the_next_box(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        type_burst(app, [*burst("d2017"), ("tab", "\t"), *burst("2018")])
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#date-from", Input).value == "2017"
        assert screen.query_one("#date-to", Input).value == "2018"


async def test_a_date_typed_right_after_f_goes_into_the_in_force_box(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        type_burst(app, [*burst("f2019"), ("enter", "\r")])
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.state.in_force_on is not None
        assert screen.state.in_force_on.iso() == "2019"


async def test_a_range_typed_in_one_burst_fills_both_boxes_and_applies(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        enter = ("enter", "\r")
        type_burst(app, [*burst("d2017"), enter, *burst("2019"), enter])
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # "2019" used to go back into From: the enter moved on to To only once its
        # message came round, after the keys behind it.
        query = screen.state.filter
        assert query.date_from is not None and query.date_from.iso() == "2017"
        assert query.date_to is not None and query.date_to.iso() == "2019"


async def test_a_pause_does_not_select_what_was_typed_in_the_burst(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        type_burst(app, burst("/su"))
        await pilot.pause()
        await pilot.pause(0.1)
        type_burst(app, burst("bs"))
        await pilot.pause()
        # The box's focus event came after "su" was typed and selected it: "bs" replaced it.
        assert app.screen.query_one("#search", Input).value == "subs"


async def test_a_key_typed_right_after_the_search_enter_goes_to_the_list(make_app: MakeApp) -> None:
    """ "/rail⏎j" at once: the enter closes the find box before the "j" comes, so
    the "j" goes to the list instead of into the search ("railj")."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        type_burst(app, [*burst("/rail"), ("enter", "\r"), ("j", "j")])
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#search", Input).value == "rail"
        assert not screen.query_one("#search", Input).display
        assert screen.timeline_list.has_focus
