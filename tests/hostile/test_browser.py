"""2. Nothing from a timeline runs in a browser.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import EVENT, run

SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_browser_exports_escape_every_field_labels_and_groups_included(tmp_path: Path) -> None:
    (tmp_path / "_timeline.yaml").write_text(
        json.dumps(
            {
                "name": SCRIPT,
                "description": SCRIPT,
                "kinds": {"plan": SCRIPT},
                "issuers": {"MIIT": SCRIPT},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text(
        json.dumps(
            {
                "id": "good",
                "date": "2017",
                "title": SCRIPT,
                "kind": "plan",
                "issuers": ["MIIT"],
                "summary": SCRIPT,
                "doc_number": SCRIPT,
                "targets": [{"metric": SCRIPT, "value": 1, "unit": SCRIPT}],
                "sources": [
                    {
                        "title": SCRIPT,
                        "publisher": SCRIPT,
                        "date": "2017",
                        "url": 'https://example.org/?q="><script>',
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    status, output = run("export", "--format", "timelinejs", "-t", str(tmp_path))
    assert status == 0
    document = json.loads(output[output.index("{") :])
    strings = json.dumps(document, ensure_ascii=False)
    assert "<img" not in strings and "<script" not in strings
    assert document["events"][0]["group"] == SCRIPT.replace("&", "&amp;").replace(
        "<", "&lt;"
    ).replace(">", "&gt;").replace('"', "&quot;")
    status, markdown = run("export", "--format", "markdown", "-t", str(tmp_path))
    # Markdown shows a backslash-escaped "<" as text; only a bare one would be HTML.
    assert not re.search(r"(?<!\\)<(img|script)", markdown)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\nscript:alert(1)",
        "https://example.org/\nSet-Cookie: x",
        "data:text/html,x",
    ],
)
def test_urls_that_are_not_single_line_web_addresses_are_refused(tmp_path: Path, url: str) -> None:
    text = EVENT.format(id="good").replace('"https://example.org/"', json.dumps(url))
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    status, output = run("validate", "-t", str(tmp_path))
    assert status == 1 and "sources[0].url" in output
