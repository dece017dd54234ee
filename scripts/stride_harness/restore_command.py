"""``scripts/restore ARCHIVE --database NAME``: an archive of scripts/backup into a new database and its filestore.

Creates the database NAME (``pg_restore`` of the dump, objects owned by the connecting user) and
``<data-dir>/filestore/NAME``, then proves the copy whole: every table's row count and every file's SHA-256 must equal
the archive's manifest. An existing database NAME, or a non-empty filestore folder of that name, is never touched
unless --force is given (then both are replaced). A restore that fails half-way drops what it created.

Exit codes: 0 restored and verified, 1 a step failed or the copy differs from the manifest (the copy is kept for a
look), 2 the archive is unreadable or PostgreSQL unreachable, 3 refused: NAME exists and --force was not given.
"""

import argparse
import contextlib
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from . import backups
from .backups import DUMP, FAILED, FILESTORE, FORMAT, MANIFEST, OK, REFUSED, UNUSABLE, BackupError
from .postgres import Server
from .processes import Interrupted, stopping_on_signals


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/restore", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path, help="a stride-<database>-<date>.tar written by scripts/backup")
    parser.add_argument("--database", required=True, type=backups.check_database_name,
                        help="the name of the restored database (a new one, unless --force)")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing database and filestore of that name (their data is lost)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="pg_restore in N parallel jobs (default: one transaction, fastest on small machines)")
    backups.add_common_options(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with stopping_on_signals(), contextlib.ExitStack() as cleanup:
        try:
            started = time.monotonic()
            manifest = read_manifest(args.archive)
            server = backups.server_for(args, cleanup, create=True)
            restore(args, server, manifest)
            print(f"Restored {args.archive.name} into {args.database!r}: {len(manifest['tables'])} tables, "
                  f"{manifest['rows']} rows, {manifest['filestore']['files']} files, identical to the manifest, "
                  f"in {time.monotonic() - started:.1f}s", flush=True)
            return OK
        except BackupError as error:
            print(f"scripts/restore: {error}", file=sys.stderr)
            return error.exit_code
        except Interrupted as stop:
            print(f"\nscripts/restore stopped by {stop}: what it had created was dropped.", file=sys.stderr)
            return stop.exit_code


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{archive} is not a readable scripts/backup archive: {error}", UNUSABLE) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is a {manifest.get('format')!r} archive; this restore reads {FORMAT}",
                          UNUSABLE)
    return manifest


def restore(args: argparse.Namespace, server: Server, manifest: dict) -> None:
    database, filestore = args.database, args.data_dir / "filestore" / args.database
    database_taken = server.database_exists(database)
    filestore_taken = filestore.is_dir() and any(filestore.iterdir())
    if (database_taken or filestore_taken) and not args.force:
        taken = [what for what, is_taken in ((f"the database {database!r}", database_taken),
                                             (f"the filestore {filestore}", filestore_taken)) if is_taken]
        raise BackupError(f"Refused: {' and '.join(taken)} already exist{'s' if len(taken) == 1 else ''}. Restore "
                          "under a new --database name, or add --force to replace (its current data is lost).",
                          REFUSED)
    filestore.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".restore-{database}-", dir=filestore.parent))
    ours = False  # once true, the database and filestore NAME are this restore's, to drop if it fails
    try:
        _extract(args.archive, work)  # a broken archive stops here, before anything existing is dropped
        listed = server.tool("pg_restore", "--list", str(work / DUMP))
        if listed.returncode != 0:
            raise BackupError(f"{args.archive} holds no readable dump: {listed.stderr.strip()}", UNUSABLE)
        if database_taken:
            _check(server.tool("dropdb", "--force", database), f"dropdb {database}")
        shutil.rmtree(filestore, ignore_errors=True)
        ours = True
        _check(server.tool("createdb", "-T", "template0", "-E", "UTF8", database), f"createdb {database}")
        # One transaction (one commit to flush) restored the demo database twice as fast as `-j 2` on two cores;
        # parallel jobs pay off on bigger databases and machines.
        how = ["-j", str(args.jobs)] if args.jobs > 1 else ["--single-transaction"]
        _check(server.tool("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *how,
                           "-d", database, str(work / DUMP)), f"pg_restore into {database}")
        (work / FILESTORE).mkdir(exist_ok=True)
        os.replace(work / FILESTORE, filestore)
        _give_to_filestore_owner(filestore)
    except BaseException:
        if ours:
            server.tool("dropdb", "--if-exists", "--force", database)
            shutil.rmtree(filestore, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    problems = verify(server, database, filestore, manifest)
    if problems:
        shown = "\n  ".join(problems[:20]) + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise BackupError(f"The restored copy differs from the archive's manifest (kept for a look: database "
                          f"{database!r}, {filestore}):\n  {shown}", FAILED)


def verify(server: Server, database: str, filestore: Path, manifest: dict) -> list[str]:
    """Every difference between the restored copy and the manifest: row counts per table, files and checksums."""
    connection = backups.connect(server, database)
    try:
        counts = backups.row_counts(connection)
    finally:
        connection.close()
    return (backups.compare(manifest["tables"], counts, "table")
            + backups.compare(manifest["filestore"]["sha256"], backups.filestore_checksums(filestore), "file"))


def _extract(archive: Path, work: Path) -> None:
    """The dump and the filestore of ``archive`` into ``work``; anything else in it, or any path leaving ``work``
    (the ``data`` filter refuses those), stops the restore."""
    with tarfile.open(archive) as tar:
        members = [member for member in tar if member.name in (DUMP, MANIFEST)
                   or member.name.startswith(f"{FILESTORE}/")]
        try:
            tar.extractall(work, members=members, filter="data")
        except (OSError, tarfile.TarError) as error:
            raise BackupError(f"{archive} could not be unpacked: {error}", UNUSABLE) from error
    if not (work / DUMP).is_file():
        raise BackupError(f"{archive} holds no {DUMP}", UNUSABLE)


def _give_to_filestore_owner(filestore: Path) -> None:
    """Run as root (the Docker service), the files get the owner of the filestore folder: Odoo, running as its own
    user, must be able to add files next to them."""
    if os.geteuid() != 0:
        return
    owner = filestore.parent.stat()
    for folder, _subfolders, files in os.walk(filestore):
        for path in [folder, *(os.path.join(folder, name) for name in files)]:
            os.chown(path, owner.st_uid, owner.st_gid)


def _check(completed, what: str) -> None:
    if completed.returncode != 0:
        raise BackupError(f"{what} failed: {completed.stderr.strip()}")
