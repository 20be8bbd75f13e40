"""Middle and full garbage collections between keys, not on them.

Python runs a full collection once enough objects have outlived two younger
collections. Paging through a long list makes and drops lines and strips, so
in a burst of page-downs that came every dozen keys: a pause of 10 to 40 ms
landing on whichever key it was. The explorer makes the full collection rare
on its own, and runs one itself once the keys have stopped for a moment.

The youngest collection runs once 700 more objects are alive than were (Python's
default), and drawing a frame makes thousands that live a moment: eleven young
collections a filter, 3 to 5 ms of its keystroke, scanning strips and segments
that the next line of code drops anyway. A higher threshold lets them go first.

The middle collection runs after ten young ones by default, and walks whatever
outlived them: at 100,000 events, 26,000 to 41,000 objects (Textual's strips
and their caches), 26 to 48 ms landing on one key in ten or twenty. It too
waits for the keys to stop.
"""

from __future__ import annotations

import gc
import time

# A full collection waits for this many collections of the middle generation
# (Python's default is 10).
RARE_FULL_COLLECTIONS = 1000
# A middle collection waits for this many young collections (Python's default is 10).
RARE_MIDDLE_COLLECTIONS = 1000
# A young collection waits for this many more live objects (Python's default is 700).
YOUNG_COLLECTION_AFTER = 10_000
QUIET_SECONDS = 0.5  # no key for this long: the user is reading, not typing
CHECK_EVERY_SECONDS = 1.0


class IdleCollector:
    def __init__(self) -> None:
        self._last_key = time.monotonic()
        self._keys_since_collection = False
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        self._thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG_COLLECTION_AFTER, RARE_MIDDLE_COLLECTIONS, RARE_FULL_COLLECTIONS)

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def key_pressed(self) -> None:
        self._last_key = time.monotonic()
        self._keys_since_collection = True

    def tick(self) -> None:
        """Collects if keys came since the last collection and none for a moment."""
        if self._keys_since_collection and time.monotonic() - self._last_key >= QUIET_SECONDS:
            self._keys_since_collection = False
            gc.collect()
