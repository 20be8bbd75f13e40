"""Problems found in a timeline, reported like a compiler's diagnostics."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from policy_timeline.model.text import plain

# A path into a file's YAML: document keys and list indexes, outermost first.
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    # Where in the YAML the problem sits, kept until a line number is looked up.
    yaml_path: YamlPath | None = dataclasses.field(default=None, compare=False, repr=False)
    at_key: bool = dataclasses.field(default=False, compare=False, repr=False)

    def format(self) -> str:
        """One line, made inert: the path, field and message quote file names,
        YAML keys and values, any of which may hold control characters."""
        where = self.path if not self.line else f"{self.path}:{self.line}:{self.col}"
        label = f"{self.field}: " if self.field else ""
        return plain(f"{where}: {label}{self.message}", one_line=True)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint such as `` (did you mean 'title'?)``, or nothing when no choice is close."""
    options = list(choices)
    folded = {choice.casefold(): choice for choice in options}
    if word.casefold() in folded and folded[word.casefold()] != word:
        return f" (did you mean {folded[word.casefold()]!r}?)"
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class HintBudget:
    """``did_you_mean`` within a budget of comparisons, so that a file with tens
    of thousands of unknown names is still checked in about a second; once the
    budget is spent, problems come without hints."""

    def __init__(self, comparisons: int = 20_000) -> None:
        self.left = comparisons

    def __call__(self, word: str, choices: Collection[str]) -> str:
        if self.left < len(choices):
            return ""
        self.left -= max(len(choices), 1)
        return did_you_mean(word, choices)


def field_label(yaml_path: YamlPath) -> str:
    """``('sources', 1, 'url')`` as ``sources[1].url``; the leading event index is dropped."""
    label = ""
    for part in yaml_path:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += f".{part}" if label else part
    return label


def count_line(problems: list[Problem]) -> str:
    files = len({problem.path for problem in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    file_noun = "file" if files == 1 else "files"
    return f"{len(problems)} {noun} in {files} {file_noun}"
