//! Catalogue queries several parts of dbctl share (health, backup, maintenance).

/// A replica's replay lag in seconds. A replica that has replayed everything it received is not
/// lagging, however old its last replayed transaction is (an idle primary sends none).
pub const REPLICA_LAG: &str = "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 \
     ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS v";
