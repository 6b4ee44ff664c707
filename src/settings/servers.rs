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
}

fn role(text: &str) -> Result<Role, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "primary" | "master" | "leader" | "writer" => Ok(Role::Primary),
        "replica" | "standby" | "secondary" | "reader" | "read" => Ok(Role::Replica),
        other => {
            Err(format!("role `{}` is neither primary nor replica", crate::output::escape_controls(other)))
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
    url: Option<&'a str>,
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
    let target = DbTarget::parse(url, cwd).map_err(|e| format!("{at} (`{name}`): {e}"))?;
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
    })
}

/// The `[[servers]]` of the file, then the nodes of `REPLICATION_NODES`; names must be unique.
/// Every URL's password is returned for masking.
pub fn read(tables: &[toml::Table], nodes: Option<&str>, cwd: &Path) -> Result<Vec<Server>, Vec<String>> {
    let mut servers = Vec::new();
    let mut problems = Vec::new();
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
            url: t.get("url").and_then(|v| v.as_str()),
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
            Err(e) => problems.push(format!(
                "REPLICATION_NODES is not a JSON list of nodes ({}); each node is an object with a url and a role",
                e.to_string().split(" at line").next().unwrap_or_default()
            )),
            Ok(list) => {
                for (i, node) in list.iter().enumerate() {
                    let at = format!("REPLICATION_NODES node #{}", i + 1);
                    let field = |keys: &[&str]| keys.iter().find_map(|k| node.get(*k).and_then(|v| v.as_str()));
                    let name = field(&["name", "id"]).map(str::to_string).or_else(|| Some(format!("node-{}", i + 1)));
                    let fields = Fields {
                        name,
                        url: field(&["url", "connection_string", "connectionString", "dsn"]),
                        role: field(&["role", "type"]),
                        databases: None,
                        primary: None,
                    };
                    match server(&at, fields, "REPLICATION_NODES", cwd) {
                        Ok(s) => servers.push(s),
                        Err(e) => problems.push(e),
                    }
                }
            }
        }
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
    if problems.is_empty() { Ok(servers) } else { Err(problems) }
}

/// The replicas that follow `primary` (a configured server's name, or None for DATABASE_URL's):
/// those naming it, and those naming none when it is the only primary (or the one DATABASE_URL
/// points at, with no primary configured).
pub fn replicas_of<'a>(servers: &'a [Server], primary: Option<&str>) -> Vec<&'a Server> {
    let primaries: Vec<&Server> = servers.iter().filter(|s| s.role == Role::Primary).collect();
    servers
        .iter()
        .filter(|s| s.role == Role::Replica)
        .filter(|s| match (&s.primary, primary) {
            (Some(p), Some(want)) => p == want,
            (Some(_), None) => false,
            (None, Some(want)) => primaries.len() == 1 && primaries[0].name == want,
            (None, None) => primaries.is_empty(),
        })
        .collect()
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
        let servers = read(&file, Some(nodes), cwd).unwrap();
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
        let e = read(&tables("[[servers]]\nname = \"a\"\nurl = \"mysql://u:secret@x/db\"\n"), None, cwd)
            .unwrap_err();
        assert!(e[0].contains("[[servers]] #1 (`a`)") && !e[0].contains("secret"), "{e:?}");
        let e = read(&[], Some("{\"not\": \"a list\"}"), cwd).unwrap_err();
        assert!(e[0].starts_with("REPLICATION_NODES is not a JSON list"), "{e:?}");
        let e = read(&[], Some(r#"[{"url": "postgres://h/db", "role": "boss"}]"#), cwd).unwrap_err();
        assert!(e[0].contains("neither primary nor replica"), "{e:?}");
        let twice = "[[servers]]\nname = \"a\"\nurl = \"postgres://h/db\"\n[[servers]]\nname = \"a\"\nurl = \"postgres://h2/db\"\n";
        assert!(read(&tables(twice), None, cwd).unwrap_err()[0].contains("two servers are named `a`"));
    }
}
