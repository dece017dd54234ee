"""Running the addons' tests inside a real Odoo 19 on a fresh database built from a cached template."""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import logscan
from .addons import choose_template, external_dependencies, template_key
from .odoo_env import OdooInstall
from .postgres import Server, free_port

# Bump when the way templates are built changes, so stale caches are not reused.
TEMPLATE_SALT = "2"


def cache_dir() -> Path:
    base = os.environ.get("STRIDE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "stride")
    path = Path(base) / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class OdooRun:
    odoo: OdooInstall
    server: Server
    addons_dir: Path
    data_dir: Path
    log_dir: Path
    with_demo: bool = True
    last_log: Path | None = None

    def base_command(self, database: str) -> list[str]:
        return [*self.odoo.command(), f"--addons-path={self.addons_dir}", f"--data-dir={self.data_dir}",
                *self.server.odoo_options(), "-d", database, "--http-interface=127.0.0.1",
                f"--http-port={free_port()}", "--workers=0", "--max-cron-threads=0", "--stop-after-init"]

    def run_odoo(self, args: list[str], log_name: str, echo) -> Path:
        log_path = self.log_dir / log_name
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       env=dict(os.environ, PYTHONUNBUFFERED="1"))
            for line in process.stdout:
                log.write(line)
                echo(line)
            process.wait()
        return log_path

    def _cached_templates(self) -> dict[str, set[str]]:
        """The cached templates usable by this run (same Odoo, same demo choice): key → modules they hold."""
        found = {}
        for meta in cache_dir().glob("*.json"):
            info = json.loads(meta.read_text())
            complete = meta.with_suffix(".dump").exists() and meta.with_suffix(".filestore.tar").exists()
            if complete and info["odoo"] == self.odoo.version and info["demo"] == self.with_demo \
                    and info.get("salt") == TEMPLATE_SALT:
                found[meta.stem] = set(info["modules"])
        return found

    def prepare_database(self, database: str, dependencies: list[str], echo) -> None:
        """A database with the Odoo dependencies installed: restored from the cache, or built once and cached.

        When only a few dependencies are new since a cached template, that template is used and Odoo installs the
        missing ones together with our addons, so adding a dependency does not cost a full rebuild.
        """
        created = self.server.tool("createdb", "-T", "template0", "-E", "UTF8", database)
        if created.returncode != 0:
            raise RuntimeError(f"createdb {database} failed: {created.stderr.strip()}")
        key = template_key(self.odoo.version, dependencies, self.with_demo, [], TEMPLATE_SALT)
        chosen = choose_template(set(dependencies), self._cached_templates(), exact_key=key)
        if chosen:
            self._restore(chosen, database)
            return
        print(f"Building template {key}: installing {len(dependencies)} Odoo modules once "
              f"({'with' if self.with_demo else 'without'} demo data): {', '.join(dependencies)}", flush=True)
        started = time.monotonic()
        args = [*self.base_command(database), "-i", ",".join(dependencies), "--log-level=warn"]
        if self.with_demo:
            args.append("--with-demo")
        log = self.run_odoo(args, f"{database}-template.log", echo)
        report = logscan.scan(log.open(encoding="utf-8"), set())
        critical = [line for line in report.offending if " CRITICAL " in line]
        if critical:
            raise RuntimeError("installing the Odoo dependencies failed:\n" + "\n".join(critical))
        self._store(key, database, dependencies)
        print(f"Template {key} built in {time.monotonic() - started:.0f}s and cached in {cache_dir()}", flush=True)

    def _restore(self, key: str, database: str) -> None:
        started = time.monotonic()
        dump = cache_dir() / f"{key}.dump"
        restored = self.server.tool("pg_restore", "--no-owner", "-j", "2", "-d", database, str(dump))
        if restored.returncode != 0:
            raise RuntimeError(f"pg_restore of the cached template {dump} failed: {restored.stderr.strip()}")
        target = self.data_dir / "filestore" / database
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(cache_dir() / f"{key}.filestore.tar") as archive:
            archive.extractall(target, filter="data")
        print(f"Template {key} restored from {cache_dir()} in {time.monotonic() - started:.0f}s", flush=True)

    def _store(self, key: str, database: str, dependencies: list[str]) -> None:
        """Cache the database as a template; partial files are renamed into place so readers never see half a one."""
        suffix = f".{os.getpid()}.partial"
        dump, filestore, meta = (cache_dir() / f"{key}{ext}" for ext in (".dump", ".filestore.tar", ".json"))
        dumped = self.server.tool("pg_dump", "-Fc", "-f", str(dump) + suffix, database)
        if dumped.returncode != 0:
            print(f"(template not cached: pg_dump failed: {dumped.stderr.strip()})", flush=True)
            return
        with tarfile.open(str(filestore) + suffix, "w") as archive:
            archive.add(self.data_dir / "filestore" / database, arcname=".")
        Path(str(meta) + suffix).write_text(json.dumps(
            {"odoo": self.odoo.version, "demo": self.with_demo, "salt": TEMPLATE_SALT, "modules": dependencies}))
        for final in (dump, filestore, meta):
            Path(str(final) + suffix).replace(final)

    def test(self, project_addons: list[str], depends: dict[str, list[str]], echo) -> logscan.LogReport:
        """Install and test ``project_addons`` on a database holding what *every* project addon needs from Odoo.

        One template for all the addons: a run limited to one addon reuses the cache of the full run.
        """
        database = f"stride_test_{os.getpid()}"
        dependencies = external_dependencies(list(depends), depends)
        self.prepare_database(database, dependencies, echo)
        tags = ",".join(f"/{name}" for name in project_addons)
        args = [*self.base_command(database), "-i", ",".join(project_addons), "--test-enable",
                f"--test-tags={tags}", "--log-level=info"]
        log = self.run_odoo(args, f"{database}.log", echo)
        self.last_log = log
        report = logscan.scan(log.open(encoding="utf-8"), set(project_addons))
        self.server.tool("dropdb", "--if-exists", database)
        shutil.rmtree(self.data_dir / "filestore" / database, ignore_errors=True)
        return report


def progress_printer(verbose: bool):
    """Echo Odoo's output: everything when verbose, else the lines a person watching a CI log needs."""
    keep = ("ERROR", "CRITICAL", "WARNING", "odoo.tests.result", "post-tests in",
            "Starting post tests", "modules loaded in", "FAIL", "Traceback")

    def echo(line: str) -> None:
        if verbose or any(word in line for word in keep):
            sys.stdout.write(line)
            sys.stdout.flush()
    return echo


def make_run(odoo: OdooInstall, server: Server, addons_dir: Path, with_demo: bool, log_dir: Path) -> OdooRun:
    data_dir = Path(tempfile.mkdtemp(prefix="stride-odoo-data-"))
    return OdooRun(odoo, server, addons_dir, data_dir, log_dir, with_demo)
