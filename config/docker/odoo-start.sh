#!/bin/bash
# Odoo container start, as root; then the official image's entrypoint runs Odoo as the `odoo` user.
#  1. Installs the addons' Python requirements.
#  2. Writes Odoo's configuration into the data volume with a master password (admin_passwd) that is never a fixed
#     string: STRIDE_MASTER_PASSWORD or the file named by STRIDE_MASTER_PASSWORD_FILE (a Docker secret) when given,
#     else one generated on the first start and kept in the volume (stride-master-password, readable by odoo only).
#  3. On the first start, creates the `stride` database: the shop without demo data, or the demo shop (logins and a
#     fake-card payment provider) only when STRIDE_DEMO=1. The passwords of its logins are generated then and
#     printed once in this log; they are stored nowhere else. Administrators and managers must set up two-factor
#     authentication at their first login (auth_totp_enforce_role), unless STRIDE_TWO_FACTOR=0.
# With STRIDE_NODE=web (the scale profile's odoo-web nodes) step 3 is never done here: the node waits until the main
# node has made the database and set its passwords, reads the master password the main node generated, and writes its
# configuration to STRIDE_CONF, a file of its own (several nodes starting together would replace one another's).
# The paths below are the image's; the harness test (tests/test_docker_start.py) points them at a sandbox.
set -euo pipefail

conf_source=${STRIDE_CONF_SOURCE:-/etc/odoo/odoo.conf}
data_dir=${STRIDE_DATA_DIR:-/var/lib/odoo}
requirements=${STRIDE_REQUIREMENTS:-/opt/stride/requirements.txt}
entrypoint=${STRIDE_ENTRYPOINT:-/entrypoint.sh}
odoo_user=${STRIDE_ODOO_USER:-odoo}
database=${STRIDE_DATABASE:-stride}
node=${STRIDE_NODE:-main}
conf=${STRIDE_CONF:-$data_dir/stride-odoo.conf}
wait_timeout=${STRIDE_WAIT_TIMEOUT:-3600}

say() { echo "odoo-start: $*"; }
as_odoo() { runuser -u "$odoo_user" -- "$@"; }
# 20 characters, always with a lowercase letter, an uppercase letter and a digit: the password policy of
# auth_security_policy (10 characters or more, those three classes) refuses a generated password without one.
new_secret() {
    python3 -c '
import re, secrets
while True:
    secret = secrets.token_urlsafe(15)
    if all(re.search(chars, secret) for chars in ("[a-z]", "[A-Z]", "[0-9]")):
        print(secret)
        break
'
}

pip3 install -q --break-system-packages --no-warn-script-location -r "$requirements"
oca_requirements=${requirements%/*}/requirements-oca.txt   # OCA addons: --no-deps, Odoo is not a pip package here
if [[ -f $oca_requirements ]]; then
    pip3 install -q --break-system-packages --no-warn-script-location --no-deps -r "$oca_requirements"
fi

if [[ -v PASSWORD_FILE ]]; then PASSWORD=$(<"$PASSWORD_FILE"); fi
db_port=${PORT:-5432}
db_args=(--db_host "$HOST" --db_port "$db_port" --db_user "$USER" --db_password "$PASSWORD")

if [[ ${STRIDE_DEMO:-0} == 1 ]]; then
    module=stride_demo
    install_args=(-i "$module" --with-demo)
    logins=(admin manager warehouse support customer agent crm_manager)
else
    module=stride
    install_args=(-i "$module")
    logins=(admin)
fi

wait-for-psql.py "${db_args[@]}" --timeout=60
module_installed() {
    PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "$db_port" -U "$USER" -d "$database" -tAc \
        "SELECT 1 FROM ir_module_module WHERE name = '$module' AND state = 'installed'" 2>/dev/null | grep -q 1
}
# Written once the logins have their generated passwords: an install interrupted before that is finished (and its
# passwords set) on the next start, so a database never stays with Odoo's default admin/admin.
credentials_marker="$data_dir/stride-credentials-set.$database"

# --- web node: the main node's database -----------------------------------------------------------------------------
case $node in
    main) ;;
    web)
        interval=${STRIDE_WAIT_INTERVAL:-5}
        waited=0
        until module_installed && [[ -f $credentials_marker ]]; do
            if ((waited >= wait_timeout)); then
                say "the $database database is not ready after ${wait_timeout}s: the main node (service odoo) makes it"
                exit 1
            fi
            if ((waited == 0)); then say "waiting for the main node to make the $database database"; fi
            sleep "$interval"
            waited=$((waited + interval))
        done
        ;;
    *)
        say "STRIDE_NODE is main or web, not '$node'"
        exit 1
        ;;
esac

# --- master password and configuration -----------------------------------------------------------------------------
mkdir -p "$data_dir"
chown "$odoo_user" "$data_dir"
umask 077
if [[ -n ${STRIDE_MASTER_PASSWORD_FILE:-} ]]; then
    master_password=$(<"$STRIDE_MASTER_PASSWORD_FILE")
elif [[ -n ${STRIDE_MASTER_PASSWORD:-} ]]; then
    master_password=$STRIDE_MASTER_PASSWORD
else
    master_file="$data_dir/stride-master-password"
    if [[ ! -s $master_file && $node == web ]]; then
        say "no master password in $master_file: the main node generates it on its first start"
        exit 1
    fi
    if [[ ! -s $master_file ]]; then
        new_secret >"$master_file"
        chown "$odoo_user" "$master_file"
        say "generated the master password (database service) into $master_file (in the odoo-data volume)"
    fi
    master_password=$(<"$master_file")
fi
mkdir -p "$(dirname "$conf")"
# The configuration of the image with our admin_passwd in its [options] section (awk reads the password from the
# environment, so no character of it is interpreted).
MASTER_PASSWORD=$master_password awk '
    /^[[:space:]]*admin_passwd[[:space:]]*=/ { next }
    { print }
    /^\[options\]/ { print "admin_passwd = " ENVIRON["MASTER_PASSWORD"] }
' "$conf_source" >"$conf.new"
grep -q '^admin_passwd = ' "$conf.new" || { say "$conf_source has no [options] section"; exit 1; }
chown "$odoo_user" "$conf.new"
mv "$conf.new" "$conf"
umask 022
export ODOO_RC="$conf"

# --- first start (main node): the database --------------------------------------------------------------------------
if [[ $node == main ]] && ! module_installed; then
    say "creating the $database database: ${install_args[*]} (a few minutes, once)"
    as_odoo odoo -c "$conf" "${db_args[@]}" -d "$database" "${install_args[@]}" --stop-after-init
    rm -f "$credentials_marker"
fi
if [[ $node == main && ! -f $credentials_marker ]]; then
    passwords=""
    for login in "${logins[@]}"; do
        passwords+="$login $(new_secret)"$'\n'
    done
    STRIDE_LOGIN_PASSWORDS=$passwords STRIDE_TWO_FACTOR=${STRIDE_TWO_FACTOR:-1} as_odoo odoo shell -c "$conf" "${db_args[@]}" -d "$database" --no-http \
        --log-level=warn <<'PY'
import os

pairs = [line.split(" ", 1) for line in os.environ["STRIDE_LOGIN_PASSWORDS"].splitlines() if line]
users = env["res.users"].with_context(active_test=False)
missing = [login for login, _password in pairs if not users.search_count([("login", "=", login)])]
if missing:
    raise SystemExit(f"odoo-start: no user with the login(s) {', '.join(missing)}")
for login, password in pairs:
    users.search([("login", "=", login)]).password = password
if os.environ["STRIDE_TWO_FACTOR"] != "0":
    env["res.groups"]._require_totp_of_administrators_and_managers()
env.cr.commit()
PY
    touch "$credentials_marker"
    say "================================================================================"
    say "Logins of the $database database, shown this once (change them in Preferences):"
    if [[ ${STRIDE_TWO_FACTOR:-1} != 0 ]]; then
        say "(administrators and managers set up an authenticator app at their first login)"
    fi
    while read -r login password; do
        [[ -n $login ]] && say "$(printf '  %-12s %s' "$login" "$password")"
    done <<<"$passwords"
    say "================================================================================"
fi

exec runuser -u "$odoo_user" -- "$entrypoint" "$@"
