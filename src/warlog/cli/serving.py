"""`warlog serve` (the API and the workbench page) and `warlog token` (its API tokens)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from warlog.cli.app import app, stderr, use_model
from warlog.cli.dataset import existing_store, store_errors
from warlog.cli.options import DbOpt, ModelOpt

token_app = typer.Typer(help="API tokens for the server's write endpoints.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    redact_persons: Annotated[
        bool,
        typer.Option(
            "--redact-persons",
            help="Mask people's names in what the server hands out (also WARLOG_SERVE_REDACT_PERSONS=true).",
        ),
    ] = False,
    model: ModelOpt = None,
) -> None:
    """Serve the API (docs at /docs) and the analyst's workbench page; settings: WARLOG_SERVE_* variables."""
    import uvicorn

    use_model(model)

    from warlog.serve import ServeSettings, create_app
    from warlog.store.database import default_location

    path = existing_store(db)
    settings = ServeSettings().for_host(host)
    if redact_persons:
        settings = settings.model_copy(update={"redact_persons": True})
    if not settings.read_open:
        stderr.print(f"Listening on {host}: reads need a token too (WARLOG_SERVE_READ_OPEN=true opens them).")
    local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    with store_errors(path):
        application = create_app(path or default_location(), settings, announce_url=f"http://{local}:{port}")
    stderr.print(f"warlog workbench on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


RoleOpt = Annotated[str, typer.Option("--role", help="read, review (the default) or admin.")]


@contextlib.contextmanager
def token_admin(db: str | None) -> Iterator:
    """The store's tokens: in the store itself, or through the server that holds it."""
    import duckdb

    from warlog.serve.admin import AdminError, StoreTokens, through_server
    from warlog.store.connection import StoreUnavailable
    from warlog.store.database import Store, default_location

    path = existing_store(db) or default_location()
    try:
        try:
            with Store(path) as store:
                yield StoreTokens(store.db)
        except duckdb.IOException as error:
            if "lock" not in str(error):
                raise
            yield through_server(path)
    except (AdminError, ValueError, StoreUnavailable) as error:
        stderr.print(f"[red]token[/red]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option("--name", help="Who uses it: the logs record this name.")],
    role: RoleOpt = "review",
    db: DbOpt = None,
) -> None:
    """Make an API token (printed once; the store keeps only its hash). Works while `warlog serve` runs,
    through its admin API, given an admin token in $WARLOG_TOKEN."""
    if role not in ("read", "review", "admin"):
        raise typer.BadParameter("choose read, review or admin", param_hint="--role")
    with token_admin(db) as tokens:
        typer.echo(tokens.create(name, role))


@token_app.command("list")
def token_list(db: DbOpt = None) -> None:
    """Every token: id, name, role, when made and revoked."""
    with token_admin(db) as tokens:
        table = Table(title="API tokens")
        for column in ("id", "name", "role", "created", "revoked"):
            table.add_column(column)
        for info in tokens.list():
            table.add_row(info["id"], info["name"], info["role"], info["created"][:19], (info["revoked"] or "")[:19])
        Console().print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[str, typer.Argument(help="The token's id, from `warlog token list`.")], db: DbOpt = None
) -> None:
    """Revoke a token at once (a running server refuses its next request)."""
    with token_admin(db) as tokens:
        info = tokens.revoke(token_id)
    stderr.print(f"Revoked {info['id']} ({info['name']}).", highlight=False)
