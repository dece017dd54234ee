"""Several Odoo nodes behind nginx (docker-compose.yml's scale profile) and a PostgreSQL read replica
(docker-compose.replica.yml), checked without Docker.

The compose files are read as YAML (with their anchors resolved, as Compose reads them), nginx's configuration is
read with test_nginx_edge's parser and run by the nginx found here in front of two stub nodes, and the two start
scripts run in sandboxes with stub commands (odoo-start.sh as tests/test_docker_start.py runs it). Where PostgreSQL's
binaries are installed, the replica's start script also copies a real private primary and the copy follows it.
"""

import configparser
import contextlib
import getpass
import http.client
import importlib.util
import os
import re
import shutil
import socket
import ssl
import stat
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from stride_harness import postgres
from stride_harness.odoo_env import find_odoo

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
REPLICA_COMPOSE = ROOT / "docker-compose.replica.yml"
ODOO_CONF = ROOT / "config" / "odoo.conf"
PG_HBA = ROOT / "config" / "postgres" / "pg_hba.conf"
REPLICATION_SQL = ROOT / "config" / "postgres" / "replication.sql"
REPLICA_START = ROOT / "config" / "postgres" / "replica-start.sh"
NODE_PORTS = {"odoo_http": "8069", "odoo_websocket": "8072"}



def sibling(name: str) -> ModuleType:
    """A test module beside this one, for its helpers (pytest imports test files by path: --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location(f"stride_tests_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docker_start = sibling("test_docker_start")
edge = sibling("test_nginx_edge")
sandbox = docker_start.sandbox


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def replica_compose() -> dict:
    return yaml.safe_load(REPLICA_COMPOSE.read_text())


@pytest.fixture(scope="module")
def nginx_conf() -> edge.Directive:
    return edge.parse(edge.CONF.read_text())


def odoo_options() -> dict[str, str]:
    parser = configparser.ConfigParser()
    parser.read_string(ODOO_CONF.read_text())
    return dict(parser["options"])


def odoo_nodes(compose: dict) -> dict[str, dict]:
    """The services that run the Odoo server (through odoo-start.sh), not the tests or the backups."""
    return {name: service for name, service in compose["services"].items()
            if service.get("entrypoint") == ["/opt/stride/odoo-start.sh"]}


def cron_threads(service: dict) -> int:
    """The cron threads a node runs: its command's --max-cron-threads, else config/odoo.conf's."""
    for argument in service["command"]:
        if match := re.fullmatch(r"--max-cron-threads=(\d+)", argument):
            return int(match.group(1))
    return int(odoo_options()["max_cron_threads"])


# --- the compose file -----------------------------------------------------------------------------------------------

def test_the_default_start_is_the_single_node_of_before(compose):
    default = {name for name, service in compose["services"].items() if not service.get("profiles")}
    assert default == {"db", "odoo", "nginx", "backup"}
    odoo = compose["services"]["odoo"]
    assert odoo["command"] == ["odoo"] and "STRIDE_NODE" not in odoo["environment"]
    assert "deploy" not in odoo and "scale" not in odoo


def test_the_scale_profile_adds_web_nodes_on_the_same_database_and_data_volume(compose):
    nodes = odoo_nodes(compose)
    assert set(nodes) == {"odoo", "odoo-web"}
    assert nodes["odoo-web"]["profiles"] == ["scale"]
    database = {key: nodes["odoo"]["environment"][key] for key in ("HOST", "USER", "PASSWORD")}
    for service in nodes.values():
        assert {key: service["environment"][key] for key in database} == database
        assert service["image"] == nodes["odoo"]["image"]
        assert "odoo-data:/var/lib/odoo" in service["volumes"]
    # Odoo keeps the filestore and the sessions under data_dir: the shared volume.
    assert odoo_options()["data_dir"] == "/var/lib/odoo"
    assert "odoo-data" in compose["volumes"]


def test_exactly_one_node_runs_the_cron_and_it_is_not_scaled(compose):
    running_cron = [name for name, service in odoo_nodes(compose).items() if cron_threads(service) > 0]
    assert running_cron == ["odoo"]
    assert cron_threads(compose["services"]["odoo-web"]) == 0


def test_web_nodes_never_initialise_and_start_once_the_main_node_answers(compose):
    web = compose["services"]["odoo-web"]
    assert web["environment"]["STRIDE_NODE"] == "web"
    assert web["depends_on"]["odoo"] == {"condition": "service_healthy"}
    # Their configuration is their own (several start together), outside the shared volume.
    assert not web["environment"]["STRIDE_CONF"].startswith("/var/lib/odoo")
    assert web["healthcheck"] == compose["services"]["odoo"]["healthcheck"]


def test_the_number_of_web_nodes_comes_from_stride_web_nodes_or_scale(compose):
    web = compose["services"]["odoo-web"]
    assert web["deploy"]["replicas"] == "${STRIDE_WEB_NODES:-2}"
    # --scale needs services without a fixed container name or host port.
    assert "container_name" not in web and "ports" not in web


def node_servers(conf: edge.Directive) -> dict[str, list[edge.Directive]]:
    return {upstream.args[0]: upstream.all("server") for upstream in conf.all("upstream")}


def test_every_node_answers_to_the_name_nginx_sends_to(compose, nginx_conf):
    servers = node_servers(nginx_conf)
    assert set(servers) == set(NODE_PORTS)
    hosts = set()
    for upstream, port in NODE_PORTS.items():
        (server,) = servers[upstream]
        host, server_port = server.args[0].rsplit(":", 1)
        assert server_port == port
        hosts.add(host)
    (host,) = hosts
    for service in odoo_nodes(compose).values():
        assert host in service["networks"]["default"]["aliases"]
        assert set(NODE_PORTS.values()) <= set(service["expose"])


# --- nginx ----------------------------------------------------------------------------------------------------------

def test_nginx_asks_dockers_dns_again_for_the_nodes(compose, nginx_conf):
    (resolver,) = nginx_conf.all("resolver")
    assert resolver.args[0] == "127.0.0.11" and any(re.fullmatch(r"valid=\d+s", arg) for arg in resolver.args)
    for upstream in nginx_conf.all("upstream"):
        assert upstream.one("zone"), f"{upstream.args[0]}: `resolve` needs the group in shared memory"
        assert all("resolve" in server.args for server in upstream.all("server"))
    # `resolve` in an upstream: nginx 1.27.3 and later.
    tag = compose["services"]["nginx"]["image"].split(":")[1]
    assert tuple(int(part) for part in re.match(r"(\d+)\.(\d+)", tag).groups()) >= (1, 28)


def test_websockets_stick_to_a_node_and_pages_go_round_robin(nginx_conf):
    upstreams = {upstream.args[0]: upstream for upstream in nginx_conf.all("upstream")}
    assert upstreams["odoo_websocket"].one("hash").args == ["$stride_websocket_key", "consistent"]
    balancing = {"hash", "ip_hash", "least_conn", "random", "sticky"}
    assert not [directive for directive in upstreams["odoo_http"].block if directive.name in balancing]
    maps = {block.args[1]: (block.args[0], {entry.name: entry.args for entry in block.block})
            for block in nginx_conf.all("map")}
    source, values = maps["$stride_websocket_key"]
    assert source == "$cookie_session_id"
    assert values == {"": ["$binary_remote_addr"], "default": ["$cookie_session_id"]}
    server = edge.https_server(nginx_conf)
    assert edge.location_for(server, "/websocket").one("proxy_pass").args == ["http://odoo_websocket"]
    for location in server.all("location"):
        if location.args != ["/websocket"] and location.one("proxy_pass"):
            assert location.one("proxy_pass").args == ["http://odoo_http"], location.args


def test_nginx_accepts_the_node_pool_as_docker_runs_it(tmp_path):
    binary = edge.nginx_binary()
    if edge.nginx_version(binary) < (1, 27, 3):
        pytest.skip(f"nginx {edge.nginx_version(binary)} predates `resolve` in upstreams (1.27.3): the Docker image's "
                    "upstreams are only checked with their addresses put in (test_nginx_edge)")
    main = edge.runnable_config(tmp_path, binary, 0, edge.free_port(), edge.free_port(), nodes=False)
    checked = subprocess.run(edge.nginx_command(binary, main, "-t"), capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "[emerg]" not in checked.stderr and "[warn]" not in checked.stderr, checked.stderr


def node_stub(name: str) -> type[edge.OdooStub]:
    return type(name, (edge.OdooStub,), {"seen": []})


class Visitor:
    """Requests through the edge on ``https_port``, each answered by one of ``stubs``: which one."""

    def __init__(self, folder: Path, https_port: int, stubs: list[type[edge.OdooStub]]):
        self.context = ssl.create_default_context(cafile=str(folder / "certs" / "stride.crt"))
        self.https_port = https_port
        self.stubs = stubs

    def node_of(self, path: str, client: str, cookie: str | None = None) -> str:
        connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, context=self.context, timeout=10,
                                                 source_address=(client, 0))
        try:
            connection.request("GET", path, headers={"Cookie": f"session_id={cookie}"} if cookie else {})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
        finally:
            connection.close()
        (node,) = [stub.__name__ for stub in self.stubs if stub.seen and stub.seen[-1][1] == path]
        for stub in self.stubs:
            stub.seen.clear()
        return node


def test_live_each_session_keeps_its_websocket_node_and_pages_spread_over_the_nodes(tmp_path):
    binary = edge.nginx_binary()
    stubs = [node_stub("NodeA"), node_stub("NodeB")]
    https_port = edge.free_port()
    with edge.serving(stubs[0]) as first, edge.serving(stubs[1]) as second:
        main = edge.runnable_config(tmp_path, binary, [first.server_address[1], second.server_address[1]],
                                    edge.free_port(), https_port)
        node_of = Visitor(tmp_path, https_port, stubs).node_of
        with edge.running_nginx(binary, main, https_port):
            sessions = {f"session{number:02d}": set() for number in range(24)}
            for _round in range(4):
                for session, nodes in sessions.items():
                    nodes.add(node_of(f"/websocket?{session}", "127.0.1.1", session))
            assert all(len(nodes) == 1 for nodes in sessions.values()), sessions
            assert {node for nodes in sessions.values() for (node,) in [nodes]} == {"NodeA", "NodeB"}
            # No session cookie yet: the client's address decides, the same node each time.
            assert len({node_of("/websocket", "127.0.1.2") for _ in range(6)}) == 1
            pages = [node_of(f"/shop?page={number}", "127.0.1.3", "session00") for number in range(10)]
            assert pages.count("NodeA") == pages.count("NodeB") == 5


class DockerDns(threading.Thread):
    """A stand-in for Docker's DNS on a loopback UDP port: every name has the A records in ``addresses`` (the
    replicas of a service), which the test changes as `docker compose --scale` would."""

    def __init__(self, addresses: list[str]):
        super().__init__(daemon=True)
        self.addresses = addresses
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    def run(self):
        while True:
            try:
                query, client = self.socket.recvfrom(512)
            except OSError:
                return
            end = query.index(b"\0", 12) + 5  # the question: its name, then type and class
            asks_a = query[end - 4:end - 2] == b"\0\1"
            addresses = list(self.addresses) if asks_a else []
            header = query[:2] + struct.pack(">HHHHH", 0x8180, 1, len(addresses), 0, 0)
            answers = b"".join(struct.pack(">HHHIH", 0xC00C, 1, 1, 1, 4) + socket.inet_aton(address)
                               for address in addresses)
            self.socket.sendto(header + query[12:end] + answers, client)

    def close(self):
        self.socket.close()


def test_live_nodes_added_by_scaling_get_traffic_without_reloading_nginx(tmp_path):
    """The configuration as Docker runs it (node names re-resolved), against a stand-in for Docker's DNS."""
    binary = edge.nginx_binary()
    if edge.nginx_version(binary) < (1, 27, 3):
        pytest.skip(f"nginx {edge.nginx_version(binary)} predates `resolve` in upstreams (1.27.3)")
    stubs = [node_stub("NodeA"), node_stub("NodeB")]
    port = edge.free_port()
    dns = DockerDns(["127.0.2.1"])
    dns.start()
    https_port = edge.free_port()
    try:
        with edge.serving(stubs[0], ("127.0.2.1", port)), edge.serving(stubs[1], ("127.0.2.2", port)):
            main = edge.runnable_config(tmp_path, binary, 0, edge.free_port(), https_port, nodes=False)
            conf = tmp_path / "stride.conf"
            text = edge.substitute(conf.read_text(), r"odoo-node:80(69|72) ", f"odoo-node:{port} ")
            text = edge.substitute(text, r"resolver 127\.0\.0\.11 valid=\d+s",
                                   f"resolver 127.0.0.1:{dns.port} valid=1s")
            conf.write_text(text)
            node_of = Visitor(tmp_path, https_port, stubs).node_of
            with edge.running_nginx(binary, main, https_port):
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:  # nginx resolves the names once started
                    try:
                        node_of("/shop", "127.0.1.4")
                        break
                    except AssertionError:
                        time.sleep(0.2)
                assert {node_of(f"/shop?page={number}", "127.0.1.4") for number in range(6)} == {"NodeA"}
                dns.addresses.append("127.0.2.2")  # docker compose up --scale odoo-web=2
                deadline = time.monotonic() + 10
                seen = set()
                while seen != {"NodeA", "NodeB"} and time.monotonic() < deadline:
                    seen.add(node_of("/shop", "127.0.1.4"))
                    time.sleep(0.1)
                assert seen == {"NodeA", "NodeB"}, "the new node got no request within 10 s"
                sessions = [f"session{number:02d}" for number in range(16)]
                first = [node_of("/websocket", "127.0.1.5", session) for session in sessions]
                assert set(first) == {"NodeA", "NodeB"}
                assert [node_of("/websocket", "127.0.1.5", session) for session in sessions] == first
    finally:
        dns.close()


# --- odoo-start.sh on a web node ------------------------------------------------------------------------------------

def web_node(sandbox: Path, **env: str) -> subprocess.CompletedProcess:
    env = {"STRIDE_NODE": "web", "STRIDE_CONF": str(sandbox / "node" / "odoo.conf"), "STRIDE_WAIT_INTERVAL": "1",
           **env}
    return docker_start.start(sandbox, **env)


def test_web_node_waits_for_the_main_node_then_serves_with_the_same_master_password(sandbox):
    result = {}
    waiting = threading.Thread(target=lambda: result.update(web=web_node(sandbox, STRIDE_WAIT_TIMEOUT="60")))
    waiting.start()
    time.sleep(2.5)
    assert docker_start.calls(sandbox) == [], "the web node did something before the database existed"
    main = docker_start.start(sandbox)
    assert main.returncode == 0, main.stderr
    waiting.join(timeout=60)
    web = result["web"]
    assert web.returncode == 0, web.stderr
    assert "waiting for the main node to make the stride database" in web.stdout
    assert docker_start.printed_passwords(web.stdout) == {}
    node_conf = sandbox / "node" / "odoo.conf"
    odoo_calls = [call for call in docker_start.calls(sandbox) if call.startswith("odoo ")]
    assert len(odoo_calls) == 2, "only the main node installs and sets the passwords"
    assert f"entrypoint odoo ODOO_RC={node_conf}" in docker_start.calls(sandbox)
    assert re.findall(r"^admin_passwd = (.*)$", node_conf.read_text(), re.MULTILINE) == [
        docker_start.admin_passwd(sandbox)]
    assert stat.S_IMODE(node_conf.stat().st_mode) == 0o600


def test_web_node_gives_up_when_no_main_node_makes_the_database(sandbox):
    result = web_node(sandbox, STRIDE_WAIT_TIMEOUT="2")
    assert result.returncode == 1
    assert "the main node (service odoo) makes it" in result.stdout
    assert docker_start.calls(sandbox) == []
    assert not (sandbox / "data" / "stride-master-password").exists()
    assert not (sandbox / "node").exists()


def test_web_node_never_generates_the_master_password(sandbox):
    (sandbox / "db").mkdir()
    (sandbox / "db" / "installed_stride").touch()
    (sandbox / "data").mkdir()
    (sandbox / "data" / "stride-credentials-set.stride").touch()
    result = web_node(sandbox)
    assert result.returncode == 1
    assert "the main node generates it on its first start" in result.stdout
    assert not (sandbox / "data" / "stride-master-password").exists()
    assert docker_start.calls(sandbox) == []


def test_a_node_kind_other_than_main_or_web_is_refused(sandbox):
    result = docker_start.start(sandbox, STRIDE_NODE="cron")
    assert result.returncode == 1 and "not 'cron'" in result.stdout
    assert docker_start.calls(sandbox) == []


# --- the read replica -----------------------------------------------------------------------------------------------

def hba_rules() -> list[list[str]]:
    return [line.split() for line in PG_HBA.read_text().splitlines() if line.strip() and not line.startswith("#")]


def test_the_replica_is_a_copy_of_the_primary_on_the_same_postgresql(compose, replica_compose):
    replica = replica_compose["services"]["db-replica"]
    assert replica["image"] == compose["services"]["db"]["image"], "physical replication needs the same major version"
    assert replica["depends_on"]["db"] == {"condition": "service_healthy"}
    assert replica["environment"]["STRIDE_PRIMARY_HOST"] == "db"
    primary = compose["services"]["db"]["environment"]
    assert replica["environment"]["STRIDE_PRIMARY_USER"] == primary["POSTGRES_USER"]
    assert replica["environment"]["STRIDE_PRIMARY_PASSWORD"] == primary["POSTGRES_PASSWORD"]
    volume = next(volume for volume in replica["volumes"] if not volume.startswith("./"))
    name, mounted = volume.split(":")
    assert name in replica_compose["volumes"] and name not in compose["volumes"]
    assert replica["environment"]["PGDATA"].startswith(mounted + "/"), "the copy is renamed into place inside it"
    for script in ("replica-start.sh", "replication.sql"):
        assert f"./config/postgres/{script}:/opt/stride/{script}:ro" in replica["volumes"]
    assert replica["entrypoint"] == ["/opt/stride/replica-start.sh"]
    assert replica["command"][0] == "postgres" and "hot_standby=on" in replica["command"]
    healthcheck = replica["healthcheck"]["test"][1]
    assert "pg_is_in_recovery()" in healthcheck and "grep -qx t" in healthcheck


def test_the_primary_admits_the_replicas_role_for_replication_only_with_its_password(replica_compose):
    db = replica_compose["services"]["db"]
    hba_file = next(arg.split("=", 1)[1] for arg in db["command"] if arg.startswith("hba_file="))
    assert f"./config/postgres/pg_hba.conf:{hba_file}:ro" in db["volumes"]
    assert any(arg.startswith("max_slot_wal_keep_size=") for arg in db["command"])
    role = replica_compose["services"]["db-replica"]["environment"]["STRIDE_REPLICATION_USER"]
    rules = hba_rules()
    remote = [rule for rule in rules if rule[0] == "host" and rule[3] == "all"]
    assert ["host", "replication", role, "all", "scram-sha-256"] in remote
    assert remote[-1] == ["host", "all", "all", "all", "scram-sha-256"], "Odoo's connections, as the image has them"
    # The image's initialisation talks to the server through its socket, trusted.
    assert ["local", "all", "all", "trust"] in rules


def test_odoo_nodes_read_from_the_replica(compose, replica_compose):
    services = replica_compose["services"]
    for name in odoo_nodes(compose):
        environment = services[name]["environment"]
        # An empty PGHOST_REPLICA would be Odoo 19's `--dev replica` (a second pool on the primary), never wanted.
        assert environment["PGHOST_REPLICA"] == "db-replica"
        assert environment["PGPORT_REPLICA"] == "5432"
        assert services[name]["depends_on"]["db-replica"] == {"condition": "service_healthy"}


def test_odoo_19_reads_the_replica_options_from_these_variables():
    odoo, why = find_odoo()
    if not odoo:
        pytest.skip(f"Odoo 19 is not installed here: {why}")
    source = (odoo.module_paths()["base"].parents[1] / "tools" / "config.py").read_text()  # odoo/addons/base
    for option, variable in (("db_replica_host", "PGHOST_REPLICA"), ("db_replica_port", "PGPORT_REPLICA")):
        assert re.search(rf"--{option}\", dest=\"{option}\".*env_name='{variable}'", source), option


REPLICA_STUBS = {
    "pg_isready": "exit 0",
    "psql": 'echo "psql $*" >>"$SANDBOX/calls"\nexit "${STUB_PSQL_EXIT:-0}"',
    "gosu": 'shift\nexec "$@"',  # gosu USER CMD...
    "pg_basebackup": 'echo "pg_basebackup $*" >>"$SANDBOX/calls"\n'
                     '[[ -n ${STUB_COPY_EXIT:-} ]] && exit "$STUB_COPY_EXIT"\n'
                     'for ((i = 1; i <= $#; i++)); do [[ ${!i} == -D ]] && { j=$((i + 1)); dir=${!j}; }; done\n'
                     'echo 16 >"$dir/PG_VERSION"; touch "$dir/standby.signal"',
    "entrypoint": 'echo "entrypoint $*" >>"$SANDBOX/calls"',
}


@pytest.fixture
def replica_sandbox(tmp_path):
    docker_start.write_stubs(tmp_path, REPLICA_STUBS)
    return tmp_path


def start_replica(sandbox: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": f"{sandbox / 'bin'}:{os.environ['PATH']}", "SANDBOX": str(sandbox),
        "PGDATA": str(sandbox / "volume" / "replica"), "STRIDE_PRIMARY_USER": "odoo",
        "STRIDE_PRIMARY_PASSWORD": "odoo", "STRIDE_REPLICATION_PASSWORD": "secret",
        "STRIDE_REPLICATION_SQL": str(REPLICATION_SQL), "STRIDE_ENTRYPOINT": str(sandbox / "bin" / "entrypoint"),
        "STRIDE_POSTGRES_USER": str(os.getuid()), **env,
    }
    return subprocess.run(["bash", str(REPLICA_START), "postgres", "-c", "hot_standby=on"], env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


def test_first_replica_start_copies_the_primary_through_its_slot_then_runs_postgres(replica_sandbox):
    result = start_replica(replica_sandbox)
    assert result.returncode == 0, result.stderr
    psql, copy, entrypoint = docker_start.calls(replica_sandbox)
    assert "-h db -p 5432 -U odoo -d postgres" in psql
    assert "-v role=replicator -v password=secret -v slot=stride_replica" in psql
    assert f"-f {REPLICATION_SQL}" in psql
    assert "-U replicator" in copy and "-S stride_replica" in copy and " -R" in copy and "-X stream" in copy
    assert f"-D {replica_sandbox / 'volume' / 'replica.partial'}" in copy
    data = replica_sandbox / "volume" / "replica"
    assert (data / "PG_VERSION").exists() and (data / "standby.signal").exists()
    assert not (replica_sandbox / "volume" / "replica.partial").exists()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert entrypoint == "entrypoint postgres -c hot_standby=on"


def test_later_replica_starts_only_run_postgres(replica_sandbox):
    assert start_replica(replica_sandbox).returncode == 0
    (replica_sandbox / "calls").unlink()
    assert start_replica(replica_sandbox).returncode == 0
    assert docker_start.calls(replica_sandbox) == ["entrypoint postgres -c hot_standby=on"]


def test_an_interrupted_copy_is_never_taken_for_a_replica(replica_sandbox):
    failed = start_replica(replica_sandbox, STUB_COPY_EXIT="1")
    assert failed.returncode != 0
    assert not (replica_sandbox / "volume" / "replica").exists()
    assert not any(call.startswith("entrypoint") for call in docker_start.calls(replica_sandbox))
    assert start_replica(replica_sandbox).returncode == 0
    assert (replica_sandbox / "volume" / "replica" / "PG_VERSION").exists()


def test_replica_start_script_parses():
    assert subprocess.run(["bash", "-n", str(REPLICA_START)], check=False).returncode == 0


# --- the replica against a real PostgreSQL --------------------------------------------------------------------------

@pytest.fixture
def primary():
    try:
        server = postgres.start_cluster(durable=False)
    except postgres.PostgresError as error:
        pytest.skip(f"no private PostgreSQL here: {error}")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.cluster_dir, ignore_errors=True)


def test_replication_sql_gives_the_role_and_slot_once_and_can_run_again(primary):
    for password in ("first", "second"):
        completed = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "role=replicator", "-v", f"password={password}",
             "-v", "slot=stride_replica", "-f", str(REPLICATION_SQL)],
            env=primary.env(), capture_output=True, text=True, check=False,
        )
        assert completed.returncode == 0, completed.stderr
    assert primary.psql("SELECT rolreplication, rolcanlogin, rolsuper FROM pg_roles WHERE rolname = 'replicator'") \
        == "t|t|f"
    assert primary.psql("SELECT slot_type FROM pg_replication_slots WHERE slot_name = 'stride_replica'") == "physical"


def test_live_replica_start_copies_a_real_primary_and_follows_it(primary, tmp_path):
    """replica-start.sh with PostgreSQL's own tools: only gosu and the image's entrypoint are stand-ins."""
    run_as = postgres._unprivileged_runner()
    owner = "postgres" if run_as else getpass.getuser()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gosu").write_text('#!/bin/bash\nuser=$1\nshift\n'
                                  + ('exec runuser -u "$user" -- "$@"\n' if run_as else 'exec "$@"\n'))
    # Folders the server's user can reach (pytest's are its own): the volume, and the replica's socket and log.
    shared = Path(tempfile.mkdtemp(prefix="stride-replica-"))
    shared.chmod(0o755)
    replica_dir = shared / "run"
    replica_dir.mkdir()
    shutil.chown(replica_dir, owner)
    (shared / "volume").mkdir()
    data = shared / "volume" / "replica"
    port = postgres.free_port()
    # The image's entrypoint finds the data directory and runs the server on it; here on its own socket and port.
    (bin_dir / "entrypoint").write_text(
        f'#!/bin/bash\nexec {" ".join(run_as)} {postgres._pg_binary("pg_ctl")} -D "$PGDATA" -l {replica_dir}/log -w '
        f"-o \"-k {replica_dir} -p {port} -c listen_addresses='' -c hot_standby=on\" start\n"
    )
    for stub in ("gosu", "entrypoint"):
        (bin_dir / stub).chmod(0o755)
    started = subprocess.run(
        ["bash", str(REPLICA_START), "postgres"], capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PGDATA": str(data),
             "STRIDE_PRIMARY_HOST": primary.host, "STRIDE_PRIMARY_PORT": str(primary.port),
             "STRIDE_PRIMARY_USER": primary.user, "STRIDE_REPLICATION_PASSWORD": "secret",
             "STRIDE_REPLICATION_SQL": str(REPLICATION_SQL), "STRIDE_ENTRYPOINT": str(bin_dir / "entrypoint"),
             "STRIDE_POSTGRES_USER": owner},
    )
    replica = postgres.Server(host=str(replica_dir), port=port, user=primary.user)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert replica.psql("SELECT pg_is_in_recovery()") == "t"
        primary.psql("CREATE TABLE stride_replicated (name text); INSERT INTO stride_replicated VALUES ('order 1')")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(postgres.PostgresError):
                if replica.psql("SELECT name FROM stride_replicated") == "order 1":
                    break
            time.sleep(0.2)
        assert replica.psql("SELECT name FROM stride_replicated") == "order 1"
        with pytest.raises(postgres.PostgresError, match="read-only transaction"):
            replica.psql("INSERT INTO stride_replicated VALUES ('order 2')")
        assert primary.psql("SELECT active FROM pg_replication_slots WHERE slot_name = 'stride_replica'") == "t"
    finally:
        postgres._stop_cluster(run_as, data)
        shutil.rmtree(shared, ignore_errors=True)
