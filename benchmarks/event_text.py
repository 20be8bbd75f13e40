"""The YAML text of synthetic events and of their metadata file, from templates.

Written as text rather than through ``yaml.dump``: it is many times faster at 100k
events, and the output reads like a hand-kept timeline (block style, folded summaries,
dates in the forms people write).

A change to what these write wants ``generate.DATA_VERSION`` bumped, so cached timelines
are rebuilt.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from vocabulary import (
    ADJECTIVES,
    CN,
    HOSTS,
    ISSUERS,
    KINDS,
    MONTHS,
    NOUNS,
    PUBLISHERS,
    RELATIONS,
    SECTORS,
    STATUSES,
    TITLE_FORMS,
    VERBS,
)


def meta_text(size: int) -> str:
    out = [
        f"name: Synthetic industrial policy timeline ({size} events)\n",
        "description: >-\n  Generated for the benchmark; deterministic from its seed.\n",
        "sectors:\n",
    ]
    out += [f"  {slug}: {quote(label)}\n" for slug, label in SECTORS.items()]
    out.append("issuers:\n")
    for code, (name, original) in ISSUERS.items():
        out.append(f"  {quote(code)}:\n    name: {quote(name)}\n")
        if original:
            out.append(f"    name_original: {original}\n")
    out.append("kinds:\n")
    out += [f"  {slug}: {quote(label)}\n" for slug, label in KINDS.items()]
    return "".join(out)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def events_text(rng: random.Random, size: int) -> Iterator[tuple[str, int, str]]:
    """(id, year, YAML text) of each event; links point only at ids already made."""
    ids: list[str] = []
    for number in range(size):
        year = rng.randint(1990, 2030)
        title, slug = make_title(rng, year)
        event_id = f"{year}-{slug}-{number}"
        yield event_id, year, event_text(rng, event_id, year, title, ids)
        ids.append(event_id)


def make_title(rng: random.Random, year: int) -> tuple[str, str]:
    form = rng.choice(TITLE_FORMS)
    title = form.format(
        v=rng.choice(VERBS),
        a=rng.choice(ADJECTIVES),
        n=rng.choice(NOUNS),
        n2=rng.choice(NOUNS),
        s=rng.choice(list(SECTORS)).replace("-", " "),
        y=year,
        y2=year + rng.randint(2, 5),
    )
    title = title[0].upper() + title[1:]
    words = [
        w
        for w in title.lower().replace("(", " ").replace(")", " ").split()
        if w.isalpha() and w not in ("on", "the", "to", "for", "of", "in", "and")
    ]
    return title, "-".join(words[:4])


def partial_date(rng: random.Random, year: int, after: tuple[int, int] = (1, 1)) -> str:
    """A date in the forms people write: mostly ISO days, some months, years, qualifiers
    and natural text (the last goes through dateutil, which is slow per call)."""
    month = rng.randint(after[0], 12)
    day = rng.randint(after[1] if month == after[0] else 1, 28)
    roll = rng.random()
    if roll < 0.55:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.75:
        return f'"{year}-{month:02d}"'
    if roll < 0.85:
        return str(year)
    if roll < 0.93:
        return f'"{year}-{month:02d}{rng.choice("~?%")}"'
    if roll < 0.97:
        return f'"{MONTHS[month - 1][:3]} {day}, {year}"'
    return f'"{MONTHS[month - 1]} {year}"'


def sentence(rng: random.Random) -> str:
    return (
        f"It aims to {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} "
        f"and {rng.choice(VERBS)} {rng.choice(NOUNS)} across {rng.randint(2, 40)} "
        f"{rng.choice(('provinces', 'pilot cities', 'enterprises', 'programmes'))}."
    )


def event_text(rng: random.Random, event_id: str, year: int, title: str, earlier: list[str]) -> str:
    out = [f"id: {event_id}\n", f"date: {partial_date(rng, year, (1, 1))}\n"]
    if rng.random() < 0.25:
        out.append(f"end: {year + rng.randint(1, 10)}\n")
    out.append(f"title: {quote(title)}\n")
    if rng.random() < 0.4:
        out.append(f"title_original: {''.join(rng.choices(CN, k=rng.randint(6, 16)))}\n")
    out.append(f"kind: {rng.choice(list(KINDS))}\n")
    issuers = rng.sample(list(ISSUERS), k=rng.choice((1, 1, 1, 2, 3)))
    out.append("issuers:\n" + "".join(f"  - {quote(code)}\n" for code in issuers))
    sectors = rng.sample(list(SECTORS), k=rng.randint(1, 3))
    out.append("sectors: [" + ", ".join(sectors) + "]\n")
    if rng.random() < 0.3:
        out.append(f'doc_number: "国发〔{year}〕{rng.randint(1, 80)}号"\n')
    if rng.random() < 0.3:
        out.append(f"published: {partial_date(rng, year, (1, 1))}\n")
    if rng.random() < 0.2:
        out.append(f"effective: {year + 1}-01-01\n")
    if rng.random() < 0.5:
        out.append(f"status: {rng.choice(STATUSES)}\n")
    out.append("summary: |\n")
    for paragraph in range(rng.randint(2, 3)):
        if paragraph:
            out.append("\n")
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        out += [
            f"  {line}\n" for line in wrap(f"{title} ({year}). {text}" if not paragraph else text)
        ]
    if rng.random() < 0.6:
        out.append("highlights:\n")
        out += [f"  - {quote(sentence(rng))}\n" for _ in range(rng.randint(1, 4))]
    sources = rng.randint(1, 3)
    out.append("sources:\n")
    for _ in range(sources):
        out.append(
            f"  - title: {quote(make_title(rng, year)[0])}\n"
            f"    publisher: {quote(rng.choice(PUBLISHERS))}\n"
        )
        if rng.random() < 0.9:
            out.append(
                f"    url: https://{rng.choice(HOSTS)}/policy/{year}/{rng.randrange(10**6)}.html\n"
            )
        out.append(f"    date: {partial_date(rng, year)}\n")
        if rng.random() < 0.3:
            out.append(f"    note: {quote(sentence(rng))}\n")
    if earlier and rng.random() < 0.4:
        out.append("related:\n")
        for other in {rng.choice(earlier) for _ in range(rng.randint(1, 3))}:
            out.append(f"  - {{id: {other}, relation: {rng.choice(RELATIONS)}}}\n")
    if rng.random() < 0.2:
        out.append("targets:\n")
        for _ in range(rng.randint(1, 2)):
            out.append(
                f"  - metric: {quote(rng.choice(NOUNS) + ' output')}\n"
                f"    value: {rng.randint(1, 5000)}\n"
                f"    unit: {quote(rng.choice(('CNY billion', '%', 'pilot projects')))}\n"
                f'    comparator: "{rng.choice((">", ">=", "=", "~"))}"\n'
                f"    deadline: {year + rng.randint(1, 8)}\n"
                f"    source: {rng.randint(1, sources)}\n"
            )
    return "".join(out)


def wrap(text: str, width: int = 76) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines
