"""Text from a timeline made inert: the one rule for characters that must not reach a screen.

A timeline may come from a stranger, so its text (fields, vocabulary, YAML
keys, file names, and what problem messages quote) is data. Before any of it
is shown, control characters (C0 but tab and line feed, DEL, C1), bidi
overrides and isolates, lone surrogates (undecodable file names) and, on one
line, line breaks are replaced by visible escapes such as ``\\x1b``. The
validator refuses the same characters in the fields it reads (``unsafe``), so
the sanitiser only ever meets them in names the program did not choose.

Core module: no Rich, no Textual, so every exporter can use it.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and line feed, DEL and the C1 controls: Unicode category
# Cc. A terminal acts on ESC, BEL and CSI (U+009B) instead of showing them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates reorder the text around them, so a
# line can read differently from what it holds (CVE-2021-42574, "Trojan Source").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Characters that break a line without being "\n" to a terminal or a reader.
LINE_BREAKS = "\n\r\x85\u2028\u2029"
# Invisible characters that can make two different texts look the same.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_SHOWN_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\ud800-\udfff]")
_SHOWN_ESCAPED_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\u2028\u2029\ud800-\udfff]"
)
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + ZERO_WIDTH + "]")
_REFUSED_ONE_LINE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f" + BIDI_CONTROLS + ZERO_WIDTH + "\u2028\u2029]"
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
# Character references read the same in CommonMark, pandoc and python-markdown,
# which shows the backslash of "\<"; "&" itself must be one, or "&amp;" in the
# data would read as "&".
_MARKDOWN_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def plain(text: str, one_line: bool = False) -> str:
    """Text from a timeline, safe to show: every character a terminal (or a
    reader) could take for a command is shown as an escape such as ``\\x1b``.

    ``one_line`` escapes line breaks and tabs too, for names and problem lines.
    """
    if text.isprintable():  # the usual case: nothing to replace
        return text
    pattern = _SHOWN_ESCAPED_ONE_LINE if one_line else _SHOWN_ESCAPED
    return pattern.sub(_escape, text)


def md(text: str) -> str:
    """Text from a timeline made inert in Markdown: no markup, links or control characters."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text).translate(_MARKDOWN_ENTITIES))


def unsafe(text: str, one_line: bool) -> str | None:
    """What the validator says about a text field: why it cannot be accepted, or None.

    Control characters, bidi overrides and isolates, and invisible characters
    are refused; so are line breaks in a one-line field. The joiners U+200C and
    U+200D are kept between letters, where scripts such as Persian and
    Devanagari need them. Tab is whitespace and allowed everywhere.
    """
    if text.isprintable():  # the usual case: no character to look at
        return None
    for found in (_REFUSED_ONE_LINE if one_line else _REFUSED).finditer(text):
        char = found.group()
        code = ord(char)
        if char in LINE_BREAKS and one_line:
            return f"is one line, but contains a line break (U+{code:04X})"
        if CONTROL.match(char):
            return f"contains the control character U+{code:04X}"
        if char in BIDI_CONTROLS:
            return (
                f"contains the bidi control U+{code:04X} ({_name(char)}), "
                "which reorders how the text reads"
            )
        if not (char in "\u200c\u200d" and _between_letters(text, found.start())):
            return f"contains the invisible character U+{code:04X} ({_name(char)})"
    return None


def _between_letters(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (
        bool(before)
        and bool(after)
        and unicodedata.category(before)[0] in "LM"
        and unicodedata.category(after)[0] in "LM"
    )


def _name(char: str) -> str:
    return unicodedata.name(char, "unnamed").lower()
