"""The working set: events the user marked, kept per timeline folder in the user data folder.

Shared by the explorer (which marks) and the command line (``--marked``), so it
knows nothing of either. Marks are event ids; an id whose event is gone stays
in the file, so a reload that briefly loses an event does not lose its mark.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.atomic import write_atomically

APP_NAME = "policy-timeline"
MARKS_FOLDER = "marks"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def marks_file(data_dir: Path, timeline_folder: Path) -> Path:
    """One file per timeline folder, named by a hash of its absolute path."""
    key = str(timeline_folder.resolve())
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return data_dir / MARKS_FOLDER / f"{digest}.json"


@dataclass(slots=True)
class Marks:
    """The marked ids of one timeline; ``path`` None keeps them in memory only."""

    path: Path | None = None
    timeline_folder: str = ""
    ids: set[str] = field(default_factory=set)
    error: str | None = None

    @classmethod
    def for_timeline(cls, data_dir: Path | None, timeline_folder: Path) -> Marks:
        if data_dir is None:
            return cls(timeline_folder=str(timeline_folder))
        marks = cls(marks_file(data_dir, timeline_folder), str(timeline_folder.resolve()))
        marks.read()
        return marks

    def read(self) -> None:
        if self.path is None or not self.path.is_file():
            return
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self.error = f"cannot read the marks in {self.path}: {error}"
            return
        marked = saved.get("marked") if isinstance(saved, dict) else None
        if not isinstance(marked, list) or not all(isinstance(item, str) for item in marked):
            self.error = f"cannot read the marks in {self.path}: 'marked' is not a list of ids"
            return
        self.ids = set(marked)

    def toggle(self, event_id: str) -> bool:
        """Marks or unmarks an event; True when it is now marked."""
        if event_id in self.ids:
            self.ids.discard(event_id)
            return False
        self.ids.add(event_id)
        return True

    def save(self) -> str | None:
        """Writes the marks; returns an error message instead of raising."""
        if self.path is None:
            return None
        data = {"timeline": self.timeline_folder, "marked": sorted(self.ids)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(data, indent=1) + "\n")
        except OSError as error:
            return f"cannot save the marks in {self.path.parent}: {error.strerror or error}"
        return None
