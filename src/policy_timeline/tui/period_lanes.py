"""The periods view's lines: a lane per kind, lead issuer or sector, its events in date order.

Like the list's lines, two flat int arrays however many events there are: a line
holds a row of ``timeline.events`` (>= 0) or a lane heading stored as ``~lane``.
An event with several sectors sits in each of their lanes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policy_timeline.model import Timeline

GROUPINGS = ("kind", "issuer", "sector")
GROUPING_NAMES = {"kind": "kind", "issuer": "lead issuer", "sector": "sector"}
NO_SECTOR = "(no sector)"


@dataclass(slots=True)
class Lanes:
    grouping: str = "kind"
    names: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    # Each row's first line, for moving the cursor to an event.
    first_line: dict[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def row_at(self, line: int) -> int | None:
        value = self.lines[line] if 0 <= line < len(self.lines) else -1
        return value if value >= 0 else None

    def event_line_near(self, line: int, step: int) -> int | None:
        """The first event line from ``line`` going ``step`` (+1 or -1), skipping headings."""
        while 0 <= line < len(self.lines):
            if self.lines[line] >= 0:
                return line
            line += step
        return None


def lane_keys(timeline: Timeline, grouping: str) -> dict[str, list[int]]:
    """Every lane's rows over the whole timeline, in date order."""
    lanes: dict[str, list[int]] = {}
    for row, event in enumerate(timeline.events):
        if grouping == "kind":
            keys: tuple[str, ...] = (event.kind,)
        elif grouping == "issuer":
            keys = (event.lead_issuer,)
        else:
            keys = event.sectors or (NO_SECTOR,)
        for key in keys:
            lanes.setdefault(key, []).append(row)
    return lanes


def build_lanes(all_lanes: dict[str, list[int]], rows: list[int], grouping: str) -> Lanes:
    """Lays out the rows a filter lets through, lane by lane, lanes by name."""
    built = Lanes(grouping=grouping)
    allowed = set(rows)
    placed: list[tuple[int, list[int]]] = []
    for name in sorted(all_lanes, key=str.casefold):
        lane_rows = [row for row in all_lanes[name] if row in allowed]
        if not lane_rows:
            continue
        built.lines.append(~len(built.names))
        built.names.append(name)
        built.counts.append(len(lane_rows))
        placed.append((len(built.lines), lane_rows))
        built.lines.extend(lane_rows)
    # Later lanes first, so an event in several lanes keeps its first line.
    for start, lane_rows in reversed(placed):
        built.first_line.update(zip(lane_rows, range(start, start + len(lane_rows)), strict=True))
    return built
