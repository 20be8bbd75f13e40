from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def private_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keeps every test, and every process it starts, out of the user's real cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(folder))
    # And out of the user's marks (platformdirs reads XDG_DATA_HOME on Linux).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    return folder


@pytest.fixture
def run_cli() -> Runner:
    """Runs the installed command as a user would, in a fresh process."""

    def run(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "policy_timeline", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=cwd,
            check=False,
        )

    return run
