"""Word-start search: a typed term finds the events with a word that begins with it.

"rail" finds "railway" and "Rail", not "trail"; what is found is what gets
highlighted, since both use the same rule. Scripts written without spaces
(Chinese, Japanese, Korean) have no word starts to go by, so there every
character begins one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

WORD = re.compile(r"\w+")
# Above this many cached terms the cache starts again: a session types a few dozen.
CACHE_SIZE = 256


def is_spaceless(char: str) -> bool:
    """A character of a script written without spaces between words."""
    return (
        "\u3040" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7af"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0002fa1f"
    )


# A character ``is_spaceless`` accepts (the same ranges), to find one in a long text at C speed.
SPACELESS_CHAR = re.compile("[\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


def search_words(text: str) -> list[str]:
    """The terms of a search, folded; each must begin a word ("covid-19" as one term)."""
    return text.casefold().split()


def words_of(text: str) -> set[str]:
    """Every word of a folded text, and in spaceless scripts every tail of a word.

    A text and its words are checked for a spaceless character at C speed:
    checked character by character in Python, they made the explorer's word
    index take 18 s at 100k events, in a thread beside the reader's first keys.
    """
    found = set(WORD.findall(text))
    if SPACELESS_CHAR.search(text) is None:
        return found
    for word in [word for word in found if SPACELESS_CHAR.search(word)]:
        found.update(word[start:] for start, char in enumerate(word) if is_spaceless(char))
    return found


NOT_WORD = re.compile(r"[^\w\s]")


def word_runs(text: str) -> str:
    """The text with every character that is not part of a word (for ``WORD``)
    made a space: the words as ``term_pattern`` sees them, for a tokenizer that
    would otherwise keep marks or private-use characters inside its tokens."""
    return NOT_WORD.sub(" ", text)


def spaceless_words(text: str) -> list[str]:
    """The whitespace-free runs of a text that hold a character of a script
    written without spaces: a term that begins with one (and a term holds no
    space) can only match inside one of them."""
    if not SPACELESS_CHAR.search(text):
        return []
    return [word for word in text.split() if SPACELESS_CHAR.search(word)]


def term_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Finds where the terms begin a word, in text of any case: the highlight's rule."""
    parts = [
        re.escape(term) if is_spaceless(term[0]) else r"(?<!\w)" + re.escape(term)
        for term in terms
        if term
    ]
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)


class WordIndex:
    """For each word, the rows whose text has it; a term's rows are found by bisection.

    ``term_pattern`` is the rule; the index answers a one-word term by itself
    and narrows the rows a longer term ("covid-19") is then checked against.
    """

    def __init__(self, texts: list[str]) -> None:
        postings: dict[str, list[int]] = {}
        for row, text in enumerate(texts):
            for word in words_of(text):
                rows = postings.get(word)
                if rows is None:
                    postings[word] = [row]
                else:
                    rows.append(row)
        self._texts = texts
        self._words = sorted(postings)
        self._postings = [postings[word] for word in self._words]
        self._cache: dict[str, frozenset[int]] = {}

    def rows_with(self, term: str) -> frozenset[int]:
        """The rows whose folded text has ``term`` where a word begins."""
        found = self._cache.get(term)
        if found is None:
            words = WORD.findall(term)
            if words == [term]:
                found = self._rows_with_word_start(term)
            else:
                pattern, texts = term_pattern([term]), self._texts
                candidates = self._rows_with_word_start(words[0]) if words else range(len(texts))
                found = frozenset(row for row in candidates if pattern.search(texts[row]))
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[term] = found
        return found

    def _rows_with_word_start(self, prefix: str) -> frozenset[int]:
        start = bisect_left(self._words, prefix)
        # The first string after every word that begins with the prefix.
        stop = bisect_left(self._words, prefix[:-1] + chr(ord(prefix[-1]) + 1), start)
        return frozenset().union(*self._postings[start:stop])

    def matching(self, terms: list[str]) -> frozenset[int]:
        """The rows that have every term where a word begins."""
        found: frozenset[int] | None = None
        for term in sorted(terms, key=len, reverse=True):  # the rarest first, usually
            rows = self.rows_with(term)
            found = rows if found is None else found & rows
            if not found:
                break
        return found if found is not None else frozenset()
