from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> Runner:
    """Runs the installed command as a user would, in a fresh process."""

    def run(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "policy_timeline", *args],
            capture_output=True, text=True, timeout=60, env=env, cwd=cwd, check=False,
        )

    return run
