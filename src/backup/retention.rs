//! Which backups to keep: restic's `forget` rules, as a pure function of the backups' times.
//!
//! - `keep_last N`: the N newest.
//! - `keep_hourly/daily/weekly/monthly/yearly N`: the newest backup of each of the N newest
//!   periods that have a backup (periods without one do not use up the count). Periods are UTC
//!   hours, days, ISO weeks, months and years.
//! - `keep_within D`: every backup no older than D before the newest one.
//!
//! The rules are ORed: a backup is kept when any rule keeps it. The newest backup is always
//! kept, and a policy with no rule keeps everything.

use chrono::{DateTime, Datelike, Timelike, Utc};

/// A retention policy: the rules as `[backup.retention]` holds them (flags may replace each);
/// `None` means the rule is not used.
pub type Policy = crate::settings::RetentionRules;

impl Policy {
    pub fn is_empty(&self) -> bool {
        *self == Policy::default()
    }

    /// `keep_last 7, keep_daily 7, …`, for messages.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(n) = self.keep_last {
            parts.push(format!("keep_last {n}"));
        }
        if let Some(d) = self.keep_within {
            parts.push(format!("keep_within {}", crate::text::std_duration(d)));
        }
        for (name, n) in self.periodic() {
            if let Some(n) = n {
                parts.push(format!("{name} {n}"));
            }
        }
        if parts.is_empty() { "no rule".into() } else { parts.join(", ") }
    }

    fn periodic(&self) -> [(&'static str, Option<u32>); 5] {
        [
            ("keep_hourly", self.keep_hourly),
            ("keep_daily", self.keep_daily),
            ("keep_weekly", self.keep_weekly),
            ("keep_monthly", self.keep_monthly),
            ("keep_yearly", self.keep_yearly),
        ]
    }
}

/// The period a time falls in, for one periodic rule.
fn period(rule: &str, t: DateTime<Utc>) -> (i32, u32, u32, u32) {
    match rule {
        "keep_hourly" => (t.year(), t.ordinal(), t.hour(), 0),
        "keep_daily" => (t.year(), t.ordinal(), 0, 0),
        "keep_weekly" => (t.iso_week().year(), t.iso_week().week(), 0, 0),
        "keep_monthly" => (t.year(), t.month(), 0, 0),
        _ => (t.year(), 0, 0, 0),
    }
}

/// What the policy decided for one backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub keep: bool,
    /// The rules that keep it (empty when it is removed).
    pub reasons: Vec<&'static str>,
}

/// Decides for each of `times` (any order) whether it is kept, and why. The result is in the
/// same order as `times`.
pub fn decide(times: &[DateTime<Utc>], policy: &Policy) -> Vec<Decision> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    // Newest first; equal times keep their given order.
    order.sort_by(|&a, &b| times[b].cmp(&times[a]).then(a.cmp(&b)));
    let mut reasons: Vec<Vec<&'static str>> = vec![Vec::new(); times.len()];
    if policy.is_empty() {
        for r in &mut reasons {
            r.push("no policy");
        }
        return reasons.into_iter().map(|reasons| Decision { keep: true, reasons }).collect();
    }
    if let Some(&newest) = order.first() {
        reasons[newest].push("newest");
    }
    if let Some(n) = policy.keep_last {
        for &i in order.iter().take(n as usize) {
            reasons[i].push("keep_last");
        }
    }
    if let (Some(within), Some(&newest)) = (policy.keep_within, order.first()) {
        let limit = times[newest] - chrono::Duration::from_std(within).unwrap_or(chrono::Duration::MAX);
        for &i in &order {
            if times[i] >= limit {
                reasons[i].push("keep_within");
            }
        }
    }
    for (rule, count) in policy.periodic() {
        let Some(mut left) = count else { continue };
        let mut last = None;
        for &i in &order {
            if left == 0 {
                break;
            }
            let p = period(rule, times[i]);
            if last != Some(p) {
                reasons[i].push(rule);
                last = Some(p);
                left -= 1;
            }
        }
    }
    reasons.into_iter().map(|reasons| Decision { keep: !reasons.is_empty(), reasons }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Duration;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn kept(times: &[&str], policy: &Policy) -> Vec<String> {
        let times: Vec<DateTime<Utc>> = times.iter().map(|s| t(s)).collect();
        decide(&times, policy)
            .iter()
            .zip(&times)
            .filter(|(d, _)| d.keep)
            .map(|(_, t)| t.format("%m-%dT%H").to_string())
            .collect()
    }

    const HISTORY: [&str; 9] = [
        "2026-01-01T02:00:00Z",
        "2026-01-02T02:00:00Z",
        "2026-01-02T14:00:00Z",
        "2026-01-05T02:00:00Z",
        "2026-01-06T02:00:00Z",
        "2026-01-06T03:00:00Z",
        "2026-02-01T02:00:00Z",
        "2026-03-15T02:00:00Z",
        "2026-03-15T02:30:00Z",
    ];

    #[test]
    fn each_rule_on_its_own() {
        let p = |f: fn(&mut Policy)| {
            let mut p = Policy::default();
            f(&mut p);
            p
        };
        assert_eq!(kept(&HISTORY, &p(|p| p.keep_last = Some(2))), ["03-15T02", "03-15T02"]);
        // The newest of each day; days without a backup do not count.
        assert_eq!(
            kept(&HISTORY, &p(|p| p.keep_daily = Some(4))),
            ["01-05T02", "01-06T03", "02-01T02", "03-15T02"]
        );
        // 2026-01-01 is in ISO week 1 of 2026, with 01-02; 01-05 and 01-06 are week 2.
        assert_eq!(kept(&HISTORY, &p(|p| p.keep_weekly = Some(3))), ["01-06T03", "02-01T02", "03-15T02"]);
        assert_eq!(kept(&HISTORY, &p(|p| p.keep_monthly = Some(12))), ["01-06T03", "02-01T02", "03-15T02"]);
        assert_eq!(kept(&HISTORY, &p(|p| p.keep_yearly = Some(1))), ["03-15T02"]);
        assert_eq!(kept(&HISTORY, &p(|p| p.keep_hourly = Some(3))), ["01-06T03", "02-01T02", "03-15T02"]);
        // keep_within counts back from the newest backup, not from now.
        assert_eq!(
            kept(&HISTORY, &p(|p| p.keep_within = Some(Duration::from_secs(45 * 86400)))),
            ["02-01T02", "03-15T02", "03-15T02"]
        );
    }

    #[test]
    fn rules_are_ored_and_say_why() {
        let policy = Policy { keep_last: Some(1), keep_monthly: Some(2), ..Policy::default() };
        let times: Vec<DateTime<Utc>> = HISTORY.iter().map(|s| t(s)).collect();
        let d = decide(&times, &policy);
        assert_eq!(d[8].reasons, ["newest", "keep_last", "keep_monthly"]);
        assert_eq!(d[6].reasons, ["keep_monthly"]);
        assert!(!d[7].keep && d[7].reasons.is_empty(), "an older backup of the same month goes");
        assert_eq!(d.iter().filter(|d| d.keep).count(), 2);
    }

    #[test]
    fn the_newest_stays_and_an_empty_policy_keeps_everything() {
        let times: Vec<DateTime<Utc>> = HISTORY.iter().map(|s| t(s)).collect();
        let tiny = Policy { keep_within: Some(Duration::from_secs(1)), ..Policy::default() };
        let d = decide(&times, &tiny);
        assert!(d[8].keep && d.iter().filter(|d| d.keep).count() == 1);
        assert!(decide(&times, &Policy::default()).iter().all(|d| d.keep));
        assert!(decide(&[], &tiny).is_empty());
    }

    fn policy() -> impl Strategy<Value = Policy> {
        let n = || proptest::option::of(0u32..6);
        (n(), proptest::option::of(0u64..90 * 86400), n(), n(), n(), n(), n()).prop_map(
            |(last, within, hourly, daily, weekly, monthly, yearly)| Policy {
                keep_last: last,
                keep_within: within.map(Duration::from_secs),
                keep_hourly: hourly,
                keep_daily: daily,
                keep_weekly: weekly,
                keep_monthly: monthly,
                keep_yearly: yearly,
            },
        )
    }

    fn history() -> impl Strategy<Value = Vec<DateTime<Utc>>> {
        // Up to 60 backups within about three years, at any second.
        proptest::collection::vec(1_700_000_000i64..1_800_000_000, 0..60)
            .prop_map(|secs| secs.into_iter().map(|s| DateTime::from_timestamp(s, 0).unwrap()).collect())
    }

    proptest! {
        #[test]
        fn never_removes_the_newest_and_is_idempotent(times in history(), policy in policy()) {
            let d = decide(&times, &policy);
            prop_assert_eq!(d.len(), times.len());
            if let Some(newest) = times.iter().max() {
                for (i, t) in times.iter().enumerate() {
                    if t == newest {
                        prop_assert!(d[i].keep || times.iter().take(i).any(|u| u == newest));
                    }
                }
                prop_assert!(d.iter().zip(&times).any(|(d, t)| d.keep && t == newest));
            }
            // Pruning what was kept again removes nothing more.
            let kept: Vec<DateTime<Utc>> =
                d.iter().zip(&times).filter(|(d, _)| d.keep).map(|(_, t)| *t).collect();
            prop_assert!(decide(&kept, &policy).iter().all(|d| d.keep));
        }

        #[test]
        fn an_empty_policy_keeps_everything(times in history()) {
            prop_assert!(decide(&times, &Policy::default()).iter().all(|d| d.keep));
        }
    }
}
