"""The index's events as the explorer's timeline reads them: by rank, decoded
when read, recent ones kept (``StoreView.timeline``), and looked up by id."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol, cast, overload

from policy_timeline.model.events import Event, Timeline
from policy_timeline.query import store_query
from policy_timeline.query.store import Refreshed
from policy_timeline.query.store_query import StoredTimeline
from policy_timeline.reading.discover import display_path

CACHED_EVENTS = 4096  # decoded events kept: a few screens back and forth
READ_AHEAD = 64  # events decoded with one that is not kept


class RankSource(Protocol):
    """What these read of the view of the index (``StoreView``)."""

    @property
    def size(self) -> int: ...
    @property
    def rank_of(self) -> Sequence[int]: ...
    @property
    def timeline(self) -> Timeline: ...
    @property
    def row_of(self) -> Mapping[str, int]: ...
    def decode(self, ranks: Sequence[int]) -> list[Event]: ...
    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]: ...


class RankedEvents(Sequence[Event]):
    """The events by rank, decoded from the index when read; recent ones kept."""

    def __init__(self, view: RankSource) -> None:
        self._view = view
        self._kept: OrderedDict[int, Event] = OrderedDict()

    def __len__(self) -> int:
        return self._view.size

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return self.decoded(range(self._view.size)[index])
        if index < 0:
            index += self._view.size
        if not 0 <= index < self._view.size:
            raise IndexError(index)
        event = self._kept.get(index)
        if event is not None:
            self._kept.move_to_end(index)
            return event
        # A list draws a screenful of lines in turn: the ranks after this one are
        # read in the same query (all of them when nothing is filtered out).
        return self.decoded(range(index, min(index + READ_AHEAD, self._view.size)))[0]

    def __iter__(self) -> Iterator[Event]:
        size = self._view.size
        for start in range(0, size, store_query.BATCH):
            yield from self._view.decode(range(start, min(start + store_query.BATCH, size)))

    def decoded(self, ranks: Sequence[int]) -> list[Event]:
        """The events of these ranks, in their order; those not kept are decoded together."""
        kept = self._kept
        missing = [rank for rank in ranks if rank not in kept]
        if missing:
            for start in range(0, len(missing), store_query.BATCH):
                batch = missing[start : start + store_query.BATCH]
                for rank, event in zip(batch, self._view.decode(batch), strict=True):
                    kept[rank] = event
            while len(kept) > CACHED_EVENTS:
                kept.popitem(last=False)
        found = []
        for rank in ranks:
            held = kept.get(rank)
            # Pushed out by a long request: decoded again.
            found.append(held if held is not None else self._view.decode([rank])[0])
        return found


class _EventsById(Mapping[str, Event]):
    """``Timeline.by_id`` from the index: the last event in date order with each id."""

    def __init__(self, view: RankSource) -> None:
        self._view = view

    def __getitem__(self, event_id: str) -> Event:
        rank = self._view.row_of.get(event_id)
        if rank is None:
            raise KeyError(event_id)
        return self._view.timeline.events[rank]

    def __iter__(self) -> Iterator[str]:
        return (event.id for event in self._view.timeline.events)

    def __len__(self) -> int:
        return len(self._view.row_of)


class RankById(Mapping[str, int]):
    """``TimelineIndex.row_of`` from the index: each id's rank, by an indexed query."""

    def __init__(self, view: RankSource) -> None:
        self._view = view

    def __getitem__(self, event_id: str) -> int:
        found = self._view.query(
            "SELECT row FROM events WHERE id = ? "
            "ORDER BY sort_key DESC, file_key DESC, idx DESC LIMIT 1",
            (event_id,),
        )
        if not found:
            raise KeyError(event_id)
        row: int = found[0][0]
        return self._view.rank_of[row]

    def __iter__(self) -> Iterator[str]:
        return iter({event.id: None for event in self._view.timeline.events})

    def __len__(self) -> int:
        count: int = self._view.query("SELECT count(DISTINCT id) FROM events")[0][0]
        return count


class RankedTimeline(StoredTimeline):
    """A timeline whose ``events`` are decoded from the index when read, by rank."""

    __slots__ = ("widths",)

    def __init__(self, view: RankSource, refreshed: Refreshed, widths: tuple[int, int, int]):
        super().__init__(refreshed.connection, refreshed, view.size)
        # A Sequence, not a list: the explorer only indexes, slices and iterates it.
        self.events = cast(list[Event], RankedEvents(view))
        self.by_id = cast(dict[str, Event], _EventsById(view))
        self.widths = widths

    def file_counts(self) -> dict[str, int]:
        """How many events each file put in the timeline, named as problems name
        it (``outcomes.event_files``, without reading an event)."""
        root = display_path(self.root)
        prefix = "" if root == "." else root.rstrip("/") + "/"
        rows = self._connection.execute("SELECT path, events FROM files WHERE events > 0")
        return {prefix + path.decode("utf-8", "surrogateescape"): count for path, count in rows}
