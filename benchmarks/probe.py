"""Measurements that need a fresh process; run.py starts one per measurement.

    python benchmarks/probe.py floor-a DIR        parse every file, print nothing
    python benchmarks/probe.py cpu-split DIR      validate --no-cache; CPU of this process
                                                  and of its workers, as JSON
    python benchmarks/probe.py memory raw|load DIR   tracemalloc figures as JSON
    python benchmarks/probe.py frame bare|explorer|floor-c DIR [--keys N]

``frame`` prints the line ``FRAME`` as soon as the first frame is painted (run.py
times the process from its start to that line), then, for the explorer and
floor C, drives keys through the pilot and prints their latencies as one JSON
line: ``cursor``, ``page``, ``filter`` (the sector picker) and ``search``; the
other filters applied as a user does, ``filter_issuer`` and ``filter_kind`` (their
pickers) and ``filter_dates`` (the date dialog); and the same three moves in the
periods view (``periods-cursor``, ``periods-page``, ``periods-filter``) and on the
targets board (``targets-cursor``, ``targets-page``, ``targets-filter``), each a list
of ms (floor C has no filter or search, so those two lists are empty).
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compat import explorer_app, load, search_prepared


def event_files(root: Path) -> list[Path]:
    """The files the loader reads, found the same way (sorted walk, dot-names skipped)."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                found.append(Path(folder) / name)
    return found


def parse_raw(root: Path) -> list[Any]:
    """Floor A: read and parse with the C loader; no checks, nothing built."""
    return [
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in event_files(root)
    ]


def memory(kind: str, root: Path) -> dict[str, float]:
    gc.collect()
    tracemalloc.start()
    kept = parse_raw(root) if kind == "raw" else load(root, cached=False)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"current": current, "peak": peak, "maxrss": maxrss_kib * 1024}


# Frames and keys ------------------------------------------------------------------


def paint(app: Any) -> None:
    """Lays out and paints what is dirty now, as the screen's next refresh tick would.

    Headless apps skip only the final write of escape codes to the terminal.
    """
    app.screen._on_timer_update()


async def timed(app: Any, action: Callable[[], Awaitable[None]]) -> float:
    """CPU milliseconds spent handling one key and painting its result.

    The pilot sleeps at least 40 ms per press waiting for the app to go idle, so
    wall time would measure the pilot; process CPU time counts only the work.
    """
    start = time.process_time()
    await action()
    paint(app)
    return (time.process_time() - start) * 1000


def date_range(number: int) -> tuple[str, str]:
    """The From and To typed for the ``number``th date filter: years of the
    benchmark's timelines (1990 to 2030), every fifth range open at one end."""
    first = 1990 + (number * 7) % 35
    last = str(first + number % 10)
    if number % 5 == 4:
        return (str(first), "") if number % 10 == 4 else ("", last)
    return str(first), last


async def drive_keys(
    app: Any, pilot: Any, repeat: int, moves_only: bool = False
) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {
        "cursor": [],
        "page": [],
        "filter": [],
        "filter_issuer": [],
        "filter_kind": [],
        "filter_dates": [],
        "search": [],
        "periods-cursor": [],
        "periods-page": [],
        "periods-filter": [],
        "targets-cursor": [],
        "targets-page": [],
        "targets-filter": [],
    }
    for _ in range(repeat):
        results["cursor"].append(await timed(app, lambda: pilot.press("down")))
    for _ in range(repeat):
        results["page"].append(await timed(app, lambda: pilot.press("pagedown")))
    if moves_only:
        return results
    filters = max(repeat // 3, 5)
    # Each facet from no filter: open its picker, move to another value, time the
    # enter that applies it (the sector's list keeps its old name, ``filter``).
    for key, letter in (("filter", "s"), ("filter_issuer", "i"), ("filter_kind", "t")):
        for number in range(filters):
            await pilot.press(letter, *["down"] * (number % 6 + 1))
            paint(app)
            results[key].append(await timed(app, lambda: pilot.press("enter")))
        await pilot.press("c")
    for number in range(filters):
        # The date dialog: empty each box, type a year, time the enter that applies
        # the range. Ranges of one to ten years over the timeline, some open-ended.
        start, end = date_range(number)
        await pilot.press("d", "ctrl+u", *start, "enter", "ctrl+u", *end)
        paint(app)
        results["filter_dates"].append(await timed(app, lambda: pilot.press("enter")))
    await pilot.press("c")
    word = "subsidies"
    while len(results["search"]) < repeat:
        await pilot.press("slash")
        for char in word:
            results["search"].append(await timed(app, lambda c=char: pilot.press(c)))
        await pilot.press("escape")
    # The periods view and the targets board: the same moves and filter in each.
    for view, key in (("periods", "2"), ("targets", "3")):
        await pilot.press("c", key)
        paint(app)
        for _ in range(repeat):
            results[f"{view}-cursor"].append(await timed(app, lambda: pilot.press("down")))
        for _ in range(repeat):
            results[f"{view}-page"].append(await timed(app, lambda: pilot.press("pagedown")))
        for number in range(max(repeat // 3, 5)):
            await pilot.press("s", *["down"] * (number % 6 + 1))
            paint(app)
            results[f"{view}-filter"].append(await timed(app, lambda: pilot.press("enter")))
    return results


def floor_c(root: Path) -> Any:
    """Floor C: the least a Textual app of the explorer's shape can do per key.

    A Line-API list of one line per event, its cursor line styled, beside a
    ``Static`` rewritten with the event's text on every move: what the explorer
    does, with nothing else (no columns, filters, search, header or footer).
    """
    from rich.segment import Segment
    from rich.style import Style
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal
    from textual.geometry import Region, Size
    from textual.reactive import reactive
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import Static

    events = load(root, cached=True).timeline.events
    cursor_style = Style(reverse=True)

    class Rows(ScrollView, can_focus=True):
        BINDINGS = [Binding("down", "down"), Binding("pagedown", "page_down")]  # noqa: RUF012
        cursor: reactive[int] = reactive(0, repaint=False, init=False)

        def on_mount(self) -> None:
            self.virtual_size = Size(self.size.width, len(events))

        def render_line(self, y: int) -> Strip:
            line = self.scroll_offset.y + y
            width = self.scrollable_content_region.width
            if not 0 <= line < len(events):
                return Strip.blank(width)
            event = events[line]
            style = cursor_style if line == self.cursor else Style()
            text = f"{event.date.iso()}  {event.title}"
            return Strip([Segment(text, style)]).adjust_cell_length(width)

        def watch_cursor(self, old: int, new: int) -> None:
            self.refresh_line(old)
            self.refresh_line(new)
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
            event = events[new]
            self.app.query_one(Static).update(
                Text("\n\n").join(
                    [
                        Text(event.title, style="bold"),
                        Text(event.summary),
                        Text("\n").join(Text(f"• {line}") for line in event.highlights),
                    ]
                )
            )

        def action_down(self) -> None:
            self.cursor = min(self.cursor + 1, len(events) - 1)

        def action_page_down(self) -> None:
            self.cursor = min(self.cursor + self.size.height - 2, len(events) - 1)

    class FloorC(App[None]):
        CSS = "Rows { width: 1fr; } Static { width: 40%; height: 1fr; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Rows()
                yield Static()

        def on_mount(self) -> None:
            self.query_one(Rows).focus()

    return FloorC()


async def frame(kind: str, root: Path, keys: int) -> None:
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("policy-timeline")

        app: Any = Bare()
    elif kind == "floor-c":
        app = floor_c(root)
    else:
        app = explorer_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        paint(app)
        print("FRAME", flush=True)
        if kind in ("explorer", "floor-c") and keys:
            # The explorer makes its search index in a thread after the first frame;
            # its CPU is not a key's, so the keys wait for it as a reader's would.
            await search_prepared(app)
            await pilot.pause()
            results = await drive_keys(app, pilot, keys, moves_only=kind == "floor-c")
            print(json.dumps(results), flush=True)


def cpu_split(root: Path) -> dict[str, float]:
    """A cold validate's CPU: the parent's (start-up, the walk, handing out chunks,
    decoding results, cross-checks), which no worker shares, and the workers'."""
    import contextlib
    import io

    from policy_timeline.cli import main as cli

    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        cli(["validate", "-t", str(root), "--no-cache"])
    mine = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": time.perf_counter() - start,
        "parent": mine.ru_utime + mine.ru_stime,
        "workers": workers.ru_utime + workers.ru_stime,
    }


def main() -> None:
    what, *rest = sys.argv[1:]
    if what == "floor-a":
        parse_raw(Path(rest[0]))
    elif what == "cpu-split":
        print(json.dumps(cpu_split(Path(rest[0]))))
    elif what == "memory":
        print(json.dumps(memory(rest[0], Path(rest[1]))))
    elif what == "frame":
        keys = int(rest[3]) if len(rest) > 3 and rest[2] == "--keys" else 0
        asyncio.run(frame(rest[0], Path(rest[1]), keys))
    else:
        raise SystemExit(f"unknown probe {what!r}")


if __name__ == "__main__":
    main()
