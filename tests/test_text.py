"""The one sanitiser and the one URL rule that every path showing timeline text uses."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.model.text import md, plain, unsafe
from policy_timeline.model.urls import is_web_url

# What a terminal acts on: ESC, BEL, CSI and every other C0/C1 control but tab and newline.
TERMINAL_ACTIONS = [
    chr(code) for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@given(st.text())
def test_plain_text_never_holds_a_control_or_bidi_character(text: str) -> None:
    for shown in (plain(text), plain(text, one_line=True)):
        assert not any(char in shown for char in TERMINAL_ACTIONS + BIDI)
        shown.encode("utf-8")  # no lone surrogate: undecodable file names print
    assert "\n" not in plain(text, one_line=True)


@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"))))
def test_printable_text_is_left_as_it_is(text: str) -> None:
    assert plain(text) == text
    assert unsafe(text, one_line=True) is None


def test_controls_are_shown_as_visible_escapes() -> None:
    assert plain("a\x1b]52;c;aGk=\x07b") == "a\\x1b]52;c;aGk=\\x07b"
    assert plain("\x9b31m\u202eevil") == "\\x9b31m\\u202eevil"
    assert plain("two\nlines\tok") == "two\nlines\tok"
    assert plain("two\nlines", one_line=True) == "two\\x0alines"
    assert plain("caf\udce9.yaml") == "caf\\udce9.yaml"


@pytest.mark.parametrize(
    ("text", "one_line", "said"),
    [
        ("a\x1bb", False, "control character U+001B"),
        ("a\x9bb", False, "control character U+009B"),
        ("a\x7fb", True, "control character U+007F"),
        ("a\rb", False, "control character U+000D"),
        ("abc\u202e", False, "bidi control U+202E"),
        ("a\u2066b", True, "bidi control U+2066"),
        ("a\u200bb", True, "invisible character U+200B"),
        ("\u200dab", True, "invisible character U+200D"),
        ("title\nsecond line", True, "line break (U+000A)"),
        ("title\u2028second line", True, "line break (U+2028)"),
    ],
)
def test_the_validator_rule_names_what_it_refuses(text: str, one_line: bool, said: str) -> None:
    reason = unsafe(text, one_line)
    assert reason is not None and said in reason


@pytest.mark.parametrize(
    "text",
    [
        "multi\nline summary",
        "tab\tseparated",
        "می\u200cخواهم",  # Persian needs ZWNJ
        "क्\u200dष",
        "Ünïcödé 中文 – “quotes”",
        "\u00a0non-breaking",
    ],
)
def test_the_validator_rule_accepts_ordinary_text(text: str) -> None:
    assert unsafe(text, one_line="\n" not in text) is None


def test_markdown_is_escaped_and_inert() -> None:
    # The escape's backslash is escaped too, so Markdown shows "\x1b" as written.
    assert md("[x](javascript:alert(1)) <b>\x1b") == r"\[x\](javascript:alert(1)) &lt;b&gt;\\x1b"
    # An entity in the data is text too: "&amp;" must not read as "&".
    assert md("&amp; <") == "&amp;amp; &lt;"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "http://example.org",
        "HTTPS://example.org/",
        "https://例え.jp/パス",
    ],
)
def test_web_urls_are_accepted(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\nscript:alert(1)",
        "https://exa\nmple.org",
        "https://example.org/\r\nSet-Cookie:x",
        "https://example.org/a b",
        "https://example.org/a\u3000b",
        "https://example.org/a\xa0b",
        "https://ex\tample.org",
        "https://example.org/\x1b]52;c;x\x07",
        "https://example.org/\u202e",
        "https://",
        "https:///path",
        "ftp://example.org",
        "file:///etc/passwd",
        "data:text/html,<b>",
        " https://example.org",
        "https://example.org\u2028",
        "https://[::1",
        None,
        3,
    ],
)
def test_anything_else_is_not_a_web_url(url: object) -> None:
    assert not is_web_url(url)


@pytest.mark.parametrize("fmt", ["markdown", "ics", "timelinejs", "json", "csv", "jsonl"])
def test_exports_never_import_rich_or_textual(fmt: str) -> None:
    code = (
        "import sys; from policy_timeline.cli import main; "
        f"main(['export', '--format', '{fmt}']); "
        "assert 'rich' not in sys.modules, 'rich imported'; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout
