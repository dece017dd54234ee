"""``scripts/serve``: the Stride demo shop on http://localhost:8069 with an installed Odoo 19.

First run: starts a PostgreSQL cluster in the project's git-ignored ``.local/`` (unless PGHOST names a server),
creates the database ``stride`` with every Stride addon and its demo data, then serves. Later runs reuse both. The
install shows its steps and a progress bar; Odoo's whole log goes to ``.local/logs/<database>-create.log`` (an
interrupted or failed first run drops its half-built database). The new database requires two-factor authentication
of its administrators and managers (auth_totp_enforce_role): the demo's ``admin`` and ``manager`` set up an
authenticator app at their first login (``--no-two-factor`` leaves it off, for a quick look).
Ctrl-C, SIGTERM or SIGHUP stop Odoo, and the PostgreSQL cluster when this command started it; so does the end of
the process that started this command (a wrapper shell or job runner stopped with SIGTERM).
"""

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from .addons import discover
from .local import LOCAL, LOCAL_PG_PORT
from .odoo_env import HOW_TO_GET_ODOO, find_odoo
from .postgres import PostgresError, ensure_cluster, from_environment
from .processes import Interrupted, run_child, run_logged, stop_with_parent, stopping_on_signals
from .progress import InstallProgress
from .webhook_echo import EchoReceiver, demo

ROOT = Path(__file__).resolve().parents[2]
LOG_TAIL_LINES = 30

# Kept in step with addons/stride_demo/readme/USAGE.md (the demo users are created by the stride demo data).
DEMO_LOGINS = [
    ("admin", "admin", "administrator (sets up two-factor authentication at first login)"),
    ("manager", "manager", "shop manager: sales, inventory, purchase, CRM (sets up 2FA at first login)"),
    ("warehouse", "warehouse", "warehouse staff: inventory operations"),
    ("support", "support", "customer support: sales orders, CRM, live chat"),
    ("customer", "customer", "portal customer: /my/orders"),
    ("agent", "agent", "Customer Insight agent: own customers and their suggestions"),
    ("crm_manager", "crm_manager", "Customer Insight manager: every customer, segment and suggestion"),
]

# Run in `odoo shell` on a new database: administrators and managers must set up an authenticator app (issue 15).
REQUIRE_TWO_FACTOR = "env['res.groups']._require_totp_of_administrators_and_managers()\nenv.cr.commit()\n"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def main(argv: list[str] | None = None) -> int:
    """Serve until stopped; however it stops, Odoo and the PostgreSQL cluster this command started stop with it."""
    with stopping_on_signals(), contextlib.ExitStack() as cleanup:
        try:
            stop_with_parent()
            return _main(argv, cleanup)
        except Interrupted as stop:
            print(f"\nscripts/serve stopped by {stop}: stopping Odoo and the PostgreSQL it started.", flush=True)
            return 0 if stop.signum == signal.SIGINT else stop.exit_code  # Ctrl-C is how one stops a server


def _main(argv: list[str] | None, cleanup: contextlib.ExitStack) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("STRIDE_HTTP_PORT", "8069")))
    parser.add_argument("--database", default=os.environ.get("STRIDE_DATABASE", "stride"))
    parser.add_argument("--reset", action="store_true", help="drop the database and build it again")
    parser.add_argument("--update", action="store_true", help="upgrade every Stride addon before serving")
    parser.add_argument("--init-only", action="store_true", help="create the database, then stop (no server)")
    parser.add_argument("--no-webhook-echo", action="store_true",
                        help="do not start the echo receiver of the demo's webhook subscriptions")
    parser.add_argument("--no-two-factor", action="store_true",
                        help="when creating the database, do not require two-factor authentication of its "
                             "administrators and managers (a quick look, screenshots)")
    args, odoo_extra = parser.parse_known_args(argv)

    odoo, why_not = find_odoo()
    if odoo is None:
        print(f"Odoo 19 was not found: {why_not}\n\n{HOW_TO_GET_ODOO}", file=sys.stderr)
        return 2
    if not args.init_only and not port_is_free(args.port):
        print(f"Port {args.port} is already taken (another Odoo?). Stop it, or run `scripts/serve --port 8070`.",
              file=sys.stderr)
        return 2
    try:
        server = from_environment() or ensure_cluster(LOCAL / "pg", port=LOCAL_PG_PORT)
    except PostgresError as error:
        print(f"PostgreSQL could not be started: {error}", file=sys.stderr)
        return 2
    cleanup.callback(server.stop)  # only when ensure_cluster started it (owned), not when it found it running

    data_dir = LOCAL / "data"
    base = [*odoo.command(), f"--addons-path={ROOT / 'addons'}", f"--data-dir={data_dir}", *server.odoo_options(),
            "-d", args.database, f"--db-filter=^{args.database}$", "--http-interface=127.0.0.1",
            f"--http-port={args.port}", *odoo_extra]
    if args.reset and server.database_exists(args.database):
        server.tool("dropdb", "--force", args.database)
    if not server.database_exists(args.database):
        log = LOCAL / "logs" / f"{args.database}-create.log"
        print(f"Creating database {args.database!r} with the Stride demo shop (a few minutes, once); "
              f"Odoo's log: {log}", flush=True)
        created = 1
        try:
            created = _install([*base, "-i", "stride_demo", "--with-demo", "--stop-after-init"], log, "Installing")
        finally:
            if created != 0:  # failed or interrupted: a half-built database would be served by the next run
                server.tool("dropdb", "--if-exists", "--force", args.database)
                shutil.rmtree(data_dir / "filestore" / args.database, ignore_errors=True)
        if created != 0:
            print(f"Creating the demo database failed: see {log}", file=sys.stderr)
            return created or 1
        if not args.no_two_factor:
            if _odoo_shell([*odoo.command(), "shell", *base[len(odoo.command()):]], REQUIRE_TWO_FACTOR, log) != 0:
                print(f"Requiring two-factor authentication of the administrators and managers failed: see {log}",
                      file=sys.stderr)
                return 1
            print("Administrators and managers set up two-factor authentication at their first login "
                  "(`scripts/serve --reset --no-two-factor` builds the demo without).", flush=True)
    elif args.update:
        # "-u stride" alone would upgrade stride and not the addons it depends on: name every project addon.
        project_addons = ",".join(sorted(discover(ROOT / "addons")))
        log = LOCAL / "logs" / f"{args.database}-update.log"
        print(f"Updating the Stride addons in {args.database!r}; Odoo's log: {log}", flush=True)
        if _install([*base, "-u", project_addons, "--stop-after-init"], log, "Updating") != 0:
            print(f"Updating the Stride addons failed: see {log}", file=sys.stderr)
            return 1
    if args.init_only:
        return 0

    print(f"\nStride demo shop: http://localhost:{args.port}/shop   backend: http://localhost:{args.port}/odoo")
    print("Demo logins (password = login):")
    for login, _password, role in DEMO_LOGINS:
        print(f"  {login:<12} {role}")
    if not args.no_webhook_echo:
        _start_webhook_echo(cleanup)
    print("Stop with Ctrl+C.\n", flush=True)
    return run_child(base)


def _install(command: list[str], log: Path, verb: str) -> int:
    """Run an Odoo install or update with its log in ``log`` and a few lines of progress on the terminal; when it
    fails, the end of the log (the traceback) is shown too."""
    progress = InstallProgress(sys.stdout, verb)
    returncode = run_logged(command, log, progress.line)
    progress.finish(returncode == 0)
    if returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-LOG_TAIL_LINES:]
        print("\n".join(tail), file=sys.stderr)
    return returncode


def _odoo_shell(command: list[str], code: str, log: Path) -> int:
    """Run ``code`` in ``odoo shell`` (``command``), its output appended to ``log``; Odoo's exit code."""
    with log.open("a", encoding="utf-8") as output:
        return subprocess.run(command, input=code, text=True, stdout=output, stderr=subprocess.STDOUT,
                              check=False).returncode


def _start_webhook_echo(cleanup: contextlib.ExitStack) -> None:
    """The receiver of the demo's webhook subscriptions (fulfilment stages, stock thresholds), printing each signed
    delivery in this terminal; skipped with a note when its port is taken."""
    try:
        echo = EchoReceiver().start()
    except OSError as error:
        print(f"Webhook echo receiver not started ({demo.ECHO_HOST}:{demo.ECHO_PORT}: {error.strerror}); "
              "the demo's webhook deliveries will be retried.")
        return
    cleanup.callback(echo.stop)
    print(f"Webhook echo receiver on {echo.url}: deliveries of the demo subscriptions are printed here.")
