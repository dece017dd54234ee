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
from .addons import choose_template, template_key
from .odoo_env import OdooInstall
from .postgres import Server, free_port
from .processes import run_logged, stop_process

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
        run_logged(args, log_path, echo)
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

    def test(self, install: list[str], dependencies: list[str], echo, tested: list[str] | None = None,
             name: str = "") -> logscan.LogReport:
        """Install the project addons ``install`` on a fresh database holding the Odoo modules ``dependencies``,
        and run the tests of ``tested`` (default: every installed addon). The database is dropped however this ends.

        A run of every addon passes what *every* project addon needs from Odoo as ``dependencies``, so a run limited
        to one addon reuses the template cached by the full run; ``scripts/test --each`` passes only what the addon
        under test needs, so a missing manifest dependency shows.
        """
        tested = tested or install
        database = f"stride_test_{os.getpid()}{'_' + name if name else ''}"
        try:
            self.prepare_database(database, dependencies, echo)
            tags = ",".join(f"/{addon}" for addon in tested)
            args = [*self.base_command(database), "-i", ",".join(install), "--test-enable",
                    f"--test-tags={tags}", "--log-level=info"]
            log = self.run_odoo(args, f"{database}.log", echo)
            self.last_log = log
            return logscan.scan(log.open(encoding="utf-8"), set(install))
        finally:
            self.drop(database)


    def pytest_odoo(self, install: list[str], dependencies: list[str], echo, tested: list[str], junit: Path,
                    name: str = "") -> int:
        """Install ``install`` on a fresh database, then run the Odoo tests of ``tested`` through pytest (the
        pytest-odoo plugin) against it; pytest's exit code. The database is dropped however this ends."""
        database = f"stride_pytest_{os.getpid()}{'_' + name if name else ''}"
        try:
            config = self.install(database, install, dependencies, echo)
            self.last_log = self.log_dir / f"{database}.log"
            targets = []
            for addon in tested:
                tests = self.addons_dir / addon / "tests"
                targets += [str(tests), f"--ignore={tests / 'pure'}"]
            # The project's pytest settings are for the pure tests (no Odoo plugin, bare addon packages from
            # conftest.py): pytest-odoo needs neither.
            command = [self.odoo.python, "-m", "pytest", "--noconftest", "-o", "addopts=", "-p", "no:cacheprovider",
                       f"--rootdir={self.addons_dir}", f"--odoo-config={config}", f"--odoo-database={database}",
                       "--odoo-log-level=warn", f"--junitxml={junit}", "-q", "-rfEs", *targets]
            with self.last_log.open("w", encoding="utf-8") as log_file:
                process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                           cwd=self.addons_dir, env=dict(os.environ, PYTHONUNBUFFERED="1"))
                try:
                    for line in process.stdout:
                        log_file.write(line)
                        sys.stdout.write(line)
                    return process.wait()
                finally:
                    stop_process(process)
        finally:
            self.drop(database)

    def install(self, database: str, install: list[str], dependencies: list[str], echo) -> Path:
        """A fresh database with the project addons ``install`` installed (no test run); the path of an Odoo
        configuration file that names it. The caller drops the database."""
        self.prepare_database(database, dependencies, echo)
        log = self.run_odoo([*self.base_command(database), "-i", ",".join(install), "--log-level=warn"],
                            f"{database}-install.log", echo)
        critical = [line for line in logscan.scan(log.open(encoding="utf-8"), set()).offending if " CRITICAL " in line]
        if critical:
            raise RuntimeError(f"installing {', '.join(install)} failed (see {log}):\n" + "\n".join(critical))
        config = self.data_dir / f"{database}.conf"
        config.write_text(self.odoo_config(database), encoding="utf-8")
        return config

    def drop(self, database: str) -> None:
        self.server.tool("dropdb", "--if-exists", "--force", database)
        shutil.rmtree(self.data_dir / "filestore" / database, ignore_errors=True)

    def odoo_config(self, database: str) -> str:
        """An Odoo configuration file for this run's server and addons (what pytest-odoo's --odoo-config reads)."""
        addons_path = ",".join(str(path) for path in [self.addons_dir, *self.odoo.addons_paths])
        lines = ["[options]", f"addons_path = {addons_path}", f"data_dir = {self.data_dir}",
                 f"db_name = {database}", f"db_host = {self.server.host}", f"db_port = {self.server.port}",
                 f"db_user = {self.server.user}", "http_interface = 127.0.0.1", f"http_port = {free_port()}",
                 "workers = 0", "max_cron_threads = 0"]
        if self.server.password:
            lines.append(f"db_password = {self.server.password}")
        return "\n".join(lines) + "\n"


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
