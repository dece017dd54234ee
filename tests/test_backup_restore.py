"""Restore drill: scripts/backup then scripts/restore against a throwaway PostgreSQL, on a small database and a fake
filestore (no Odoo needed); the copy must hold the same rows and the same files. Also the refusals and retention."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from stride_harness.backups import archive_name, expired_archives
from stride_harness.postgres import PostgresError, _pg_binary, start_cluster

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"res_partner": 7, "sale_order": 12, "ir_attachment": 3, "empty_table": 0}
FILES = {"0a/0a1b2c": b"a picture\x00\xff" * 100, "0a/0a9f": b"", "ff/ff00ee": os.urandom(70_000)}


def _why_no_postgres() -> str:
    try:
        _pg_binary("initdb")
        _pg_binary("pg_dump")
    except PostgresError as error:
        return str(error)
    return ""


def test_old_archives_of_the_database_expire_and_nothing_else():
    now = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    names = [archive_name("shop", now - timedelta(days=days)) for days in (0, 29, 30, 31, 400)]
    names += [archive_name("shop2", now - timedelta(days=90)), "stride-shop-notadate.tar", "notes.txt"]
    assert expired_archives(names, "shop", now, 30) == sorted(names[3:5])
    assert expired_archives(names, "shop", now, 0) == []


def test_backup_without_a_server_or_a_local_cluster_says_where_one_comes_from(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "STRIDE_"))}
    done = subprocess.run([str(ROOT / "scripts" / "backup")], env=dict(env, STRIDE_LOCAL_DIR=str(tmp_path)),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "no local cluster" in done.stderr and "scripts/serve creates it" in done.stderr
    assert not (tmp_path / "pg").exists()


@pytest.fixture(scope="module")
def server():
    if _why_no_postgres():
        pytest.skip(_why_no_postgres())
    # Run as root, the cluster belongs to `postgres`: it needs a folder that user can reach (not pytest's tmp).
    folder = Path(tempfile.mkdtemp(prefix="stride-backup-test-"))
    folder.chmod(0o755)
    cluster = start_cluster(folder / "pg", durable=False)
    yield cluster
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def shop(server, tmp_path):
    """The database ``shop`` (a few tables with rows) and its filestore in ``tmp_path/data``."""
    if server.database_exists("shop"):
        server.tool("dropdb", "--force", "shop")
    server.tool("createdb", "shop")
    server.psql("".join(
        f"CREATE TABLE {table} (id serial PRIMARY KEY, name varchar, data bytea);"
        f"INSERT INTO {table} (name, data) SELECT 'row ' || i || ' é ✓', sha256(i::text::bytea)"
        f" FROM generate_series(1, {rows}) i;" for table, rows in TABLES.items()), database="shop")
    data_dir = tmp_path / "data"
    for relative, content in FILES.items():
        (data_dir / "filestore" / "shop" / relative).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / "filestore" / "shop" / relative).write_bytes(content)
    yield data_dir
    for database in ("shop", "shop_copy"):
        server.tool("dropdb", "--if-exists", "--force", database)


def run(server, command: str, *args: str, with_options: bool = True) -> subprocess.CompletedProcess:
    """scripts/<command> as a user runs it: the server given by options, or (``with_options`` False) by PG*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "STRIDE_"))}
    if with_options:
        args = (*args, f"--db-host={server.host}", f"--db-port={server.port}", f"--db-user={server.user}")
    else:
        env.update(PGHOST=server.host, PGPORT=str(server.port), PGUSER=server.user)
    return subprocess.run([str(ROOT / "scripts" / command), *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def back_up(server, data_dir: Path, *extra: str) -> Path:
    dest = data_dir.parent / "backups"
    done = run(server, "backup", "--database=shop", f"--dest={dest}", f"--data-dir={data_dir}", *extra)
    assert done.returncode == 0, done.stderr
    return sorted(dest.glob("stride-shop-*.tar"))[-1]  # the newest: the names sort by date


def counts(server, database: str) -> dict[str, int]:
    return {table: int(server.psql(f"SELECT count(*) FROM {table}", database=database)) for table in TABLES}


def contents(server, database: str) -> str:
    return "".join(server.psql(f"SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM {table} t", database=database)
                   for table in TABLES)


def checksums(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_round_trip_gives_the_same_rows_and_the_same_files(server, shop):
    archive = back_up(server, shop)
    restored = run(server, "restore", str(archive), "--database=shop_copy", f"--data-dir={shop}", with_options=False)
    assert restored.returncode == 0, restored.stderr
    assert "identical to the manifest" in restored.stdout
    assert counts(server, "shop_copy") == counts(server, "shop") == TABLES
    assert contents(server, "shop_copy") == contents(server, "shop")
    assert checksums(shop / "filestore" / "shop_copy") == checksums(shop / "filestore" / "shop")
    assert len(checksums(shop / "filestore" / "shop_copy")) == len(FILES)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {table.removeprefix("public."): rows for table, rows in manifest["tables"].items()} == TABLES
    assert manifest["filestore"]["sha256"] == checksums(shop / "filestore" / "shop")


def test_restore_refuses_an_existing_database_or_filestore_without_force(server, shop):
    archive = back_up(server, shop)
    refused = run(server, "restore", str(archive), "--database=shop", f"--data-dir={shop}")
    assert refused.returncode == 3
    assert "the database 'shop'" in refused.stderr and "--force" in refused.stderr
    assert counts(server, "shop") == TABLES

    stray = shop / "filestore" / "shop_copy" / "kept.txt"
    stray.parent.mkdir(parents=True)
    stray.write_text("someone's file")
    refused = run(server, "restore", str(archive), "--database=shop_copy", f"--data-dir={shop}")
    assert refused.returncode == 3 and "the filestore" in refused.stderr
    assert not server.database_exists("shop_copy") and stray.read_text() == "someone's file"

    forced = run(server, "restore", str(archive), "--database=shop_copy", f"--data-dir={shop}", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not stray.exists()
    server.psql("DELETE FROM sale_order", database="shop_copy")
    forced_again = run(server, "restore", str(archive), "--database=shop_copy", f"--data-dir={shop}", "--force")
    assert forced_again.returncode == 0, forced_again.stderr
    assert counts(server, "shop_copy") == TABLES


def test_restore_reports_a_copy_that_differs_from_the_manifest(server, shop):
    archive = back_up(server, shop)
    tampered = archive.with_name("tampered.tar")
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source:
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "filestore/ff/ff00ee":
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    restored = run(server, "restore", str(tampered), "--database=shop_copy", f"--data-dir={shop}")
    assert restored.returncode == 1
    assert "file ff/ff00ee" in restored.stderr and "differs" in restored.stderr


def test_backup_of_a_missing_database_or_filestore_says_so(server, shop, tmp_path):
    missing = run(server, "backup", "--database=nope", f"--dest={tmp_path / 'b'}", f"--data-dir={shop}")
    assert missing.returncode == 2 and "no database 'nope'" in missing.stderr
    no_files = run(server, "backup", "--database=shop", f"--dest={tmp_path / 'b'}", f"--data-dir={tmp_path}")
    assert no_files.returncode == 2 and "--data-dir" in no_files.stderr
    assert not list((tmp_path / "b").glob("*"))


def test_backup_removes_archives_older_than_keep_days_and_keeps_the_others(server, shop):
    dest = shop.parent / "backups"
    dest.mkdir()
    now = datetime.now(UTC)
    old = [archive_name("shop", now - timedelta(days=days)) for days in (45, 31)]
    kept = [archive_name("shop", now - timedelta(days=days)) for days in (29, 2)]
    kept += [archive_name("other", now - timedelta(days=90)), "notes.txt"]
    for name in old + kept:
        (dest / name).write_text("")
    archive = back_up(server, shop, "--keep-days=30")
    assert sorted(os.listdir(dest)) == sorted([*kept, archive.name])
    assert archive.name not in kept


def test_a_broken_archive_leaves_the_database_it_would_replace_alone(server, shop):
    archive = back_up(server, shop)
    broken = archive.with_name("broken.tar")
    garbage = archive.with_name("garbage.tar")
    with tarfile.open(archive) as source, tarfile.open(broken, "w") as target, tarfile.open(garbage, "w") as bad:
        member = source.getmember("manifest.json")
        target.addfile(member, source.extractfile(member))
        bad.addfile(member, source.extractfile(member))
        dump = tarfile.TarInfo("database.dump")
        dump.size = 1000
        bad.addfile(dump, io.BytesIO(os.urandom(1000)))
    refused = run(server, "restore", str(broken), "--database=shop", f"--data-dir={shop}", "--force")
    assert refused.returncode == 2 and "holds no database.dump" in refused.stderr
    refused = run(server, "restore", str(garbage), "--database=shop", f"--data-dir={shop}", "--force")
    assert refused.returncode == 2 and "holds no readable dump" in refused.stderr
    assert counts(server, "shop") == TABLES
    assert checksums(shop / "filestore" / "shop") == {name: hashlib.sha256(data).hexdigest()
                                                      for name, data in FILES.items()}
