"""The timeline's metadata file, ``_timeline.yaml``: its name and vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policy_timeline.model.dates import describe_type
from policy_timeline.model.events import Issuer, Vocabulary
from policy_timeline.model.text import unsafe
from policy_timeline.reading.checker import SLUG, FieldChecker, show

META_FIELDS = ("name", "description", "sectors", "issuers", "kinds")
ISSUER_FIELDS = ("name", "name_original")


@dataclass(slots=True)
class Meta:
    name: str | None = None
    description: str | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


def read_meta(raw: Any, check: FieldChecker) -> Meta:
    if raw is None:
        return Meta()
    meta = check.mapping(raw, (), "the timeline's metadata")
    if meta is None:
        return Meta()
    check.check_keys(meta, (), META_FIELDS, ())
    name = check.text(meta, (), "name")
    description = check.text(meta, (), "description", multiline=True)
    return Meta(
        name=name if isinstance(name, str) else None,
        description=description if isinstance(description, str) else None,
        vocabulary=Vocabulary(
            sectors=_labels(meta, "sectors", check),
            issuers=_issuers(meta, check),
            kinds=_labels(meta, "kinds", check),
        ),
    )


def _table(meta: dict[Any, Any], name: str, check: FieldChecker) -> dict[Any, Any] | None:
    if name not in meta:
        return None
    table = meta[name]
    if not isinstance(table, dict):
        check.report((name,), f"expected a mapping of value to label, got {describe_type(table)}")
        return None
    return table


def _labels(meta: dict[Any, Any], name: str, check: FieldChecker) -> dict[str, str] | None:
    table = _table(meta, name, check)
    if table is None:
        return None
    labels: dict[str, str] = {}
    for key in table:
        slug = str(key)
        if not SLUG.fullmatch(slug):
            check.report((name, slug), f"{show(key)} is not a slug", at_key=True)
            continue
        label = check.text(table, (name,), key)
        labels[slug] = label if isinstance(label, str) else slug
    return labels


def _issuers(meta: dict[Any, Any], check: FieldChecker) -> dict[str, Issuer] | None:
    table = _table(meta, "issuers", check)
    if table is None:
        return None
    issuers: dict[str, Issuer] = {}
    for key, value in table.items():
        code = str(key)
        where = ("issuers", code)
        reason = unsafe(code, one_line=True)
        if reason:
            check.report(where, f"the issuer code {reason}", at_key=True)
            continue
        if isinstance(value, str):
            name = check.text(table, ("issuers",), key)
            issuers[code] = Issuer(code, name=name if isinstance(name, str) else None)
            continue
        details = check.mapping(value, where, "an issuer with name and name_original")
        if details is None:
            continue
        check.check_keys(details, where, ISSUER_FIELDS, ("name",))
        name = check.text(details, where, "name")
        original = check.text(details, where, "name_original")
        issuers[code] = Issuer(
            code,
            name=name if isinstance(name, str) else None,
            name_original=original if isinstance(original, str) else None,
        )
    return issuers
