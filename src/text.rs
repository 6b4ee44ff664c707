//! Text for people and terminals: durations, sizes, percentages, and text from outside made safe
//! to print. A leaf: it uses nothing else of dbctl.

/// A duration in seconds for people, the one format of every message and report: 850µs,
/// 12.3ms, 4.2s, 3m 20s, 5m, 2h 5m, 26h, 3d 4h (a zero second part is left out).
pub fn duration(secs: f64) -> String {
    let whole = |n: f64| n as u64;
    let pair = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 { format!("{big}{big_unit}") } else { format!("{big}{big_unit} {small}{small_unit}") }
    };
    if secs < 0.001 {
        format!("{:.0}µs", secs * 1e6)
    } else if secs < 1.0 {
        trim_zero(format!("{:.1}", secs * 1e3)) + "ms"
    } else if secs < 60.0 {
        trim_zero(format!("{secs:.1}")) + "s"
    } else if secs < 3600.0 {
        pair(whole(secs / 60.0), "m", whole(secs % 60.0), "s")
    } else if secs < 2.0 * 86400.0 {
        pair(whole(secs / 3600.0), "h", whole((secs % 3600.0) / 60.0), "m")
    } else {
        pair(whole(secs / 86400.0), "d", whole((secs % 86400.0) / 3600.0), "h")
    }
}

/// [`duration`] of a [`std::time::Duration`].
pub fn std_duration(d: std::time::Duration) -> String {
    duration(d.as_secs_f64())
}

fn trim_zero(s: String) -> String {
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Bytes for people, in binary units.
pub fn bytes(n: f64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 { format!("{n:.0} B") } else { format!("{v:.1} {}", UNITS[i]) }
}

/// A percentage for people: 0.4%, 12%.
pub fn percent(p: f64) -> String {
    if p > 0.0 && p < 1.0 { format!("{p:.1}%") } else { format!("{p:.0}%") }
}

/// `text` with control characters (escape sequences, newlines, …) shown as `\u{1b}`, so that text
/// read from files and servers cannot move the cursor or recolor a terminal.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars().map(|c| if hidden(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// Control characters, and the invisible ones that change what a reader sees: zero-width
/// spaces and joiners, bidirectional overrides and isolates, the word joiner and invisible
/// operators, the byte-order mark, interlinear annotations and tag characters.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// At most the first `n` bytes of `text`, cut at a character boundary (for names built from a
/// database's name, which may hold any character).
pub fn prefix(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A whole number with thousands separated by commas: `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number and what it counts, the noun plural unless the number is 1: "1 backup", "3 backups",
/// "0 files". Nouns make their plural with "s" (the messages use no other kind).
pub fn count(n: impl std::fmt::Display, noun: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { noun.to_string() } else { format!("{noun}s") };
    format!("{n} {noun}")
}

/// The noun alone, plural unless `n` is 1, for a list that follows: "the configured destinations:".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 { noun.to_string() } else { format!("{noun}s") }
}

/// `text` in lines of at most `width` characters, broken at spaces (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let len = line.chars().count();
            let need = word.chars().count() + usize::from(len > 0);
            if len + need <= width {
                if len > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_never_cuts_a_character() {
        let name = format!("{}é_rest", "a".repeat(39));
        assert_eq!(prefix(&name, 40), "a".repeat(39));
        assert_eq!(prefix("short", 40), "short");
        assert_eq!(prefix("données", 2), "do");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "backup"), "1 backup");
        assert_eq!(count(0usize, "file"), "0 files");
        assert_eq!(count(3u64, "applied migration"), "3 applied migrations");
        assert_eq!(plural(2, "destination"), "destinations");
        assert_eq!(plural(1, "destination"), "destination");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_only_a_longer_word() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
