//! The backups a storage holds, as their manifests say, and the one a name or `latest` means.

use std::io::Read;

use anyhow::{Result, anyhow};

use super::manifest::{self, Manifest};
use crate::settings::Settings;
use crate::storage::Storage;

/// Every manifest in the storage, oldest first.
pub fn manifests(store: &dyn Storage) -> Result<Vec<Manifest>> {
    let mut out = Vec::new();
    for name in store.list()?.into_iter().filter(|n| n.ends_with(manifest::SUFFIX)) {
        let mut bytes = Vec::new();
        store.get(&name)?.read_to_end(&mut bytes)?;
        out.push(Manifest::parse(&name, &bytes)?);
    }
    out.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.artifact.cmp(&b.artifact)));
    Ok(out)
}

/// The backup `want` names: an ID, an artifact or manifest name, or `latest`, the newest backup
/// of the configured database.
pub fn find<'a>(
    all: &'a [Manifest],
    want: &str,
    settings: &Settings,
    store: &dyn Storage,
) -> Result<&'a Manifest> {
    if want != "latest" {
        return all
            .iter()
            .find(|m| m.id == want || m.artifact == want || m.object_name() == want)
            .ok_or_else(|| {
                anyhow!("no backup `{want}` in {}; `dbctl backup list` shows them", store.describe())
            });
    }
    let db = settings.database.target.name();
    let ours = |m: &&Manifest| db.as_ref().is_none_or(|d| *d == m.database);
    all.iter().rev().find(ours).ok_or_else(|| {
        let mut others: Vec<&str> = all.iter().map(|m| m.database.as_str()).collect();
        others.sort_unstable();
        others.dedup();
        match (db, others.is_empty()) {
            (Some(db), false) => anyhow!(
                "no backup of database `{db}` in {}, only of: {}; name one by ID (`dbctl backup list`)",
                store.describe(),
                others.join(", ")
            ),
            _ => anyhow!("no backups in {}; `dbctl backup` makes one", store.describe()),
        }
    })
}
