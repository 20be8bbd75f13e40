"""The detail pane: everything the timeline records about the event under the cursor."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from policy_timeline.model import Event, Source, Timeline
from policy_timeline.tui.widgets.timeline_list import date_label
from policy_timeline.urls import is_web_url as is_http_url


def is_web_url(url: str | None) -> bool:
    """Only http(s) addresses are opened; the validator's own test decides."""
    return url is not None and is_http_url(url)


class DetailPane(VerticalScroll, can_focus=True):
    """Takes an event; posts requests to follow a link or open a source."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail--section"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.scroll-down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.scroll-up"),
        Binding("escape", "leave", "Back to list", id="detail.leave"),
    ]

    class FollowRequested(Message):
        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    class OpenRequested(Message):
        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    class Left(Message):
        """The user is done reading and wants the list back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._event: Event | None = None
        self._timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        # One Static holds all the reading text: each widget updated on a cursor
        # move costs a layout and a render, and this pane changes on every move.
        yield Static(id="detail-text")
        yield Label("Sources  (enter or o opens)", id="sources-title", classes="detail-section")
        yield OptionList(id="detail-sources")
        yield Label("Related events  (enter follows, backspace returns)", id="related-title",
                    classes="detail-section")
        yield OptionList(id="detail-related")

    @property
    def event(self) -> Event | None:
        return self._event

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The section headings take their colour from the theme when drawn.
        if self._timeline is not None and self._event is not None:
            self.query_one("#detail-text", Static).update(_reading(
                self._timeline, self._event, self.get_component_rich_style("detail--section")))

    def show(self, timeline: Timeline, event: Event | None) -> None:
        self._timeline = timeline
        self._event = event
        text = self.query_one("#detail-text", Static)
        if event is None:
            text.update(Text("No event in view. Press c to clear the filters."))
            for part in self.query(".detail-section, OptionList"):
                part.display = False
            return
        text.update(_reading(timeline, event, self.get_component_rich_style("detail--section")))
        sources = self.query_one("#detail-sources", OptionList)
        sources.set_options(_source_option(number, source)
                            for number, source in enumerate(event.sources, start=1))
        sources.highlighted = 0 if event.sources else None
        related = timeline.related(event)
        links = self.query_one("#detail-related", OptionList)
        links.set_options(
            Option(Text.assemble((link.phrase, "italic"), "  ", date_label(link.other), "  ",
                                 link.other.title, (f"  ({link.note})" if link.note else "")),
                   id=link.other.id)
            for link in related)
        links.highlighted = 0 if related else None
        for name, shown in (("sources", bool(event.sources)), ("related", bool(related))):
            self.query_one(f"#{name}-title").display = shown
            self.query_one(f"#detail-{name}").display = shown
        self.scroll_home(animate=False)

    @property
    def selected_source_url(self) -> str | None:
        """The URL of the highlighted source, or the first web URL the event cites."""
        if self._event is None:
            return None
        index = self.query_one("#detail-sources", OptionList).highlighted
        sources = self._event.sources
        if index is not None and 0 <= index < len(sources) and sources[index].url:
            return sources[index].url
        return next((source.url for source in sources if is_web_url(source.url)), None)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option_list.id == "detail-related" and message.option.id:
            self.post_message(self.FollowRequested(message.option.id))
        elif message.option_list.id == "detail-sources" and self._event is not None:
            url = self._event.sources[message.option_index].url
            if url:
                self.post_message(self.OpenRequested(url))

    def action_leave(self) -> None:
        self.post_message(self.Left())


def _reading(timeline: Timeline, event: Event, section: Style) -> Group:
    parts: list[RenderableType] = [_head(event), Text(""), _facts(timeline, event), Text(""),
                                   Text(event.summary)]
    if event.highlights:
        parts += [Text(""), Text("Highlights", style=section),
                  Text("\n").join(Text(f"• {line}") for line in event.highlights)]
    if event.targets:
        parts += [Text(""), Text("Targets", style=section), _targets(event)]
    parts.append(Text(""))
    return Group(*parts)


def _head(event: Event) -> Text:
    text = Text(event.title, style="bold")
    if event.title_original:
        text.append("\n" + event.title_original)
    text.append(f"\n{event.id}", style="dim")
    return text


def _facts(timeline: Timeline, event: Event) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    date = event.date.human() + f"  ({event.date.precision.name.lower()} precision)"
    rows: list[tuple[str, str]] = [("Date", date)]
    if event.end:
        rows.append(("Until", f"{event.end.human()}  (a period: {date_label(event)})"))
    if event.published:
        rows.append(("Published", event.published.human()))
    if event.effective:
        rows.append(("Effective", event.effective.human()))
    if event.doc_number:
        rows.append(("Document", event.doc_number))
    if event.status:
        rows.append(("Status", event.status))
    kinds = timeline.vocabulary.kinds or {}
    rows.append(("Kind", kinds.get(event.kind, event.kind)))
    issuers = timeline.vocabulary.issuers or {}
    for number, code in enumerate(event.issuers):
        issuer = issuers.get(code)
        name = issuer.label() if issuer else code
        if issuer and issuer.name_original:
            name += f" ({issuer.name_original})"
        if issuer and issuer.name and issuer.name != code:
            name = f"{code}: {name}"
        rows.append(("Issuers" if number == 0 else "", name))
    for number, sector in enumerate(event.sectors):
        rows.append(("Sectors" if number == 0 else "", timeline.sector_label(sector)))
    rows.append(("File", event.file))
    for label, value in rows:
        table.add_row(Text(label), Text(value))
    return table


def _targets(event: Event) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column(Text("Metric"), ratio=3)
    table.add_column(Text("Goal"), ratio=2)
    table.add_column(Text("Src"), no_wrap=True)
    for target in event.targets:
        metric = Text(target.metric)
        if target.note:
            metric.append(f"\n{target.note}", style="dim")
        source = Text(f"[{target.source}]" if target.source else "")
        goal = Text(target.describe())
        if target.outcome:
            goal.append(f"\n{target.outcome.describe()}", style="italic")
        table.add_row(metric, goal, source)
    return table


def _source_option(number: int, source: Source) -> Option:
    text = Text(f"[{number}] ", style="bold")
    text.append(source.title)
    text.append(f"\n    {source.publisher}, {source.date.human()}", style="dim")
    if source.url:
        text.append(f"\n    {source.url}", style="underline" if is_web_url(source.url) else "")
    return Option(text)
