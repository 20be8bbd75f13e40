"""The HTML page: self-contained, escaped, and working in headless Chromium without a network."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from interop_support import TIMELINES, load

from policy_timeline.model.events import Timeline
from policy_timeline.render.export import FORMATS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No request can leave: every host resolves to nothing and every other request goes to a
# closed local port. The page's Content-Security-Policy forbids them anyway.
OFFLINE = (
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_page_needs_nothing_from_outside(timeline: Timeline) -> None:
    page = FORMATS["html"](timeline, timeline.events)
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        assert "src" not in attrs, (tag, attrs)
        if tag == "a" and (attrs.get("href") or "").startswith("http"):
            assert attrs.get("rel") == "noopener noreferrer"
    assert "url(" not in page and "@import" not in page
    policy = next(
        attrs["content"]
        for tag, attrs in parser.tags
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy
    # The one script is allowed by its hash and by nothing else.
    (script,) = parser.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    articles = [attrs for tag, attrs in parser.tags if tag == "article"]
    assert [attrs["data-id"] for attrs in articles] == [event.id for event in timeline.events]


def test_data_is_text_in_the_page() -> None:
    timeline = load(TIMELINES["tricky"])
    page = FORMATS["html"](timeline, timeline.events)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>&amp;</b>" not in page
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    assert 'href="http://example.org/a?b=1&amp;c=&lt;2&gt;"' in page


def chromium(*args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM
    return subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            *OFFLINE,
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    timeline = load(TIMELINES["tricky"])
    path = tmp_path / "page.html"
    path.write_text(FORMATS["html"](timeline, timeline.events), "utf-8")
    return path


def test_search_filters_and_opens_the_one_left(page: Path) -> None:
    dom = chromium(
        "--virtual-time-budget=3000", "--dump-dom", f"{page.as_uri()}#search=leap%20中文"
    ).stdout.decode()
    assert '<span id="shown">1</span>' in dom
    visible = re.findall(r'<article id="event-([a-z0-9-]+)"(?![^>]*hidden)', dom)
    assert visible == ["leap-day"]
    leap = dom[dom.index('<article id="event-leap-day"') :]
    assert leap.startswith('<article id="event-leap-day"') and "<details open" in leap
    assert "Leap source" in leap and "follows" in leap  # its sources and its links


def test_screenshots_at_phone_and_desktop_width(page: Path) -> None:
    for width, height in ((390, 844), (1280, 900)):
        shot = page.with_name(f"page-{width}.png")
        chromium(
            f"--window-size={width},{height}",
            "--virtual-time-budget=3000",
            f"--screenshot={shot}",
            f"{page.as_uri()}#search=formula",
        )
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG")
        # A blank page compresses to a few kilobytes; text and bars do not.
        assert len(data) > 20_000, (width, len(data))
