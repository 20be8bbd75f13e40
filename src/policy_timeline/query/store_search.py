"""What the index's full-text tables may answer for a search term, and the
check each candidate they give then gets.

The tables only narrow: a term is a prefix query on the ``words`` table
(``unicode61``), or a trigram or ``instr`` match on ``spaceless`` for a term in
a script written without spaces, and a term with no token narrows nothing.
Every candidate is then checked with the in-memory rule (``term_pattern``), so
a search means from the index what it means in memory.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable

from policy_timeline.query.store_file import WORDS_TOKENIZER
from policy_timeline.query.word_index import WORD, is_spaceless, word_runs


def matches_all(patterns: list[tuple[str, re.Pattern[str]]], written: str) -> bool:
    """Whether each term's pattern (``term_pattern``) finds the text folded, as
    in memory, at a fraction of the cost: the pattern ignores case and looks
    behind at every position (some 20 µs on an event's text), and folding the
    text costs a quarter of that, while the term itself found where a word
    begins (``str.find``) is a match of the pattern. An ASCII term is looked
    for in the text as written first (folding maps each character on its own
    and leaves ASCII lower case as it is, so the term is then in the folded
    text too, after the folded character before it); the pattern runs only
    where neither finds the term."""
    folded = None
    for term, pattern in patterns:
        if term.isascii() and _begins_word(written, term, str.casefold):
            continue
        if folded is None:
            folded = written.casefold()
        if not _begins_word(folded, term, None) and pattern.search(folded) is None:
            return False
    return True


def _begins_word(text: str, term: str, fold: Callable[[str], str] | None) -> bool:
    """Whether the term is in the text where a word begins (anywhere, in a
    spaceless script) once the text is folded: the character before it, folded
    with ``fold`` (folding may make a mark a letter), must not be part of a word."""
    anywhere = is_spaceless(term[0])
    at = text.find(term)
    while at > 0 and not anywhere:
        before = text[at - 1] if fold is None else fold(text[at - 1])[-1]
        if not WORD.match(before):
            break
        at = text.find(term, at + 1)
    return at >= 0


def search_narrowing(term: str) -> tuple[str, str] | None:
    """A condition that keeps every row the term may match (and perhaps more)."""
    if is_spaceless(term[0]):
        if len(term) >= 3:
            return "e.row IN (SELECT rowid FROM spaceless WHERE spaceless MATCH ?)", _quoted(term)
        return "e.row IN (SELECT rowid FROM spaceless WHERE instr(text, ?) > 0)", term
    query = _quoted(word_runs(term)) + "*"
    if not _finds_itself(term, query):
        return None  # no token in it for unicode61 (punctuation alone, say)
    return "e.row IN (SELECT rowid FROM words WHERE words MATCH ?)", query


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@functools.cache
def _probe() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.execute(f"CREATE VIRTUAL TABLE words USING fts5(text, tokenize='{WORDS_TOKENIZER}')")
    return connection


def _finds_itself(term: str, query: str) -> bool:
    """Whether the query finds the term's own text: not when it has no tokens."""
    probe = _probe()
    probe.execute("DELETE FROM words")
    probe.execute("INSERT INTO words VALUES (?)", (word_runs(term),))
    try:
        return (
            probe.execute("SELECT 1 FROM words WHERE words MATCH ?", (query,)).fetchone()
            is not None
        )
    except sqlite3.OperationalError:
        return False
