//! `dbctl restore`: the backup pipeline run backwards, committed only once every check passed.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::backup::unpack::{Content, Keys};
use crate::cli::RestoreArgs;
use crate::commands::guard;
use crate::db::DbTarget;
use crate::error::ConfigError;
use crate::output::Output;
use crate::restore::{self, Listing, RestoreOptions, StoredBackup};
use crate::settings::Settings;
use crate::storage::DestinationSpec;

fn options(args: &RestoreArgs, settings: &Settings) -> Result<RestoreOptions> {
    let target = match &args.to {
        Some(url) => DbTarget::parse(url, &std::env::current_dir()?).map_err(ConfigError::new)?,
        None => {
            settings.database.target.require_configured()?;
            settings.database.target.clone()
        }
    };
    Ok(RestoreOptions {
        target,
        target_given: args.to.is_some(),
        identity: args.identity.clone(),
        create: args.create,
        clean: args.clean,
        jobs: args.jobs,
        safety_backup: !args.no_safety_backup,
        allow_unencrypted: args.allow_unencrypted,
        flush_redis: args.flush_redis.clone(),
        force: args.force,
        ownership: crate::restore::Ownership {
            no_owner: args.no_owner,
            no_acl: args.no_acl,
            map: args.role_map.clone(),
        },
    })
}

pub fn run(args: &RestoreArgs, dests: &[DestinationSpec], settings: &Settings, out: &Output) -> Result<u8> {
    crate::sys::signals::install().context("catching SIGINT and SIGTERM")?;
    if args.physical {
        return physical(args, dests, settings, out);
    }
    let cfg = restore::Config::from_settings(settings);
    let source = restore::locate(&args.backup, dests, args.destination.is_some(), &cfg, out)?;
    if source.is_base() {
        return Err(ConfigError::new(format!(
            "{} is a physical base backup of the whole cluster, not a dump: restore it with `dbctl restore --physical \
             {} --pgdata DIR`",
            source.label, args.backup
        ))
        .into());
    }
    let mut keys = Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    if args.list {
        let listing = restore::inspect(&source, &mut keys, &cfg, out)?;
        return list(&source, &listing, out);
    }
    let around = crate::hooks::Around::start("restore", &settings.hooks, out)?;
    let result = restore_and_report(&source, &mut keys, args, &cfg, settings, out);
    around.finish(
        &result
            .as_ref()
            .map(|_| crate::hooks::Outcome {
                backup_id: source.manifest.as_ref().map(|m| m.id.clone()),
                artifact: Some(source.label.clone()),
                ..Default::default()
            })
            .map_err(|e| anyhow::anyhow!("{e:#}")),
    );
    result
}

/// `restore --physical`: a base backup as a data directory that recovers from the WAL archive.
fn physical(args: &RestoreArgs, dests: &[DestinationSpec], settings: &Settings, out: &Output) -> Result<u8> {
    use crate::restore::physical::{self, Target};
    let cfg = restore::Config::from_settings(settings);
    let target = Target::from_args(
        args.target_time.as_deref(),
        args.target_lsn.as_deref(),
        args.target_xid.as_deref(),
        args.target_name.as_deref(),
    )
    .map_err(|e| ConfigError::new(format!("{e:#}")))?;
    let source = if args.backup == "latest" {
        restore::locate_base_before(dests, &cfg, out, &|m| {
            let stop = m.physical.as_ref().and_then(|p| crate::backup::basebackup::parse_lsn(&p.stop_lsn));
            target.after_backup(m.finished(), stop)
        })?
    } else {
        restore::locate_kind(&args.backup, dests, args.destination.is_some(), &cfg, out, true)?
    };
    let mut keys = Keys::load(&args.identity, settings.backup.encryption_key.as_deref())?;
    // What the server's restore_command needs to find this project's settings and keys, from
    // wherever it runs (the data directory), without this shell's environment.
    let cwd = std::env::current_dir().context("reading the working directory")?;
    let absolute = |p: &std::path::Path| cwd.join(p).to_string_lossy().into_owned();
    let mut before = vec!["-C".to_string(), cwd.to_string_lossy().into_owned()];
    if let Some(file) = &settings.config_file {
        before.extend(["--config".to_string(), absolute(file)]);
    }
    // The environment file named by --env-file or DBCTL_ENV_FILE (the project's .env is found
    // again from -C).
    if let Some(file) = settings.named_env_file() {
        before.extend(["--env-file".to_string(), absolute(file)]);
    }
    if let Some(profile) = &settings.profile {
        before.extend(["--env".to_string(), profile.clone()]);
    }
    before.extend(["--quiet", "wal", "fetch"].map(String::from));
    let mut after = Vec::new();
    for i in &args.identity {
        after.extend(["-i".to_string(), absolute(i)]);
    }
    if let Some(d) = args.destination {
        after.extend(["--destination".to_string(), d.to_string()]);
    }
    for r in &settings.resolved {
        let storage = r.key.name.starts_with("backup.s3.")
            || r.key.name.starts_with("backup.gcs.")
            || r.key.name.starts_with("backup.local")
            || r.key.name == "backup.encryption_key";
        if storage && matches!(r.origin, crate::settings::Origin::Env(_) | crate::settings::Origin::Flag(_)) {
            out.warn(&format!(
                "{} comes from this shell ({}), which the restored server's restore_command does not see: put it in \
                 the project's .env or dbctl.toml, or the server will not find its WAL",
                r.key.name, r.origin
            ));
        }
    }
    let pgdata = cwd.join(args.pgdata.as_ref().expect("clap requires --pgdata with --physical"));
    let opts = physical::Options {
        pgdata,
        clean: args.clean,
        target,
        start: args.start,
        archive: args.archive,
        fetch_before: before,
        fetch_after: after,
        wait: cfg.base.wait.unwrap_or(std::time::Duration::from_secs(3600)),
    };
    let url = match &cfg.base.target {
        DbTarget::Postgres { url } => Some(url.as_str()),
        _ => None,
    };
    // The restore hooks and notifications, as around a dump's restore.
    let around = crate::hooks::Around::start("restore", &settings.hooks, out)?;
    let done = physical::restore(&source, &mut keys, &opts, &cfg.base.backup.pg_bin_dirs, url, out);
    around.finish(
        &done
            .as_ref()
            .map(|d| crate::hooks::Outcome {
                backup_id: Some(d.backup_id.clone()),
                artifact: Some(source.label.clone()),
                ..Default::default()
            })
            .map_err(|e| anyhow::anyhow!("{e:#}")),
    );
    let done = done?;
    let report = serde_json::json!({
        "backup_id": done.backup_id,
        "pgdata": done.pgdata,
        "recovered_to": done.recovered_to,
        "started": args.start.map(|p| format!("127.0.0.1:{p}")),
    });
    if out.settings.json {
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        match (&done.recovered_to, args.start) {
            (Some(at), Some(port)) => out.stdout(&format!(
                "restored base backup {} into {}; recovered to {at} (the last transaction replayed); the server runs \
                 on 127.0.0.1:{port} (stop it with: pg_ctl -D {} stop)\n",
                done.backup_id,
                done.pgdata.display(),
                done.pgdata.display()
            ))?,
            _ => out.stdout(&format!(
                "restored base backup {} into {}; start it to recover (as the server's user): pg_ctl -D {} start\n",
                done.backup_id,
                done.pgdata.display(),
                done.pgdata.display()
            ))?,
        }
    }
    Ok(0)
}

/// The restore and its report, between the hooks.
fn restore_and_report(
    source: &StoredBackup,
    keys: &mut Keys,
    args: &RestoreArgs,
    cfg: &restore::Config,
    settings: &Settings,
    out: &Output,
) -> Result<u8> {
    let started = Instant::now();
    if source.other_engine() {
        return other_engine(source, keys, args, cfg, out, started);
    }
    let opts = options(args, settings)?;
    let plan = restore::plan(source, keys, &opts, cfg, out)?;
    if let Some(what) = &plan.prepared.not_empty {
        let question = format!("the restore replaces everything in {} ({what})", opts.target.display());
        guard::protected(settings, args.yes, &question)?;
        // --clean is the consent in a script; a person at a terminal is asked as well.
        if !args.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
            crate::output::ask_yes(&question)?;
        }
    }
    // The server's roles and tablespaces first, so that the dump's owners and grants find them.
    let globals = match args.globals {
        true => {
            let applied = restore::globals::restore(source, keys, &opts.target, &opts.ownership, cfg, out)?;
            for (what, names) in [
                ("created roles", &applied.created_roles),
                ("kept the existing roles as they are", &applied.kept_roles),
                ("created tablespaces", &applied.created_tablespaces),
                ("kept the existing tablespaces", &applied.kept_tablespaces),
            ] {
                if !names.is_empty() {
                    out.info(&format!("globals: {what}: {}", names.join(", ")));
                }
            }
            Some(applied)
        }
        false => None,
    };
    let done = restore::execute(source, keys, &plan, &opts, cfg, out)?;

    let (target, restored, content) = (&opts.target, &done.restored, plan.content);
    let secs = started.elapsed().as_secs_f64();
    if out.settings.json {
        let value = serde_json::json!({
            "restored": source.label,
            "id": source.manifest.as_ref().map(|m| m.id.clone()),
            "target": target.display(),
            "content": content.as_str(),
            "stored_bytes": restored.stored.bytes,
            "sha256": recorded_sha256(source, &restored.stored),
            "uncompressed_bytes": restored.raw_bytes,
            "tables": restored.tables,
            "safety_backup": done.safety.as_ref().map(|m| serde_json::json!({"id": m.id, "artifact": m.artifact})),
            "redis_keys_removed": done.redis_keys_removed,
            "globals": globals,
            "duration_ms": (secs * 1000.0) as u64,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else if !out.settings.quiet {
        let tables = restored.tables.as_ref().map_or(String::new(), |t| format!(", {} tables", t.len()));
        out.stdout(&format!(
            "restored {} into {}: {} ({} stored{tables}) in {} ({}/s)\n",
            source.label,
            target.display(),
            crate::text::bytes(restored.raw_bytes as f64),
            crate::text::bytes(restored.stored.bytes as f64),
            crate::text::duration(secs),
            crate::text::bytes(restored.raw_bytes as f64 / secs.max(0.001)),
        ))?;
    }
    Ok(0)
}

/// `restore --list`: the backup's tables, and what it is.
fn list(source: &StoredBackup, l: &Listing, out: &Output) -> Result<u8> {
    // What made it, from its manifest (a bare file has none).
    let made_by = source.manifest.as_ref().map(|m| (m.server_version.clone(), m.dump_tool.clone()));
    if out.settings.json {
        let value = serde_json::json!({
            "backup": source.label,
            "server_version": made_by.as_ref().map(|m| &m.0),
            "dump_tool": made_by.as_ref().map(|m| &m.1),
            "content": l.content.as_str(),
            "compression": l.compression.as_str(),
            "encrypted": l.encrypted,
            "stored_bytes": l.stored.bytes,
            "sha256": recorded_sha256(source, &l.stored),
            "tables": l.tables,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = l
        .tables
        .iter()
        .map(|(name, t)| {
            let size =
                if l.content == Content::Sqlite { "-".into() } else { crate::text::bytes(t.bytes as f64) };
            vec![name.clone(), t.rows.to_string(), size]
        })
        .collect();
    let mut text = crate::output::table(&["TABLE", "ROWS", "SIZE"], &rows, |_, _, s| s.to_string());
    text.push_str(&format!(
        "{}: {} dump, {}, {}, {} stored, sha256 {}; {} tables\n",
        source.label,
        l.content.as_str(),
        l.compression.as_str(),
        if l.encrypted { "age-encrypted" } else { "not encrypted" },
        crate::text::bytes(l.stored.bytes as f64),
        &recorded_sha256(source, &l.stored)[..16],
        l.tables.len()
    ));
    if let Some((server, tool)) = &made_by {
        text.push_str(&format!("made from {server} with {tool}\n"));
    }
    out.stdout(&text)?;
    Ok(0)
}

/// A Redis snapshot (into the RDB file `--to` names) or a dump command's backup (into
/// `restore.command`).
fn other_engine(
    source: &StoredBackup,
    keys: &mut Keys,
    args: &RestoreArgs,
    cfg: &restore::Config,
    out: &Output,
    started: Instant,
) -> Result<u8> {
    let m = source.manifest.as_ref().expect("other engines' backups have manifests");
    let done = if m.backend == "redis" {
        let to = args.to.as_deref().ok_or_else(|| {
            crate::error::ConfigError::new(
                "a Redis snapshot is restored into an RDB file: give its path with --to (redis-server's \
                 `dir`/`dbfilename`, with redis-server stopped)",
            )
        })?;
        let done = restore::other::redis(source, keys, to, args.clean)?;
        out.info(&format!(
            "to load it: stop redis-server, put {} where its `dir` and `dbfilename` point (CONFIG GET dir \
             dbfilename), with appendonly off or its AOF removed, and start it",
            done.into
        ));
        done
    } else {
        restore::other::command(source, keys, cfg, out)?
    };
    let secs = started.elapsed().as_secs_f64();
    if out.settings.json {
        let value = serde_json::json!({
            "restored": source.label, "id": m.id, "backend": m.backend, "into": done.into,
            "uncompressed_bytes": done.bytes, "duration_ms": (secs * 1000.0) as u64,
        });
        out.stdout(&format!("{}\n", serde_json::to_string_pretty(&value)?))?;
    } else if !out.settings.quiet {
        out.stdout(&format!(
            "restored {} into {}: {} in {}\n",
            source.label,
            done.into,
            crate::text::bytes(done.bytes as f64),
            crate::text::duration(secs)
        ))?;
    }
    Ok(0)
}

/// The stored bytes' sha256 as the backup's manifest records it (an age file's payload's, for
/// one summed in two pieces), or the whole file's when there is no manifest.
fn recorded_sha256(source: &crate::restore::StoredBackup, sum: &crate::backup::unpack::StoredSum) -> String {
    source.manifest.as_ref().map_or_else(|| sum.sha256.clone(), |m| m.recorded_sha256(sum))
}
