"""The targets board written out: a terminal table, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from policy_timeline.model.events import Timeline
from policy_timeline.model.text import md, plain
from policy_timeline.query.board import COLUMNS, BoardRow, TargetFilter, plan_count
from policy_timeline.query.index import Filter
from policy_timeline.render.export.csv_format import text_cell
from policy_timeline.render.serialize import target_to_data

CSV_COLUMNS = (
    "deadline",
    "deadline_precision",
    "metric",
    "comparator",
    "value",
    "unit",
    "event_id",
    "plan",
    "lead_issuer",
    "status",
    "outcome_value",
    "outcome_unit",
    "outcome_as_of",
    "outcome_note",
    "outcome_sources",
    "outcome_source_urls",
)
_STYLES = ("cyan", "bold", "yellow", "", "green", "")
_STATUS_STYLES = {"met": "green", "missed": "red", "partly-met": "yellow"}


def board_heading(rows: list[BoardRow], query: Filter, wanted: TargetFilter) -> str:
    """``4 targets in 1 plan · kind action-plan · due 2020``."""
    targets = f"{len(rows)} target" + ("" if len(rows) == 1 else "s")
    plans = plan_count(rows)
    parts = [f"{targets} in {plans} plan" + ("" if plans == 1 else "s")]
    if query.active:
        parts += query.describe()
    if wanted.due_from or wanted.due_to:
        start = wanted.due_from.human() if wanted.due_from else "…"
        end = wanted.due_to.human() if wanted.due_to else "…"
        parts.append(f"due {start}–{end}")
    if wanted.statuses:
        parts.append("outcome " + " or ".join(sorted(wanted.statuses)))
    return " · ".join(parts)


def render_board(timeline: Timeline, rows: list[BoardRow], heading: str) -> RenderableType:
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold dim")
    for column, style in zip(COLUMNS, _STYLES, strict=True):
        table.add_column(column.capitalize(), style=style)
    for row in rows:
        cells = [Text(plain(cell)) for cell in row.cells()]
        cells[-1].stylize(_STATUS_STYLES.get(row.status, "dim"))
        table.add_row(*cells)
    title = Text(plain(f"Targets: {timeline.name}"), style="bold")
    if not rows:
        return Group(
            title, Text(plain(heading), style="dim"), Text("\nNo targets match.", style="yellow")
        )
    return Group(title, Text(plain(heading), style="dim"), Text(""), table)


def board_markdown(timeline: Timeline, rows: list[BoardRow], heading: str) -> str:
    lines = [f"# Targets: {md(timeline.name)}", "", f"_{md(heading)}_", ""]
    if not rows:
        return "\n".join([*lines, "No targets match."]) + "\n"
    lines.append("| " + " | ".join(column.capitalize() for column in COLUMNS) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    lines += ["| " + " | ".join(md(cell) for cell in row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def board_csv(timeline: Timeline, rows: list[BoardRow], heading: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        target, outcome = row.target, row.target.outcome
        sources = outcome.sources if outcome else ()
        cells = {
            "deadline": target.deadline.iso() if target.deadline else "",
            "deadline_precision": target.deadline.precision.name.lower() if target.deadline else "",
            "metric": target.metric,
            "comparator": target.comparator,
            "value": str(target.value),
            "unit": target.unit or "",
            "event_id": row.event.id,
            "plan": row.event.title,
            "lead_issuer": row.event.lead_issuer,
            "status": row.status,
            "outcome_value": str(outcome.value) if outcome and outcome.value is not None else "",
            "outcome_unit": (outcome.unit or "") if outcome else "",
            "outcome_as_of": outcome.as_of.iso() if outcome and outcome.as_of else "",
            "outcome_note": (outcome.note or "") if outcome else "",
            "outcome_sources": "; ".join(
                f"{source.title} — {source.publisher}, {source.date.iso()}" for source in sources
            ),
            "outcome_source_urls": "; ".join(source.url for source in sources if source.url),
        }
        writer.writerow([text_cell(cells[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def board_json(timeline: Timeline, rows: list[BoardRow], heading: str) -> str:
    document = {
        "targets": [
            {
                "event_id": row.event.id,
                "plan": row.event.title,
                "lead_issuer": row.event.lead_issuer,
                "number": row.number,
                "status": row.status,
                **target_to_data(row.target),
            }
            for row in rows
        ]
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# The file formats of `policy-timeline targets --format`; text is drawn by Rich.
BOARD_FORMATS: dict[str, Callable[[Timeline, list[BoardRow], str], str]] = {
    "markdown": board_markdown,
    "csv": board_csv,
    "json": board_json,
}
