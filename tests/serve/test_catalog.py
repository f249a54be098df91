"""The catalog under concurrent writers: reviewers and an extraction at once, nothing lost or overwritten,
on DuckDB and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

from event_factory import make_event, make_report
from warlog.records import Analysis, Report
from warlog.serve.catalog import EventCatalog
from warlog.serve.models import CorrectionFields, ReviewIn
from warlog.store.database import Store


class ClashPipeline:
    """Every report tells the same clash in al-Bukamal, with its own death toll."""

    def run(self, report: Report) -> Analysis:
        return Analysis(report, events=[make_event(report.id, fatalities=3 + len(report.id) % 5)])


def test_reviewers_and_an_extraction_at_once_lose_nothing(new_store_location):
    path = new_store_location("catalog")  # a DuckDB file, and a PostgreSQL store
    with Store(path) as store:
        store.add_report(make_report("r0", "Monitor"), [make_event("r0")])
    catalog = EventCatalog(path, ClashPipeline())
    [event_id] = [row[0] for row in catalog.store.db.execute("SELECT event_id_cnty FROM merged_events").fetchall()]
    corrections = {
        "ana": {"notes": "Checked against the monitor's log."},
        "bob": {"admin2": "Abu Kamal district"},
        "cem": {"actor2": "Tribal militia (Syria)"},
        "dia": {"time_precision": 2},
    }
    failures: list[BaseException] = []

    def review(who: str) -> None:
        try:
            for _ in range(5):
                body = ReviewIn(action="correct", fields=CorrectionFields(**corrections[who]), note=who)
                catalog.review([event_id], body, who)
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    def extract() -> None:
        try:
            reports = [Report(f"news-{n}", f"Clash {n} in al-Bukamal.", date(2015, 11, 18), "Wire") for n in range(8)]
            for report in reports:
                catalog.ingest([report])
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=review, args=(who,)) for who in corrections] + [threading.Thread(target=extract)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    detail = catalog.event_detail(event_id)
    catalog.close()
    # Every reviewer's correction is there, none overwrote another's, and every report joined the event.
    for fields in corrections.values():
        assert {name: detail["corrections"][name] for name in fields} == fields
        assert all(detail[name] == value for name, value in fields.items())
    assert sorted(detail["report_ids"]) == sorted(["r0", *(f"news-{n}" for n in range(8))])
    assert sorted(entry["who"] for entry in detail["audit"]) == sorted([*corrections] * 5)
