//! The backups a storage holds, as their manifests say, and the one a name or `latest` means.

use std::io::Read;

use anyhow::{Result, anyhow};

use super::manifest::{self, Manifest};
use crate::output::Output;
use crate::settings::Settings;
use crate::storage::Storage;

/// The manifests of a storage, and the ones that could not be used.
pub struct Catalog {
    /// Oldest first.
    pub manifests: Vec<Manifest>,
    /// Why each unusable manifest was skipped, naming it.
    pub skipped: Vec<String>,
}

/// Reads every manifest in the storage. One that cannot be read, parsed or trusted is skipped
/// (and said why in `skipped`): it must not stop list, prune, verify, restore or health.
pub fn read(store: &dyn Storage) -> Result<Catalog> {
    let mut manifests = Vec::new();
    let mut skipped = Vec::new();
    for name in store.list()?.into_iter().filter(|n| n.ends_with(manifest::SUFFIX)) {
        let mut bytes = Vec::new();
        let read = store.get(&name).and_then(|mut r| Ok(r.read_to_end(&mut bytes)?));
        match read.and_then(|_| Manifest::parse(&name, &bytes)) {
            Ok(m) => manifests.push(m),
            Err(e) => skipped.push(crate::output::escape_controls(&format!("{e:#}"))),
        }
    }
    manifests.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.artifact.cmp(&b.artifact)));
    Ok(Catalog { manifests, skipped })
}

/// Every usable manifest in the storage, oldest first; a warning for each skipped one.
pub fn manifests(store: &dyn Storage, out: &Output) -> Result<Vec<Manifest>> {
    let catalog = read(store)?;
    for why in &catalog.skipped {
        out.warn(&format!("skipped a manifest: {why}"));
    }
    Ok(catalog.manifests)
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
