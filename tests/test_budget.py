"""The time budget: a report past it is rejected with a clear reason, and the batch goes on."""

from __future__ import annotations

import re
import threading
import time

import pytest

from warlog.budget import TimeBudget
from warlog.pipeline import Pipeline, Stage
from warlog.records import Analysis, Rejection, Report

TIGHT = TimeBudget(seconds_per_10k_chars=0.3)


def backtracking(analysis: Analysis) -> None:
    # Exponential in the number of "a"s: tens of seconds here, unless something interrupts it.
    if analysis.report.id == "hostile":
        re.match(r"(a+)+$", "a" * 27 + "!")


def busy(seconds: float) -> None:
    """Spends CPU time (the budget counts CPU time, not sleep)."""
    until = time.thread_time() + seconds
    while time.thread_time() < until:
        pass


def slow(analysis: Analysis) -> None:
    if analysis.report.id == "hostile":
        busy(0.2)


REPORTS = [Report("hostile", "Gunmen killed three people in Kandahar."), Report("fine", "Police arrested five.")]


def test_a_report_past_its_budget_is_interrupted_inside_a_regex_and_the_batch_goes_on():
    pipeline = Pipeline(stages=(Stage(backtracking),), time_budget=TIGHT)
    list(pipeline.run_or_reject(REPORTS[1:]))  # loads the language model, which is not what is timed here
    started = time.monotonic()
    results = list(pipeline.run_or_reject(REPORTS))
    assert time.monotonic() - started < 5
    rejection, analysis = results
    assert isinstance(rejection, Rejection) and rejection.report_id == "hostile"
    assert "time budget of 0.3 s of CPU time for 39 characters" in rejection.reason
    assert isinstance(analysis, Analysis) and analysis.report.id == "fine"


def test_off_the_main_thread_the_deadline_is_checked_between_stages():
    results = []
    worker = threading.Thread(
        target=lambda: results.extend(
            Pipeline(stages=(Stage(slow), Stage(slow), Stage(slow)), time_budget=TIGHT).run_or_reject(REPORTS)
        )
    )
    worker.start()
    worker.join()
    assert [type(result) for result in results] == [Rejection, Analysis]


def test_no_budget_lets_a_slow_report_finish():
    unlimited = TimeBudget(seconds_per_10k_chars=0)
    results = list(Pipeline(stages=(Stage(slow), Stage(slow)), time_budget=unlimited).run_or_reject(REPORTS))
    assert all(isinstance(result, Analysis) for result in results)


def test_a_busy_machine_does_not_spend_the_budget():
    def waits(analysis: Analysis) -> None:
        time.sleep(0.5)  # waiting for the CPU, a lock or the disk costs no CPU time

    results = list(Pipeline(stages=(Stage(waits),), time_budget=TIGHT).run_or_reject(REPORTS[1:]))
    assert [type(result) for result in results] == [Analysis]


def test_the_budget_grows_with_the_text_and_is_read_from_the_environment(monkeypatch):
    budget = TimeBudget(seconds_per_10k_chars=2)
    assert budget.seconds_for("x" * 100) == 2  # a short report counts as 10,000 characters
    assert budget.seconds_for("x" * 50_000) == 10
    monkeypatch.setenv("WARLOG_TIME_BUDGET", "0.5")
    assert TimeBudget.from_environment().seconds_per_10k_chars == 0.5
    monkeypatch.setenv("WARLOG_TIME_BUDGET", "fast")
    with pytest.raises(ValueError, match="WARLOG_TIME_BUDGET"):
        TimeBudget.from_environment()


def test_loading_what_the_stages_need_is_not_charged_to_the_first_report():
    loaded = []

    def loads_on_first_use(analysis: Analysis) -> None:
        if not loaded:
            busy(0.5)  # a cold gazetteer or lexicon
            loaded.append(True)

    results = list(Pipeline(stages=(Stage(loads_on_first_use),), time_budget=TIGHT).run_or_reject(REPORTS[1:]))
    assert [type(result) for result in results] == [Analysis]
