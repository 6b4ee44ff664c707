//! `dbctl backup`, `backup list`, `backup verify`

use anyhow::Result;

use crate::backup::make::{self, MakeOptions};
use crate::backup::producer::DumpFormat;
use crate::backup::unpack::Keys;
use crate::backup::{catalog, manifest::Manifest, prune, verify};
use crate::cli::{CreateBackupArgs, VerifyArgs};
use crate::error::ConfigError;
use crate::output::Output;
use crate::settings::{Compression, OutputSettings, Settings};

/// The flags over the configuration.
fn options(args: &CreateBackupArgs, settings: &Settings) -> Result<MakeOptions> {
    let b = &settings.backup;
    let compression = match args.compression.as_deref() {
        Some(name) => Compression::from_name(name).map_err(ConfigError::new)?,
        None => b.compression,
    };
    Ok(MakeOptions {
        compression,
        level: args.level.or(b.compression_level),
        format: DumpFormat::from_name(args.format.as_deref().unwrap_or(&b.format)),
        encryption: make::encryption(args.no_encryption, &args.recipient, settings)?,
        globals: args.globals,
        tag: None,
    })
}

pub fn create(args: &CreateBackupArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let made = make::make(&options(args, settings)?, settings, &settings.database.target, out)?;
    let m = &made.manifest;
    if out.settings.json {
        // The manifest, and where the backup went.
        let mut doc = serde_json::to_value(m)?;
        let mut location = serde_json::Map::new();
        location.insert("storage".into(), made.location.clone().into());
        for (what, at) in &made.objects {
            location.insert(what.clone(), at.clone().into());
        }
        doc["location"] = location.into();
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&doc)?))?;
    } else if !out.settings.quiet {
        out.stdout(&format!("backup {}\n", made.summary()))?;
    }
    if args.prune {
        // The backup is done and reported; the prune's own report goes to stderr.
        let quiet = Output::new(
            OutputSettings { json: false, quiet: true, ..out.settings },
            settings.redactor.clone(),
        );
        let store = crate::storage::open(settings)?;
        let me = crate::backup::source::Identity::of_manifest(m);
        let removed = prune::apply_configured(store.as_ref(), settings, &me, &quiet)
            .map_err(|e| e.context("the backup succeeded, but pruning old backups failed"))?;
        out.info(&format!("pruned {removed} old backup(s) ({})", settings.backup.retention.describe()));
    }
    Ok(0)
}

pub fn list(settings: &Settings, out: &Output) -> Result<u8> {
    let store = crate::storage::open(settings)?;
    let all = catalog::manifests(store.as_ref(), out)?;
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&all)?))?;
        return Ok(0);
    }
    if all.is_empty() {
        out.stdout(&format!("no backups in {}\n", store.describe()))?;
        return Ok(0);
    }
    // Where they come from, when a database name is shared by several sources.
    let source = |m: &Manifest| m.source.clone().unwrap_or_default();
    let shared = all
        .iter()
        .any(|a| all.iter().any(|b| a.database == b.database && source(a).label() != source(b).label()));
    // Newest first, as `backup prune` shows them.
    let rows: Vec<Vec<String>> = all
        .iter()
        .rev()
        .map(|m| {
            let mut row = vec![m.id.clone(), m.database.clone()];
            if shared {
                row.push(source(m).label());
            }
            row.extend([
                m.started_at.get(..19).unwrap_or(&m.started_at).to_string(),
                crate::output::bytes(m.stored_bytes as f64),
                m.compression.clone(),
                if m.is_encrypted() { "age" } else { "no" }.to_string(),
                m.tag.clone().unwrap_or_default(),
                m.artifact.clone(),
            ]);
            row
        })
        .collect();
    let mut header = vec!["ID", "DATABASE"];
    if shared {
        header.push("SOURCE");
    }
    header.extend(["STARTED", "SIZE", "COMPRESS", "ENCRYPTED", "TAG", "NAME"]);
    let mut text = crate::output::table(&header, &rows, |_, _, s| s.to_string());
    text.push_str(&format!("{} backup(s) in {}\n", all.len(), store.describe()));
    out.stdout(&text)?;
    Ok(0)
}

pub fn verify(args: &VerifyArgs, settings: &Settings, out: &Output) -> Result<u8> {
    let store = crate::storage::open(settings)?;
    let all = catalog::manifests(store.as_ref(), out)?;
    let chosen: Vec<&Manifest> = if args.all {
        all.iter().collect()
    } else {
        let want = args.backup.as_deref().unwrap_or("latest");
        vec![catalog::find(&all, want, settings, store.as_ref(), out)?]
    };
    let mut keys = Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    let mut failed = 0;
    let mut reports = Vec::new();
    for m in &chosen {
        let mut outcome: Vec<(bool, String)> = Vec::new();
        match verify::verify_one(store.as_ref(), m, &mut keys) {
            Ok(detail) => outcome.push((true, detail)),
            Err(e) => outcome.push((false, format!("{e:#}"))),
        }
        if args.restore_test && outcome[0].0 {
            outcome.push(match crate::restore::scratch::restore_test(m, &args.identity, settings, out) {
                Ok(problems) if problems.is_empty() => (
                    true,
                    format!(
                        "restored into a scratch database; every table's row count matches{}",
                        if m.tables.is_some() { " the backup's record" } else { " the dump" }
                    ),
                ),
                Ok(problems) => (false, format!("restore test: {}", problems.join("; "))),
                Err(e) => (false, format!("restore test: {e:#}")),
            });
        }
        if out.settings.json {
            let checks: Vec<serde_json::Value> = outcome
                .iter()
                .map(|(ok, detail)| serde_json::json!({ "ok": ok, "detail": detail }))
                .collect();
            reports.push(serde_json::json!({
                "id": m.id, "artifact": m.artifact, "database": m.database,
                "ok": outcome.iter().all(|(ok, _)| *ok), "restore_test": args.restore_test, "checks": checks,
            }));
        } else {
            for (ok, detail) in &outcome {
                out.stdout(&format!(
                    "{}  {}: {detail}\n",
                    if *ok { "ok    " } else { "FAILED" },
                    m.artifact
                ))?;
            }
        }
        if !outcome.iter().all(|(ok, _)| *ok) {
            failed += 1;
        }
        if let Err(e) = verify::record(store.as_ref(), m, &outcome, args.restore_test) {
            out.warn(&format!("could not record the result of the verify beside {}: {e:#}", m.artifact));
        }
    }
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&reports)?))?;
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
