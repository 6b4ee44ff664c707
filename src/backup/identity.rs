//! Where a backup comes from, so that backups of databases that share a name in one storage (two
//! servers and one bucket) are told apart: `backup.name` when configured, else the PostgreSQL
//! cluster's system identifier, recorded in each manifest and matched by list, restore
//! `latest`, prune, the scheduler and health.

use serde::{Deserialize, Serialize};

use super::manifest::Manifest;
use crate::db::{self, Conn, DbTarget};
use crate::output::Output;

/// The source recorded in a manifest. Manifests written before it was recorded have none, and
/// are matched by database name alone, as then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// `backup.name` of the host that made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// PostgreSQL: `pg_control_system().system_identifier`, the same on a primary and its
    /// replicas, new for every `initdb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_identifier: Option<String>,
    /// PostgreSQL: the host and port it was reached at, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// PostgreSQL: the one schema backed up, when the URL names one (Prisma's `schema=`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

impl Source {
    /// What tells it apart: the name, else the system identifier.
    fn key(&self) -> Option<String> {
        match (&self.name, &self.system_identifier) {
            (Some(n), _) => Some(format!("name {n}")),
            (None, Some(id)) => Some(format!("system {id}")),
            (None, None) => None,
        }
    }

    /// For people: `backup.name app-eu`, `server db1:5432 (system 7714501522238727665)`.
    pub fn describe(&self) -> String {
        match (&self.name, &self.system_identifier, &self.server) {
            (Some(n), _, _) => format!("backup.name {n}"),
            (None, Some(id), Some(server)) => format!("server {server} (system {id})"),
            (None, Some(id), None) => format!("system {id}"),
            (None, None, Some(server)) => format!("server {server}"),
            (None, None, None) => "an unrecorded source".into(),
        }
    }

    /// A short label for tables: the name, or the server (else the system identifier).
    pub fn label(&self) -> String {
        match (&self.name, &self.server, &self.system_identifier) {
            (Some(n), _, _) => n.clone(),
            (None, Some(s), _) => s.clone(),
            (None, None, Some(id)) => id.clone(),
            (None, None, None) => "-".into(),
        }
    }

    /// The source of a backup made now over `conn`.
    pub fn of(conn: &mut Conn, target: &DbTarget, cfg: &super::Config) -> Source {
        let name = cfg.backup.name.clone();
        match target {
            DbTarget::Postgres { url } => Source {
                name,
                system_identifier: system_identifier(conn),
                server: crate::redact::url_host(url),
                schema: tenant(url),
            },
            _ => Source { name, ..Source::default() },
        }
    }
}

/// The one schema a URL names, other than `public`.
fn tenant(url: &str) -> Option<String> {
    crate::db::prisma_url::schema(url).filter(|s| s != "public")
}

fn system_identifier(conn: &mut Conn) -> Option<String> {
    conn.query_text("SELECT system_identifier::text AS v FROM pg_control_system()").ok()
}

/// Whose backups the configured database's are.
#[derive(Debug, Clone)]
pub struct Identity {
    pub database: String,
    pub backend: &'static str,
    pub source: Source,
}

impl Identity {
    /// The configured database's identity; PostgreSQL is asked for its system identifier unless
    /// `backup.name` decides (unreachable, it stays unknown, and matching falls back to names).
    pub fn current(cfg: &super::Config, out: &Output) -> Option<Identity> {
        let target = &cfg.target;
        if cfg.backup.command_engine {
            // backup.dump_command's dumps, under their name.
            let name = super::make::command_dump_name(cfg);
            return Some(Identity {
                database: name,
                backend: "command",
                source: Source { name: cfg.backup.name.clone(), ..Source::default() },
            });
        }
        let database = target.name()?;
        let backend = match target {
            DbTarget::Postgres { .. } => "postgresql",
            _ => "sqlite",
        };
        let source = match (target, &cfg.backup.name) {
            (DbTarget::Postgres { url }, None) => {
                match db::connect(target, cfg.connect_timeout, &mut |_| {}) {
                    Ok(mut conn) => Source::of(&mut conn, target, cfg),
                    Err(e) => {
                        out.verbose(&format!(
                            "the server's identity is unknown ({e:#}); matching backups by name"
                        ));
                        Source { schema: tenant(url), ..Source::default() }
                    }
                }
            }
            (DbTarget::Postgres { url }, Some(_)) => Source {
                name: cfg.backup.name.clone(),
                server: crate::redact::url_host(url),
                schema: tenant(url),
                ..Source::default()
            },
            _ => Source { name: cfg.backup.name.clone(), ..Source::default() },
        };
        Some(Identity { database, backend, source })
    }

    /// The identity a manifest was made under (for the scheduler and `--prune` after a backup).
    pub fn of_manifest(m: &Manifest) -> Identity {
        Identity {
            database: m.database.clone(),
            backend: match m.backend.as_str() {
                "postgresql" => "postgresql",
                "command" => "command",
                "redis" => "redis",
                _ => "sqlite",
            },
            source: m.source.clone().unwrap_or_default(),
        }
    }

    /// Whether `m` is a backup of this database: same name and backend, and, when both sides
    /// recorded it, the same `backup.name`, else the same system identifier. A named host also
    /// owns the unnamed backups of its own server (made before the name was set).
    pub fn owns(&self, m: &Manifest) -> bool {
        if m.database != self.database || m.backend != self.backend {
            return false;
        }
        let theirs = m.source.clone().unwrap_or_default();
        // One tenant's schema is not another's, nor the whole database.
        if theirs.schema != self.source.schema {
            return false;
        }
        let same_system = match (&self.source.system_identifier, &theirs.system_identifier) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        match (&self.source.name, &theirs.name) {
            (Some(a), Some(b)) => a == b,
            (None, Some(_)) => false,
            (_, None) => same_system,
        }
    }

    /// Backups of databases with this name and backend that are not this one's.
    pub fn others<'a>(&self, all: &'a [Manifest]) -> Vec<&'a Manifest> {
        all.iter()
            .filter(|m| m.database == self.database && m.backend == self.backend && !self.owns(m))
            .collect()
    }

    /// When this identity cannot tell apart the sources of the backups it would own (it has
    /// neither a name nor a system identifier, and they come from several): each source with its
    /// newest backup, for the message.
    pub fn ambiguity(&self, all: &[Manifest]) -> Option<Vec<(String, String)>> {
        if self.source.key().is_some() {
            return None;
        }
        let mut sources: Vec<(String, String, String)> = Vec::new();
        for m in all.iter().filter(|m| self.owns(m)) {
            let src = m.source.clone().unwrap_or_default();
            let Some(key) = src.key() else { continue };
            match sources.iter_mut().find(|(k, _, _)| *k == key) {
                Some(entry) if m.started_at > entry.2 => {
                    entry.1 = format!("{} (newest {})", src.describe(), m.id);
                    entry.2 = m.started_at.clone();
                }
                Some(_) => {}
                None => {
                    sources.push((key, format!("{} (newest {})", src.describe(), m.id), m.started_at.clone()))
                }
            }
        }
        (sources.len() > 1).then(|| sources.into_iter().map(|(k, d, _)| (k, d)).collect())
    }

    /// The error for [`Identity::ambiguity`].
    pub fn ambiguity_error(&self, sources: &[(String, String)]) -> anyhow::Error {
        anyhow::anyhow!(
            "the backups of a database named `{}` in this storage come from {} sources: {}; which \
             are this server's cannot be told without reaching it (or without backup.name): make \
             the database reachable, set backup.name, or name a backup by its id",
            self.database,
            sources.len(),
            sources.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>().join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(db: &str, source: Option<Source>) -> Manifest {
        let mut m: Manifest = serde_json::from_value(serde_json::json!({
            "format_version": 1, "id": "abcdef", "artifact": format!("{db}-20261201T020000Z-abcdef.sql.gz"),
            "database": db, "backend": "postgresql", "server_version": "15", "dump_tool": "pg_dump 15",
            "dump_format": "plain", "compression": "gzip", "encryption": null, "stored_bytes": 1,
            "uncompressed_bytes": 1, "sha256": "0".repeat(64), "started_at": "2026-12-01T02:00:00Z",
            "finished_at": "2026-12-01T02:00:01Z", "duration_ms": 1, "dbctl_version": "0", "host": "h",
        }))
        .unwrap();
        m.source = source;
        m
    }

    fn system(id: &str) -> Option<Source> {
        Some(Source { system_identifier: Some(id.into()), ..Source::default() })
    }

    fn named(n: &str, id: &str) -> Option<Source> {
        Some(Source { name: Some(n.into()), system_identifier: Some(id.into()), ..Source::default() })
    }

    fn me(source: Option<Source>) -> Identity {
        Identity { database: "app".into(), backend: "postgresql", source: source.unwrap_or_default() }
    }

    #[test]
    fn the_system_identifier_tells_servers_apart() {
        let me = me(system("1"));
        assert!(me.owns(&manifest("app", system("1"))));
        assert!(!me.owns(&manifest("app", system("2"))));
        assert!(!me.owns(&manifest("other", system("1"))));
        // Recorded before sources were: by name, as then.
        assert!(me.owns(&manifest("app", None)));
        // A named host's backups are not an unnamed host's.
        assert!(!me.owns(&manifest("app", named("eu", "1"))));
    }

    #[test]
    fn a_name_decides_and_keeps_its_server_s_unnamed_backups() {
        let me = me(named("eu", "1"));
        assert!(me.owns(&manifest("app", named("eu", "2"))));
        assert!(!me.owns(&manifest("app", named("us", "1"))));
        assert!(me.owns(&manifest("app", system("1"))));
        assert!(!me.owns(&manifest("app", system("2"))));
    }

    #[test]
    fn an_unknown_identity_is_ambiguous_only_among_several_sources() {
        let unknown = me(None);
        let one = [manifest("app", system("1")), manifest("app", None)];
        assert!(unknown.ambiguity(&one).is_none());
        let two = [manifest("app", system("1")), manifest("app", system("2"))];
        assert_eq!(unknown.ambiguity(&two).map(|s| s.len()), Some(2));
        assert!(me(system("1")).ambiguity(&two).is_none());
    }
}
