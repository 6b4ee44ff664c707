//! `dbctl backup`, `backup list`, `backup verify`

use anyhow::Result;

use crate::backup::Config as BackupConfig;
use crate::backup::databases::Outcome;
use crate::backup::make::{self, MakeOptions};
use crate::backup::unpack::Keys;
use crate::backup::{catalog, manifest::Manifest, prune, verify};
use crate::cli::{CreateBackupArgs, VerifyArgs};
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::Settings;
use crate::storage::DestinationSpec;

/// The flags over the configuration.
pub fn options(
    args: &CreateBackupArgs,
    dests: &[DestinationSpec],
    cfg: &BackupConfig,
    all_servers: bool,
) -> Result<MakeOptions> {
    let b = &cfg.backup;
    let compression = args.compression.unwrap_or(b.compression);
    Ok(MakeOptions {
        compression,
        level: args.level.or(b.compression_level),
        format: args.format.unwrap_or(b.format),
        encryption: make::encryption(args.no_encryption, &args.recipient, cfg)?,
        globals: args.globals,
        tag: None,
        engine: match (args.physical, args.redis, args.dump_command || b.command_engine) {
            (true, _, _) => make::Engine::Physical,
            (_, true, _) => make::Engine::Redis,
            (_, _, true) => make::Engine::Command,
            _ => make::Engine::Database,
        },
        destinations: dests.to_vec(),
        // `--jobs` is the databases at once with --all-databases and --all-servers, the pg_dump
        // processes for one database otherwise; backup.jobs is always the latter.
        jobs: if args.all_databases.is_some() || all_servers { b.jobs } else { args.jobs.unwrap_or(b.jobs) },
    })
}

pub fn create(
    args: &CreateBackupArgs,
    dests: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let around = crate::hooks::Around::start("backup", &settings.hooks, out)?;
    let result = create_and_report(args, dests, settings, out);
    around.finish(&result.as_ref().map(|(_, o)| o.clone()).map_err(|e| anyhow::anyhow!("{e:#}")));
    result.map(|(code, _)| code)
}

/// The backup (or backups) and its report; with what the hooks are told.
fn create_and_report(
    args: &CreateBackupArgs,
    dests: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<(u8, crate::hooks::Outcome)> {
    if args.prune && settings.backup.write_only {
        return Err(crate::backup::write_only_refuses("backup --prune").into());
    }
    if let Some(dir) = &args.all_databases {
        return all_databases(args, dir, dests, settings, out).map(|c| (c, Default::default()));
    }
    if !args.exclude.is_empty() {
        return Err(ConfigError::new("--exclude goes with --all-databases or --all-servers").into());
    }
    let cfg = BackupConfig::from_settings(settings);
    let made = make::make(&options(args, dests, &cfg, false)?, &cfg, &cfg.target, out)?;
    let m = &made.manifest;
    if out.settings.json {
        // The manifest, and where the backup went: `location` in the first destination that has
        // it, `destinations` for each.
        let mut doc = serde_json::to_value(m)?;
        let place = |s: &make::Stored| {
            let mut location = serde_json::Map::new();
            location.insert("storage".into(), s.location.clone().into());
            for (what, at) in &s.objects {
                location.insert(what.clone(), at.clone().into());
            }
            location
        };
        if let Some(first) = made.stored.iter().find(|s| s.error.is_none()) {
            doc["location"] = place(first).into();
        }
        doc["destinations"] = made
            .stored
            .iter()
            .map(|s| {
                let mut d = place(s);
                d.insert("destination".into(), s.destination.as_str().into());
                d.insert("ok".into(), s.error.is_none().into());
                d.insert("error".into(), s.error.clone().into());
                serde_json::Value::Object(d)
            })
            .collect();
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
    } else if !out.settings.quiet {
        out.stdout(&format!("backup {}\n", made.summary()))?;
    }
    if args.prune {
        // The backup is done and reported; the prune's own report goes to stderr. Each
        // destination that took the backup is pruned on its own.
        let dests = crate::storage::open(dests)?;
        for (place, removed) in prune::after_backup(&made, &dests, &cfg, &out.quieted())? {
            out.info(&format!(
                "pruned {} in {place} ({})",
                crate::text::count(removed, "old backup"),
                settings.backup.retention.describe()
            ));
        }
    }
    match made.failure() {
        Some(e) => Err(e),
        None => Ok((
            0,
            crate::hooks::Outcome {
                backup_id: Some(m.id.clone()),
                artifact: Some(m.artifact.clone()),
                stored_bytes: Some(m.stored_bytes),
                error: None,
                duration: std::time::Duration::from_secs_f64(made.seconds),
            },
        )),
    }
}

/// `backup --all-databases [DIR]`: each database on its own, a summary table, exit 1 when any
/// failed.
fn all_databases(
    args: &CreateBackupArgs,
    dir: &str,
    dests: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let cfg = BackupConfig::from_settings(settings);
    let opts = options(args, dests, &cfg, false)?;
    let dir = (!dir.is_empty()).then_some(std::path::Path::new(dir));
    let found = crate::backup::databases::databases(&cfg, &cfg.target, dir, &args.exclude, out)?;
    let jobs = args.jobs.unwrap_or(1) as usize;
    out.info(&format!(
        "backing up {}{}",
        crate::text::count(found.databases.len(), "database"),
        if jobs > 1 { format!(", {jobs} at a time") } else { String::new() }
    ));
    let outcomes = crate::backup::databases::run(&opts, &cfg, found.databases, jobs, out);
    let rows: Vec<(String, crate::backup::databases::Outcome)> =
        outcomes.into_iter().map(|o| (String::new(), o)).collect();
    let skipped: Vec<(String, String, String)> =
        found.skipped.into_iter().map(|(db, why)| (String::new(), db, why)).collect();
    summarize(&rows, &skipped, args, dests, Some(&cfg), out)
}

/// The summary of several backups (of one server, or with a SERVER column of several): a table or
/// JSON, `--prune` per backup made, and exit 1 naming the databases that failed.
pub fn summarize(
    rows: &[(String, crate::backup::databases::Outcome)],
    skipped: &[(String, String, String)],
    args: &CreateBackupArgs,
    dests: &[DestinationSpec],
    cfg: Option<&BackupConfig>,
    out: &Output,
) -> Result<u8> {
    let servers = rows.iter().any(|(server, _)| !server.is_empty());
    // The databases not backed up on purpose, listed so that an operator sees them.
    let skipped_docs = skipped.iter().map(|(server, db, why)| {
        let mut doc = serde_json::json!({ "database": db, "ok": true, "skipped": why });
        if servers {
            doc["server"] = server.clone().into();
        }
        doc
    });
    let failed_at =
        |o: &crate::backup::databases::Outcome| o.made.as_ref().map_or(true, |m| m.failure().is_some());
    let failed: Vec<String> = rows
        .iter()
        .filter(|(_, o)| failed_at(o))
        .map(
            |(server, o)| {
                if server.is_empty() { o.database.clone() } else { format!("{server}/{}", o.database) }
            },
        )
        .collect();
    if out.settings.json {
        let docs: Vec<serde_json::Value> = rows
            .iter()
            .map(|(server, o)| {
                let mut doc = match &o.made {
                    Ok(m) => serde_json::json!({
                        "database": o.database, "ok": m.failure().is_none(), "id": m.manifest.id,
                        "artifact": m.manifest.artifact, "stored_bytes": m.manifest.stored_bytes,
                        "seconds": o.seconds, "globals": !m.manifest.parts.is_empty(),
                        "error": m.failure().map(|e| format!("{e:#}")),
                    }),
                    Err(e) => serde_json::json!({
                        "database": o.database, "ok": false, "seconds": o.seconds, "error": format!("{e:#}"),
                    }),
                };
                if servers {
                    doc["server"] = server.clone().into();
                }
                doc
            })
            .chain(skipped_docs)
            .collect();
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&docs)?))?;
    } else if !out.settings.quiet || !failed.is_empty() {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|(server, o)| {
                let (size, result) = match &o.made {
                    Ok(m) => (
                        crate::text::bytes(m.manifest.stored_bytes as f64),
                        match m.failure() {
                            None if m.manifest.parts.is_empty() => format!("ok {}", m.manifest.id),
                            None => format!("ok {} (with the server's globals)", m.manifest.id),
                            Some(e) => format!("PARTLY: {e:#}"),
                        },
                    ),
                    Err(e) => ("-".to_string(), format!("FAILED: {e:#}")),
                };
                let mut row = Vec::new();
                if servers {
                    row.push(server.clone());
                }
                row.extend([o.database.clone(), size, crate::text::duration(o.seconds), result]);
                row
            })
            .chain(skipped.iter().map(|(server, db, why)| {
                let mut row = Vec::new();
                if servers {
                    row.push(server.clone());
                }
                row.extend([db.clone(), "-".into(), "-".into(), format!("skipped: {why}")]);
                row
            }))
            .collect();
        let mut header = Vec::new();
        if servers {
            header.push("SERVER");
        }
        header.extend(["DATABASE", "SIZE", "TIME", "RESULT"]);
        let mut text = crate::output::table(&header, &table, |_, _, c| c.to_string());
        text.push_str(&format!(
            "{} of {} backed up{}{}\n",
            rows.len() - failed.len(),
            crate::text::count(rows.len(), "database"),
            if failed.is_empty() { String::new() } else { format!("; {} failed", failed.len()) },
            if skipped.is_empty() { String::new() } else { format!("; {} skipped (listed)", skipped.len()) }
        ));
        out.stdout(&text)?;
    }
    if args.prune
        && let Some(cfg) = cfg
    {
        let dests = crate::storage::open(dests)?;
        for made in rows.iter().filter_map(|(_, o)| o.made.as_ref().ok()) {
            prune::after_backup(made, &dests, cfg, &out.quieted())?;
        }
    }
    if let Some(interrupted) = crate::sys::signals::received() {
        return Err(anyhow::Error::new(crate::sys::signals::Interrupted(interrupted))
            .context("the backups were stopped"));
    }
    if !failed.is_empty() {
        anyhow::bail!(
            "{} of {} failed: {}",
            failed.len(),
            crate::text::count(rows.len(), "database"),
            failed.join(", ")
        );
    }
    Ok(0)
}

/// The destinations, and every backup in them: the index of its destination, and its manifest.
pub type Everywhere = (Vec<crate::storage::Opened>, Vec<(usize, Manifest)>);

/// Every usable manifest of every destination, each with its destination's name; a warning for
/// each skipped manifest and each destination that cannot be read (the others are still listed).
pub fn everywhere(specs: &[DestinationSpec], out: &Output) -> Result<Everywhere> {
    let mut all = Vec::new();
    let mut unreadable = Vec::new();
    let mut dests = Vec::new();
    let opened = crate::storage::open_each(specs);
    let configured = opened.len();
    for ((name, store), spec) in opened.into_iter().zip(specs) {
        match store {
            Ok(store) => dests.push(crate::storage::Opened { name, store }),
            Err(e) => {
                out.warn(&format!("cannot open {name} ({}): {e:#}", spec.place()));
                unreadable.push(format!("{name}: {e:#}"));
            }
        }
    }
    for (i, d) in dests.iter().enumerate() {
        match catalog::manifests(d.store.as_ref(), out) {
            Ok(ms) => all.extend(ms.into_iter().map(|m| (i, m))),
            Err(e) => {
                out.warn(&format!("cannot read {} ({}): {e:#}", d.name, d.store.describe()));
                unreadable.push(format!("{}: {e:#}", d.name));
            }
        }
    }
    // Backups made here before a bucket replaced the default directory are not read; say so.
    if !specs.iter().any(|d| d.name == crate::storage::Destination::Local)
        && let Ok(entries) = std::fs::read_dir("backups")
    {
        let left = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(crate::backup::manifest::SUFFIX))
            .count();
        if left > 0 {
            out.warn(&format!(
                "{} in ./backups {} not read: local backups are off (set BACKUP_LOCAL=true to \
                 keep and list them as well)",
                crate::text::count(left, "backup"),
                if left == 1 { "is" } else { "are" }
            ));
        }
    }
    if configured > 0 && unreadable.len() == configured {
        anyhow::bail!("no destination could be read: {}", unreadable.join("; "));
    }
    all.sort_by(|(_, a), (_, b)| a.started_at.cmp(&b.started_at).then_with(|| a.artifact.cmp(&b.artifact)));
    Ok((dests, all))
}

/// The hosts a configured server's backups are taken from: its own, and its replicas'.
fn server_hosts(settings: &Settings, name: &str) -> Vec<String> {
    let host = |s: &crate::settings::servers::Server| match &s.target {
        crate::db::DbTarget::Postgres { url } => crate::redact::url_host(url),
        _ => None,
    };
    let me = settings.servers.iter().filter(|s| s.name == name);
    let replicas = crate::settings::servers::replicas_of(&settings.servers, Some(name));
    me.chain(replicas).filter_map(host).collect()
}

/// `1 backup in 3 destinations (…)`, `4 backups (7 copies) in 2 destinations (…)`: a backup
/// stored in several destinations counts once.
fn count_line(all: &[(usize, Manifest)], destinations: usize, places: &str) -> String {
    let mut ids: Vec<&str> = all.iter().map(|(_, m)| m.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let copies = if all.len() > ids.len() { format!(" ({} copies)", all.len()) } else { String::new() };
    format!(
        "{}{copies} in {}: {places}",
        plural(ids.len(), "backup", "backups"),
        plural(destinations, "destination", "destinations")
    )
}

pub fn list(dests: &[DestinationSpec], settings: &Settings, out: &Output) -> Result<u8> {
    let (dests, mut all) = everywhere(dests, out)?;
    // `--server NAME`: the backups taken from that server (or its replicas).
    if let Some(name) = &settings.server {
        let hosts = server_hosts(settings, name);
        all.retain(|(_, m)| {
            m.source.as_ref().and_then(|s| s.server.as_ref()).is_some_and(|h| hosts.contains(h))
        });
    }
    let places = dests.iter().map(|d| d.store.describe()).collect::<Vec<_>>().join(", ");
    if out.settings.json {
        let docs: Vec<serde_json::Value> = all
            .iter()
            .map(|(i, m)| {
                let mut doc = serde_json::to_value(m).unwrap_or_default();
                doc["destination"] = dests[*i].name.as_str().into();
                doc
            })
            .collect();
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&docs)?))?;
        return Ok(0);
    }
    if all.is_empty() {
        out.stdout(&format!("no backups in {places}\n"))?;
        return Ok(0);
    }
    // Where they come from, when a database name is shared by several sources.
    let source = |m: &Manifest| m.source.clone().unwrap_or_default();
    let shared = all.iter().any(|(_, a)| {
        all.iter().any(|(_, b)| a.database == b.database && source(a).label() != source(b).label())
    });
    // Newest first, as `backup prune` shows them.
    let rows: Vec<Vec<String>> = all
        .iter()
        .rev()
        .map(|(i, m)| {
            let mut row = vec![m.id.clone(), m.database.clone(), dests[*i].name.to_string()];
            if shared {
                row.push(source(m).label());
            }
            row.extend([
                m.started_at.get(..19).unwrap_or(&m.started_at).to_string(),
                crate::text::bytes(m.total_stored_bytes() as f64),
                m.compression.clone(),
                if m.is_encrypted() { "age" } else { "no" }.to_string(),
                m.tag.clone().unwrap_or_default(),
                m.artifact.clone(),
            ]);
            row
        })
        .collect();
    let mut header = vec!["ID", "DATABASE", "DESTINATION"];
    if shared {
        header.push("SOURCE");
    }
    header.extend(["STARTED", "SIZE", "COMPRESS", "ENCRYPTED", "TAG", "NAME"]);
    let mut text = crate::output::table(&header, &rows, |_, _, s| s.to_string());
    text.push_str(&format!("{}\n", count_line(&all, dests.len(), &places)));
    out.stdout(&text)?;
    Ok(0)
}

/// `backup rekey`: the chosen backups of each destination re-encrypted to new recipients.
pub fn rekey(
    args: &crate::cli::RekeyArgs,
    specs: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let recipients: Vec<Box<dyn age::Recipient + Send>> =
        args.recipient.iter().map(|r| crate::backup::pipeline::parse_recipient(r)).collect::<Result<_>>()?;
    let keys = crate::backup::unpack::Keys::load(&args.identity, None)?;
    if settings.backup.write_only {
        return Err(crate::backup::write_only_refuses("backup rekey").into());
    }
    let bytes = |n: u64| crate::text::bytes(n as f64);
    let mut failed = Vec::new();
    let mut done = 0;
    let mut docs = Vec::new();
    for spec in specs {
        let store = spec.open()?;
        let all = catalog::manifests(store.as_ref(), out)?;
        let me = crate::backup::identity::Identity::current(&BackupConfig::from_settings(settings), out);
        let chosen: Vec<Manifest> = if args.all {
            all.iter().filter(|m| m.is_encrypted()).cloned().collect()
        } else {
            args.backups
                .iter()
                .map(|want| catalog::find(&all, want, me.as_ref(), store.as_ref(), out).cloned())
                .collect::<Result<_>>()?
        };
        for m in chosen {
            let rekeyed = crate::backup::rekey::rekey_backup(
                store.as_ref(),
                &m,
                &keys.identities,
                &recipients,
                &args.recipient,
            );
            match rekeyed {
                Ok((new, r)) => {
                    done += 1;
                    docs.push(serde_json::json!({
                        "id": m.id,
                        "destination": spec.name.as_str(),
                        "objects": r.objects,
                        "stored_bytes": new.total_stored_bytes(),
                        "read_bytes": r.read,
                        "sent_bytes": r.sent,
                        "copied_by_storage_bytes": r.copied,
                        "old_versions_kept": r.kept,
                    }));
                    let copied = if r.copied > 0 {
                        format!(", {} copied by the storage itself", bytes(r.copied))
                    } else {
                        String::new()
                    };
                    out.info(&format!(
                        "rekeyed {} in {} ({} stored): {} read, {} sent{copied}; nothing decrypted",
                        m.id,
                        spec.name,
                        bytes(new.total_stored_bytes()),
                        bytes(r.read),
                        bytes(r.sent),
                    ));
                    for k in &r.kept {
                        out.warn(&format!(
                            "{k}: the storage keeps the old bytes, still encrypted to the old key (a locked object \
                             cannot be rekeyed in place; the new one was written beside it)"
                        ));
                    }
                }
                // With --all, a backup the old key does not open is another key's: said, skipped.
                Err(e)
                    if args.all
                        && e.chain().any(|c| c.to_string().contains("none of the identities given")) =>
                {
                    out.warn(&format!("{}: {e:#}; left as it is", m.id))
                }
                Err(e) => failed.push(format!("{} in {}: {e:#}", m.id, spec.name)),
            }
        }
    }
    if !failed.is_empty() {
        anyhow::bail!(
            "{} {} not rekeyed: {}",
            crate::text::count(failed.len(), "backup"),
            if failed.len() == 1 { "was" } else { "were" },
            failed.join("; ")
        );
    }
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&serde_json::json!({ "rekeyed": docs }))?))?;
    } else {
        out.stdout(&format!(
            "{} rekeyed to {}\n",
            crate::text::count(done, "backup"),
            crate::text::count(args.recipient.len(), "recipient")
        ))?;
    }
    Ok(0)
}

/// `backup verify --wal`: the WAL archive's chain in each destination.
fn verify_wal(specs: &[DestinationSpec], out: &Output) -> Result<u8> {
    let mut docs = Vec::new();
    let mut broken = 0;
    for spec in specs {
        let store = spec.open()?;
        let all = catalog::manifests(store.as_ref(), out)?;
        let bases: Vec<&crate::backup::basebackup::Physical> =
            all.iter().filter_map(|m| m.physical.as_ref()).collect();
        let chain = crate::backup::wal::check_chain(spec, &bases)?;
        let place = spec.under("wal").place();
        let line = match (&chain.first, chain.is_complete()) {
            (None, _) => format!("{}: no base backup, so no chain to check ({place})", spec.name),
            (Some(first), true) => format!(
                "ok      {}: {} from {first} to {} on {} {}, none missing ({place})",
                spec.name,
                crate::text::count(chain.segments, "segment"),
                chain.last.as_deref().unwrap_or("-"),
                crate::text::plural(chain.timelines.len(), "timeline"),
                chain.timelines.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")
            ),
            (Some(first), false) => {
                broken += 1;
                let mut why = Vec::new();
                if !chain.missing.is_empty() {
                    why.push(format!("missing {}", chain.missing.join(", ")));
                }
                if !chain.incomplete.is_empty() {
                    why.push(format!(
                        "half stored (a record without its data, or data without its record): {}",
                        chain.incomplete.join(", ")
                    ));
                }
                if !chain.conflicting.is_empty() {
                    why.push(format!(
                        "archived with two contents (two servers archive to this place; give each its own prefix): {}",
                        chain.conflicting.join(", ")
                    ));
                }
                format!(
                    "FAILED  {}: the chain from {first} is broken: {}; recovery cannot pass the first gap: take a new \
                     base backup (`dbctl backup --physical`) ({place})",
                    spec.name,
                    why.join("; ")
                )
            }
        };
        if out.settings.json {
            let mut doc = serde_json::to_value(&chain)?;
            doc["destination"] = spec.name.as_str().into();
            doc["ok"] = chain.is_complete().into();
            docs.push(doc);
        } else {
            out.stdout(&format!("{line}\n"))?;
        }
    }
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&docs)?))?;
    }
    Ok(if broken > 0 { 1 } else { 0 })
}

pub fn verify(args: &VerifyArgs, specs: &[DestinationSpec], settings: &Settings, out: &Output) -> Result<u8> {
    if args.wal {
        return verify_wal(specs, out);
    }
    // The backup chosen in each destination: every copy is checked on its own.
    let (dests, all) = everywhere(specs, out)?;
    let mut chosen: Vec<(usize, &Manifest)> = Vec::new();
    let mut not_found = Vec::new();
    let want = args.backup.as_deref().unwrap_or("latest");
    let me = (want == "latest" && !args.all)
        .then(|| crate::backup::identity::Identity::current(&BackupConfig::from_settings(settings), out))
        .flatten();
    for (i, d) in dests.iter().enumerate() {
        let here: Vec<Manifest> = all.iter().filter(|(at, _)| *at == i).map(|(_, m)| m.clone()).collect();
        if args.all {
            chosen.extend(all.iter().filter(|(at, _)| *at == i).map(|(at, m)| (*at, m)));
            continue;
        }
        match catalog::find(&here, want, me.as_ref(), d.store.as_ref(), out) {
            Ok(m) => {
                let m = all.iter().find(|(at, x)| *at == i && x.id == m.id).map(|(_, x)| x).expect("listed");
                chosen.push((i, m));
            }
            Err(e) => not_found.push(e),
        }
    }
    if chosen.is_empty()
        && let Some(e) = not_found.into_iter().next()
    {
        return Err(e);
    }
    let several = dests.len() > 1;
    let mut keys = Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    let mut failed = 0;
    let mut reports = Vec::new();
    for (at, m) in chosen {
        let store = dests[at].store.as_ref();
        let label = if several { format!("{} ({})", m.artifact, dests[at].name) } else { m.artifact.clone() };
        let spec = specs.iter().find(|s| s.name == dests[at].name).expect("an opened destination");
        let outcome = crate::restore::scratch::check_copy(
            spec,
            store,
            m,
            &mut keys,
            args.restore_test,
            &crate::restore::Config::from_settings(settings),
            out,
        );
        if out.settings.json {
            let checks: Vec<serde_json::Value> = outcome
                .iter()
                .map(|(ok, detail)| serde_json::json!({ "ok": ok, "detail": detail }))
                .collect();
            reports.push(serde_json::json!({
                "id": m.id, "artifact": m.artifact, "database": m.database, "destination": dests[at].name,
                "ok": outcome.iter().all(|(ok, _)| *ok), "restore_test": args.restore_test, "checks": checks,
            }));
        } else {
            for (ok, detail) in &outcome {
                out.stdout(&format!("{}  {}: {detail}\n", if *ok { "ok    " } else { "FAILED" }, label))?;
            }
        }
        if !outcome.iter().all(|(ok, _)| *ok) {
            failed += 1;
        }
        if let Err(e) = verify::record(store, m, &outcome, args.restore_test) {
            out.warn(&format!("could not record the result of the verify beside {}: {e:#}", m.artifact));
        }
    }
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&reports)?))?;
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// `--all-servers backup`: the primaries' backups, one summary with SERVER; `backup list` as it
/// is (every server's backups are in the storage they share).
pub fn all_servers(
    args: &crate::cli::BackupArgs,
    dests: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    match &args.command {
        None => backup_servers(&args.create, dests, settings, out),
        Some(crate::cli::BackupCommand::Create(a)) => backup_servers(a, dests, settings, out),
        Some(crate::cli::BackupCommand::List) => list(dests, settings, out),
        Some(_) => Err(crate::error::not_for_all_servers()),
    }
}

/// Each primary's databases (its URL's, the ones named, or all), one backup each, one summary.
fn backup_servers(
    args: &CreateBackupArgs,
    dests: &[DestinationSpec],
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let configured = BackupConfig::from_settings(settings);
    let opts = options(args, dests, &configured, true)?;
    let mut rows: Vec<(String, Outcome)> = Vec::new();
    let mut skipped: Vec<(String, String, String)> = Vec::new();
    for server in settings.primaries()? {
        let (name, cfg) = (&server.name, configured.for_server(server));
        match crate::backup::databases::of_server(&cfg, server, &args.exclude, out) {
            Ok(found) => {
                skipped.extend(found.skipped.into_iter().map(|(db, why)| (name.clone(), db, why)));
                let jobs = args.jobs.unwrap_or(1) as usize;
                for o in crate::backup::databases::run(&opts, &cfg, found.databases, jobs, out) {
                    rows.push((name.clone(), o));
                }
            }
            Err(e) => {
                rows.push((name.clone(), Outcome { database: "(all)".into(), made: Err(e), seconds: 0.0 }))
            }
        }
    }
    summarize(&rows, &skipped, args, dests, Some(&configured), out)
}
