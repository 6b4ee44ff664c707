//! The values settings take: the words some keys choose among (as types), and the parsers of
//! durations, sizes, counts, URLs and names. A leaf: it uses nothing of dbctl but the URL
//! redaction and text helpers, so settings, the command line and every domain can share it.

use std::time::Duration;

use crate::redact::redact_url;
use crate::text::escape_controls;

/// The words a key accepts: the names shown, and other spellings read as one of them
/// (`BACKUP_COMPRESSION=true` as `gzip`).
#[derive(Debug)]
pub struct Choices {
    pub names: &'static [&'static str],
    pub aliases: &'static [(&'static str, &'static str)],
}

impl Choices {
    /// The name `text` means (case and surrounding spaces ignored), or an error listing the
    /// accepted names and the closest one.
    pub fn pick(&self, text: &str) -> Result<&'static str, String> {
        let want = text.trim();
        if let Some(name) = self.names.iter().find(|n| n.eq_ignore_ascii_case(want)) {
            return Ok(name);
        }
        if let Some((_, name)) = self.aliases.iter().find(|(a, _)| a.eq_ignore_ascii_case(want)) {
            return Ok(name);
        }
        let lower = want.to_ascii_lowercase();
        let closest = self
            .names
            .iter()
            .map(|n| (strsim::jaro_winkler(&lower, &n.to_ascii_lowercase()), *n))
            .filter(|(score, _)| *score > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        Err(format!("`{}` is not one of {}{closest}", escape_controls(want), self.names.join(", ")))
    }
}

/// A type whose values are the words of a key.
pub trait Choice: Sized + Copy + 'static {
    const CHOICES: Choices;
    const ALL: &'static [Self];

    fn as_str(self) -> &'static str;

    /// Reads one of [`Self::CHOICES`]; an unknown word is an error naming the accepted ones.
    fn parse(text: &str) -> Result<Self, String> {
        let name = Self::CHOICES.pick(text)?;
        Ok(*Self::ALL.iter().find(|v| v.as_str() == name).expect("every name has a value"))
    }
}

/// Declares an enum whose variants are the listed words, with its [`Choice`] implementation.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
        $( aliases { $( $alias:literal => $target:literal ),* $(,)? } )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl Choice for $name {
            const CHOICES: Choices = Choices {
                names: &[$($text),+],
                aliases: &[$($( ($alias, $target) ),*)?],
            };
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }
        }

        impl $name {
            /// The word as settings, flags and manifests spell it.
            pub fn as_str(self) -> &'static str {
                <Self as Choice>::as_str(self)
            }

            /// Reads one of the accepted words (or an alias).
            pub fn parse(text: &str) -> Result<Self, String> {
                <Self as Choice>::parse(text)
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice! {
    /// `backup.format`: pg_dump's output formats dbctl offers.
    pub enum DumpFormat {
        /// SQL text, restorable with psql.
        Plain = "plain",
        /// pg_dump's custom archive (`-Fc -Z0`; dbctl compresses), restorable with pg_restore.
        Custom = "custom",
    }
}

choice! {
    /// `migrations.format`: how the migrations directory is laid out.
    pub enum MigrationFormat {
        /// Prisma's when `migration_lock.toml` (or only migration.sql folders) is there.
        Auto = "auto",
        Diesel = "diesel",
        Prisma = "prisma",
    }
}

choice! {
    /// `backup.lock`: where the lock that keeps one backup per database at a time lives.
    pub enum LockKind {
        /// A file in the local backup directory (or the temp directory).
        File = "file",
        /// A Redis lease shared by every host using the same Redis.
        Redis = "redis",
    }
}

choice! {
    /// `backup.from`: which server of a primary and its replicas is dumped.
    pub enum DumpFrom {
        Primary = "primary",
        /// A healthy replica when one is configured, else the primary.
        Replica = "replica",
    }
}

choice! {
    /// `--log-format`: how messages on stderr are written.
    pub enum LogFormat {
        Text = "text",
        /// One JSON object per line.
        Json = "json",
    }
}

choice! {
    /// `backup.engine`: what `dbctl backup` dumps.
    pub enum BackupEngine {
        /// `command` when DATABASE_URL is another engine's (mongodb://) or only a dump command is set.
        Auto = "auto",
        Database = "database",
        Command = "command",
    }
}

choice! {
    /// `backup.compression`.
    pub enum Compression {
        Gzip = "gzip",
        Zstd = "zstd",
        None = "none",
    }
    aliases {
        "gz" => "gzip", "zst" => "zstd",
        "true" => "gzip", "yes" => "gzip", "on" => "gzip", "1" => "gzip",
        "false" => "none", "no" => "none", "off" => "none", "0" => "none",
    }
}

choice! {
    /// `backup.encryption`, as written (what it decides is the settings' encryption policy).
    pub enum EncryptionMode {
        Age = "age",
        None = "none",
    }
    aliases {
        "true" => "age", "yes" => "age", "on" => "age", "1" => "age",
        "false" => "none", "no" => "none", "off" => "none", "0" => "none",
    }
}

choice! {
    /// `backup.s3.sse`: S3's server-side encryption.
    pub enum ServerSideEncryption {
        Aes256 = "AES256",
        Kms = "aws:kms",
    }
}

choice! {
    /// `backup.s3.object_lock`: S3 Object Lock's retention mode for every object of a backup.
    pub enum ObjectLockMode {
        Governance = "governance",
        Compliance = "compliance",
    }
}

/// `backup.s3.lock_days`: a number of days, or a duration (`36h`, `90 days`).
pub fn parse_lock_period(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => {
            Err("a lock of 0 days locks nothing; give a number of days (or a duration such as 36h)".into())
        }
        Ok(days) => Ok(Duration::from_secs(days.saturating_mul(86_400))),
        Err(_) => parse_duration(text),
    }
}

choice! {
    /// Where backups are stored, in the order they are written and read.
    pub enum Destination {
        Local = "local",
        S3 = "s3",
        Gcs = "gcs",
    }
}

/// Parses a duration such as `500ms`, `5s`, `2m`, `1h 30m`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    if let Ok(secs) = text.parse::<f64>()
        && secs.is_finite()
        && secs >= 0.0
    {
        return Ok(Duration::from_secs_f64(secs));
    }
    humantime::parse_duration(text).map_err(|e| {
        format!("`{}` is not a duration ({e}); write it like 500ms, 30s, 5m or 1h", escape_controls(text))
    })
}

/// true / false, also yes/no, on/off, 1/0.
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("`{}` is not a boolean; use true or false", escape_controls(s))),
    }
}

/// A whole number of at least `min`.
pub fn parse_count(s: &str, min: u64) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("`{}` is not a whole number ≥ {min}", escape_controls(s))),
    }
}

/// A percentage from 0 to 100 (`%` allowed).
pub fn parse_percent(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches('%').trim();
    match t.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{}` is not a percentage; write a number from 0 to 100", escape_controls(s))),
    }
}

/// A number of bytes, not negative.
pub fn parse_bytes_number(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{}` is not a number of bytes", escape_controls(s))),
    }
}

/// A size: a number of bytes, or with a unit (KiB, MiB, GiB, TiB; KB, MB, GB, TB; B).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let shown = escape_controls(t);
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("`{shown}` is not a size (500MiB, 64GiB)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" | "k" => 1 << 10,
        "mib" | "m" => 1 << 20,
        "gib" | "g" => 1 << 30,
        "tib" | "t" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => return Err(format!("`{shown}` is not a size (500MiB, 64GiB)")),
    };
    n.checked_mul(factor).filter(|v| *v > 0).ok_or_else(|| format!("`{shown}` is not a size dbctl can use"))
}

/// A TCP port, 0 to 65535.
pub fn parse_port(s: &str) -> Result<u16, String> {
    s.trim().parse::<u16>().map_err(|_| format!("`{}` is not a port (0-65535)", escape_controls(s)))
}

/// An IP address to listen on.
pub fn parse_ip(s: &str) -> Result<std::net::IpAddr, String> {
    s.trim()
        .parse::<std::net::IpAddr>()
        .map_err(|_| format!("`{}` is not an IP address (127.0.0.1, ::1 or 0.0.0.0)", escape_controls(s)))
}

/// Whether `s` is a bucket name: `min..=max` characters, lowercase letters, digits and `extra`,
/// starting and ending with a letter or digit.
fn bucket_name(s: &str, extra: &[char], max: usize) -> bool {
    let ok_chars = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c));
    let edges = s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric());
    (3..=max).contains(&s.len()) && ok_chars && edges
}

/// An S3 bucket name.
pub fn parse_bucket(s: &str) -> Result<String, String> {
    if bucket_name(s, &['-', '.'], 63) {
        return Ok(s.to_string());
    }
    Err(format!(
        "`{}` is not a valid S3 bucket name; use 3 to 63 lowercase letters, digits, dots or hyphens",
        escape_controls(s)
    ))
}

/// Google's rules: 3 to 63 characters (222 with dots), lowercase letters, digits, `-`, `_`, `.`,
/// starting and ending with a letter or digit.
pub fn parse_gcs_bucket(s: &str) -> Result<String, String> {
    if bucket_name(s, &['-', '_', '.'], if s.contains('.') { 222 } else { 63 }) {
        return Ok(s.to_string());
    }
    Err(format!(
        "`{}` is not a valid GCS bucket name; use 3 to 63 lowercase letters, digits, dots, hyphens or \
         underscores",
        escape_controls(s)
    ))
}

/// An http(s) URL with a host.
pub fn parse_http_url(s: &str) -> Result<String, String> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(s.to_string()),
        _ => Err(format!("`{}` is not an http(s) URL", escape_controls(&redact_url(s)))),
    }
}

/// A storage endpoint: https, or http on this host only (an emulator), since the requests carry
/// credentials (a bearer token, signed requests) and the backups themselves.
pub fn parse_endpoint_url(s: &str) -> Result<String, String> {
    let checked = parse_http_url(s)?;
    let u = url::Url::parse(s).map_err(|e| e.to_string())?;
    let loopback = match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if u.scheme() == "http" && !loopback {
        return Err(format!(
            "`{}` is plain http to another host, which would carry the storage's credentials and the backups in \
             the clear; use https:// (http:// is for an emulator on this host)",
            escape_controls(&redact_url(s))
        ));
    }
    Ok(checked)
}

/// A Redis URL (redis://, rediss://, unix://).
pub fn parse_redis_url(s: &str) -> Result<String, String> {
    use redis::IntoConnectionInfo;
    let scheme = s.split("://").next().unwrap_or_default();
    let shown = escape_controls(&redact_url(s));
    if !matches!(scheme, "redis" | "rediss" | "unix" | "redis+unix") || !s.contains("://") {
        return Err(format!(
            "`{shown}` is not a Redis URL; write redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS, or \
             unix:///path/to/socket"
        ));
    }
    s.into_connection_info()
        .map(|_| s.to_string())
        .map_err(|e| format!("`{shown}` is not a valid Redis URL: {e}"))
}

/// `backup.name`: 1 to 64 letters, digits, `.`, `_` or `-`.
pub fn parse_backup_name(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{}` is not a backup name: use 1 to 64 letters, digits, `.`, `_` or `-`",
            escape_controls(s)
        ))
    }
}

/// `backup.dump_name`: 1 to 63 letters, digits, `_` or `-`.
pub fn parse_dump_name(s: &str) -> Result<String, String> {
    if !s.is_empty() && s.len() <= 63 && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c)) {
        Ok(s.to_string())
    } else {
        Err(format!("`{}` is not a dump name: use 1 to 63 letters, digits, `_` and `-`", escape_controls(s)))
    }
}

/// Parses `OLD=NEW` for `--role-map`.
pub fn parse_role_map(text: &str) -> Result<(String, String), String> {
    let (old, new) = text.split_once('=').ok_or_else(|| format!("`{text}` is not OLD=NEW"))?;
    let (old, new) = (old.trim(), new.trim());
    if old.is_empty() || new.is_empty() || old.len() > 63 || new.len() > 63 {
        return Err(format!("`{text}`: both role names are needed, each at most 63 bytes"));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err("a role name cannot hold control characters".into());
    }
    Ok((old.to_string(), new.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("1h 30m").unwrap(), Duration::from_secs(5400));
        let err = parse_duration("soon").unwrap_err();
        assert!(err.contains("`soon` is not a duration"), "{err}");
    }

    #[test]
    fn choices_read_names_and_aliases_and_name_the_closest() {
        assert_eq!(LockKind::parse(" Redis ").unwrap(), LockKind::Redis);
        assert_eq!(Compression::parse("zst").unwrap(), Compression::Zstd);
        assert_eq!(Compression::parse("true").unwrap(), Compression::Gzip);
        assert_eq!(EncryptionMode::parse("off").unwrap(), EncryptionMode::None);
        assert_eq!(ServerSideEncryption::parse("aes256").unwrap().as_str(), "AES256");
        let err = LockKind::parse("redsi").unwrap_err();
        assert_eq!(err, "`redsi` is not one of file, redis; did you mean `redis`?");
        let err = MigrationFormat::parse("prsima").unwrap_err();
        assert!(err.ends_with("did you mean `prisma`?"), "{err}");
        let err = DumpFormat::parse("zip\u{1b}[2J").unwrap_err();
        assert!(!err.contains('\u{1b}') && !err.contains("did you mean"), "{err}");
    }

    #[test]
    fn sizes_and_names() {
        assert_eq!(parse_size("64GiB").unwrap(), 64 << 30);
        assert!(parse_size("0").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_port("70000").is_err());
        assert!(parse_backup_name("a/b").is_err());
        assert!(parse_dump_name("").is_err());
    }
}
