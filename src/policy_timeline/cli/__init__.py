"""The command line: the explorer by default, and summary, targets, validate, export, show,
new and schema.

The parser is in `parser`; each command family's work is in its own module (`explorer`,
`reports`, `validate`, `export`, `authoring`); this one wires a command's name to it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from policy_timeline.cli.authoring import run_import, run_new, run_schema
from policy_timeline.cli.explorer import run_open
from policy_timeline.cli.export import run_export
from policy_timeline.cli.options import PROG, UsageError
from policy_timeline.cli.parser import build_parser
from policy_timeline.cli.reports import run_show, run_summary, run_targets
from policy_timeline.cli.validate import run_validate
from policy_timeline.model.text import plain
from policy_timeline.reading.loader import TimelineNotFound


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "open")
    options = parser.parse_args(args)
    try:
        return int(COMMANDS[options.command](options))
    except (UsageError, TimelineNotFound) as error:
        # Messages quote paths and values as given, which may hold control characters.
        print(f"{PROG}: error: {plain(str(error), one_line=True)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`); quietly stop writing to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "open": run_open,
    "summary": run_summary,
    "validate": run_validate,
    "export": run_export,
    "import": run_import,
    "show": run_show,
    "targets": run_targets,
    "new": run_new,
    "schema": run_schema,
}
