"""``scripts/backup``: one Odoo database and its filestore into one dated archive, then old archives removed.

Writes ``<dest>/stride-<database>-<YYYYmmdd-HHMMSS>.tar`` (UTC): ``database.dump`` (``pg_dump -Fc``), the filestore
(``<data-dir>/filestore/<database>``) and ``manifest.json`` (row count of every table, read in the dump's own
snapshot, and the SHA-256 of every filestore file), which ``scripts/restore`` checks the restored copy against.
The archive appears under its name only once complete. Then archives of the same database older than --keep-days
(default 30; 0 keeps all) are deleted from <dest>. Odoo may keep running: the dump is one consistent snapshot.

Exit codes: 0 done, 1 a step failed, 2 nothing to back up (no such database or filestore, PostgreSQL unreachable).
"""

import argparse
import contextlib
import hashlib
import io
import json
import os
import platform
import shutil
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import backups
from .backups import DUMP, FILESTORE, FORMAT, MANIFEST, OK, UNUSABLE, BackupError
from .local import LOCAL
from .postgres import Server
from .processes import Interrupted, stopping_on_signals


class _Hashing:
    """A file object that computes the SHA-256 of what is read through it (each file is read once)."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(size)
        self.digest.update(block)
        return block


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/backup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=backups.check_database_name,
                        default=os.environ.get("STRIDE_DATABASE", "stride"))
    parser.add_argument("--dest", type=Path, default=Path(os.environ.get("STRIDE_BACKUP_DIR") or LOCAL / "backups"),
                        help="folder of the archives (default: $STRIDE_BACKUP_DIR or .local/backups)")
    parser.add_argument("--keep-days", type=int, default=int(os.environ.get("STRIDE_BACKUP_KEEP_DAYS") or 30),
                        help="delete this database's archives older than this many days (default 30; 0 keeps all)")
    parser.add_argument("--without-filestore", action="store_true",
                        help="back up the database alone (when it has no filestore on this machine)")
    backups.add_common_options(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with stopping_on_signals(), contextlib.ExitStack() as cleanup:
        try:
            started = time.monotonic()
            archive = back_up(args, backups.server_for(args, cleanup, create=False))
            print(f"Backed up {args.database!r} into {archive} ({archive.stat().st_size / 1e6:.1f} MB) "
                  f"in {time.monotonic() - started:.1f}s", flush=True)
            for name in backups.expired_archives(os.listdir(args.dest), args.database, datetime.now(UTC),
                                                 args.keep_days):
                (args.dest / name).unlink()
                print(f"Deleted {name} (older than {args.keep_days} days)", flush=True)
            return OK
        except BackupError as error:
            print(f"scripts/backup: {error}", file=sys.stderr)
            return error.exit_code
        except Interrupted as stop:
            print(f"\nscripts/backup stopped by {stop}: no archive was written.", file=sys.stderr)
            return stop.exit_code


def back_up(args: argparse.Namespace, server: Server) -> Path:
    """Write the archive of ``args.database``; only a complete archive gets its final name."""
    filestore = args.data_dir / "filestore" / args.database
    if not server.database_exists(args.database):
        raise BackupError(f"There is no database {args.database!r} on {server.host}:{server.port}", UNUSABLE)
    if not args.without_filestore and not filestore.is_dir():
        raise BackupError(f"The filestore {filestore} does not exist: give Odoo's data_dir with --data-dir "
                          "(or --without-filestore to back up the database alone)", UNUSABLE)
    args.dest.mkdir(parents=True, exist_ok=True)
    moment = datetime.now(UTC)
    final = args.dest / backups.archive_name(args.database, moment)
    if final.exists():
        raise BackupError(f"{final} already exists (two backups in the same second?)")
    work = Path(tempfile.mkdtemp(prefix=f".{final.stem}-", dir=args.dest))
    try:
        manifest = {"format": FORMAT, "database": args.database, "created": moment.isoformat(timespec="seconds"),
                    "host": platform.node()}
        manifest.update(_dump(server, args.database, work / DUMP))
        partial = work / final.name
        with tarfile.open(partial, "w") as archive:
            archive.add(work / DUMP, arcname=DUMP)
            files = {} if args.without_filestore else _add_filestore(archive, filestore)
            manifest["filestore"] = {"files": len(files), "bytes": sum(size for _digest, size in files.values()),
                                     "sha256": {name: digest for name, (digest, _size) in files.items()}}
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(moment.timestamp()), 0o644
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def _dump(server: Server, database: str, target: Path) -> dict:
    """pg_dump of ``database`` and the row counts of its tables, both from one exported snapshot: what the manifest
    counts is exactly what the dump holds, however busy Odoo is meanwhile."""
    connection = backups.connect(server, database)
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        counts = backups.row_counts(connection)
        dumped = server.tool("pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(target), database)
        if dumped.returncode != 0:
            raise BackupError(f"pg_dump of {database!r} failed: {dumped.stderr.strip()}")
    finally:
        connection.close()
    return {"server_version": server_version, "pg_dump": server.tool("pg_dump", "--version").stdout.strip(),
            "tables": counts, "rows": sum(counts.values())}


def _add_filestore(archive: tarfile.TarFile, root: Path) -> dict[str, tuple[str, int]]:
    """Add every file under ``root`` as ``filestore/<relative path>``; {relative path: (sha256, size)}."""
    files = {}
    for relative, path in backups.filestore_files(root):
        info = archive.gettarinfo(path, arcname=f"{FILESTORE}/{relative}")
        with path.open("rb") as stream:
            hashing = _Hashing(stream)
            archive.addfile(info, hashing)
        files[relative] = (hashing.digest.hexdigest(), info.size)
    return files

