"""What ``scripts/backup`` and ``scripts/restore`` share: the archive's name and layout, where the database and the
filestore are, the manifest (row counts and attachment checksums) and the retention rule.

An archive ``stride-<database>-<YYYYmmdd-HHMMSS>.tar`` (UTC) holds ``database.dump`` (``pg_dump -Fc``), the
database's filestore under ``filestore/`` and ``manifest.json``: the exact row count of every table and the SHA-256
of every filestore file, all read in the snapshot that ``pg_dump`` saved, so that a restore can prove it is whole.
"""

import argparse
import contextlib
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .local import LOCAL, LOCAL_PG_PORT
from .postgres import PostgresError, Server, ensure_cluster

FORMAT = "stride-backup/1"
DUMP = "database.dump"
MANIFEST = "manifest.json"
FILESTORE = "filestore"
STAMP = "%Y%m%d-%H%M%S"

# Exit codes of both commands.
OK, FAILED, UNUSABLE, REFUSED = 0, 1, 2, 3

# Odoo's own rule for database names (odoo.service.db.DBNAME_PATTERN): also keeps them safe in SQL and paths.
DATABASE_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")

# Every ordinary table, with its exact row count, in one statement (query_to_xml runs a count per table).
ROW_COUNTS = """
SELECT n.nspname || '.' || c.relname,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                                            false, true, '')))[1]::text::bigint
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
 ORDER BY 1
"""


class BackupError(RuntimeError):
    """A backup or restore cannot go on; ``exit_code`` says why (UNUSABLE input, REFUSED overwrite, FAILED step)."""

    def __init__(self, message: str, exit_code: int = FAILED):
        super().__init__(message)
        self.exit_code = exit_code


def archive_name(database: str, moment: datetime) -> str:
    return f"stride-{database}-{moment.astimezone(UTC).strftime(STAMP)}.tar"


def archive_moment(name: str, database: str) -> datetime | None:
    """When the archive called ``name`` was made, if it is an archive of ``database``; else None."""
    found = re.fullmatch(rf"stride-{re.escape(database)}-(\d{{8}}-\d{{6}})\.tar", name)
    return datetime.strptime(found.group(1), STAMP).replace(tzinfo=UTC) if found else None


def expired_archives(names: Iterable[str], database: str, now: datetime, keep_days: int) -> list[str]:
    """The archives of ``database`` among ``names`` made more than ``keep_days`` days before ``now`` (0 keeps all).

    The date comes from the name, not the file's mtime, which a copy or a restore from offsite storage changes."""
    if keep_days <= 0:
        return []
    limit = now - timedelta(days=keep_days)
    return sorted(name for name in names if (moment := archive_moment(name, database)) and moment < limit)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def filestore_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file under ``root`` as (path relative to it with forward slashes, absolute path), in a stable order."""
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            yield path.relative_to(root).as_posix(), path


def filestore_checksums(root: Path) -> dict[str, str]:
    return {relative: sha256_of(path) for relative, path in filestore_files(root)}


def row_counts(connection) -> dict[str, int]:
    """Exact row count of every table, read in ``connection``'s current transaction (psycopg2)."""
    with connection.cursor() as cursor:
        cursor.execute(ROW_COUNTS)
        return dict(cursor.fetchall())


def connect(server: Server, database: str):
    """A psycopg2 connection (the driver Odoo itself needs, so it is wherever Odoo runs)."""
    try:
        import psycopg2  # noqa: PLC0415 -- only the backup commands need a driver; the rest of the harness uses psql
    except ImportError as error:
        raise BackupError("psycopg2 is not installed: run this with the Python that runs Odoo "
                          "(STRIDE_PYTHON=...), or `pip install psycopg2-binary`", UNUSABLE) from error
    return psycopg2.connect(host=server.host, port=server.port, user=server.user, password=server.password or None,
                            dbname=database)


def compare(expected: dict[str, object], actual: dict[str, object], what: str) -> list[str]:
    """Lines naming every difference between two mappings (missing, extra, different), or none."""
    problems = [f"{what} {key}: {expected[key]} in the archive, missing after restore"
                for key in sorted(expected.keys() - actual.keys())]
    problems += [f"{what} {key}: not in the archive, {actual[key]} after restore"
                 for key in sorted(actual.keys() - expected.keys())]
    problems += [f"{what} {key}: {expected[key]} in the archive, {actual[key]} after restore"
                 for key in sorted(expected.keys() & actual.keys()) if expected[key] != actual[key]]
    return problems


def add_common_options(parser: argparse.ArgumentParser) -> None:
    connection = parser.add_argument_group(
        "PostgreSQL", "By default the project's local cluster in .local/pg (the one scripts/serve starts); "
        "--db-host or PGHOST name another server, completed by PGPORT/PGUSER/PGPASSWORD.")
    connection.add_argument("--db-host", default=os.environ.get("PGHOST"),
                            help="host name or unix socket folder (default: $PGHOST)")
    connection.add_argument("--db-port", type=int, default=int(os.environ.get("PGPORT") or 5432))
    connection.add_argument("--db-user", default=os.environ.get("PGUSER") or "odoo")
    connection.add_argument("--db-password", default=os.environ.get("PGPASSWORD", ""),
                            help="default: $PGPASSWORD (prefer it: a password on the command line shows in `ps`)")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("STRIDE_DATA_DIR") or LOCAL / "data"),
                        help="Odoo's data_dir, which holds filestore/<database> (default: $STRIDE_DATA_DIR or "
                             ".local/data as scripts/serve uses; /var/lib/odoo in the Docker image)")


def server_for(args: argparse.Namespace, cleanup: contextlib.ExitStack, create: bool) -> Server:
    """The server the options name, else the local cluster of scripts/serve: started if it is not running (and
    stopped again by ``cleanup``), initialised only when ``create`` (a restore onto a new machine)."""
    if args.db_host:
        return Server(host=args.db_host, port=args.db_port, user=args.db_user, password=args.db_password)
    cluster = LOCAL / "pg"
    if not create and not (cluster / "data" / "PG_VERSION").exists():
        raise BackupError(f"No PostgreSQL named (--db-host, PGHOST) and no local cluster in {cluster}: "
                          "scripts/serve creates it", UNUSABLE)
    try:
        server = ensure_cluster(cluster, port=LOCAL_PG_PORT)
    except PostgresError as error:
        raise BackupError(f"PostgreSQL could not be started: {error}", UNUSABLE) from error
    cleanup.callback(server.stop)  # only when it was not running already
    return server


def check_database_name(name: str) -> str:
    if not DATABASE_NAME.match(name):
        raise argparse.ArgumentTypeError(f"{name!r} is not a valid database name (letters, digits, _ . -)")
    return name
