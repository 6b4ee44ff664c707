//! The backups a storage holds, as their manifests say, and the one a name or `latest` means.

use std::io::Read;

use anyhow::{Result, anyhow};

use super::identity::Identity;
use super::manifest::{self, Manifest};
use crate::output::Output;
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
            Err(e) => skipped.push(crate::text::escape_controls(&format!("{e:#}"))),
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

/// The newest of `candidates` (oldest first) that is not a safety backup, saying which newer
/// safety backups were passed over; an error when there are only safety backups.
fn newest<'a>(
    candidates: impl DoubleEndedIterator<Item = &'a Manifest>,
    store: &dyn Storage,
    out: &Output,
) -> Result<Option<&'a Manifest>> {
    let mut passed = Vec::new();
    for m in candidates.rev() {
        if !m.is_safety() {
            if !passed.is_empty() {
                out.info(&format!(
                    "`latest` passed over {} taken before a restore ({}); \
                     restore one by its id if that is what you mean",
                    crate::text::count(passed.len(), "newer safety backup"),
                    passed.join(", ")
                ));
            }
            return Ok(Some(m));
        }
        passed.push(m.id.clone());
    }
    match passed.first() {
        Some(id) => Err(anyhow!(
            "the only backups in {} are safety backups taken before a restore, which `latest` never \
             means; restore one by its id (`dbctl restore {id}`) if that is what you mean",
            store.describe()
        )),
        None => Ok(None),
    }
}

/// [`find`] among the dumps (`base` false) or the physical base backups (`base` true): `latest`
/// is the newest of that kind, and a backup named of the other kind is an error that says how
/// to restore it.
pub fn find_kind(
    all: &[Manifest],
    want: &str,
    me: Option<&Identity>,
    store: &dyn Storage,
    out: &Output,
    base: bool,
) -> Result<Manifest> {
    if want != "latest" {
        let m = find(all, want, me, store, out)?;
        return match (m.physical.is_some(), base) {
            (true, false) => Err(anyhow!(
                "`{want}` is a physical base backup of the whole cluster, not a dump: restore it with \
                 `dbctl restore --physical {want} --pgdata DIR`"
            )),
            (false, true) => {
                Err(anyhow!("`{want}` is a dump, not a base backup: restore it without --physical"))
            }
            _ => Ok(m.clone()),
        };
    }
    let same: Vec<Manifest> = all.iter().filter(|m| m.physical.is_some() == base).cloned().collect();
    if base && same.is_empty() {
        return Err(anyhow!("no base backup in {}; `dbctl backup --physical` makes one", store.describe()));
    }
    find(&same, want, me, store, out).cloned()
}

/// The backup `want` names: an ID, an artifact or manifest name, or `latest`, the newest backup
/// of the database `me` is (of this server's, when others of the same name share the storage;
/// resolved once by the caller, for every destination).
pub fn find<'a>(
    all: &'a [Manifest],
    want: &str,
    me: Option<&Identity>,
    store: &dyn Storage,
    out: &Output,
) -> Result<&'a Manifest> {
    if want != "latest" {
        return all
            .iter()
            .find(|m| m.id == want || m.artifact == want || m.object_name() == want)
            .ok_or_else(|| {
                anyhow!("no backup `{want}` in {}; `dbctl backup list` shows them", store.describe())
            });
    }
    let Some(me) = me else {
        return newest(all.iter(), store, out)?
            .ok_or_else(|| anyhow!("no backups in {}; `dbctl backup` makes one", store.describe()));
    };
    if let Some(sources) = me.ambiguity(all) {
        return Err(me.ambiguity_error(&sources));
    }
    let others = me.others(all);
    if let Some(m) = newest(all.iter().filter(|m| me.owns(m)), store, out)? {
        if !others.is_empty() {
            out.info(&format!(
                "{} of a database named `{}` from other sources {} in {} and {} passed over \
                 (`dbctl backup list` shows the SOURCE of each)",
                crate::text::count(others.len(), "backup"),
                me.database,
                if others.len() == 1 { "is" } else { "are" },
                store.describe(),
                if others.len() == 1 { "was" } else { "were" }
            ));
        }
        return Ok(m);
    }
    if let Some(newest) = others.last() {
        let source = newest.source.clone().unwrap_or_default();
        return Err(anyhow!(
            "no backup of this server's `{}` ({}) in {}; the newest backup of a database of that \
             name comes from {}: restore it by its id (`dbctl restore {}`) if that is what you mean",
            me.database,
            me.source.describe(),
            store.describe(),
            source.describe(),
            newest.id
        ));
    }
    let mut names: Vec<&str> = all.iter().map(|m| m.database.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        Err(anyhow!("no backups in {}; `dbctl backup` makes one", store.describe()))
    } else {
        Err(anyhow!(
            "no backup of database `{}` in {}, only of: {}; name one by ID (`dbctl backup list`)",
            me.database,
            store.describe(),
            names.join(", ")
        ))
    }
}
