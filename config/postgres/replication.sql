-- Run on the primary by replica-start.sh, as its superuser, before the replica's first copy; safe to run again.
-- psql variables: role, password, slot.
-- The replica's role may replicate and log in, nothing else (no table of the shop is granted to it).
SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'role', :'password') \gexec
-- The slot makes the primary keep the WAL the replica has not received yet (bounded by max_slot_wal_keep_size), so a
-- replica that was stopped for a while catches up instead of needing a new copy.
SELECT pg_create_physical_replication_slot(:'slot')
WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'slot');
