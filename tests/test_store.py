from __future__ import annotations

import itertools
import json
import random
import threading
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from event_factory import DEIR_EZ_ZOR_CITY, make_event, make_report
from warlog.merge.candidates import candidate
from warlog.merge.clustering import clusters
from warlog.merge.scoring import MergeConfig
from warlog.records import Event, Evidence, Rejection
from warlog.store.database import Store, default_location
from warlog.store.filters import EventFilter
from warlog.store.rows import dicts, merged_values
from warlog.store.schema import EVENT_COLUMNS

ELSEWHERE = {
    "location": "Deir ez-Zor",
    "admin2": DEIR_EZ_ZOR_CITY["admin2"],
    "latitude": DEIR_EZ_ZOR_CITY["latitude"],
    "longitude": DEIR_EZ_ZOR_CITY["longitude"],
}


try:
    import psycopg

    DATABASE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, psycopg.Error)
except ImportError:  # the DuckDB runs need no driver
    DATABASE_ERRORS = (duckdb.Error,)


@pytest.fixture
def store(new_store_location):
    """An empty store, on DuckDB and on PostgreSQL (`new_store_location`)."""
    with Store(new_store_location("test")) as opened:
        yield opened


def snapshot(store: Store) -> list[list[tuple]]:
    """Every table's content, for comparing before and after."""
    tables = ("reports", "rejections", "extracted_events", "merged_events", "merged_aliases", "id_serials")
    return [sorted(store.db.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables]


def grouping(store: Store) -> set[tuple]:
    """Merged events by the reports behind them and their coded fields, without ids or timestamps."""
    return {
        (tuple(row["report_ids"]), row["event_date"], row["location"], row["fatalities"], row["source_count"])
        for row in store.events()
    }


def add_clash_reports(store: Store, order: list[str]) -> None:
    reports = {
        "sana": (make_report("sana", "SANA"), [make_event("sana", fatalities=6)]),
        "direct": (make_report("direct", "Syria Direct"), [make_event("direct"), make_event("direct", **ELSEWHERE)]),
        "afp": (make_report("afp", "AFP"), [make_event("afp", **ELSEWHERE)]),
        "iraq": (make_report("iraq", "Rudaw"), [make_event("iraq", country_code="IQ", country="Iraq", iso=368)]),
    }
    for name in order:
        store.add_report(*reports[name])


def test_reports_telling_the_same_clash_make_one_merged_event_with_every_source(store):
    add_clash_reports(store, ["sana", "direct", "afp", "iraq"])
    rows = {row["event_id_cnty"]: row for row in store.events()}
    assert sorted(rows) == ["IRQ1", "SYR1", "SYR2"]
    clash = rows["SYR1"]
    assert clash["report_ids"] == ["direct", "sana"]
    assert clash["source"] == "SANA; Syria Direct" and clash["source_count"] == 2
    assert clash["fatalities"] == 4 and "6 (SANA)" in clash["notes"]
    assert rows["SYR2"]["report_ids"] == ["afp", "direct"]
    assert clash["region"] == "Middle East" and clash["year"] == 2015


def test_the_same_report_twice_changes_nothing(store):
    add_clash_reports(store, ["sana", "direct"])
    before = snapshot(store)
    assert store.add_report(make_report("sana", "SANA"), [make_event("sana", fatalities=6)]) == "unchanged"
    add_clash_reports(store, ["direct"])
    assert snapshot(store) == before


def test_another_arrival_order_gives_the_same_merged_events(new_store_location):
    results = []
    for number, order in enumerate(itertools.permutations(["sana", "direct", "afp", "iraq"])):
        with Store(new_store_location(f"order{number}")) as store:
            add_clash_reports(store, list(order))
            results.append(grouping(store))
    assert all(result == results[0] for result in results)
    assert len(results[0]) == 3


def test_ids_are_given_in_arrival_order_and_survive_reopening(new_store_location):
    path = new_store_location("ids")
    with Store(path) as store:
        add_clash_reports(store, ["afp", "sana"])
        first = {row["event_id_cnty"]: row["report_ids"] for row in store.events()}
    assert first == {"SYR1": ["afp"], "SYR2": ["sana"]}
    with Store(path) as store:
        add_clash_reports(store, ["direct"])  # joins both
        after = {row["event_id_cnty"]: row["report_ids"] for row in store.events()}
    assert after == {"SYR1": ["afp", "direct"], "SYR2": ["direct", "sana"]}


def test_an_event_between_two_distinct_events_joins_one_and_does_not_chain_them(store):
    store.add_report(make_report("early", "A"), [make_event("early", latitude=34.40, longitude=40.90)])
    store.add_report(make_report("late", "B"), [make_event("late", latitude=34.90, longitude=40.95, admin2=None)])
    assert [row["event_id_cnty"] for row in store.events()] == ["SYR1", "SYR2"]  # about 45 km apart
    store.add_report(make_report("middle", "C"), [make_event("middle", latitude=34.65, longitude=40.93, admin2=None)])
    assert [(row["event_id_cnty"], row["report_ids"]) for row in store.events()] == [
        ("SYR1", ["early"]),
        ("SYR2", ["late", "middle"]),
    ]


def test_a_better_report_both_match_joins_two_merged_events_the_older_id_stays(store):
    store.add_report(make_report("one", "A"), [make_event("one", latitude=34.40, longitude=40.90)])
    store.add_report(make_report("two", "B"), [make_event("two", latitude=34.90, longitude=40.95, admin2=None)])
    assert [row["event_id_cnty"] for row in store.events()] == ["SYR1", "SYR2"]
    precise = make_event("best", latitude=34.65, longitude=40.93, admin2=None, confidence=0.9)
    store.add_report(make_report("best", "C"), [precise])
    rows = store.events()
    assert [(row["event_id_cnty"], row["report_ids"]) for row in rows] == [("SYR1", ["best", "one", "two"])]
    assert store.resolve_id("SYR2") == "SYR1"
    store.remove_report("best")
    assert [(row["event_id_cnty"], row["report_ids"]) for row in store.events()] == [
        ("SYR1", ["one"]),
        ("SYR3", ["two"]),
    ]


def test_deletions_list_what_left_the_dataset_and_since_lists_what_changed(store):
    store.add_report(make_report("one", "A"), [make_event("one", latitude=34.40, longitude=40.90)])
    store.add_report(make_report("two", "B"), [make_event("two", latitude=34.90, longitude=40.95, admin2=None)])
    store.db.execute("UPDATE merged_events SET timestamp = 1000")  # both written long ago
    assert store.deletions() == []
    start = datetime.now(UTC).replace(microsecond=0)
    precise = make_event("best", latitude=34.65, longitude=40.93, admin2=None, confidence=0.9)
    store.add_report(make_report("best", "C"), [precise])  # SYR2 joins SYR1
    [merged] = store.deletions()
    assert (merged["event_id_cnty"], merged["replaced_by"], merged["reason"]) == ("SYR2", "SYR1", "merged")
    assert merged["deleted_timestamp"] >= int(start.timestamp())
    assert [row["event_id_cnty"] for row in store.events(EventFilter(since=start))] == ["SYR1"]
    store.add_report(make_report("far", "D"), [make_event("far", **ELSEWHERE)])
    store.remove_report("far")
    store.db.execute("UPDATE merged_events SET status = 'rejected' WHERE event_id_cnty = 'SYR1'")
    assert sorted((row["event_id_cnty"], row["reason"]) for row in store.deletions(since=start)) == [
        ("SYR1", "rejected"),
        ("SYR2", "merged"),
        ("SYR3", "removed"),
    ]
    assert store.deletions(since=datetime(2999, 1, 1)) == []


def test_corrections_of_an_event_merged_into_an_older_one_are_kept(store):
    store.add_report(make_report("one", "A"), [make_event("one", latitude=34.40, longitude=40.90)])
    store.add_report(make_report("two", "B"), [make_event("two", latitude=34.90, longitude=40.95, admin2=None)])
    # An analyst corrects both events (as warlog.serve.review does); SYR1's own correction of a field wins.
    for event_id, corrections in (("SYR1", {"fatalities": 2}), ("SYR2", {"fatalities": 9, "location": "Hajin"})):
        store.db.execute(
            "UPDATE merged_events SET corrections = ?, status = 'corrected' WHERE event_id_cnty = ?",
            [json.dumps(corrections), event_id],
        )
    precise = make_event("best", latitude=34.65, longitude=40.93, admin2=None, confidence=0.9)
    store.add_report(make_report("best", "C"), [precise])  # SYR2 joins SYR1
    [row] = store.events()
    assert row["event_id_cnty"] == "SYR1" and store.resolve_id("SYR2") == "SYR1"
    assert row["corrections"] == {"fatalities": 2, "location": "Hajin"}
    assert (row["fatalities"], row["location"], row["status"]) == (2, "Hajin", "corrected")


def test_a_store_made_before_the_unplaced_index_gets_its_keys_when_opened(tmp_path):
    path = tmp_path / "old.duckdb"
    events = [make_event("a"), make_event("a", **unplaced_in("SY"), time_precision=3), make_event("a", event_date=None)]
    with Store(path) as store:
        store.add_report(make_report("a"), events)
        keys = "SELECT key, week, type_week FROM extracted_events ORDER BY key"
        written = store.db.execute(keys).fetchall()
        store.db.execute("UPDATE extracted_events SET week = NULL, type_week = NULL")  # as stored before
        store.db.execute("DELETE FROM schema_migrations")
    with Store(path) as store:
        assert store.db.execute(keys).fetchall() == written
    assert [row[1:] for row in written] == [
        ("SY:w105131", "Battles:w105131"),
        ("~:m24191", "Battles:m24191"),
        ("SY:undated", None),
    ]


def test_a_migration_runs_once_not_on_every_open(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add_report(make_report("a"), [make_event("a")])
        store.db.execute("UPDATE extracted_events SET type_week = NULL")
    with Store(path) as store:  # already migrated: the rows are not read again
        assert store.db.execute("SELECT type_week FROM extracted_events").fetchall() == [(None,)]
        assert [name for (name,) in store.db.execute("SELECT name FROM schema_migrations").fetchall()] == ["type_week"]


def test_removing_a_report_removes_its_contribution_and_unsupported_events(store):
    add_clash_reports(store, ["sana", "direct", "afp"])
    assert store.remove_report("direct")
    rows = {row["event_id_cnty"]: row for row in store.events()}
    assert {name: row["report_ids"] for name, row in rows.items()} == {"SYR1": ["sana"], "SYR2": ["afp"]}
    assert rows["SYR1"]["fatalities"] == 6 and "differ" not in rows["SYR1"]["notes"]
    assert store.remove_report("afp")
    assert [row["event_id_cnty"] for row in store.events()] == ["SYR1"]
    assert not store.remove_report("afp")
    assert store.extracted_events("afp") == []


def test_a_new_version_of_a_report_keeps_the_id_of_the_same_event(store):
    store.add_report(make_report("sana", "SANA"), [make_event("sana", fatalities=6)])
    changed = make_report("sana", "SANA", text="Corrected: clashes in al-Bukamal, 5 dead.")
    assert store.add_report(changed, [make_event("sana", fatalities=5)]) == "replaced"
    rows = store.events()
    assert [(row["event_id_cnty"], row["fatalities"]) for row in rows] == [("SYR1", 5)]
    store.add_report(make_report("sana", "SANA", text="Clashes elsewhere."), [make_event("sana", **ELSEWHERE)])
    assert [row["event_id_cnty"] for row in store.events()] == ["SYR2"]


def test_a_failing_report_is_rolled_back_entirely(store):
    add_clash_reports(store, ["sana"])
    before = snapshot(store)
    broken = make_event("bad", iso="seven hundred")  # no INTEGER: the insert fails half-way
    with pytest.raises(DATABASE_ERRORS):
        store.add_report(make_report("bad", "X"), [make_event("bad"), broken])
    assert snapshot(store) == before


def test_rejections_are_stored_once_and_cleared_when_the_report_is_stored(store):
    rejection = Rejection("r1", "in.jsonl:3", "impossible publication date '2015-02-30'")
    store.reject(rejection)
    store.reject(rejection)
    assert store.rejections() == [rejection]
    store.add_report(make_report("r1"), [make_event("r1")])
    assert store.rejections() == []


def test_filters(store):
    add_clash_reports(store, ["sana", "direct", "afp", "iraq"])
    store.add_report(
        make_report("demo", "SANA"),
        [
            make_event(
                "demo",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Syria)",
                actor2=None,
                notes="Residents protested against conscription.",
                event_date=date(2016, 3, 1),
                admin1="Damascus",
                latitude=33.5,
                longitude=36.3,
            )
        ],
    )

    def ids(**filters) -> list[str]:
        return [row["event_id_cnty"] for row in store.events(EventFilter(**filters))]

    assert ids() == ["SYR1", "SYR2", "IRQ1", "SYR3"]
    assert ids(min_sources=2) == ["SYR1", "SYR2"]
    assert ids(country="Iraq") == ids(country="IQ") == ids(country="irq") == ["IRQ1"]
    assert ids(start=date(2016, 1, 1)) == ["SYR3"]
    assert ids(end=date(2015, 11, 30)) == ["SYR1", "SYR2", "IRQ1"]
    assert ids(bbox="36,33,37,34") == ["SYR3"]
    assert ids(admin1="damascus") == ["SYR3"]
    assert ids(event_type=["Protests"]) == ids(sub_event_type=["Peaceful protest"]) == ["SYR3"]
    assert ids(event_type=["protests", "Battles"]) == ["SYR1", "SYR2", "IRQ1", "SYR3"]
    assert ids(actor="protesters") == ["SYR3"]
    assert ids(actor="islamic state", country="SY") == ["SYR1", "SYR2"]
    assert ids(q="conscription") == ["SYR3"]
    assert ids(q="damascus") == ["SYR3"]  # words in the notes, location, admin names or actors
    assert ids(bbox="170,33,36.5,34") == ["SYR3"]  # west > east: across the antimeridian
    store.db.execute("UPDATE merged_events SET status = 'rejected' WHERE event_id_cnty = 'SYR3'")
    assert ids() == ["SYR1", "SYR2", "IRQ1"]
    assert ids(include_rejected=True) == ids(status=["auto", "rejected"]) == ["SYR1", "SYR2", "IRQ1", "SYR3"]
    assert len(store.events(limit=2)) == 2


def test_export_parquet_round_trips(store, tmp_path):
    add_clash_reports(store, ["sana", "direct"])
    path = tmp_path / "events.parquet"
    assert store.export_parquet(path, EventFilter(min_sources=2)) == 1
    rows = duckdb.sql(f"SELECT event_id_cnty, report_ids, fatalities FROM '{path}'").fetchall()
    assert rows == [("SYR1", ["direct", "sana"], 4)]


def test_the_default_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARLOG_DB", str(tmp_path / "elsewhere.duckdb"))
    assert default_location() == tmp_path / "elsewhere.duckdb"
    monkeypatch.setenv("WARLOG_DB", "postgresql://team@db.example/warlog")
    assert default_location() == "postgresql://team@db.example/warlog"  # a URL, not a path
    monkeypatch.delenv("WARLOG_DB")
    default = default_location()
    assert isinstance(default, Path) and default.name == "warlog.duckdb" and "warlog" in default.parent.parts[-1]


def dense_reports(count: int, seed: int) -> dict[str, list]:
    """Many reports of similar events close in time and space: where merging can go wrong."""
    rng = random.Random(seed)
    reports = {}
    for number in range(count):
        name = f"r{number:02d}"
        reports[name] = [
            make_event(
                name,
                **{
                    "event_date": date(2015, 11, rng.randint(14, 20)) if rng.random() > 0.1 else None,
                    "time_precision": rng.choice([1, 1, 1, 2, 3]),
                    "latitude": 34.3 + rng.random() * 0.6,
                    "longitude": 40.7 + rng.random() * 0.6,
                    "admin2": None,
                    "geo_precision": rng.choice([1, 1, 2]),
                    "sub_event_type": rng.choice(["Armed clash", "Armed clash", "Shelling/artillery/missile attack"]),
                    "confidence": rng.choice([0.5, 0.6, 0.7]),
                    # Some placed in Iraq (across the border), some unplaced: their country only the report's.
                    **rng.choice([{}, {}, {}, {}, {"country_code": "IQ"}, unplaced_in(rng.choice(["SY", "IQ", None]))]),
                },
            )
            for _ in range(rng.randint(1, 3))
        ]
    return reports


def unplaced_in(country_code: str | None) -> dict:
    return {"country_code": country_code, "latitude": None, "longitude": None, "admin1": None, "geo_precision": None}


def stored_groups(store: Store) -> set[frozenset]:
    rows = store.db.execute("SELECT merged_id, report_id, ordinal FROM extracted_events").fetchall()
    groups: dict[str, set] = {}
    for merged_id, report_id, ordinal in rows:
        groups.setdefault(merged_id, set()).add((report_id, ordinal))
    return {frozenset(group) for group in groups.values()}


def batch_groups(reports: dict[str, list]) -> set[frozenset]:
    items = [
        candidate(event, key=hash((name, ordinal)), ordinal=ordinal)
        for name, events in reports.items()
        for ordinal, event in enumerate(events)
    ]
    return {frozenset((item.report_id, item.rank[-1]) for item in group) for group in clusters(items, MergeConfig())}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_merged_events_kept_up_to_date_equal_clustering_everything_at_once(new_store_location, seed):
    reports = dense_reports(40, seed)
    rng = random.Random(seed)
    order = list(reports)
    rng.shuffle(order)
    with Store(new_store_location("dense")) as store:
        for name in order:
            store.add_report(make_report(name, "S" + name), reports[name])
        assert stored_groups(store) == batch_groups(reports)
        assert any(len(group) > 2 for group in stored_groups(store))
        removed = rng.sample(order, 12)
        for name in removed:
            store.remove_report(name)
        remaining = {name: events for name, events in reports.items() if name not in removed}
        assert stored_groups(store) == batch_groups(remaining)
        ids = {row["event_id_cnty"] for row in store.events()}
        assert len(ids) == len(batch_groups(remaining))  # one merged row per cluster, none left over


def test_a_death_toll_beyond_any_event_is_refused_by_name_and_nothing_of_the_report_stored(store):
    # 2^31 and more overflowed the INTEGER column mid-write; the store names the report and value first.
    with pytest.raises(ValueError, match=r"report 'huge', event 2: fatalities 3,000,000,000 outside 0 to 1,000,000"):
        store.add_report(make_report("huge"), [make_event("huge"), make_event("huge", fatalities=3_000_000_000)])
    assert store.db.execute("SELECT count(*) FROM reports").fetchone() == (0,)
    assert store.db.execute("SELECT count(*) FROM extracted_events").fetchone() == (0,)
    assert store.add_report(make_report("huge"), [make_event("huge", fatalities=1_000_000)]) == "added"


def test_two_writers_at_once_on_a_team_store_lose_nothing(new_store_location):
    """Two connections (as two `warlog ingest` processes would hold) storing reports of one clash at
    once: every report joins the one merged event, no id is given twice."""
    location = new_store_location("writers")
    if isinstance(location, Path):
        pytest.skip("DuckDB: one process writes a store at a time (a second gets a one-line message)")
    failures: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            with Store(location) as store:
                for number in range(8):
                    name = f"{prefix}{number}"
                    store.add_report(make_report(name, prefix), [make_event(name, fatalities=number)])
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    Store(location).close()  # the tables, made once
    writers = [threading.Thread(target=write, args=(prefix,)) for prefix in ("a", "b", "c")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    with Store(location) as store:
        [event] = store.events()
        assert event["event_id_cnty"] == "SYR1" and event["source_count"] == 3
        assert sorted(event["report_ids"]) == sorted(f"{p}{n}" for p in "abc" for n in range(8))


def recomputed(store: Store) -> dict[str, dict]:
    """Each merged event's fields computed afresh from every event it holds (`combine`)."""
    from warlog.merge.combining import Member, combine

    members: dict[str, list[Member]] = {}
    for row in dicts(store.db, "SELECT * FROM extracted_events"):
        event = Event(**{name: row[name] for name in EVENT_COLUMNS}, evidence=[])
        event.evidence = [Evidence(**item) for item in json.loads(row["evidence"])]
        members.setdefault(row["merged_id"], []).append(
            Member(event, row["source"], row["fatalities_reported"], row["ordinal"])
        )
    return {merged_id: merged_values(combine(group), {}) for merged_id, group in members.items()}


def test_merged_events_updated_from_their_summaries_equal_a_full_recomputation(store):
    rng = random.Random(7)
    towns = [{}, ELSEWHERE]
    reports = []
    for number in range(60):
        report_id = f"r{rng.randrange(1000):03d}-{number}"
        events = [
            make_event(
                report_id,
                fatalities=rng.choice([0, 3, 4, 6]),
                confidence=rng.choice([0.5, 0.6, 0.7]),
                sub_event_type=rng.choice(["Armed clash", "Armed clash", "Attack"]),
                **rng.choice(towns),
            )
            for _ in range(rng.choice([1, 1, 2]))
        ]
        reports.append((make_report(report_id, rng.choice(["SANA", "AFP", "Enab Baladi", None])), events))
    for report, events in reports:
        store.add_report(report, events)
    for report, events in reports[:5]:  # a new version of some reports, and some removed
        store.add_report(report, [replace(event, fatalities=event.fatalities + 1) for event in events], replace=True)
    for report, _ in reports[5:9]:
        store.remove_report(report.id)
    stored = {row["event_id_cnty"]: row for row in dicts(store.db, "SELECT * FROM merged_events")}
    expected = recomputed(store)
    assert sorted(stored) == sorted(expected) and any(len(values["report_ids"]) > 10 for values in expected.values())
    for merged_id, values in expected.items():
        row = stored[merged_id]
        assert {name: row[name] for name in values if name != "timestamp"} == {
            name: value for name, value in values.items() if name != "timestamp"
        }, merged_id
