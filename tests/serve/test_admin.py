"""`warlog token` with the server stopped (straight to the store) and while `warlog serve` holds the store
(through its admin API), and the one-line answer any other command gets meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from event_factory import make_event, make_report
from warlog.serve.admin import serve_file
from warlog.serve.background import running_server
from warlog.store.database import Store

WARLOG = str(Path(sys.executable).with_name("warlog"))


def warlog(*args: str, token: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "WARLOG_TOKEN"}
    if token:
        env["WARLOG_TOKEN"] = token
    return subprocess.run([WARLOG, *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    with Store(path) as opened:
        opened.add_report(make_report("r1"), [make_event("r1")])
    return path


def test_tokens_with_the_server_stopped(store):
    made = warlog("token", "create", "--name", "ana", "--role", "admin", "--db", str(store))
    assert made.returncode == 0 and made.stdout.startswith("wl_")
    listed = warlog("token", "list", "--db", str(store))
    assert "ana" in listed.stdout and "admin" in listed.stdout
    token_id = next(line.split()[1] for line in listed.stdout.splitlines() if "ana" in line)
    assert warlog("token", "revoke", token_id, "--db", str(store)).returncode == 0
    assert warlog("token", "revoke", "0123456789ab", "--db", str(store)).returncode == 1
    assert warlog("token", "create", "--name", "x", "--role", "root", "--db", str(store)).returncode == 2


def test_tokens_while_the_server_runs(store):
    admin = warlog("token", "create", "--name", "ana", "--role", "admin", "--db", str(store)).stdout.strip()
    with running_server(store) as base:
        assert serve_file(store).exists()
        refused = warlog("token", "create", "--name", "bob", "--db", str(store))
        assert refused.returncode == 1 and "set WARLOG_TOKEN to an admin token" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        bob = warlog("token", "create", "--name", "bob", "--db", str(store), token=admin)
        assert bob.returncode == 0, bob.stderr
        bob_token = bob.stdout.strip()
        events = httpx.get(base + "/events").json()["events"]
        accepted = httpx.patch(f"{base}/events/{events[0]['event_id_cnty']}", json={"action": "accept"},
                               headers={"Authorization": f"Bearer {bob_token}"})  # fmt: skip
        assert accepted.status_code == 200
        listed = warlog("token", "list", "--db", str(store), token=admin)
        bob_id = next(line.split()[1] for line in listed.stdout.splitlines() if " bob " in line)
        assert warlog("token", "revoke", bob_id, "--db", str(store), token=admin).returncode == 0
        after = httpx.patch(f"{base}/events/{events[0]['event_id_cnty']}", json={"action": "reject"},
                            headers={"Authorization": f"Bearer {bob_token}"})  # fmt: skip
        assert after.status_code == 401
        busy = warlog("events", "--db", str(store))
        assert busy.returncode == 1 and "is in use by another process" in busy.stderr
        assert len(busy.stderr.strip().splitlines()) == 1
    assert not serve_file(store).exists()
    audit = warlog("token", "list", "--db", str(store)).stdout
    assert "bob" in audit


def test_a_missing_store_is_an_error_not_a_new_one(tmp_path):
    missing = tmp_path / "typo.duckdb"
    for command in (["events"], ["export", "-f", "jsonl"], ["token", "list"]):
        done = warlog(*command, "--db", str(missing))
        assert done.returncode == 2 and "no store at" in done.stderr, command
    assert not missing.exists()
