"""The one rule for web addresses: what the validator accepts, the explorer opens and
the exporters link to."""

from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(url: object) -> TypeGuard[str]:
    """A single-line ``http://`` or ``https://`` address with a host and no
    whitespace or control characters.

    The raw text is checked before ``urlsplit`` sees it, because ``urlsplit``
    silently drops tabs and line breaks (``"java\\nscript:"`` would pass).
    """
    if not isinstance(url, str) or not url[:8].lower().startswith(("https://", "http://")):
        return False
    if not url.isprintable() or " " in url:
        # isprintable is False for every control, line break and space but
        # U+0020, so that is the one space left to look for (a character at a
        # time in Python was an eighth of a cold load's checking).
        return False
    if url.isascii() and "[" not in url and "]" not in url:
        # What urlsplit makes of a printable ASCII address with no brackets:
        # the scheme as written, and a host unless "//" is followed by / ? # or nothing.
        host = url[8:9] if url[4] in "sS" else url[7:8]
        return host not in ("", "/", "?", "#")
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in WEB_SCHEMES and bool(parts.netloc)
