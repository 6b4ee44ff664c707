//! Crontab schedules (`0 2 * * *`, `@daily`) as operators write them, run on the `cron` crate.
//!
//! The `cron` crate speaks Quartz: a leading seconds field, weekdays 1–7 with 1 = Sunday, and day of
//! month AND day of week. Crontab has five fields, weekdays 0–7 with 0 and 7 = Sunday, and fires
//! when day of month OR day of week matches if both are restricted. This module parses the crontab
//! text itself (so errors point at the field), expands every field to explicit values, and builds
//! the equivalent Quartz schedules.
//!
//! Times are wall-clock times in the schedule's zone (UTC unless set). Across daylight-saving
//! changes a run falls as cron implementations agree: a time the clock skips runs when the clock
//! jumps past it, and a time the clock passes twice runs once, the first time.

use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

const FIELDS: [(&str, u32, u32); 5] =
    [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// A checked crontab schedule, or a fixed interval (`@every 6h`).
#[derive(Debug, Clone)]
pub struct Schedule {
    text: String,
    /// Several Quartz schedules whose union is the crontab schedule (two when day of month and
    /// day of week are both restricted); empty for an interval.
    quartz: Vec<cron::Schedule>,
    /// The expanded fields (minute, hour, day of month, month, day of week 0-6), with whether day
    /// of month and day of week are restricted.
    fields: Option<(Vec<Vec<u32>>, bool, bool)>,
    /// `@every`: runs at whole multiples of this interval since the Unix epoch, so hosts agree.
    every: Option<std::time::Duration>,
    /// The zone whose wall clock the fields are read in (not used by `@every`).
    zone: Tz,
}

/// Parses an IANA time zone name (`Europe/Berlin`, `UTC`).
pub fn parse_zone(text: &str) -> Result<Tz, String> {
    Tz::from_str(text.trim()).map_err(|_| {
        format!(
            "`{}` is not a time zone: use an IANA name such as UTC, Europe/Berlin or America/New_York",
            text.trim()
        )
    })
}

impl Schedule {
    /// Parses 5-field crontab syntax, a macro (@yearly, @monthly, @weekly, @daily, @hourly), or
    /// `@every DURATION`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if let Some(rest) = trimmed.strip_prefix("@every") {
            let every = humantime::parse_duration(rest.trim()).ok().filter(|d| d.as_secs() >= 1).ok_or_else(
                || format!("schedule `{trimmed}`: @every takes a duration of 1s or more, e.g. `@every 6h`"),
            )?;
            return Ok(Self {
                text: trimmed.to_string(),
                quartz: Vec::new(),
                fields: None,
                every: Some(every),
                zone: Tz::UTC,
            });
        }
        let expanded = match trimmed.to_ascii_lowercase().as_str() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            m if m.starts_with('@') => {
                return Err(format!(
                    "schedule `{trimmed}`: unknown macro; use @yearly, @monthly, @weekly, @daily or @hourly"
                ));
            }
            _ => trimmed,
        };
        let fields: Vec<(usize, &str)> = field_positions(expanded);
        if fields.len() != 5 {
            return Err(format!(
                "schedule `{trimmed}`: expected 5 fields (minute hour day-of-month month day-of-week), \
                 found {}; e.g. `0 2 * * *` for 02:00 every day",
                fields.len()
            ));
        }
        let mut sets = Vec::with_capacity(5);
        for (i, (col, field)) in fields.iter().enumerate() {
            let (name, lo, hi) = FIELDS[i];
            let names: &[&str] = match i {
                3 => &MONTHS,
                4 => &WEEKDAYS,
                _ => &[],
            };
            let set = expand(field, lo, hi, names).map_err(|why| {
                format!(
                    "schedule `{trimmed}`: field {} ({name}) `{field}` at column {}: {why}",
                    i + 1,
                    col + 1
                )
            })?;
            sets.push(set);
        }
        let list = |set: &[u32]| set.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        let (minute, hour, month) = (list(&sets[0]), list(&sets[1]), list(&sets[3]));
        let mut weekdays: Vec<u32> = sets[4].iter().map(|d| d % 7 + 1).collect();
        weekdays.sort_unstable();
        weekdays.dedup();
        let dom_any = fields[2].1.starts_with('*');
        let dow_any = fields[4].1.starts_with('*');
        let quartz = |dom: &str, dow: &str| format!("0 {minute} {hour} {dom} {month} {dow}");
        let exprs = match (dom_any, dow_any) {
            (false, false) => vec![quartz(&list(&sets[2]), "*"), quartz("*", &list(&weekdays))],
            (false, true) => vec![quartz(&list(&sets[2]), "*")],
            (true, false) => vec![quartz("*", &list(&weekdays))],
            (true, true) => vec![quartz("*", "*")],
        };
        let quartz = exprs
            .iter()
            .map(|e| {
                cron::Schedule::from_str(e)
                    .map_err(|err| format!("schedule `{trimmed}` cannot be run: {err}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        sets[4] = weekdays.iter().map(|d| d - 1).collect();
        Ok(Self {
            text: trimmed.to_string(),
            quartz,
            fields: Some((sets, !dom_any, !dow_any)),
            every: None,
            zone: Tz::UTC,
        })
    }

    /// The same schedule read on the wall clock of `zone`.
    pub fn in_zone(self, zone: Tz) -> Self {
        Self { zone, ..self }
    }

    /// The zone the fields are read in.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The latest run at or before `now`, looking back up to eight days (a weekly schedule's
    /// slot, with a day to spare); None when there was none in that time.
    pub fn latest_at_or_before(&self, now: &DateTime<Utc>) -> Option<DateTime<Utc>> {
        if let Some(every) = self.every {
            let step = every.as_millis() as i64;
            return DateTime::from_timestamp_millis(now.timestamp_millis().div_euclid(step) * step);
        }
        let mut at = self.next_after(&(*now - chrono::Duration::days(8)))?;
        let mut latest = None;
        while at <= *now {
            latest = Some(at);
            at = self.next_after(&at)?;
        }
        latest
    }

    /// The first run strictly after `after`.
    pub fn next_after(&self, after: &DateTime<Utc>) -> Option<DateTime<Utc>> {
        if let Some(every) = self.every {
            let step = every.as_millis() as i64;
            let next = (after.timestamp_millis().div_euclid(step) + 1) * step;
            return DateTime::from_timestamp_millis(next);
        }
        // Wall-clock candidates are found on a naive clock (UTC standing in for "no zone"), then
        // placed in the zone. Placing is monotonic, so the first candidate that lands after
        // `after` is the next run; starting a few hours early covers a clock that was turned back.
        let local = after.with_timezone(&self.zone).naive_local() - chrono::Duration::hours(3);
        self.quartz
            .iter()
            .filter_map(|s| {
                s.after(&local.and_utc())
                    .take(10_000)
                    .filter_map(|wall| self.place(wall.naive_utc()))
                    .find(|t| t > after)
            })
            .min()
    }

    /// The instant a wall-clock time names in the zone: the first of two when the clock passes it
    /// twice, the moment the clock jumps past it when it is skipped.
    fn place(&self, wall: NaiveDateTime) -> Option<DateTime<Utc>> {
        let mut probe = wall;
        // Skipped times: step to the first minute that exists (the end of the gap; gaps are whole
        // minutes and at most a day, as when Samoa crossed the date line).
        for _ in 0..=24 * 60 {
            if let Some(t) = self.zone.from_local_datetime(&probe).earliest() {
                return Some(t.with_timezone(&Utc));
            }
            probe += chrono::Duration::minutes(1);
        }
        None
    }

    /// The last run at or before `at` (for "was a slot missed"), looking back at most a year.
    pub fn last_at_or_before(&self, at: &DateTime<Utc>) -> Option<DateTime<Utc>> {
        if let Some(every) = self.every {
            let step = every.as_millis() as i64;
            return DateTime::from_timestamp_millis(at.timestamp_millis().div_euclid(step) * step);
        }
        // Widening windows keep frequent schedules cheap and still find a yearly one.
        for days in [1, 32, 366] {
            let mut from = *at - chrono::Duration::days(days);
            let mut last = None;
            while let Some(next) = self.next_after(&from).filter(|n| n <= at) {
                last = Some(next);
                from = next;
            }
            if last.is_some() {
                return last;
            }
        }
        None
    }

    /// The same times as a crontab line's fields (`@every` has none).
    pub fn crontab_fields(&self) -> Option<String> {
        self.fields.as_ref().map(|_| {
            let text = self.text.to_ascii_lowercase();
            match text.as_str() {
                "@yearly" | "@annually" | "@monthly" | "@weekly" | "@daily" | "@midnight" | "@hourly" => text,
                _ => self.text.clone(),
            }
        })
    }

    /// systemd timer lines for the same times: `OnCalendar=` (two when day of month and day of
    /// week are both restricted, whose union crontab means), or `OnUnitActiveSec=` for @every.
    pub fn systemd_timer(&self) -> Vec<String> {
        if let Some(every) = self.every {
            return vec![
                format!("OnActiveSec={}", every.as_secs()),
                format!("OnUnitActiveSec={}", every.as_secs()),
            ];
        }
        let Some((sets, dom_restricted, dow_restricted)) = &self.fields else { return Vec::new() };
        let list = |set: &[u32], all: usize, pad: bool| {
            if set.len() == all {
                "*".to_string()
            } else {
                set.iter()
                    .map(|v| if pad { format!("{v:02}") } else { v.to_string() })
                    .collect::<Vec<_>>()
                    .join(",")
            }
        };
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        let time = format!("{}:{}:00", list(&sets[1], 24, true), list(&sets[0], 60, true));
        let month = list(&sets[3], 12, true);
        let zone = self.zone.name();
        let on = |dow: Option<String>, dom: String| match dow {
            Some(d) => format!("OnCalendar={d} *-{month}-{dom} {time} {zone}"),
            None => format!("OnCalendar=*-{month}-{dom} {time} {zone}"),
        };
        let dows = || sets[4].iter().map(|d| days[*d as usize]).collect::<Vec<_>>().join(",");
        match (dom_restricted, dow_restricted) {
            (true, true) => vec![on(None, list(&sets[2], 31, true)), on(Some(dows()), "*".into())],
            (true, false) => vec![on(None, list(&sets[2], 31, true))],
            (false, true) => vec![on(Some(dows()), "*".into())],
            (false, false) => vec![on(None, "*".into())],
        }
    }
}

fn field_positions(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn value(text: &str, lo: u32, hi: u32, names: &[&str]) -> Result<u32, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = names.iter().position(|n| *n == lower) {
        // Month names start at 1, weekday names at 0 (Sunday).
        return Ok(pos as u32 + if names.len() == 12 { 1 } else { 0 });
    }
    let n: u32 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    if n < lo || n > hi {
        return Err(format!("{n} is out of range {lo}-{hi}"));
    }
    Ok(n)
}

/// Expands one field to its sorted values.
fn expand(field: &str, lo: u32, hi: u32, names: &[&str]) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for item in field.split(',') {
        if item.is_empty() {
            return Err("empty list item".into());
        }
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().map_err(|_| format!("step `{s}` is not a number"))?;
                if step == 0 {
                    return Err("a step must be at least 1".into());
                }
                (r, step)
            }
            None => (item, 1),
        };
        let (start, end) = if range == "*" {
            (lo, if hi == 7 { 6 } else { hi })
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, b) = (value(a, lo, hi, names)?, value(b, lo, hi, names)?);
            if a > b {
                return Err(format!("range {a}-{b} runs backwards"));
            }
            (a, b)
        } else {
            let a = value(range, lo, hi, names)?;
            (a, if item.contains('/') { hi } else { a })
        };
        out.extend((start..=end).step_by(step as usize));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone, Timelike, Weekday};

    fn next(expr: &str, from: DateTime<Utc>) -> DateTime<Utc> {
        Schedule::parse(expr).unwrap().next_after(&from).unwrap()
    }

    // 2026-11-21 is a Saturday.
    fn saturday() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
    }

    #[test]
    fn intervals_are_aligned_to_the_epoch() {
        let s = Schedule::parse("@every 6h").unwrap();
        assert_eq!(
            next("@every 6h", saturday()),
            saturday().date_naive().and_hms_opt(18, 0, 0).unwrap().and_utc()
        );
        assert_eq!(
            s.last_at_or_before(&saturday()).unwrap(),
            saturday().date_naive().and_hms_opt(12, 0, 0).unwrap().and_utc()
        );
        assert!(Schedule::parse("@every 0s").is_err() && Schedule::parse("@every soon").is_err());
        assert_eq!(s.systemd_timer(), ["OnActiveSec=21600", "OnUnitActiveSec=21600"]);
    }

    #[test]
    fn systemd_timers_mean_the_same_times() {
        let timer = |e: &str| Schedule::parse(e).unwrap().systemd_timer();
        assert_eq!(timer("0 2 * * *"), ["OnCalendar=*-*-* 02:00:00 UTC"]);
        assert_eq!(timer("*/30 9-10 * * 1-5"), ["OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 09,10:00,30:00 UTC"]);
        assert_eq!(
            timer("15 3 1,15 * 0"),
            ["OnCalendar=*-*-01,15 03:15:00 UTC", "OnCalendar=Sun *-*-* 03:15:00 UTC"]
        );
        assert_eq!(timer("@monthly"), ["OnCalendar=*-*-01 00:00:00 UTC"]);
        assert_eq!(timer("0 0 * 6 *"), ["OnCalendar=*-06-* 00:00:00 UTC"]);
        let berlin = Schedule::parse("0 2 * * *").unwrap().in_zone(parse_zone("Europe/Berlin").unwrap());
        assert_eq!(berlin.systemd_timer(), ["OnCalendar=*-*-* 02:00:00 Europe/Berlin"]);
    }

    #[test]
    fn the_last_slot_before_a_time() {
        let s = Schedule::parse("0 2 * * *").unwrap();
        // saturday() is noon on a Saturday: the last run was 02:00 that day.
        assert_eq!(
            s.last_at_or_before(&saturday()).unwrap(),
            saturday().date_naive().and_hms_opt(2, 0, 0).unwrap().and_utc()
        );
    }

    #[test]
    fn daily_at_two() {
        assert_eq!(next("0 2 * * *", saturday()), Utc.with_ymd_and_hms(2026, 11, 22, 2, 0, 0).unwrap());
        assert_eq!(next("@daily", saturday()), Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap());
    }

    #[test]
    fn weekdays_follow_crontab_numbering() {
        let monday = next("0 2 * * 1", saturday());
        assert_eq!(monday.weekday(), Weekday::Mon);
        assert_eq!(monday.day(), 23);
        for sunday in ["0 2 * * 0", "0 2 * * 7", "0 2 * * sun", "@weekly"] {
            assert_eq!(next(sunday, saturday()).weekday(), Weekday::Sun, "{sunday}");
        }
        let weekday_runs: Vec<Weekday> = {
            let s = Schedule::parse("30 6 * * 1-5").unwrap();
            let mut t = saturday();
            (0..5)
                .map(|_| {
                    t = s.next_after(&t).unwrap();
                    t.weekday()
                })
                .collect()
        };
        assert_eq!(weekday_runs, [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]);
        assert_eq!(next("0 0 * * 5-7", saturday()).weekday(), Weekday::Sun);
    }

    #[test]
    fn day_of_month_or_day_of_week() {
        // Crontab: the 1st of the month OR any Monday.
        let s = Schedule::parse("0 0 1 * 1").unwrap();
        let first = s.next_after(&saturday()).unwrap();
        assert_eq!((first.day(), first.weekday()), (23, Weekday::Mon));
        let second = s.next_after(&first).unwrap();
        assert_eq!((second.day(), second.weekday()), (30, Weekday::Mon));
        let third = s.next_after(&second).unwrap();
        assert_eq!((third.month(), third.day()), (12, 1));
    }

    #[test]
    fn steps_lists_and_names() {
        let t = next("*/15 * * * *", saturday());
        assert_eq!(t.minute(), 15);
        assert_eq!(next("0 0 1 jan,jul *", saturday()).month(), 1);
        assert_eq!(next("5/20 * * * *", saturday()).minute(), 5);
    }

    #[test]
    fn errors_point_at_the_field() {
        let err = Schedule::parse("0 2 * * 8").unwrap_err();
        assert!(err.contains("field 5 (day of week) `8` at column 9: 8 is out of range 0-7"), "{err}");
        let err = Schedule::parse("0 25 * * *").unwrap_err();
        assert!(err.contains("field 2 (hour)"), "{err}");
        let err = Schedule::parse("0 2 * *").unwrap_err();
        assert!(err.contains("expected 5 fields"), "{err}");
        let err = Schedule::parse("0 0 2 * * *").unwrap_err();
        assert!(err.contains("found 6"), "{err}");
        assert!(Schedule::parse("@reboot").unwrap_err().contains("unknown macro"));
        assert!(Schedule::parse("*/0 * * * *").unwrap_err().contains("step must be at least 1"));
        assert!(Schedule::parse("0 5-2 * * *").unwrap_err().contains("backwards"));
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn berlin(expr: &str) -> Schedule {
        Schedule::parse(expr).unwrap().in_zone(parse_zone("Europe/Berlin").unwrap())
    }

    #[test]
    fn hours_are_read_in_the_zone() {
        // 02:00 in Berlin in November (CET, UTC+1) is 01:00 UTC.
        assert_eq!(berlin("0 2 * * *").next_after(&saturday()).unwrap(), utc(2026, 11, 22, 1, 0));
        // In summer (CEST, UTC+2) it is 00:00 UTC.
        assert_eq!(berlin("0 2 * * *").next_after(&utc(2026, 7, 1, 12, 0)).unwrap(), utc(2026, 7, 2, 0, 0));
        assert_eq!(berlin("0 2 * * *").last_at_or_before(&saturday()).unwrap(), utc(2026, 11, 21, 1, 0));
        assert_eq!(Schedule::parse("0 2 * * *").unwrap().zone(), Tz::UTC);
        let ny = Schedule::parse("0 2 * * *").unwrap().in_zone(parse_zone("America/New_York").unwrap());
        assert_eq!(ny.next_after(&saturday()).unwrap(), utc(2026, 11, 22, 7, 0));
        // @every counts from the epoch, whatever the zone.
        let every = Schedule::parse("@every 6h").unwrap().in_zone(parse_zone("Asia/Kolkata").unwrap());
        assert_eq!(every.next_after(&saturday()).unwrap(), utc(2026, 11, 21, 18, 0));
    }

    #[test]
    fn a_skipped_time_runs_when_the_clock_jumps_past_it() {
        // 2026-03-29 in Berlin: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        let s = berlin("30 2 * * *");
        let first = s.next_after(&utc(2026, 3, 28, 12, 0)).unwrap();
        assert_eq!(first, utc(2026, 3, 29, 1, 0));
        assert_eq!(s.next_after(&first).unwrap(), utc(2026, 3, 30, 0, 30));
        // A run at 03:00 the same night falls on the same instant and happens once.
        let both = berlin("30 2,3 * * *");
        let a = both.next_after(&utc(2026, 3, 28, 12, 0)).unwrap();
        let b = both.next_after(&a).unwrap();
        assert_eq!((a, b), (utc(2026, 3, 29, 1, 0), utc(2026, 3, 29, 1, 30)));
    }

    #[test]
    fn a_time_passed_twice_runs_once() {
        // 2026-10-25 in Berlin: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice.
        let s = berlin("30 2 * * *");
        let first = s.next_after(&utc(2026, 10, 24, 12, 0)).unwrap();
        assert_eq!(first, utc(2026, 10, 25, 0, 30));
        assert_eq!(s.next_after(&first).unwrap(), utc(2026, 10, 26, 1, 30));
        // Asked from inside the repeated hour, the next run is the next day's.
        assert_eq!(s.next_after(&utc(2026, 10, 25, 1, 10)).unwrap(), utc(2026, 10, 26, 1, 30));
        // An hourly schedule keeps running through the change, once per wall-clock slot.
        let hourly = berlin("0 * * * *");
        let mut t = utc(2026, 10, 24, 23, 30);
        let runs: Vec<_> = (0..4)
            .map(|_| {
                t = hourly.next_after(&t).unwrap();
                t
            })
            .collect();
        assert_eq!(
            runs,
            [
                utc(2026, 10, 25, 0, 0),
                utc(2026, 10, 25, 2, 0),
                utc(2026, 10, 25, 3, 0),
                utc(2026, 10, 25, 4, 0)
            ]
        );
    }

    #[test]
    fn zones_are_iana_names() {
        assert_eq!(parse_zone(" Europe/Berlin ").unwrap().name(), "Europe/Berlin");
        let err = parse_zone("CEST+2").unwrap_err();
        assert!(err.contains("not a time zone") && err.contains("Europe/Berlin"), "{err}");
    }

    #[test]
    fn hours_and_minutes_are_kept() {
        let t = next("45 23 * * *", saturday());
        assert_eq!((t.hour(), t.minute()), (23, 45));
    }
}
