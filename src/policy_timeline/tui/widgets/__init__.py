"""Widgets of the explorer's main screen; each takes data down and posts messages up."""
