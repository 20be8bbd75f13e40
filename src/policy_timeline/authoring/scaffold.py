"""Scaffolding a new event file: the schema modeline, the given fields and blanks to fill."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policy_timeline.atomic import write_atomically
from policy_timeline.model.dates import DateError, PartialDate, parse_partial_date
from policy_timeline.model.text import plain, unsafe
from policy_timeline.reading.checker import SLUG, slugify
from policy_timeline.reading.discover import EVENT_SUFFIXES, META_FILE, find_files
from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.yamlio import read_yaml
from policy_timeline.render.schema import EVENT_SCHEMA_FILE, schema_files

MODELINE = "# yaml-language-server: $schema="
_MODELINE_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


class ScaffoldError(ValueError):
    """A value or a place that cannot make a valid new event file; the message says why."""


@dataclass(frozen=True, slots=True)
class NewEvent:
    id: str
    date: PartialDate
    title: str


def check_id(text: str) -> str:
    value = text.strip()
    if not SLUG.fullmatch(value):
        raise ScaffoldError(
            f"id {value!r} is not a slug: use lowercase letters, digits and "
            f"single hyphens, e.g. {slugify(value)!r}"
        )
    return value


def check_date(text: str) -> PartialDate:
    try:
        return parse_partial_date(text.strip())
    except DateError as error:
        raise ScaffoldError(f"date: {error}") from None


def check_title(text: str) -> str:
    value = text.strip()
    if not value:
        raise ScaffoldError("title must not be empty")
    reason = unsafe(value, one_line=True)
    if reason:
        raise ScaffoldError(
            f"title {reason}; it must be one line of text without control characters"
        )
    return value


def gather(
    event_id: str | None, date: str | None, title: str | None, ask: Callable[[str], str] | None
) -> NewEvent:
    """The three values from the options, asking for the missing ones when ``ask`` is given."""
    missing = [
        name
        for name, value in (("--title", title), ("--date", date), ("--id", event_id))
        if value is None
    ]
    if missing and ask is None:
        raise ScaffoldError(f"give {', '.join(missing)} (there is no terminal to ask on)")
    checked_title = check_title(title if title is not None else _ask(ask, "Title: "))
    checked_date = check_date(
        date if date is not None else _ask(ask, "Date (2017, 2017-12, 2017-12-13): ")
    )
    if event_id is None:
        suggestion = slugify(checked_title)
        event_id = _ask(ask, f"Id [{suggestion}]: ") or suggestion
    return NewEvent(check_id(event_id), checked_date, checked_title)


def _ask(ask: Callable[[str], str] | None, prompt: str) -> str:
    assert ask is not None
    return ask(prompt).strip()


def check_unused(folder: Path, event_id: str) -> None:
    """Refuses an id that any file holds, drafts that do not validate yet included."""
    if event_id in load_timeline(folder).timeline.by_id:
        raise ScaffoldError(f"the id {event_id!r} is already used in {folder}")
    for file in find_files(folder).files:
        data = read_yaml(file.path, file.display).data
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and str(item.get("id", "")).strip() == event_id:
                raise ScaffoldError(
                    f"the id {event_id!r} is already used in {plain(file.display)}"
                    " (an event that does not validate yet)"
                )


def file_for(folder: Path, new: NewEvent) -> Path:
    """``2017-am-action-plan.yaml``: the year first, so a listing reads in date order."""
    return folder / f"{new.date.year:04d}-{new.id}.yaml"


def schema_reference(folder: Path) -> str:
    """The schema the folder's files already point to, else the folder's own schema file.

    A reference into the folder survives a clone and an upgrade of the tool, which
    a path into the installed package does not.
    """
    # Only the folder's own files: the new file goes beside them, not below.
    neighbours = sorted(
        path
        for path in folder.iterdir()
        if path.name.endswith(EVENT_SUFFIXES)
        and not path.name.startswith(".")
        and path.name != META_FILE
    )
    for path in neighbours:
        found = _modeline_in(path)
        # A path that leads nowhere (into an old install, say) is not followed.
        if found is not None and (
            found.startswith(("https://", "http://")) or (folder / found).is_file()
        ):
            return found
    if not (folder / EVENT_SCHEMA_FILE).exists():
        write_schema_files(folder)
    return EVENT_SCHEMA_FILE


def write_schema_files(folder: Path) -> list[Path]:
    """Writes (or refreshes) the schemas into the timeline folder, each file whole or not at all."""
    if not folder.is_dir():
        raise ScaffoldError(f"timeline folder not found: {folder}")
    written = []
    for name, text in schema_files().items():
        path = folder / name
        try:
            write_atomically(path, text)
        except OSError as error:
            raise ScaffoldError(f"cannot write {path}: {error.strerror or error}") from None
        written.append(path)
    return written


def _modeline_in(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8-sig") as stream:
            first = stream.readline()
    except (OSError, UnicodeDecodeError):
        return None
    match = _MODELINE_LINE.match(first.strip())
    return match.group(1) if match else None


def event_text(new: NewEvent, schema: str) -> str:
    # json.dumps writes a double-quoted scalar that YAML reads back unchanged,
    # whatever quotes, colons or non-ASCII the title holds.
    title = json.dumps(new.title, ensure_ascii=False)
    return f"""{MODELINE}{schema}
id: {new.id}
date: {new.date.iso()}
title: {title}
# title_original:
kind:  # plan, action-plan, guidance, review, law, notice, milestone, ...
issuers: []  # issuing bodies, lead issuer first, e.g. [MIIT]
# sectors: []
# doc_number:
summary: ""  # a few sentences in your own words
sources:
  - title:
    publisher:
    # url: https://
    date:
# related:
#   - id: other-event
#     relation: builds-on
"""


def create_event_file(folder: Path, new: NewEvent) -> Path:
    """Writes the file; never replaces one, even one created a moment ago by someone else."""
    if not folder.is_dir():
        raise ScaffoldError(f"timeline folder not found: {folder}")
    check_unused(folder, new.id)
    target = file_for(folder, new)
    text = event_text(new, schema_reference(folder))
    try:
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; it was left as it is") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {target}: {error.strerror or error}") from None
    return target
