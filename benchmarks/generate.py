"""Deterministic synthetic timelines that look like real ones, cached in ``benchmarks/.data``.

Events are written as YAML text from templates rather than through ``yaml.dump``:
it is many times faster at 100k events, and the output reads like a hand-kept
timeline (block style, folded summaries, dates in the forms people write).

    python benchmarks/generate.py [--sizes 1000,10000,100000] [--layout per-event|batched]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

DATA_VERSION = 1  # bump when the output changes, so cached timelines are rebuilt
SEED = 20150508
DATA_DIR = Path(__file__).resolve().parent / ".data"
STAMP = ".stamp.json"  # a dot-file, so the loader skips it
LAYOUTS = ("per-event", "batched")
BATCH = 100  # events per file in the batched layout

SECTORS = {
    "additive-manufacturing": "Additive manufacturing (3D printing)",
    "advanced-manufacturing": "Advanced manufacturing",
    "semiconductors": "Semiconductors and integrated circuits",
    "new-energy-vehicles": "New energy vehicles and power batteries",
    "renewable-energy": "Wind, solar and storage",
    "steel": "Steel and non-ferrous metals",
    "telecommunications": "Information and communications",
    "agriculture": "Agriculture and rural development",
    "medical-devices": "Medical devices and pharmaceuticals",
    "shipbuilding": "Shipbuilding and maritime equipment",
    "aviation": "Civil aviation and aerospace",
    "smes": "Small and medium-sized enterprises",
}
ISSUERS = {
    "State Council": ("State Council of the People's Republic of China", "国务院"),
    "MIIT": ("Ministry of Industry and Information Technology", "工业和信息化部"),
    "NDRC": ("National Development and Reform Commission", "国家发展和改革委员会"),
    "MOF": ("Ministry of Finance", "财政部"),
    "MOST": ("Ministry of Science and Technology", "科学技术部"),
    "MOFCOM": ("Ministry of Commerce", "商务部"),
    "NEA": ("National Energy Administration", "国家能源局"),
    "SAMR": ("State Administration for Market Regulation", "国家市场监督管理总局"),
    "METI": ("Ministry of Economy, Trade and Industry (Japan)", "経済産業省"),
    "BMWK": ("Federal Ministry for Economic Affairs and Climate Action", None),
    "European Commission": ("European Commission", None),
    "US DOC": ("United States Department of Commerce", None),
    "DSIT": ("Department for Science, Innovation and Technology (UK)", None),
    "MOTIE": ("Ministry of Trade, Industry and Energy (Korea)", "산업통상자원부"),
    "Sichuan DEIT": (
        "Sichuan Department of Economy and Information Technology",
        "四川省经济和信息化厅",
    ),
}
KINDS = {
    "strategy": "Strategy",
    "plan": "Plan",
    "action-plan": "Action plan",
    "guidance": "Guidance or guiding opinions",
    "review": "Review or progress report",
    "law": "Law or regulation",
    "notice": "Notice",
    "milestone": "Milestone",
    "pilot-program": "Pilot programme",
    "competition": "Competition",
}
RELATIONS = (
    "builds-on",
    "supersedes",
    "implements",
    "reviews",
    "part-of",
    "responds-to",
    "amends",
    "reports-on",
    "follows",
    "references",
)
STATUSES = ("in-force", "expired", "superseded", "completed", "announced")
PUBLISHERS = (
    "Xinhua",
    "People's Daily Online",
    "Gov.cn",
    "Reuters",
    "Caixin Global",
    "South China Morning Post",
    "Official Journal of the European Union",
    "Federal Register",
    "Nikkei Asia",
    "MIIT press office",
)
HOSTS = (
    "www.gov.cn",
    "english.www.gov.cn",
    "www.miit.gov.cn",
    "eur-lex.europa.eu",
    "www.federalregister.gov",
    "www.reuters.com",
    "www.caixinglobal.com",
    "asia.nikkei.com",
)
ADJECTIVES = (
    "national",
    "regional",
    "industrial",
    "strategic",
    "digital",
    "green",
    "advanced",
    "key",
    "emerging",
    "integrated",
    "high-quality",
    "innovative",
    "low-carbon",
    "intelligent",
    "domestic",
    "export-oriented",
    "coordinated",
)
NOUNS = (
    "manufacturing",
    "supply chain",
    "innovation centre",
    "standards",
    "subsidies",
    "procurement",
    "tariffs",
    "pilot zones",
    "research programme",
    "talent",
    "capacity",
    "investment fund",
    "certification",
    "infrastructure",
    "exports",
    "data governance",
    "competitiveness",
    "technology transfer",
    "clusters",
    "productivity",
)
VERBS = (
    "promote",
    "accelerate",
    "strengthen",
    "support",
    "upgrade",
    "regulate",
    "expand",
    "coordinate",
    "consolidate",
    "evaluate",
    "finance",
    "localise",
    "standardise",
)
TITLE_FORMS = (
    "Plan to {v} {a} {n}",
    "Guiding opinions on {a} {n}",
    "Notice on measures to {v} the {a} {n}",
    "Action plan for {a} {n} ({y}-{y2})",
    "Measures to {v} {n} in {s}",
    "Review of {a} {n} policy",
    "Regulation on {n} and {n2}",
    "Implementation scheme for {a} {n}",
)
CN = "发展产业制造创新技术标准质量绿色数字智能工业计划意见通知方案实施推进加快建设"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def folder_for(size: int, layout: str) -> Path:
    return DATA_DIR / f"{layout}-{size}"


def stamp_for(size: int, layout: str, seed: int) -> dict[str, object]:
    return {"version": DATA_VERSION, "seed": seed, "size": size, "layout": layout}


def ensure(size: int, layout: str, seed: int = SEED) -> Path:
    """The folder of a generated timeline, generated now unless a matching one is cached."""
    folder = folder_for(size, layout)
    stamp = folder / STAMP
    wanted = stamp_for(size, layout, seed)
    try:
        if json.loads(stamp.read_text()) == wanted:
            return folder
    except (OSError, ValueError):
        pass
    if folder.exists():
        shutil.rmtree(folder)
    write_timeline(folder, size, layout, seed)
    stamp.write_text(json.dumps(wanted))  # last, so an interrupted run is regenerated
    return folder


def write_timeline(folder: Path, size: int, layout: str, seed: int) -> None:
    folder.mkdir(parents=True)
    (folder / "_timeline.yaml").write_text(meta_text(size), encoding="utf-8")
    rng = random.Random(f"{seed}-{size}")  # same events in both layouts
    events = events_text(rng, size)
    if layout == "per-event":
        # One folder per year, as people keep them; no folder holds 100k files.
        made: set[Path] = set()
        for event_id, year, text in events:
            sub = folder / str(year)
            if sub not in made:
                sub.mkdir(exist_ok=True)
                made.add(sub)
            (sub / f"{event_id}.yaml").write_text(text, encoding="utf-8")
        return
    batch: list[str] = []
    number = 0
    for _, _, text in events:
        batch.append(as_list_item(text))
        if len(batch) == BATCH:
            number += 1
            (folder / f"events-{number:05d}.yaml").write_text("".join(batch), encoding="utf-8")
            batch = []
    if batch:
        (folder / f"events-{number + 1:05d}.yaml").write_text("".join(batch), encoding="utf-8")


def as_list_item(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "- " + lines[0] + "".join("  " + line if line.strip() else line for line in lines[1:])


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--layout", choices=LAYOUTS, action="append")
    parser.add_argument("--seed", type=int, default=SEED)
    options = parser.parse_args()
    for size in (int(text) for text in options.sizes.split(",")):
        for layout in options.layout or LAYOUTS:
            print(ensure(size, layout, options.seed))


if __name__ == "__main__":
    main()
