"""The fixed set of typed links between events, readable in both directions."""

from __future__ import annotations

from typing import NamedTuple


class Relation(NamedTuple):
    name: str
    forward: str
    reverse: str


RELATIONS: dict[str, Relation] = {
    relation.name: relation
    for relation in (
        Relation("builds-on", "builds on", "built on by"),
        Relation("supersedes", "supersedes", "superseded by"),
        Relation("implements", "implements", "implemented by"),
        Relation("reviews", "reviews", "reviewed by"),
        Relation("part-of", "part of", "includes"),
        Relation("responds-to", "responds to", "responded to by"),
        Relation("amends", "amends", "amended by"),
        Relation("reports-on", "reports on", "reported by"),
        Relation("follows", "follows", "followed by"),
        Relation("references", "references", "referenced by"),
    )
}
