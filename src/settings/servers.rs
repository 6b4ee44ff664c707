//! Several servers: `[[servers]]` tables in dbctl.toml, and the applications' `REPLICATION_NODES`
//! (a JSON list of nodes with roles). Each server has a name, a URL, a role (primary or replica),
//! and the databases a backup of it covers.

use std::path::Path;

use crate::db::DbTarget;

/// A server's part in replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Primary,
    Replica,
}

/// What a backup of a server covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Databases {
    /// The database its URL names.
    Url,
    /// Every database that accepts connections.
    All,
    Named(Vec<String>),
}

/// One configured server.
#[derive(Debug, Clone)]
pub struct Server {
    pub name: String,
    pub target: DbTarget,
    pub role: Role,
    pub databases: Databases,
    /// For a replica: the primary it follows (a server's name), when more than one is configured.
    pub primary: Option<String>,
    /// Where it was configured: `dbctl.toml` or `REPLICATION_NODES`.
    pub origin: &'static str,
    /// REPLICATION_NODES' `priority`: among replicas, the lowest is preferred.
    pub priority: Option<i64>,
}

fn role(text: &str) -> Result<Role, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "primary" | "master" | "leader" | "writer" => Ok(Role::Primary),
        "replica" | "slave" | "standby" | "secondary" | "reader" | "read" => Ok(Role::Replica),
        other => {
            Err(format!("role `{}` is neither primary nor replica", crate::text::escape_controls(other)))
        }
    }
}

fn name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// A server's fields as written.
struct Fields<'a> {
    name: Option<String>,
    url: Option<std::borrow::Cow<'a, str>>,
    role: Option<&'a str>,
    databases: Option<Databases>,
    primary: Option<String>,
}

/// One server from its fields; `at` names it in errors (never its URL, which holds a password).
fn server(at: &str, f: Fields, origin: &'static str, cwd: &Path) -> Result<Server, String> {
    let name = f.name.ok_or_else(|| format!("{at}: a server needs a `name`"))?;
    if !name_ok(&name) {
        return Err(format!("{at}: the name must be letters, digits, `.`, `_` or `-` (at most 63)"));
    }
    let url = f.url.ok_or_else(|| format!("{at} (`{name}`): a server needs a `url`"))?;
    let target = DbTarget::parse(&url, cwd).map_err(|e| format!("{at} (`{name}`): {e}"))?;
    if !matches!(target, DbTarget::Postgres { .. }) {
        return Err(format!("{at} (`{name}`): servers are PostgreSQL servers (postgres:// URLs)"));
    }
    let role =
        f.role.map(role).transpose().map_err(|e| format!("{at} (`{name}`): {e}"))?.unwrap_or(Role::Primary);
    Ok(Server {
        name,
        target,
        role,
        databases: f.databases.unwrap_or(Databases::Url),
        primary: f.primary,
        origin,
        priority: None,
    })
}

/// A node written as the applications write it (`{"id", "host", "port", "role", "priority"}`,
/// no URL): `base` (DATABASE_URL, when it is PostgreSQL) with the node's host and port, and its
/// `user`, `password` and `database` when it has them.
fn node_url(node: &serde_json::Map<String, serde_json::Value>, base: Option<&str>) -> Result<String, String> {
    let text = |k: &str| match node.get(k) {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let host = text("host").ok_or("neither a `url` nor a `host`")?;
    let mut url = match base {
        Some(b) => url::Url::parse(b).map_err(|_| "DATABASE_URL cannot be completed with its host")?,
        None => {
            if text("user").is_none() || text("database").is_none() {
                return Err(
                    "a host but no `user` and `database`, and DATABASE_URL is not a PostgreSQL URL to take \
                     them from"
                        .to_string(),
                );
            }
            url::Url::parse("postgresql://localhost/").expect("a URL")
        }
    };
    let host = if host.contains(':') && !host.starts_with('[') { format!("[{host}]") } else { host };
    url.set_host(Some(&host)).map_err(|_| "a `host` that is not a host name".to_string())?;
    let port = match text("port") {
        Some(p) => Some(p.parse::<u16>().map_err(|_| "a `port` that is not a port number".to_string())?),
        None => None,
    };
    url.set_port(port).map_err(|_| "a `port` that cannot be set".to_string())?;
    if let Some(user) = text("user") {
        url.set_username(&user).map_err(|_| "a `user` that cannot be set".to_string())?;
    }
    if let Some(password) = text("password") {
        url.set_password(Some(&password)).map_err(|_| "a `password` that cannot be set".to_string())?;
    }
    if let Some(db) = text("database") {
        url.set_path(&format!(
            "/{}",
            percent_encoding::utf8_percent_encode(&db, percent_encoding::NON_ALPHANUMERIC)
        ));
    }
    Ok(url.to_string())
}

/// Servers, and the problems of REPLICATION_NODES' nodes (which only the commands that use
/// servers fail on).
pub struct Read {
    pub servers: Vec<Server>,
    pub node_problems: Vec<String>,
}

/// The `[[servers]]` of the file, then the nodes of `REPLICATION_NODES`, completed from `base`
/// (DATABASE_URL's PostgreSQL URL) where they have a host and no URL; names must be unique.
pub fn read(
    tables: &[toml::Table],
    nodes: Option<&str>,
    base: Option<&str>,
    cwd: &Path,
) -> Result<Read, Vec<String>> {
    let mut servers = Vec::new();
    let mut problems = Vec::new();
    let mut node_problems = Vec::new();
    // Nodes without a URL that cannot be completed, by reason: one line for the nodes alike.
    let mut incomplete: Vec<(String, Vec<String>)> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let at = format!("dbctl.toml [[servers]] #{}", i + 1);
        let text = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
        if let Some(unknown) =
            t.keys().find(|k| !["name", "url", "role", "databases", "primary"].contains(&k.as_str()))
        {
            problems.push(format!("{at}: unknown key `{unknown}` (name, url, role, databases, primary)"));
            continue;
        }
        let databases = match t.get("databases") {
            None => None,
            Some(toml::Value::String(s)) if s == "all" => Some(Databases::All),
            Some(toml::Value::Array(list)) => {
                let names: Option<Vec<String>> =
                    list.iter().map(|v| v.as_str().map(str::to_string)).collect();
                match names {
                    Some(n) if !n.is_empty() => Some(Databases::Named(n)),
                    _ => {
                        problems.push(format!("{at}: `databases` is \"all\" or a list of database names"));
                        continue;
                    }
                }
            }
            Some(_) => {
                problems.push(format!("{at}: `databases` is \"all\" or a list of database names"));
                continue;
            }
        };
        let fields = Fields {
            name: text("name"),
            url: t.get("url").and_then(|v| v.as_str()).map(std::borrow::Cow::Borrowed),
            role: t.get("role").and_then(|v| v.as_str()),
            databases,
            primary: text("primary"),
        };
        match server(&at, fields, "dbctl.toml", cwd) {
            Ok(s) => servers.push(s),
            Err(e) => problems.push(e),
        }
    }
    if let Some(json) = nodes.filter(|n| !n.trim().is_empty()) {
        match serde_json::from_str::<Vec<serde_json::Map<String, serde_json::Value>>>(json) {
            Err(e) => node_problems.push(format!(
                "REPLICATION_NODES is not a JSON list of nodes ({}); each node is an object with a url (or a host) \
                 and a role",
                e.to_string().split(" at line").next().unwrap_or_default()
            )),
            Ok(list) => {
                for (i, node) in list.iter().enumerate() {
                    let field = |keys: &[&str]| keys.iter().find_map(|k| node.get(*k).and_then(|v| v.as_str()));
                    let name = field(&["name", "id"]).map(str::to_string).or_else(|| Some(format!("node-{}", i + 1)));
                    let at = format!(
                        "REPLICATION_NODES node #{}{}",
                        i + 1,
                        name.as_deref().filter(|n| name_ok(n)).map(|n| format!(" (`{n}`)")).unwrap_or_default()
                    );
                    let url = match field(&["url", "connection_string", "connectionString", "dsn"]) {
                        Some(u) => std::borrow::Cow::Borrowed(u),
                        None => match node_url(node, base) {
                            Ok(u) => std::borrow::Cow::Owned(u),
                            Err(e) => {
                                let node = at.trim_start_matches("REPLICATION_NODES ").to_string();
                                match incomplete.iter_mut().find(|(why, _)| *why == e) {
                                    Some((_, nodes)) => nodes.push(node),
                                    None => incomplete.push((e, vec![node])),
                                }
                                continue;
                            }
                        },
                    };
                    let fields = Fields {
                        name,
                        url: Some(url),
                        role: field(&["role", "type"]),
                        databases: None,
                        primary: None,
                    };
                    match server(&at, fields, "REPLICATION_NODES", cwd) {
                        Ok(mut s) => {
                            s.priority = node.get("priority").and_then(serde_json::Value::as_i64);
                            servers.push(s)
                        }
                        Err(e) => node_problems.push(e),
                    }
                }
            }
        }
    }
    for (why, nodes) in incomplete {
        node_problems.push(format!("REPLICATION_NODES {}: {why}", nodes.join(" and ")));
    }
    for (i, s) in servers.iter().enumerate() {
        if servers[..i].iter().any(|o| o.name == s.name) {
            problems.push(format!("two servers are named `{}`; give each its own name", s.name));
        }
        if let Some(p) = &s.primary
            && !servers.iter().any(|o| &o.name == p && o.role == Role::Primary)
        {
            problems.push(format!("server `{}` follows `{p}`, which is not a configured primary", s.name));
        }
    }
    if problems.is_empty() { Ok(Read { servers, node_problems }) } else { Err(problems) }
}

/// The replicas that follow `primary` (a configured server's name, or None for DATABASE_URL's):
/// those naming it, and those naming none when it is the only primary (or the one DATABASE_URL
/// points at, with no primary configured).
/// The lowest `priority` first (REPLICATION_NODES' order of preference); unranked ones last.
pub fn replicas_of<'a>(servers: &'a [Server], primary: Option<&str>) -> Vec<&'a Server> {
    let primaries: Vec<&Server> = servers.iter().filter(|s| s.role == Role::Primary).collect();
    let mut replicas: Vec<&Server> = servers
        .iter()
        .filter(|s| s.role == Role::Replica)
        .filter(|s| match (&s.primary, primary) {
            (Some(p), Some(want)) => p == want,
            (Some(_), None) => false,
            (None, Some(want)) => primaries.len() == 1 && primaries[0].name == want,
            (None, None) => primaries.is_empty(),
        })
        .collect();
    replicas.sort_by_key(|s| (s.priority.is_none(), s.priority));
    replicas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<toml::Table> {
        let t: toml::Table = text.parse().unwrap();
        t["servers"].as_array().unwrap().iter().map(|v| v.as_table().unwrap().clone()).collect()
    }

    #[test]
    fn servers_come_from_the_file_and_the_applications_nodes() {
        let cwd = Path::new("/");
        let file = tables(
            "[[servers]]\nname = \"main\"\nurl = \"postgres://u:p@db1/app\"\ndatabases = \"all\"\n\
             [[servers]]\nname = \"main-ro\"\nurl = \"postgres://u:p@db2/app\"\nrole = \"replica\"\nprimary = \"main\"\n",
        );
        let nodes = r#"[{"name": "eu", "url": "postgresql://u:p@eu/app", "role": "primary"},
                        {"url": "postgresql://u:p@eu-2/app", "role": "standby"}]"#;
        let servers = read(&file, Some(nodes), None, cwd).unwrap().servers;
        let names: Vec<&str> = servers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["main", "main-ro", "eu", "node-2"]);
        assert_eq!(servers[0].databases, Databases::All);
        assert_eq!(servers[3].role, Role::Replica);
        assert_eq!(replicas_of(&servers, Some("main")).len(), 1);
        assert!(
            replicas_of(&servers, Some("eu")).is_empty(),
            "two primaries: an unnamed replica follows none"
        );
    }

    #[test]
    fn bad_servers_are_named_without_their_urls() {
        let cwd = Path::new("/");
        let e =
            read(&tables("[[servers]]\nname = \"a\"\nurl = \"mysql://u:secret@x/db\"\n"), None, None, cwd)
                .err()
                .unwrap();
        assert!(e[0].contains("[[servers]] #1 (`a`)") && !e[0].contains("secret"), "{e:?}");
        // The application's nodes are its own business: their problems are set apart, not fatal.
        let e = read(&[], Some("{\"not\": \"a list\"}"), None, cwd).ok().unwrap().node_problems;
        assert!(e[0].starts_with("REPLICATION_NODES is not a JSON list"), "{e:?}");
        let e = read(&[], Some(r#"[{"url": "postgres://h/db", "role": "boss"}]"#), None, cwd).ok().unwrap();
        assert!(e.servers.is_empty() && e.node_problems[0].contains("neither primary nor replica"));
        let twice = "[[servers]]\nname = \"a\"\nurl = \"postgres://h/db\"\n[[servers]]\nname = \"a\"\nurl = \"postgres://h2/db\"\n";
        assert!(
            read(&tables(twice), None, None, cwd).err().unwrap()[0].contains("two servers are named `a`")
        );
    }

    /// CodePal's nodes as its document writes them: no URL, `id`, `host`, `port`, `role`
    /// master/slave and a `priority`.
    #[test]
    fn nodes_with_a_host_complete_database_urls_user_database_and_parameters() {
        let cwd = Path::new("/");
        let nodes = r#"[
  { "id": "slave-2", "host": "db-slave-2.example.com", "port": 5432, "role": "replica", "priority": 3 },
  { "id": "master-1", "host": "db-master-1.example.com", "port": 5432, "role": "master", "priority": 1 },
  { "id": "slave-1", "host": "db-slave-1.example.com", "port": 5433, "role": "slave", "priority": 2 }
]"#;
        let base = "postgresql://app:s3cret@localhost:5432/codepal?sslmode=require";
        let read = read(&[], Some(nodes), Some(base), cwd).ok().unwrap();
        assert!(read.node_problems.is_empty(), "{:?}", read.node_problems);
        let url = |s: &Server| match &s.target {
            DbTarget::Postgres { url } => url.clone(),
            _ => unreachable!(),
        };
        let master = read.servers.iter().find(|s| s.name == "master-1").unwrap();
        assert_eq!(master.role, Role::Primary);
        assert_eq!(
            url(master),
            "postgresql://app:s3cret@db-master-1.example.com:5432/codepal?sslmode=require"
        );
        let replicas: Vec<&str> =
            replicas_of(&read.servers, Some("master-1")).iter().map(|s| s.name.as_str()).collect();
        assert_eq!(replicas, ["slave-1", "slave-2"], "by priority");
        let slave = read.servers.iter().find(|s| s.name == "slave-1").unwrap();
        assert_eq!(url(slave), "postgresql://app:s3cret@db-slave-1.example.com:5433/codepal?sslmode=require");
        // A node's own user, password and database win; without a PostgreSQL DATABASE_URL a
        // node needs them, and one without is a problem named by its id, never fatal.
        let own = r#"[{"id": "n", "host": "10.0.0.5", "user": "ro", "password": "pw", "database": "other"}]"#;
        let r = read_nodes(own, Some(base));
        assert!(r.1.is_empty(), "{:?}", r.1);
        assert_eq!(url(&r.0[0]), "postgresql://ro:pw@10.0.0.5/other?sslmode=require", "no port: 5432");
        // Nodes alike are one line.
        let r = read_nodes(nodes, None);
        assert!(r.0.is_empty() && r.1.len() == 1, "{:?}", r.1);
        assert!(
            r.1[0].starts_with(
                "REPLICATION_NODES node #1 (`slave-2`) and node #2 (`master-1`) and node #3 (`slave-1`): a host but \
                 no `user`"
            ),
            "{:?}",
            r.1
        );
    }

    fn read_nodes(nodes: &str, base: Option<&str>) -> (Vec<Server>, Vec<String>) {
        let r = read(&[], Some(nodes), base, Path::new("/")).ok().unwrap();
        (r.servers, r.node_problems)
    }
}
