"""Every export format of the tricky timeline, byte for byte, against a reviewed file.

The tricky timeline holds every date precision, CJK text, periods, targets with
outcomes, and text that looks like a formula, Rich markup or HTML. A change in
what any exporter (or the serialiser under them) writes shows here as a diff to
read. After reading it, regenerate with:

    python tests/interop/test_golden.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from interop_support import TIMELINES, load

from policy_timeline.render.export import BY_NAME, REGISTRY, ExportFormat

GOLDEN = Path(__file__).resolve().parent / "golden"


def _xlsx_as_text(data: bytes) -> str:
    """A workbook's cells as text, one sheet after another, with each cell's type,
    so that a date cell turned into text (or the reverse) is a difference too."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines: list[str] = []
    for sheet in book.worksheets:
        lines.append(f"# {sheet.title}")
        for row in sheet.iter_rows():
            lines.append("\t".join(f"{cell.data_type}:{cell.value!r}" for cell in row))
    return "\n".join(lines) + "\n"


def rendered(entry: ExportFormat) -> dict[str, str]:
    """The format's output for the tricky timeline, as named text files."""
    timeline = load(TIMELINES["tricky"])
    output = entry.exporter()(timeline, timeline.events)
    if entry.writes == "folder":
        assert isinstance(output, dict)
        return {f"{entry.name}/{name}": text for name, text in sorted(output.items())}
    if entry.writes == "binary":
        assert isinstance(output, bytes)
        return {f"{entry.name}.txt": _xlsx_as_text(output)}
    assert isinstance(output, str)
    return {f"{entry.name}.out": output}


@pytest.mark.parametrize("name", [entry.name for entry in REGISTRY])
def test_export_matches_its_reviewed_golden_file(name: str) -> None:
    for relative, text in rendered(BY_NAME[name]).items():
        path = GOLDEN / relative
        assert path.exists(), f"no golden file {relative}: run python {__file__}"
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, f"{name} changed: read the diff, then regenerate"


def test_every_golden_file_belongs_to_a_format() -> None:
    made = {relative for entry in REGISTRY for relative in rendered(entry)}
    found = {str(path.relative_to(GOLDEN)) for path in GOLDEN.rglob("*") if path.is_file()}
    assert found == made


if __name__ == "__main__":
    for entry in REGISTRY:
        for relative, text in rendered(entry).items():
            path = GOLDEN / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            print("wrote", path.relative_to(GOLDEN.parent), file=sys.stderr)
