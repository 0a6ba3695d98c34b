"""`presswatch serve`: the web UI and HTTP API over a corpus database."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from presswatch.config import SETTINGS


@click.command("serve")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Corpus database (SQLite) to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; keep loopback unless "
              "you put it behind an authenticating proxy.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write-token", envvar="PRESSWATCH_WRITE_TOKEN", default=None,
              help="Enables POST /api/articles for clients sending `Authorization: Bearer TOKEN` "
                   "(env PRESSWATCH_WRITE_TOKEN). Without it the store is opened read-only.")
@click.option("--max-upload", default=SETTINGS.max_upload_bytes, show_default=True, type=click.IntRange(1),
              help="Largest request body in bytes.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (repeatable; '.example.org' allows its subdomains). "
                   "Default: loopback names and the bound address (env PRESSWATCH_ALLOWED_HOSTS adds more).")
def serve(db: Path, host: str, port: int, write_token: str | None, max_upload: int,
          allow_hosts: tuple[str, ...]) -> None:
    """Serve the dashboard, search, article view, analyse page and JSON API (OpenAPI at /openapi.json)."""
    import uvicorn

    from presswatch.web import create_app

    if not write_token and not db.exists():
        raise click.BadParameter(f"{db} does not exist (it is opened read-only without a write token)",
                                 param_hint="--db")
    if write_token:
        from presswatch.corpus.store import Store

        Store(db).close()  # create the database and schema before the first request
    if not _is_loopback(host):
        click.echo(f"warning: binding {host}: the corpus and the analyse endpoints are reachable from the network; "
                   "only requests for loopback names, the bound address and --allow-host names are answered",
                   err=True)
    app = create_app(db, write_token=write_token, max_upload_bytes=max_upload,
                     allowed_hosts=(*SETTINGS.allowed_hosts, *allow_hosts), bind_host=host)
    click.echo(f"presswatch serving {db} at http://{host}:{port}/ ({'read-write' if write_token else 'read-only'})",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


COMMANDS: list[click.Command] = [serve]
