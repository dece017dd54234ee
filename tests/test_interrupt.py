"""Stopping scripts/test or scripts/serve (Ctrl-C, SIGTERM, SIGHUP) stops the Odoo child and the PostgreSQL cluster
they started. A real throwaway cluster; Odoo is a stub interpreter that answers the harness's probe and then sleeps
like an Odoo installing modules or serving."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from stride_harness.postgres import PostgresError, Server, _pg_binary, free_port, start_cluster
from stride_harness.serve_command import REQUIRE_TWO_FACTOR

ROOT = Path(__file__).resolve().parents[1]

FAKE_ODOO = """#!/bin/bash
if [[ $1 == -c ]]; then  # the harness's probe: which Odoo is this?
    echo '{"version": "19.0", "serie": "19.0", "addons_paths": []}'
    exit 0
fi
if [[ $3 == shell ]]; then  # scripts/serve's odoo shell on the new database: keep what it was asked to run
    cat >>"$FAKE_ODOO_PIDS.shell"
    exit 0
fi
echo "$$" >>"$FAKE_ODOO_PIDS"
[[ $FAKE_ODOO == exit || $FAKE_ODOO == crash ]] && sleep 1  # time for the test to note the cluster's pid
if [[ $FAKE_ODOO == exit ]]; then  # an Odoo that installs nothing and reports no test: leave an empty filestore
    for ((i = 1; i <= $#; i++)); do
        case ${!i} in --data-dir=*) data_dir=${!i#--data-dir=} ;; -d) j=$((i + 1)) && database=${!j} ;; esac
    done
    mkdir -p "$data_dir/filestore/$database"
    exit 0
fi
[[ $FAKE_ODOO == crash ]] && exit 0  # ...and no filestore either: the harness fails with a traceback
if [[ $FAKE_ODOO == serve && " $* " == *" --stop-after-init "* ]]; then  # installing: thousands of log lines
    log() { echo "2026-12-01 03:00:00,000 $$ INFO stride $1"; }
    log "odoo.modules.loading: Initializing database stride"
    log "odoo.modules.loading: Loading module base (1/1)"
    log "odoo.modules.loading: loading 40 modules..."
    for ((m = 1; m <= 40; m++)); do
        log "odoo.modules.loading: Loading module module_$m ($m/40)"
        for ((l = 1; l <= 50; l++)); do log "odoo.modules.loading: loading module_$m/data/file_$l.xml"; done
    done
    log "odoo.modules.loading: loading stride_demo/data/stride_demo_data.xml"
    log "odoo.modules.loading: Modules loaded."
    exit 0
fi
if [[ $FAKE_ODOO == create ]]; then  # an install stopped half-way: its database exists, unfinished
    for arg in "$@"; do
        case $arg in --db_host=*) host=${arg#*=} ;; --db_port=*) port=${arg#*=} ;; --db_user=*) user=${arg#*=} ;; esac
    done
    psql -X -q -h "$host" -p "$port" -U "$user" -d postgres -c 'CREATE DATABASE stride'
fi
exec sleep 300
"""


def _has_postgres() -> bool:
    try:
        _pg_binary("initdb")
    except PostgresError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _has_postgres(), reason="PostgreSQL's server binaries are not installed")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def wait_for(condition, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class Harness:
    """scripts/<command> started in its own session (as a terminal would run it), its output in a file."""

    def __init__(self, tmp_path: Path, command: str, *args: str, mode: str = "sleep", wrapped: bool = False,
                 **env: str):
        self.tmp_path = tmp_path
        self.clusters: list[Path] = []
        fake = tmp_path / "fake-odoo-python"
        fake.write_text(FAKE_ODOO)
        fake.chmod(0o755)
        self.pids_file = tmp_path / "odoo-pids"
        self.output = tmp_path / "output"
        environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        environment.update(STRIDE_ODOO_PYTHON=str(fake), FAKE_ODOO=mode, FAKE_ODOO_PIDS=str(self.pids_file),
                           STRIDE_CACHE_DIR=str(tmp_path / "cache"), **env)
        with self.output.open("w") as output:
            # Wrapped: started by a shell that does not hand its process over (as job runners and scripts do).
            wrapper = ["bash", "-c", '"$0" "$@"; exit $?'] if wrapped else []
            self.process = subprocess.Popen([*wrapper, str(ROOT / "scripts" / command), *args], stdout=output,
                                            stderr=subprocess.STDOUT, env=environment, start_new_session=True)

    def text(self) -> str:
        return self.output.read_text()

    def odoo_pids(self) -> list[int]:
        return [int(pid) for pid in self.pids_file.read_text().split()] if self.pids_file.exists() else []

    def finish(self, timeout: float = 90) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise AssertionError(f"the harness did not stop:\n{self.text()}") from None


    def leave_nothing_behind(self) -> None:
        """After a failed test: what the harness failed to stop is stopped here, so no test leaks processes."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with contextlib.suppress(ProcessLookupError):  # a wrapped command may outlive its wrapper
            os.killpg(self.process.pid, signal.SIGKILL)
        for pid in self.odoo_pids():
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        for cluster in self.clusters:
            if (cluster / "data" / "postmaster.pid").exists():
                run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
                subprocess.run([*run_as, _pg_binary("pg_ctl"), "-D", str(cluster / "data"), "-m", "immediate",
                                "stop"], capture_output=True, check=False)


@pytest.fixture
def start_harness(tmp_path):
    started: list[Harness] = []

    def start(*args, **kwargs) -> Harness:
        started.append(Harness(tmp_path, *args, **kwargs))
        return started[-1]

    yield start
    for harness in started:
        harness.leave_nothing_behind()


def postmaster_pid(cluster: Path) -> int:
    return int((cluster / "data" / "postmaster.pid").read_text().split()[0])


def throwaway_cluster(harness: Harness) -> Path:
    def started():
        for line in harness.text().splitlines():
            if line.startswith("Started a throwaway PostgreSQL cluster in "):
                harness.clusters.append(Path(line.split(" in ", 1)[1].split(" (port")[0]))
                return harness.clusters[-1]
        assert harness.process.poll() is None, harness.text()
        return None
    return wait_for(started, "the throwaway cluster")


@pytest.mark.parametrize(("signum", "whole_group"), [
    (signal.SIGTERM, False),  # `kill`, a CI timeout
    (signal.SIGHUP, False),   # the terminal closed
    (signal.SIGINT, True),    # Ctrl-C: the terminal signals the whole foreground group, Odoo included
])
def test_stopping_scripts_test_stops_odoo_and_its_postgresql(start_harness, signum, whole_group):
    harness = start_harness("test", "--skip-static", "--skip-pure", "--addon", "product_shoe")
    cluster = throwaway_cluster(harness)
    postgres = postmaster_pid(cluster)
    odoo = wait_for(harness.odoo_pids, "Odoo installing the template")[0]
    assert alive(postgres) and alive(odoo)

    if whole_group:
        os.killpg(harness.process.pid, signum)
    else:
        harness.process.send_signal(signum)

    assert harness.finish() == 128 + signum, harness.text()
    assert not alive(odoo), "the Odoo child survived"
    assert not alive(postgres), "the throwaway PostgreSQL survived"
    assert not cluster.exists()
    assert f"stopped by {signal.Signals(signum).name}" in harness.text()


@pytest.mark.parametrize(("mode", "said"), [
    ("exit", "Odoo did not report test results"),  # a normal end, failing
    ("crash", "Traceback"),                        # an exception inside the harness
])
def test_other_ends_stop_the_throwaway_postgresql_too(start_harness, mode, said):
    harness = start_harness("test", "--skip-static", "--skip-pure", "--addon", "product_shoe", mode=mode)
    cluster = throwaway_cluster(harness)
    postgres = postmaster_pid(cluster)
    assert harness.finish() == 1
    assert said in harness.text()
    assert not alive(postgres) and not cluster.exists()


@pytest.fixture
def serve_local_dir():
    # The cluster runs as `postgres` when we are root: it needs a folder that user can reach (not pytest's tmp).
    local = Path(tempfile.mkdtemp(prefix="stride-serve-test-"))
    local.chmod(0o755)
    yield local
    if (local / "pg" / "data" / "postmaster.pid").exists():  # a failed test's cluster, before its folder goes
        run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*run_as, _pg_binary("pg_ctl"), "-D", str(local / "pg" / "data"), "-m", "immediate", "stop"],
                       capture_output=True, check=False)
    shutil.rmtree(local, ignore_errors=True)


@pytest.mark.parametrize(("signum", "whole_group"), [
    (signal.SIGTERM, False),  # `kill <pid>`
    (signal.SIGTERM, True),   # a job manager stopping the whole process group (`kill -- -<pgid>`, systemd)
    (signal.SIGINT, True),    # Ctrl-C
])
def test_stopping_scripts_serve_stops_odoo_and_the_postgresql_it_started(start_harness, serve_local_dir, signum,
                                                                         whole_group):
    harness = start_harness("serve", "--port", str(free_port()), mode="serve", STRIDE_DATABASE="stride",
                            STRIDE_LOCAL_DIR=str(serve_local_dir))
    harness.clusters.append(serve_local_dir / "pg")
    wait_for(lambda: "Stop with Ctrl+C" in harness.text() and len(harness.odoo_pids()) == 2, "Odoo serving")
    postgres = postmaster_pid(serve_local_dir / "pg")
    serving = harness.odoo_pids()[1]
    assert alive(postgres) and alive(serving)

    if whole_group:
        os.killpg(harness.process.pid, signum)
    else:
        harness.process.send_signal(signum)

    assert harness.finish() == (0 if signum == signal.SIGINT else 128 + signum), harness.text()
    assert not alive(serving), "Odoo survived"
    assert not alive(postgres), "the PostgreSQL started by scripts/serve survived"


def test_serve_stops_when_the_shell_that_started_it_is_stopped(start_harness, serve_local_dir):
    # `kill <pid of a wrapper>`: the wrapper dies without passing the signal on; serve must not serve on as an orphan.
    harness = start_harness("serve", "--port", str(free_port()), mode="serve", wrapped=True, STRIDE_DATABASE="stride",
                            STRIDE_LOCAL_DIR=str(serve_local_dir))
    harness.clusters.append(serve_local_dir / "pg")
    wait_for(lambda: "Stop with Ctrl+C" in harness.text() and len(harness.odoo_pids()) == 2, "Odoo serving")
    postgres = postmaster_pid(serve_local_dir / "pg")
    serving = harness.odoo_pids()[1]

    harness.process.send_signal(signal.SIGTERM)

    assert harness.finish() == -signal.SIGTERM, "the wrapper shell died of the signal"
    wait_for(lambda: not alive(serving) and not alive(postgres), "Odoo and PostgreSQL stopped", timeout=60)
    assert "stopped by SIGTERM" in wait_for(lambda: "stopped by" in harness.text() and harness.text(), "the note")


def test_the_first_run_shows_its_progress_in_a_few_lines_and_logs_the_rest(start_harness, serve_local_dir):
    harness = start_harness("serve", "--port", str(free_port()), mode="serve", STRIDE_DATABASE="stride",
                            STRIDE_LOCAL_DIR=str(serve_local_dir))
    harness.clusters.append(serve_local_dir / "pg")
    wait_for(lambda: "Stop with Ctrl+C" in harness.text(), "Odoo serving")
    harness.process.send_signal(signal.SIGTERM)
    harness.finish()

    shown = harness.text()
    install = shown[shown.index("Creating database"):shown.index("Stride demo shop: http")]
    assert len(install.splitlines()) < 25, install
    for step in ("Preparing an empty database", "Installing 40 Odoo modules", "40/40", "Building the demo shop"):
        assert step in install
    log = serve_local_dir / "logs" / "stride-create.log"
    assert str(log) in install
    assert len(log.read_text().splitlines()) > 2000, "Odoo's whole log is in the file"


@pytest.mark.parametrize(("option", "required"), [((), True), (("--no-two-factor",), False)])
def test_the_first_run_requires_two_factor_of_administrators_and_managers(start_harness, serve_local_dir, option,
                                                                           required):
    harness = start_harness("serve", "--port", str(free_port()), *option, mode="serve", STRIDE_DATABASE="stride",
                            STRIDE_LOCAL_DIR=str(serve_local_dir))
    harness.clusters.append(serve_local_dir / "pg")
    wait_for(lambda: "Stop with Ctrl+C" in harness.text(), "Odoo serving")
    harness.process.send_signal(signal.SIGTERM)
    harness.finish()

    shell = Path(f"{harness.pids_file}.shell")
    if required:
        assert shell.read_text() == REQUIRE_TWO_FACTOR, "odoo shell was asked to require 2FA, and to commit it"
        assert "set up two-factor authentication at their first login" in harness.text()
    else:
        assert not shell.exists(), "--no-two-factor: no odoo shell"


def test_an_interrupted_first_run_drops_its_half_built_database(start_harness, serve_local_dir):
    harness = start_harness("serve", "--port", str(free_port()), mode="create", STRIDE_DATABASE="stride",
                            STRIDE_LOCAL_DIR=str(serve_local_dir))
    harness.clusters.append(serve_local_dir / "pg")
    wait_for(harness.odoo_pids, "Odoo installing")
    server = wait_for(lambda: _cluster_with_database(serve_local_dir / "pg", "stride"), "the database being created")

    harness.process.send_signal(signal.SIGTERM)

    assert harness.finish() == 128 + signal.SIGTERM, harness.text()
    restarted = start_cluster(serve_local_dir / "pg", server.port)
    try:
        assert not restarted.database_exists("stride"), "the next run would serve a half-built database"
    finally:
        restarted.stop()


def _cluster_with_database(cluster: Path, database: str) -> Server | None:
    """The running cluster of scripts/serve once ``database`` exists in it."""
    pid_file = cluster / "data" / "postmaster.pid"
    if not pid_file.exists():
        return None
    port = int(pid_file.read_text().splitlines()[3])
    server = Server(host=str(cluster), port=port, user="stride")
    try:
        return server if server.database_exists(database) else None
    except PostgresError:
        return None
