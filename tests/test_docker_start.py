"""config/docker/odoo-start.sh run by bash with stub `odoo`, `psql`, `pip3`, `runuser` and entrypoint on PATH.

Docker is not needed: the stubs record how Odoo would have been called, and keep the "database" state in a folder.
"""

import getpass
import importlib.util
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from stride_harness.serve_command import DEMO_LOGINS as SERVE_LOGINS

ROOT = Path(__file__).resolve().parents[1]
START = ROOT / "config" / "docker" / "odoo-start.sh"
DEMO_LOGINS = ["admin", "manager", "warehouse", "support", "customer", "agent", "crm_manager"]
ROLES = ROOT / "addons" / "stride_demo" / "lib" / "roles.py"

STUBS = {
    "pip3": "exit 0",
    "wait-for-psql.py": "exit 0",
    # Only the question "is <module> installed?" is asked; the answer is a file the odoo stub writes.
    "psql": 'module=$(grep -o "name = \'[a-z_]*\'" <<<"$*" | cut -d"\'" -f2)\n'
            '[[ -f "$SANDBOX/db/installed_$module" ]] && echo 1\nexit 0',
    "runuser": 'shift 3\nexec "$@"',  # runuser -u USER -- CMD...
    "odoo": 'echo "odoo $*" >>"$SANDBOX/calls"\n'
            'if [[ $1 == shell ]]; then\n'
            '  cat >"$SANDBOX/shell_stdin"\n'
            '  printf "%s" "$STRIDE_LOGIN_PASSWORDS" >"$SANDBOX/shell_passwords"\n'
            '  printf "%s" "$STRIDE_TWO_FACTOR" >"$SANDBOX/shell_two_factor"\n'
            '  exit "${STUB_SHELL_EXIT:-0}"\n'
            'fi\n'
            '[[ -n ${STUB_INSTALL_EXIT:-} ]] && exit "$STUB_INSTALL_EXIT"\n'
            'mkdir -p "$SANDBOX/db"\n'
            'for ((i = 1; i <= $#; i++)); do\n'
            '  [[ ${!i} == -i ]] && { j=$((i + 1)); touch "$SANDBOX/db/installed_${!j}"; }\n'
            'done\nexit 0',
    "entrypoint": 'echo "entrypoint $* ODOO_RC=$ODOO_RC" >>"$SANDBOX/calls"',
}


def write_stubs(folder: Path, stubs: dict[str, str]) -> None:
    """Each stub as an executable bash script in folder/bin (put first on PATH by the test)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    for name, body in stubs.items():
        stub = bin_dir / name
        stub.write_text(f"#!/bin/bash\n{body}\n")
        stub.chmod(stub.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def sandbox(tmp_path):
    write_stubs(tmp_path, STUBS)
    (tmp_path / "requirements.txt").write_text("")
    return tmp_path


def start(sandbox: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": f"{sandbox / 'bin'}:{os.environ['PATH']}", "SANDBOX": str(sandbox),
        "HOST": "db", "USER": "odoo", "PASSWORD": "odoo",
        "STRIDE_CONF_SOURCE": str(ROOT / "config" / "odoo.conf"), "STRIDE_DATA_DIR": str(sandbox / "data"),
        "STRIDE_REQUIREMENTS": str(sandbox / "requirements.txt"),
        "STRIDE_ENTRYPOINT": str(sandbox / "bin" / "entrypoint"), "STRIDE_ODOO_USER": getpass.getuser(),
        **env,
    }
    return subprocess.run(["bash", str(START), "odoo"], env=environment, capture_output=True, text=True,
                          timeout=60, check=False)


def calls(sandbox: Path) -> list[str]:
    path = sandbox / "calls"
    return path.read_text().splitlines() if path.exists() else []


def printed_passwords(stdout: str) -> dict[str, str]:
    return dict(re.findall(r"^odoo-start:\s+(\w+)\s+(\S+)$", stdout, re.MULTILINE))


def admin_passwd(sandbox: Path) -> str:
    conf = (sandbox / "data" / "stride-odoo.conf").read_text()
    values = re.findall(r"^admin_passwd = (.*)$", conf, re.MULTILINE)
    assert len(values) == 1
    return values[0]


def test_first_start_installs_stride_without_demo_and_prints_a_generated_admin_password(sandbox):
    result = start(sandbox)
    assert result.returncode == 0, result.stderr
    odoo_calls = [call for call in calls(sandbox) if call.startswith("odoo ")]
    assert len(odoo_calls) == 2
    assert " -i stride " in odoo_calls[0] and "--with-demo" not in odoo_calls[0] and "-d stride" in odoo_calls[0]
    assert odoo_calls[1].startswith("odoo shell ")
    passwords = printed_passwords(result.stdout)
    assert list(passwords) == ["admin"]
    assert passwords["admin"] != "admin" and len(passwords["admin"]) >= 16
    assert (sandbox / "shell_passwords").read_text().split() == ["admin", passwords["admin"]]
    assert "env.cr.commit()" in (sandbox / "shell_stdin").read_text()
    assert calls(sandbox)[-1] == f"entrypoint odoo ODOO_RC={sandbox / 'data' / 'stride-odoo.conf'}"


@pytest.mark.parametrize(("env", "required"), [({}, "1"), ({"STRIDE_TWO_FACTOR": "0"}, "0")])
def test_first_start_requires_two_factor_of_administrators_and_managers(sandbox, env, required):
    result = start(sandbox, **env)
    assert result.returncode == 0, result.stderr
    script = (sandbox / "shell_stdin").read_text()
    assert 'if os.environ["STRIDE_TWO_FACTOR"] != "0":' in script
    assert script.index("_require_totp_of_administrators_and_managers()") < script.index("env.cr.commit()")
    assert (sandbox / "shell_two_factor").read_text() == required
    assert ("set up an authenticator app at their first login" in result.stdout) == (required == "1")


def test_master_password_is_generated_once_kept_private_and_never_the_sample(sandbox):
    assert start(sandbox).returncode == 0
    master = admin_passwd(sandbox)
    assert master and master not in ("admin", "change-me-before-production")
    assert (sandbox / "data" / "stride-master-password").read_text().strip() == master
    for private in ("stride-master-password", "stride-odoo.conf"):
        assert stat.S_IMODE((sandbox / "data" / private).stat().st_mode) == 0o600
    assert start(sandbox).returncode == 0
    assert admin_passwd(sandbox) == master


def test_the_sample_configuration_carries_no_master_password():
    conf = (ROOT / "config" / "odoo.conf").read_text()
    assert re.findall(r"^admin_passwd\s*=\s*(.*)$", conf, re.MULTILINE) == [""]


def test_master_password_from_the_environment_or_a_secret_file(sandbox):
    assert start(sandbox, STRIDE_MASTER_PASSWORD="from env & co/\\1").returncode == 0
    assert admin_passwd(sandbox) == "from env & co/\\1"
    assert not (sandbox / "data" / "stride-master-password").exists()
    secret = sandbox / "secret"
    secret.write_text("from a secret\n")
    assert start(sandbox, STRIDE_MASTER_PASSWORD_FILE=str(secret)).returncode == 0
    assert admin_passwd(sandbox) == "from a secret"


def test_later_starts_neither_install_nor_print_passwords(sandbox):
    assert start(sandbox).returncode == 0
    (sandbox / "calls").unlink()
    again = start(sandbox)
    assert again.returncode == 0
    assert [call.split()[0] for call in calls(sandbox)] == ["entrypoint"]
    assert printed_passwords(again.stdout) == {}


def test_demo_only_when_asked_with_every_demo_login_given_its_own_password(sandbox):
    result = start(sandbox, STRIDE_DEMO="1")
    assert result.returncode == 0, result.stderr
    install = calls(sandbox)[0]
    assert " -i stride_demo " in install and "--with-demo" in install
    passwords = printed_passwords(result.stdout)
    assert list(passwords) == DEMO_LOGINS
    assert len(set(passwords.values())) == len(DEMO_LOGINS)
    assert all(password != login for login, password in passwords.items())
    assert all(meets_password_policy(password) for password in passwords.values()), passwords


def meets_password_policy(password: str) -> bool:
    """auth_security_policy's rules: 10 characters or more with a lowercase letter, an uppercase letter, a digit."""
    return len(password) >= 10 and all(re.search(chars, password) for chars in ("[a-z]", "[A-Z]", "[0-9]"))


def test_generated_secrets_always_meet_the_password_policy():
    new_secret = re.search(r"^new_secret\(\) \{.*?^\}$", START.read_text(), re.DOTALL | re.MULTILINE).group()
    result = subprocess.run(
        ["bash", "-c", f"{new_secret}\nfor _ in $(seq 200); do new_secret; done"],
        capture_output=True, text=True, check=True,
    )
    secrets = result.stdout.split()
    assert len(secrets) == 200 and len(set(secrets)) == 200
    assert all(meets_password_policy(secret) for secret in secrets)


def stride_demo_logins() -> list[str]:
    """admin and the login of every role stride_demo creates (lib/roles.py, loaded without Odoo)."""
    spec = importlib.util.spec_from_file_location("stride_demo_roles", ROLES)
    roles = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roles)
    return ["admin", *roles.ROLE_GROUPS]


def test_every_stride_demo_login_gets_a_generated_password_and_is_listed_by_serve():
    # A demo login's password is its login: one missing from the Docker start's list would keep it on a server.
    assert sorted(DEMO_LOGINS) == sorted(stride_demo_logins())
    assert [login for login, _password, _role in SERVE_LOGINS] == DEMO_LOGINS


def test_an_interrupted_first_start_sets_the_passwords_on_the_next(sandbox):
    failed = start(sandbox, STUB_INSTALL_EXIT="1")
    assert failed.returncode != 0 and printed_passwords(failed.stdout) == {}
    assert not any(call.startswith("entrypoint") for call in calls(sandbox))
    assert start(sandbox, STUB_SHELL_EXIT="1").returncode != 0  # installed, passwords not set
    retried = start(sandbox)
    assert retried.returncode == 0
    assert list(printed_passwords(retried.stdout)) == ["admin"]
    assert [call.split()[:2] for call in calls(sandbox)][-2:] == [["odoo", "shell"], ["entrypoint", "odoo"]]


def test_compose_file_is_valid_yaml_and_hands_the_demo_switch_to_odoo():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    odoo = compose["services"]["odoo"]
    assert odoo["entrypoint"] == ["/opt/stride/odoo-start.sh"]
    assert odoo["environment"]["STRIDE_DEMO"] == "${STRIDE_DEMO:-0}"
    assert "odoo-data:/var/lib/odoo" in odoo["volumes"]
    assert set(compose["services"]) == {"db", "odoo", "nginx", "tests", "backup", "odoo-web"}
    # `docker compose up -d` starts these only: the tests and the scale profile's web nodes wait for their profile.
    assert {name for name, service in compose["services"].items() if not service.get("profiles")} == {
        "db", "odoo", "nginx", "backup"}


def test_compose_backup_service_backs_up_the_odoo_volume_again_and_again(tmp_path):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    backup = compose["services"]["backup"]
    assert {"odoo-data:/var/lib/odoo", "backups:/backups", "./scripts:/opt/stride/scripts:ro"} <= set(backup["volumes"])
    assert "backups" in compose["volumes"]
    assert backup["environment"]["STRIDE_DATA_DIR"] == "/var/lib/odoo"
    assert backup["environment"]["STRIDE_BACKUP_DIR"] == "/backups"
    assert backup["environment"]["PGHOST"] == "db"
    assert backup["depends_on"]["odoo"]["condition"] == "service_healthy"
    # The loop as the container's bash runs it (compose turns $$ into $), with a stub backup failing once.
    stub = tmp_path / "scripts" / "backup"
    stub.parent.mkdir()
    stub.write_text('#!/bin/bash\necho run >>calls\n[[ $(wc -l <calls) -gt 1 ]]\n')
    stub.chmod(0o755)
    loop = subprocess.run(["timeout", "2.5", *backup["entrypoint"], backup["command"][0].replace("$$", "$")],
                          cwd=tmp_path, env={"PATH": os.environ["PATH"], "STRIDE_BACKUP_INTERVAL": "1"},
                          capture_output=True, text=True, check=False)
    assert loop.returncode == 124, loop.stderr  # still looping when stopped
    assert (tmp_path / "calls").read_text().count("run") >= 2
    assert "scripts/backup failed (exit 1): retried in 1 s" in loop.stderr


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_start_script_parses():
    assert subprocess.run(["bash", "-n", str(START)], check=False).returncode == 0
