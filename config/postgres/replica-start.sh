#!/bin/bash
# Start of the read replica (service db-replica of docker-compose.replica.yml), as root in the postgres:16 image.
# On the first start (nothing in PGDATA): gives the primary the replica's role and replication slot
# (replication.sql, as the primary's superuser), copies the primary with pg_basebackup into PGDATA.partial and, once
# the copy is whole, renames it PGDATA; -R marks it a standby that follows the primary through the slot. Every start
# then hands over to the image's entrypoint, which finds the data directory and runs PostgreSQL on it read-only (hot
# standby), replaying the primary's WAL as it arrives.
# The paths and commands below are the image's; tests/test_scale_compose.py points them at a sandbox.
set -euo pipefail

data=${PGDATA:?the replica data directory}
primary=${STRIDE_PRIMARY_HOST:-db}
primary_port=${STRIDE_PRIMARY_PORT:-5432}
role=${STRIDE_REPLICATION_USER:-replicator}
slot=${STRIDE_REPLICATION_SLOT:-stride_replica}
sql=${STRIDE_REPLICATION_SQL:-/opt/stride/replication.sql}
entrypoint=${STRIDE_ENTRYPOINT:-docker-entrypoint.sh}
owner=${STRIDE_POSTGRES_USER:-postgres}

say() { echo "replica-start: $*"; }

if [[ ! -s $data/PG_VERSION ]]; then
    : "${STRIDE_REPLICATION_PASSWORD:?the password of the replication role}"
    until pg_isready -q -h "$primary" -p "$primary_port"; do
        say "waiting for the primary $primary:$primary_port"
        sleep 2
    done
    PGPASSWORD=${STRIDE_PRIMARY_PASSWORD:-} psql -X -q -v ON_ERROR_STOP=1 -h "$primary" -p "$primary_port" \
        -U "${STRIDE_PRIMARY_USER:?the primary superuser}" -d postgres \
        -v role="$role" -v password="$STRIDE_REPLICATION_PASSWORD" -v slot="$slot" -f "$sql" >/dev/null
    partial="$data.partial"
    rm -rf "$partial"
    mkdir -p "$partial"
    chown "$owner" "$partial"
    chmod 700 "$partial"
    say "copying the primary $primary:$primary_port (once)"
    PGPASSWORD=$STRIDE_REPLICATION_PASSWORD gosu "$owner" pg_basebackup -h "$primary" -p "$primary_port" -U "$role" \
        -D "$partial" -X stream -S "$slot" -R --checkpoint=fast
    rm -rf "$data"
    mv "$partial" "$data"
    say "copied: $data follows the primary through the slot $slot"
fi

exec "$entrypoint" "$@"
