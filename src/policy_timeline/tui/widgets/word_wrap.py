"""Rich's word wrap for a line of printable ASCII, without a ``Text`` per line.

Wrapping a paragraph through ``Text.wrap`` builds a text object for every line
it makes, and then crops, justifies and measures each: that was most of what
drawing a new event in the detail pane cost. A line of printable ASCII is one
cell a character and its only white space is the space, so where Rich breaks it
follows from the words' lengths alone. ``tests/tui/test_word_wrap.py`` holds
these lines to ``Text.wrap``'s for any such text and width.
"""

from __future__ import annotations

import re

# A word as Rich's wrap takes it: any spaces before it (only at the line's
# start, as every word takes the spaces after it), the word, the spaces after.
_WORD = re.compile(r" *[^ ]+ *")


def applies(line: str) -> bool:
    """Whether ``wrap_line`` wraps ``line`` as Rich does: printable ASCII only."""
    return line.isascii() and line.isprintable()


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` (printable ASCII, no newline) as ``Text.wrap`` wraps it at ``width`` >= 1.

    Greedy: a word goes on the current line if it fits without its trailing
    spaces, else it starts the next line; a word wider than a whole line is
    folded into pieces of ``width``. Each line is then cut to ``width``, which
    drops the spaces that hang past the edge.
    """
    if len(line) <= width:
        return [line]
    starts = [0]
    used = 0  # cells of the current line taken, trailing spaces included
    for match in _WORD.finditer(line):
        start, end = match.span()
        length = len(match.group().rstrip(" "))
        if width - used >= length:
            used += end - start
        elif length > width:
            folds = range(start, end, width)
            starts += [fold for fold in folds if fold]
            used = end - folds[-1]
        elif used and start:
            starts.append(start)
            used = end - start
    ends = [*starts[1:], len(line)]
    return [line[start:end][:width] for start, end in zip(starts, ends, strict=True)]


__all__ = ["applies", "wrap_line"]
