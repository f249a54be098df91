"""The options the commands share (input, output, store, workers, redaction) and the event filter options of
`warlog events` and `warlog export`, which a command receives as one `EventFilter` (`filtered`)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from warlog.store.filters import EventFilter

InputArg = Annotated[str, typer.Argument(help="A text/HTML/Markdown file, a folder, a JSONL file, or - for stdin.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout ('-' is stdout).")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for single files.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Extract on N processes (--engine ray: N actors, default all CPUs)."),
]
ModelOpt = Annotated[
    Path | None,
    typer.Option("--model", help="A typing model (`warlog train`): types combined with the rules' (the learn extra)."),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a DuckDB file, or a PostgreSQL URL postgresql://USER:PASSWORD@HOST/DATABASE"
        " (default: $WARLOG_DB, else a DuckDB file in the user's data folder).",
    ),
]
StartOpt = Annotated[str | None, typer.Option("--start", help="Events on or after YYYY-MM-DD.")]
EndOpt = Annotated[str | None, typer.Option("--end", help="Events on or before YYYY-MM-DD.")]
BboxOpt = Annotated[
    str | None,
    typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat (min_lon > max_lon crosses the antimeridian)."),
]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Country name, ISO2 or ISO3 code.")]
Admin1Opt = Annotated[str | None, typer.Option("--admin1", help="First-level region name.")]
EventTypeOpt = Annotated[list[str] | None, typer.Option("--event-type", help="ACLED event type (repeat for several).")]
SubEventTypeOpt = Annotated[
    list[str] | None, typer.Option("--sub-event-type", help="ACLED sub-event type (repeat for several).")
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's or associate's name.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the notes, location or actors.")]
MinSourcesOpt = Annotated[int, typer.Option("--min-sources", help="Only events told by N sources or more.")]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Only events changed since this moment (YYYY-MM-DD[THH:MM], UTC, or Unix seconds)."),
]
RedactOpt = Annotated[
    bool,
    typer.Option(
        "--redact-persons",
        help="Mask people's names (spaCy PERSON spans no known group) in notes, evidence and actors as [person].",
    ),
]

# The filter options in the order `--help` lists them, with their defaults; `event_filter` takes them so.
FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "start": (StartOpt, None),
    "end": (EndOpt, None),
    "bbox": (BboxOpt, None),
    "country": (CountryOpt, None),
    "admin1": (Admin1Opt, None),
    "event_type": (EventTypeOpt, None),
    "sub_event_type": (SubEventTypeOpt, None),
    "actor": (ActorOpt, None),
    "text": (TextOpt, None),
    "min_sources": (MinSourcesOpt, 1),
    "since": (SinceOpt, None),
}


def filtered(command: Callable[..., None]) -> Callable[..., None]:
    """The command with the filter options in place of its `where` parameter, which receives them as one
    `EventFilter`. Typer reads the options from the signature, so it is rewritten rather than repeated."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = []
    # `where` is named, not evaluated: the filter's model (pydantic) loads only when a filter is built.
    signature = inspect.signature(command, eval_str=True, locals={"EventFilter": None})
    for parameter in signature.parameters.values():
        if parameter.name == "where":
            parameters += [
                inspect.Parameter(name, keyword, default=default, annotation=annotation)
                for name, (annotation, default) in FILTER_OPTIONS.items()
            ]
        else:
            parameters.append(parameter.replace(kind=keyword))

    @functools.wraps(command)
    def run(**options: Any) -> None:
        where = event_filter(*(options.pop(name) for name in FILTER_OPTIONS))
        command(**options, where=where)

    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return run


def event_filter(
    start: str | None,
    end: str | None,
    bbox: str | None,
    country: str | None,
    admin1: str | None,
    event_type: list[str] | None,
    sub_event_type: list[str] | None,
    actor: str | None,
    text: str | None,
    min_sources: int,
    since: str | None = None,
) -> EventFilter:
    from pydantic import ValidationError

    from warlog.store.filters import EventFilter

    values = {
        "start": day_option(start, "--start"), "end": day_option(end, "--end"), "bbox": bbox, "country": country,
        "admin1": admin1, "event_type": event_type or [], "sub_event_type": sub_event_type or [], "actor": actor,
        "q": text, "min_sources": min_sources, "since": since_option(since),
    }  # fmt: skip
    try:
        return EventFilter(**values)
    except ValidationError as error:
        problem = error.errors()[0]
        field = problem["loc"][0] if problem["loc"] else None
        flag = "--text" if field == "q" else f"--{field.replace('_', '-')}" if field else "--start/--end"
        raise typer.BadParameter(problem["msg"].removeprefix("Value error, "), param_hint=flag) from None


def since_option(value: str | None) -> datetime | None:
    """--since: a moment (YYYY-MM-DD, an ISO date and time, taken as UTC without a zone) or Unix seconds."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC) if value.isdigit() else datetime.fromisoformat(value)
    except (ValueError, OverflowError, OSError):
        raise typer.BadParameter(
            f"not a moment: {value!r} (YYYY-MM-DD[THH:MM[:SS]] or Unix seconds)", param_hint="--since"
        ) from None


def day_option(value: str | None, hint: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise typer.BadParameter(f"not a YYYY-MM-DD date: {value!r}", param_hint=hint) from None
