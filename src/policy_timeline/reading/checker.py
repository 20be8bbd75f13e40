"""Reading values at YAML paths in one file, and collecting what is wrong with them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from policy_timeline.model.dates import DateError, PartialDate, describe_type, parse_partial_date
from policy_timeline.model.problems import HintBudget, Problem, YamlPath, field_label
from policy_timeline.model.text import unsafe
from policy_timeline.reading.discover import META_FILE

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
match_slug = SLUG.fullmatch
# check_keys' known names as sets, by the tuple given.
_KNOWN_SETS: dict[tuple[str, ...], frozenset[str]] = {}

T = TypeVar("T")


class Missing:
    """Marks a field that failed its check, as distinct from one left out."""


MISSING = Missing()


class FieldChecker:
    """Collects problems for one file while reading values at YAML paths in it."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self.did_you_mean = HintBudget()

    def report(self, path: YamlPath, message: str, at_key: bool = False) -> None:
        label = field_label(path[1:]) if path and isinstance(path[0], int) else field_label(path)
        if not label and path:
            label = f"[{path[0]}]"
        self.problems.append(
            Problem(self.display, field=label, message=message, yaml_path=path, at_key=at_key)
        )

    def check_keys(
        self,
        mapping: dict[Any, Any],
        path: YamlPath,
        known: tuple[str, ...],
        required: tuple[str, ...],
    ) -> None:
        known_set = _KNOWN_SETS.get(known)
        if known_set is None:
            known_set = _KNOWN_SETS[known] = frozenset(known)
        if not known_set.issuperset(mapping):
            for key in mapping:
                if key not in known_set:
                    hint = self.did_you_mean(str(key), known)
                    self.report(path + (str(key),), f"unknown field{hint}", at_key=True)
        for name in required:
            if name not in mapping:
                self.report(path + (name,), "required field is missing")

    def text(
        self, mapping: dict[Any, Any], path: YamlPath, name: str | int, multiline: bool = False
    ) -> str | Missing | None:
        if name not in mapping:
            return None
        value = mapping[name]
        if value.__class__ is str:
            # The usual case, checked without building the field's path: text
            # that is not blank and has no character the validator refuses
            # (printable text cannot have one; text with line breaks is searched).
            stripped = value.strip()
            if stripped and (value.isprintable() or not unsafe(stripped, not multiline)):
                return stripped
        return self._text_value(value, path + (name,), multiline)

    def _text_value(self, value: Any, where: YamlPath, multiline: bool) -> str | Missing:
        if isinstance(value, int | float) and not isinstance(value, bool) and not multiline:
            return str(value)  # document numbers and the like may look numeric
        if not isinstance(value, str):
            self.report(where, f"expected text, got {describe_type(value)}")
            return MISSING
        if not value.strip():
            self.report(where, "must not be empty")
            return MISSING
        reason = unsafe(value.strip(), not multiline)
        if reason:
            self.report(where, reason)
            return MISSING
        return value.strip()

    def slug(
        self,
        mapping: dict[Any, Any],
        path: YamlPath,
        name: str,
        vocabulary: dict[str, Any] | None = None,
    ) -> str | Missing | None:
        raw = mapping.get(name)
        if isinstance(raw, float):
            # As an editor checking the JSON Schema reads it: 1e3 is the number 1000,
            # and .inf is a number, not the word "inf".
            if raw.is_integer() and raw >= 0:
                return self.check_slug(str(int(raw)), path + (name,), name, vocabulary)
            if not math.isfinite(raw):
                self.report(path + (name,), f"{show(raw)} is not a slug: it reads as a number")
                return MISSING
        value = self.text(mapping, path, name)
        if not isinstance(value, str):
            return value
        return self.check_slug(value, path + (name,), name, vocabulary)

    def check_slug(
        self, value: str, where: YamlPath, name: str, vocabulary: dict[str, Any] | None = None
    ) -> str | Missing:
        if vocabulary is None and not SLUG.fullmatch(value):
            self.report(
                where,
                f"{show(value)} is not a slug: use lowercase letters, digits and "
                f"single hyphens, e.g. {slugify(value)!r}",
            )
            return MISSING
        return self.check_vocabulary(value, where, name, vocabulary)

    def check_vocabulary(
        self, value: str, where: YamlPath, name: str, vocabulary: dict[str, Any] | None
    ) -> str | Missing:
        if vocabulary is not None and value not in vocabulary:
            hint = self.did_you_mean(value, vocabulary)
            self.report(where, f"{show(value)} is not a declared {name} in {META_FILE}{hint}")
            return MISSING
        return value

    def date(
        self, mapping: dict[Any, Any], path: YamlPath, name: str
    ) -> PartialDate | Missing | None:
        if name not in mapping:
            return None
        try:
            return parse_partial_date(mapping[name])
        except DateError as error:
            self.report(path + (name,), str(error))
            return MISSING

    def items(
        self,
        mapping: dict[Any, Any],
        path: YamlPath,
        name: str,
        read: Callable[[Any, YamlPath], T | Missing],
    ) -> list[T] | Missing:
        """Reads a list field item by item; a bad item is reported and left out."""
        if name not in mapping:
            return []
        value = mapping[name]
        if not isinstance(value, list):
            hint = "; write it as a list, e.g. [MIIT]" if isinstance(value, str) else ""
            self.report(path + (name,), f"expected a list, got {describe_type(value)}{hint}")
            return MISSING
        found = []
        for index, item in enumerate(value):
            result = read(item, path + (name, index))
            if not isinstance(result, Missing):
                found.append(result)
        return found

    def mapping(self, value: Any, where: YamlPath, what: str) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(where, f"expected {what} (a mapping), got {describe_type(value)}")
        return None


def show(value: Any) -> str:
    """A short, safe rendering of a YAML value for a message."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return describe_type(value)


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "event-id"
