"""Deciding what a reload may show: the last good data stays while a file is half-saved."""

from __future__ import annotations

from policy_timeline.problems import Problem


def newly_broken(accepted: list[Problem], fresh: list[Problem]) -> list[Problem]:
    """Problems in files that had none in the data on screen.

    Such a file is most likely half-saved, so its events would vanish from the
    view; the explorer keeps the last good data instead until it is fixed.
    """
    clean_before = {problem.path for problem in accepted}
    return [problem for problem in fresh if problem.path not in clean_before]
