"""Deterministic synthetic timelines that look like real ones, cached in ``benchmarks/.data``.

This module lays the events out in folders and stamps what it made; the events' text
comes from ``event_text``, their words from ``vocabulary``.

    python benchmarks/generate.py [--sizes 1000,10000,100000] [--layout per-event|batched]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

from event_text import events_text, meta_text

DATA_VERSION = 1  # bump when the output changes, so cached timelines are rebuilt
SEED = 20150508
DATA_DIR = Path(__file__).resolve().parent / ".data"
STAMP = ".stamp.json"  # a dot-file, so the loader skips it
LAYOUTS = ("per-event", "batched")
BATCH = 100  # events per file in the batched layout


def folder_for(size: int, layout: str) -> Path:
    return DATA_DIR / f"{layout}-{size}"


def stamp_for(size: int, layout: str, seed: int) -> dict[str, object]:
    return {"version": DATA_VERSION, "seed": seed, "size": size, "layout": layout}


def ensure(size: int, layout: str, seed: int = SEED) -> Path:
    """The folder of a generated timeline, generated now unless a matching one is cached."""
    folder = folder_for(size, layout)
    stamp = folder / STAMP
    wanted = stamp_for(size, layout, seed)
    try:
        if json.loads(stamp.read_text()) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    if folder.exists():
        shutil.rmtree(folder)
    write_timeline(folder, size, layout, seed)
    stamp.write_text(json.dumps(wanted))  # last, so an interrupted run is regenerated
    return folder


def write_timeline(folder: Path, size: int, layout: str, seed: int) -> None:
    folder.mkdir(parents=True)
    (folder / "_timeline.yaml").write_text(meta_text(size), encoding="utf-8")
    rng = random.Random(f"{seed}-{size}")  # same events in both layouts
    events = events_text(rng, size)
    if layout == "per-event":
        # One folder per year, as people keep them; no folder holds 100k files.
        made: set[Path] = set()
        for event_id, year, text in events:
            sub = folder / str(year)
            if sub not in made:
                sub.mkdir(exist_ok=True)
                made.add(sub)
            (sub / f"{event_id}.yaml").write_text(text, encoding="utf-8")
        return
    batch: list[str] = []
    number = 0
    for _, _, text in events:
        batch.append(as_list_item(text))
        if len(batch) == BATCH:
            number += 1
            (folder / f"events-{number:05d}.yaml").write_text("".join(batch), encoding="utf-8")
            batch = []
    if batch:
        (folder / f"events-{number + 1:05d}.yaml").write_text("".join(batch), encoding="utf-8")


def as_list_item(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "- " + lines[0] + "".join("  " + line if line.strip() else line for line in lines[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--layout", choices=LAYOUTS, action="append")
    parser.add_argument("--seed", type=int, default=SEED)
    options = parser.parse_args()
    for size in (int(text) for text in options.sizes.split(",")):
        for layout in options.layout or LAYOUTS:
            print(ensure(size, layout, options.seed))


if __name__ == "__main__":
    main()
