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
    if not url.isprintable() or any(char.isspace() for char in url):
        return False  # isprintable is False for every control and line break
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
