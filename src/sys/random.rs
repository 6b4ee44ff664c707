//! Random numbers from the operating system, for ids, tokens, lease values and jitter.

use anyhow::{Result, anyhow};

/// `bytes` random bytes as hex (twice as many digits).
pub fn hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| anyhow!("the operating system gave no random numbers: {e}"))?;
    Ok(hex::encode(buf))
}

/// A random fraction in [0, 1).
pub fn fraction() -> Result<f64> {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf).map_err(|e| anyhow!("the operating system gave no random numbers: {e}"))?;
    Ok((u64::from_le_bytes(buf) >> 11) as f64 / (1u64 << 53) as f64)
}

/// A short random id (6 hex digits); the clock and the pid if the system has no random source,
/// so that a backup never fails for want of a name.
pub fn short_id() -> String {
    hex(3).unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        hex::encode([(nanos >> 16) as u8, (nanos >> 8) as u8, std::process::id() as u8])
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_and_fractions() {
        let a = super::hex(16).unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, super::hex(16).unwrap());
        assert!((0..100).map(|_| super::fraction().unwrap()).all(|f| (0.0..1.0).contains(&f)));
    }
}
