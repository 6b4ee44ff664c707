//! Which keys open which backups: the recipients' fingerprints a manifest records, matched
//! against the configured recipients and against identity files (their public halves), without
//! decrypting anything.

use std::str::FromStr;

use anyhow::{Context, Result, anyhow};

use super::manifest::Manifest;
use super::pipeline::fingerprint;

/// How a backup is encrypted, as its manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lock {
    None,
    Passphrase,
    /// The recipients' fingerprints (`sha256:…`).
    Recipients(Vec<String>),
}

pub fn lock_of(m: &Manifest) -> Lock {
    let Some(e) = &m.encryption else { return Lock::None };
    if e.get("passphrase").and_then(|p| p.as_bool()) == Some(true) {
        return Lock::Passphrase;
    }
    let fps = e
        .get("recipients")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|f| f.as_str()).map(crate::text::escape_controls).collect())
        .unwrap_or_default();
    Lock::Recipients(fps)
}

/// The public recipients of the identities in an identity file: `age1…` for X25519 keys,
/// `ssh-… AAAA…` for an SSH private key.
pub fn identity_recipients(path: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the identity file {}", path.display()))?;
    if text.trim_start().starts_with("-----BEGIN") {
        let id = age::ssh::Identity::from_buffer(std::io::BufReader::new(text.as_bytes()), None)
            .map_err(|e| anyhow!("{} is not a usable SSH private key: {e}", path.display()))?;
        let recipient = age::ssh::Recipient::try_from(id)
            .map_err(|_| anyhow!("{}: the public key of this SSH key cannot be read", path.display()))?;
        return Ok(vec![recipient.to_string()]);
    }
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| l.starts_with("AGE-SECRET-KEY-")) {
        let id = age::x25519::Identity::from_str(line)
            .map_err(|e| anyhow!("{}: a key in it does not read: {e}", path.display()))?;
        out.push(id.to_public().to_string());
    }
    if out.is_empty() {
        anyhow::bail!("{} holds no age identity (AGE-SECRET-KEY-1…) or SSH private key", path.display());
    }
    Ok(out)
}

/// A key known by name: its label (a file, `configured`) and the fingerprints it answers to.
pub struct Known {
    pub label: String,
    pub fingerprints: Vec<String>,
}

impl Known {
    pub fn opens(&self, lock: &Lock) -> bool {
        match lock {
            Lock::None => true,
            Lock::Passphrase => false,
            Lock::Recipients(fps) => fps.iter().any(|f| self.fingerprints.contains(f)),
        }
    }
}

/// An SSH recipient's fingerprint also as it is written with a comment dropped (the manifest
/// holds the fingerprint of the text that was configured).
pub fn fingerprints_of(recipient: &str) -> Vec<String> {
    let mut fps = vec![fingerprint(recipient)];
    let words: Vec<&str> = recipient.split_whitespace().collect();
    if words.len() > 2 {
        fps.push(fingerprint(&words[..2].join(" ")));
    }
    fps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_file_answers_to_its_recipients_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let id = age::x25519::Identity::generate();
        let file = dir.path().join("key.txt");
        std::fs::write(
            &file,
            format!("# created: now\n{}\n", age::secrecy::ExposeSecret::expose_secret(&id.to_string())),
        )
        .unwrap();
        let recipients = identity_recipients(&file).unwrap();
        assert_eq!(recipients, [id.to_public().to_string()]);
        let known = Known { label: "key.txt".into(), fingerprints: fingerprints_of(&recipients[0]) };
        assert!(known.opens(&Lock::Recipients(vec!["sha256:0000".into(), fingerprint(&recipients[0])])));
        assert!(!known.opens(&Lock::Recipients(vec!["sha256:0000".into()])));
        assert!(!known.opens(&Lock::Passphrase));
        std::fs::write(&file, "not a key\n").unwrap();
        assert!(identity_recipients(&file).is_err());
    }
}
