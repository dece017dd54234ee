"""A PostgreSQL server for tests and local runs: the one given by the environment, or a private cluster of our own."""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

_FAST = " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"


class PostgresError(RuntimeError):
    """PostgreSQL could not be found or started; the message says what to do."""


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str = ""
    cluster_dir: Path | None = None
    owned: bool = False
    _run_as: list[str] = field(default_factory=list)

    def odoo_options(self) -> list[str]:
        options = [f"--db_host={self.host}", f"--db_port={self.port}", f"--db_user={self.user}"]
        if self.password:
            options.append(f"--db_password={self.password}")
        return options

    def env(self) -> dict[str, str]:
        env = dict(os.environ, PGHOST=self.host, PGPORT=str(self.port), PGUSER=self.user, PGDATABASE="postgres")
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def psql(self, sql: str, database: str = "postgres") -> str:
        completed = subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
            env=self.env(), capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0:
            raise PostgresError(f"psql failed: {completed.stderr.strip()}")
        return completed.stdout.strip()

    def database_exists(self, name: str) -> bool:
        return self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([_pg_binary(name), *args], env=self.env(), capture_output=True, text=True, check=False)

    def stop(self) -> None:
        """Stop the cluster when we started it (a server we were given, or found running, is left alone)."""
        if self.owned and self.cluster_dir:
            _stop_cluster(self._run_as, self.cluster_dir / "data")


def _stop_cluster(run_as: list[str], data: Path, appear_within: float = 0) -> None:
    """Fast shutdown (open sessions are ended). A postmaster forked an instant ago may not have written its pid
    file yet: ``appear_within`` seconds are given to it, so that an interrupted start still gets stopped."""
    pid_file = data / "postmaster.pid"
    deadline = time.monotonic() + appear_within
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    if pid_file.exists():
        subprocess.run([*run_as, _pg_binary("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, check=False)


def _pg_binary(name: str) -> str:
    """A PostgreSQL server binary: on PATH, or in Debian's versioned folders (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return candidates[-1]
    raise PostgresError(
        f"PostgreSQL's `{name}` was not found. Install the PostgreSQL server (Debian: `apt-get install postgresql`), "
        "or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a running server."
    )


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def from_environment() -> Server | None:
    """The server named by PGHOST (and PGPORT/PGUSER/PGPASSWORD), when one is named."""
    host = os.environ.get("PGHOST")
    if not host:
        return None
    return Server(host=host, port=int(os.environ.get("PGPORT", "5432")),
                  user=os.environ.get("PGUSER", "odoo"), password=os.environ.get("PGPASSWORD", ""))


def _unprivileged_runner() -> list[str]:
    """PostgreSQL refuses to run as root: as root, run the server as the `postgres` system user."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise PostgresError("running as root and no `postgres` system user exists to own the cluster") from error
    return ["runuser", "-u", "postgres", "--"]


def start_cluster(cluster_dir: Path | None = None, port: int | None = None, durable: bool = True) -> Server:
    """Start a private cluster (unix socket only) in ``cluster_dir`` (created if new), or in a temporary folder.

    A throwaway test cluster is not ``durable``: it skips fsync, which makes installs several times faster.
    """
    run_as = _unprivileged_runner()
    cluster_dir = Path(cluster_dir or tempfile.mkdtemp(prefix="stride-pg-"))
    cluster_dir.mkdir(parents=True, exist_ok=True)
    if run_as:
        shutil.chown(cluster_dir, "postgres")
        os.chmod(cluster_dir, 0o755)
    data = cluster_dir / "data"
    if not (data / "PG_VERSION").exists():
        init = subprocess.run([*run_as, _pg_binary("initdb"), "-D", str(data), "-U", "stride", "-A", "trust",
                               "-E", "UTF8", "--locale=C.UTF-8"], capture_output=True, text=True, check=False)
        if init.returncode != 0:
            raise PostgresError(f"initdb failed in {data}: {init.stderr.strip()}")
    port = port or free_port()
    try:
        started = subprocess.run(
            [*run_as, _pg_binary("pg_ctl"), "-D", str(data), "-l", str(cluster_dir / "postgresql.log"), "-w", "-t",
             "60", "-o", f"-k {cluster_dir} -p {port} -c listen_addresses=''{'' if durable else _FAST}", "start"],
            capture_output=True, text=True, check=False,
        )
        if started.returncode != 0:
            log = (cluster_dir / "postgresql.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else started.stderr
            raise PostgresError(f"PostgreSQL failed to start in {cluster_dir}:\n{tail}")
        server = Server(host=str(cluster_dir), port=port, user="stride", cluster_dir=cluster_dir, owned=True,
                        _run_as=run_as)
        for _attempt in range(50):
            with contextlib.suppress(PostgresError):
                server.psql("SELECT 1")
                return server
            time.sleep(0.2)
        raise PostgresError(f"PostgreSQL started in {cluster_dir} but does not answer")
    except BaseException:
        # Interrupted (or failed) half-way: pg_ctl may have forked a postmaster that nobody would stop.
        _stop_cluster(run_as, data, appear_within=2)
        raise


def server_for_a_run(cleanup: contextlib.ExitStack) -> Server:
    """The server named by the environment, else a throwaway cluster that ``cleanup`` stops and removes."""
    server = from_environment()
    if server is None:
        server = start_cluster(durable=False)
        cleanup.callback(shutil.rmtree, server.cluster_dir, ignore_errors=True)
        cleanup.callback(server.stop)
        print(f"Started a throwaway PostgreSQL cluster in {server.host} (port {server.port})", flush=True)
    return server


def ensure_cluster(cluster_dir: Path, port: int) -> Server:
    """The durable cluster kept in ``cluster_dir``: reused when it already runs, else started (initialised once)."""
    run_as = _unprivileged_runner()
    data = cluster_dir / "data"
    if (data / "postmaster.pid").exists():
        status = subprocess.run([*run_as, _pg_binary("pg_ctl"), "-D", str(data), "status"],
                                capture_output=True, text=True, check=False)
        if status.returncode == 0:
            running_port = int((data / "postmaster.pid").read_text().splitlines()[3])
            return Server(host=str(cluster_dir), port=running_port, user="stride", cluster_dir=cluster_dir,
                          owned=False, _run_as=run_as)
    return start_cluster(cluster_dir, port, durable=True)
