//! The names of the files PostgreSQL archives, checked before one is used as an object name or
//! a path: segments (`000000010000000A000000FF`), partial segments (`….partial`), timeline
//! history files (`00000002.history`) and backup history files (`….00000028.backup`).

use anyhow::{Result, bail};

/// What kind of WAL file a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Segment,
    Partial,
    History,
    BackupHistory,
}

/// A WAL file's name, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalName {
    pub file: String,
    pub timeline: u32,
    pub kind: Kind,
}

impl WalName {
    /// A segment's position on its timeline (log and segment number as one), for ordering and
    /// for finding gaps; none for history files.
    pub fn position(&self) -> Option<(u32, u32)> {
        match self.kind {
            Kind::History => None,
            _ => Some((hex8(&self.file[8..16])?, hex8(&self.file[16..24])?)),
        }
    }
}

fn hex8(s: &str) -> Option<u32> {
    (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)))
        .then(|| u32::from_str_radix(s, 16).ok())
        .flatten()
}

/// Parses a WAL file name as PostgreSQL writes it (upper-case hex); anything else is refused.
pub fn parse(name: &str) -> Result<WalName> {
    let refuse = || {
        anyhow::anyhow!(
            "`{}` is not the name of a WAL file (a segment such as 000000010000000000000003, a .partial \
             segment, a .history or a .backup file)",
            crate::text::escape_controls(crate::text::prefix(name, 64))
        )
    };
    let segment = |s: &str| {
        s.len() == 24 && hex8(&s[..8]).is_some() && hex8(&s[8..16]).is_some() && hex8(&s[16..]).is_some()
    };
    let (timeline, kind) = if segment(name) {
        (&name[..8], Kind::Segment)
    } else if let Some(seg) = name.strip_suffix(".partial").filter(|s| segment(s)) {
        (&seg[..8], Kind::Partial)
    } else if let Some(tli) = name.strip_suffix(".history").filter(|s| hex8(s).is_some()) {
        (tli, Kind::History)
    } else if let Some((seg, offset)) = name.strip_suffix(".backup").and_then(|s| s.split_once('.'))
        && segment(seg)
        && hex8(offset).is_some()
    {
        (&seg[..8], Kind::BackupHistory)
    } else {
        return Err(refuse());
    };
    let timeline = hex8(timeline).ok_or_else(refuse)?;
    if timeline == 0 {
        bail!(refuse());
    }
    Ok(WalName { file: name.to_string(), timeline, kind })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_postgresql_writes_and_nothing_else() {
        let s = parse("000000010000000A000000FF").unwrap();
        assert_eq!((s.timeline, s.kind, s.position()), (1, Kind::Segment, Some((10, 255))));
        assert_eq!(parse("0000000200000000000000A1.partial").unwrap().kind, Kind::Partial);
        let h = parse("0000000A.history").unwrap();
        assert_eq!((h.timeline, h.kind, h.position()), (10, Kind::History, None));
        assert_eq!(parse("000000010000000000000002.00000028.backup").unwrap().kind, Kind::BackupHistory);
        for bad in [
            "",
            "../000000010000000000000001",
            "000000010000000000000001/x",
            "000000000000000000000001",
            "0000000100000000000000a1",
            "00000001000000000000000",
            "000000010000000000000001.json",
            "00000000.history",
            "RECOVERYXLOG",
            "000000010000000000000002.0000002.backup",
            "000000010000000000000002\n",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} is refused");
        }
    }
}
