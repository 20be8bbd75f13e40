"""policy-timeline: explore timelines of government policy in the terminal."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policy-timeline")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
