#!/bin/bash
# Odoo container start: install the addons' Python requirements, create the `stride` database with the demo shop
# on the first start, then hand over to the official image's entrypoint (which runs Odoo as the `odoo` user).
set -euo pipefail
pip3 install -q --break-system-packages --no-warn-script-location -r /opt/stride/requirements.txt
db_args=(--db_host "$HOST" --db_port "${PORT:-5432}" --db_user "$USER" --db_password "$PASSWORD")
python3 /usr/local/bin/wait-for-psql.py "${db_args[@]}" --timeout=60
if ! PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "${PORT:-5432}" -U "$USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'stride'" | grep -q 1; then
    echo "odoo-start: first start, creating the stride database with demo data (a few minutes)"
    runuser -u odoo -- odoo -c /etc/odoo/odoo.conf "${db_args[@]}" -d stride -i stride --with-demo \
        --stop-after-init
fi
exec runuser -u odoo -- /entrypoint.sh "$@"
