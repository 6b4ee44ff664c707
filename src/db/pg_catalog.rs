//! Catalogue queries several parts of dbctl share (health, backup, maintenance).

/// Whether another session holds or awaits an ACCESS EXCLUSIVE lock on relation `c` (a
/// `pg_class` row of this database), as a deploy's `ALTER TABLE` does: its size
/// (`pg_total_relation_size`) or a read of it would wait for that lock.
pub const EXCLUSIVELY_LOCKED: &str = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'relation' \
     AND l.relation = c.oid AND l.mode = 'AccessExclusiveLock' \
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

/// A replica's replay lag in seconds. A replica that has replayed everything it received is not
/// lagging, however old its last replayed transaction is (an idle primary sends none).
pub const REPLICA_LAG: &str = "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 \
     ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS v";
