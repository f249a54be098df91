"""Where the learned model meets the rules: the one place an event's type is re-decided.

The coding stage asks `decide(view)` once per event, after the rules chose its type. Without an active
model the rules' choice stands. With one, the model (which saw the rules' choice among its features)
takes over where its probability for another type reaches the model's threshold, tuned by cross-validation
when it was trained. `support` is the model's probability for the type kept, which the coding stage folds
into the event's confidence. The active model is per process: `use_model` is called by the CLI, by each
`--workers` process and by a batch actor, before any report is coded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warlog.learn.views import Decision, Engine, EventView

_active: Engine | None = None
_active_path: Path | None = None


def decide(view: EventView, event_type: str) -> Decision:
    """The event's type: the rules' (`event_type`, `view.sub_event_type`) unless an active model overrides it."""
    if _active is None:
        return Decision(event_type, view.sub_event_type or "", 1.0)
    return _active.decide(view, event_type)


def use_model(path: Path | None) -> None:
    """Make the model file at `path` this process's engine (None: rules alone); loaded once per path."""
    global _active, _active_path
    if path is None:
        _active, _active_path = None, None
        return
    if _active_path == path:
        return
    from warlog.learn.model import TypingModel

    _active, _active_path = TypingModel.load(path), path


def active_path() -> Path | None:
    """The file of this process's model, for handing on to worker processes."""
    return _active_path


@contextmanager
def engine(used: Engine | None) -> Iterator[None]:
    """Run with `used` as the engine (training records the rules' views through one), then restore."""
    global _active, _active_path
    saved = _active, _active_path
    _active, _active_path = used, None
    try:
        yield
    finally:
        _active, _active_path = saved
