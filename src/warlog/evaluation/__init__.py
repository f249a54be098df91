"""Scorers that measure warlog (or any system writing its output formats) against gold data.

One module per task: `events` (ACLED-coded events), `fakes` (FA-KES articles), `places`
(toponyms), `dates` (TIMEX3 expressions), `merge` (same-incident documents); `cli` is `warlog eval`
and `report` regenerates docs/results.md. Metric definitions: docs/evaluation.md.
"""
