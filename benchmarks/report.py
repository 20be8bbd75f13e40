"""The benchmark's table: figures, ratios against the floors, goals, and the 1M projection."""

from __future__ import annotations

import datetime as dt
import os
import platform
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version


@dataclass(slots=True)
class Row:
    size: int
    layout: str
    measure: str
    value: str  # already formatted, "n/a" when not measured
    ratio: str = ""
    goal: str = ""
    result: str = ""  # PASS, MISS or ""


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:.1f} MB"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


HEADERS = ("events", "layout", "measure", "median", "ratio", "goal", "result")


def cells(row: Row) -> tuple[str, ...]:
    return (f"{row.size:,}", row.layout, row.measure, row.value, row.ratio, row.goal, row.result)


def text_table(rows: list[Row]) -> str:
    table = [HEADERS, *(cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown_table(rows: list[Row], headers: tuple[str, ...] = HEADERS) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells(row)) + " |")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass

    def package(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "textual": package("textual"),
        "PyYAML": f"{package('PyYAML')} (libyaml)",
        "policy-timeline": package("policy-timeline"),
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


# Growth ---------------------------------------------------------------------------


def fit(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """Least-squares line (intercept, per-event slope) through (events, value)."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y - slope * mean_x, slope


def projection(series: dict[str, list[tuple[int, float]]], target: int = 1_000_000) -> list[str]:
    """Lines of the 1M projection: each figure fitted from the sizes measured."""
    lines = []
    for name, points in series.items():
        line = fit(points)
        if line is None:
            lines.append(f"{name}: n/a (needs two sizes)")
            continue
        intercept, slope = line
        projected = intercept + slope * target
        if name.endswith("memory"):
            lines.append(
                f"{name}: {slope:,.0f} bytes per event → {megabytes(projected)} "
                f"at {target:,} events"
            )
        else:
            lines.append(
                f"{name}: {slope * 1e6:,.1f} µs per event → {seconds(projected)} "
                f"at {target:,} events"
            )
    return lines
