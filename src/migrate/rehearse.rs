//! `dbctl migrate rehearse`: the pending migrations applied by dbctl's own runner to a scratch
//! copy of a real backup, with the table locks each one took, sampled from a second connection,
//! and how long it held them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use crate::db::{self, DbTarget};
use crate::output::Output;

/// How often the locks are sampled.
pub const SAMPLE_EVERY: Duration = Duration::from_millis(10);

/// The exit code when a migration held a lock that blocks writes longer than `--max-lock`.
pub const EXIT_MAX_LOCK: u8 = 17;

/// A table lock one migration held.
#[derive(Debug, Clone, Serialize)]
pub struct Lock {
    pub relation: String,
    /// The strongest mode seen (`AccessExclusiveLock`, `ShareLock`, …).
    pub mode: String,
    /// How long it was seen held (first to last sample, plus one interval).
    pub held_ms: f64,
    /// What others could not do meanwhile: `reads and writes`, `writes`, or `schema changes`.
    pub blocks: &'static str,
    /// Whether the table has rows (after the migration), when known.
    pub has_rows: Option<bool>,
    /// Whether the migration rewrote the table (its file changed: a volatile default, a type
    /// change, `VACUUM FULL`), when known.
    pub rewritten: Option<bool>,
    /// The rows a rewrite copied: the table's rows after it, counted.
    pub rows_rewritten: Option<u64>,
}

/// Each table's file (`pg_relation_filenode`), to tell a rewrite by the file it leaves behind
/// (nothing without a PostgreSQL connection).
pub fn filenodes(conn: Option<&mut db::Conn>) -> BTreeMap<String, String> {
    let Some(conn) = conn else { return BTreeMap::new() };
    conn.query_texts(
        "SELECT n.nspname || '.' || c.relname || '|' || pg_relation_filenode(c.oid) AS v FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') \
         AND pg_relation_filenode(c.oid) IS NOT NULL",
        &[],
    )
    .unwrap_or_default()
    .into_iter()
    .filter_map(|row| row.rsplit_once('|').map(|(r, f)| (r.to_string(), f.to_string())))
    .collect()
}

/// Records what each migration rewrote, from the table files before the first (`before`) and
/// after each one (`after`, in order). A rewritten table held ACCESS EXCLUSIVE for the rewrite:
/// a lock too short for the sampler to see is added with the migration's duration as its bound.
pub fn fill_rewrites(
    steps: &mut [Step],
    before: &BTreeMap<String, String>,
    after: &[BTreeMap<String, String>],
) {
    let mut previous = before;
    for (step, now) in steps.iter_mut().zip(after) {
        step.rewrote = now
            .iter()
            .filter(|(rel, file)| previous.get(*rel).is_some_and(|was| was != *file))
            .map(|(rel, _)| rel.clone())
            .collect();
        for rel in &step.rewrote {
            match step.locks.iter_mut().find(|l| &l.relation == rel) {
                Some(lock) => lock.rewritten = Some(true),
                None => step.locks.push(Lock {
                    relation: rel.clone(),
                    mode: "AccessExclusiveLock".into(),
                    held_ms: step.duration_ms,
                    blocks: "reads and writes",
                    has_rows: None,
                    rewritten: Some(true),
                    rows_rewritten: None,
                }),
            }
        }
        for lock in step.locks.iter_mut().filter(|l| l.rewritten.is_none()) {
            lock.rewritten = Some(false).filter(|_| previous.contains_key(&lock.relation));
        }
        previous = now;
    }
}

/// One migration of the rehearsal.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub migration: String,
    pub duration_ms: f64,
    pub locks: Vec<Lock>,
    /// The tables it rewrote (their file changed), whose every row was copied under an ACCESS
    /// EXCLUSIVE lock.
    pub rewrote: Vec<String>,
}

/// Lock modes from the weakest to the strongest, with what each blocks.
const MODES: &[(&str, &str)] = &[
    ("AccessShareLock", "schema changes"),
    ("RowShareLock", "schema changes"),
    ("RowExclusiveLock", "schema changes"),
    ("ShareUpdateExclusiveLock", "schema changes"),
    ("ShareLock", "writes"),
    ("ShareRowExclusiveLock", "writes"),
    ("ExclusiveLock", "writes"),
    ("AccessExclusiveLock", "reads and writes"),
];

fn strength(mode: &str) -> usize {
    MODES.iter().position(|(m, _)| *m == mode).unwrap_or(0)
}

/// Whether a lock keeps other sessions from writing the table.
pub fn blocks_writes(lock: &Lock) -> bool {
    lock.blocks != "schema changes"
}

/// One sample: one relation's lock seen by a query asked at `asked` and answered at `answered`
/// (the server looked somewhere between the two).
#[derive(Debug, Clone)]
pub struct Sample {
    pub asked: Instant,
    pub answered: Instant,
    pub relation: String,
    pub mode: String,
}

/// Samples the relation locks every other client session in the database of `target` holds (a
/// scratch database of the rehearsal's own: its runner's; not autovacuum's, whose brief locks
/// are the server's, nor the parallel workers', whose leader holds the same), every
/// [`SAMPLE_EVERY`], until stopped.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    samples: Arc<Mutex<Vec<Sample>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    pub fn start(target: &DbTarget, timeout: Duration) -> Result<Self> {
        let mut conn = db::connect(target, timeout, &mut |_| {})?;
        let (stop, samples) = (Arc::new(AtomicBool::new(false)), Arc::new(Mutex::new(Vec::new())));
        let (stop_in, samples_in) = (stop.clone(), samples.clone());
        let thread = std::thread::Builder::new().name("lock-sampler".into()).spawn(move || {
            let sql = "SELECT n.nspname || '.' || c.relname || '|' || l.mode AS v FROM pg_locks l \
                       JOIN pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = l.relation \
                       JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() \
                       AND a.backend_type = 'client backend' \
                       AND l.locktype = 'relation' AND l.granted AND c.relkind IN ('r', 'p', 'm') \
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema')";
            while !stop_in.load(Ordering::Relaxed) {
                let now = Instant::now();
                if let Ok(rows) = conn.query_texts(sql, &[]) {
                    let answered = Instant::now();
                    let mut s = samples_in.lock().unwrap_or_else(|e| e.into_inner());
                    for row in rows {
                        if let Some((rel, mode)) = row.rsplit_once('|') {
                            s.push(Sample {
                                asked: now,
                                answered,
                                relation: rel.to_string(),
                                mode: mode.to_string(),
                            });
                        }
                    }
                }
                std::thread::sleep(SAMPLE_EVERY.saturating_sub(now.elapsed()));
            }
        })?;
        Ok(Sampler { stop, samples, thread: Some(thread) })
    }

    /// Stops sampling and returns what was seen.
    pub fn finish(mut self) -> Vec<Sample> {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        std::mem::take(&mut *self.samples.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The bookkeeping tables of the runners, whose locks are the runner's, not the migration's.
fn bookkeeping(relation: &str) -> bool {
    let table = relation.rsplit('.').next().unwrap_or(relation);
    matches!(table, "__diesel_schema_migrations" | "_prisma_migrations") || table.starts_with("__dbctl")
}

/// The locks of each migration: the samples asked and answered between its start and its end
/// (one answered later may show the next migration's locks: a slow answer under load is not
/// evidence of either), each relation with the strongest mode seen and how long it was held. `ends` are the migrations in the order they
/// finished, with when; the first started at `started`.
pub fn attribute(samples: &[Sample], started: Instant, ends: &[(String, Instant, Duration)]) -> Vec<Step> {
    let mut from = started;
    let mut steps = Vec::new();
    for (name, end, took) in ends {
        let mut seen: BTreeMap<&str, (usize, Instant, Instant)> = BTreeMap::new();
        for s in samples.iter().filter(|s| s.asked >= from && s.answered <= *end && !bookkeeping(&s.relation))
        {
            let e = seen.entry(s.relation.as_str()).or_insert((strength(&s.mode), s.asked, s.asked));
            e.0 = e.0.max(strength(&s.mode));
            e.1 = e.1.min(s.asked);
            e.2 = e.2.max(s.asked);
        }
        let locks = seen
            .into_iter()
            .map(|(rel, (s, first, last))| Lock {
                relation: rel.to_string(),
                mode: MODES[s].0.to_string(),
                held_ms: ((last - first) + SAMPLE_EVERY).as_secs_f64() * 1e3,
                blocks: MODES[s].1,
                has_rows: None,
                rewritten: None,
                rows_rewritten: None,
            })
            .collect();
        steps.push(Step {
            migration: name.clone(),
            duration_ms: took.as_secs_f64() * 1e3,
            locks,
            rewrote: Vec::new(),
        });
        from = *end;
    }
    steps
}

/// Says whether each locked table has rows, read after the rehearsal (a table dropped since stays
/// unknown).
pub fn fill_rows(steps: &mut [Step], target: &DbTarget, timeout: Duration) {
    let Ok(mut conn) = db::connect(target, timeout, &mut |_| {}) else { return };
    for lock in steps.iter_mut().flat_map(|s| s.locks.iter_mut()) {
        let quoted: Vec<String> = lock.relation.splitn(2, '.').map(db::quote_ident).collect();
        let table = quoted.join(".");
        lock.has_rows = conn.query_bool(&format!("SELECT EXISTS (SELECT 1 FROM {table}) AS v")).ok();
        if lock.rewritten == Some(true) {
            lock.rows_rewritten = conn
                .query_int(&format!("SELECT count(*) AS v FROM {table}"))
                .ok()
                .and_then(|n| u64::try_from(n).ok());
        }
    }
}

/// The locks that blocked writes on a table with rows for longer than `max`.
pub fn over(steps: &[Step], max: Duration) -> Vec<(&Step, &Lock)> {
    steps
        .iter()
        .flat_map(|s| s.locks.iter().map(move |l| (s, l)))
        .filter(|(_, l)| blocks_writes(l) && l.has_rows != Some(false) && l.held_ms > max.as_secs_f64() * 1e3)
        .collect()
}

/// The report for people: each migration, its time, and each lock that blocked something.
pub fn render(steps: &[Step], out: &Output) -> Result<()> {
    for s in steps {
        out.stdout(&format!("{}: {}\n", s.migration, crate::text::duration(s.duration_ms / 1e3)))?;
        for l in s.locks.iter().filter(|l| blocks_writes(l)) {
            let rows = match l.has_rows {
                Some(true) => ", has rows",
                Some(false) => ", empty",
                None => "",
            };
            let rewrite = match (l.rewritten, l.rows_rewritten) {
                (Some(true), Some(n)) => format!(", rewritten: {n} row{}", if n == 1 { "" } else { "s" }),
                (Some(true), None) => ", rewritten".to_string(),
                _ => String::new(),
            };
            out.stdout(&format!(
                "    {} {} held {} (blocks {}{rows}{rewrite})\n",
                l.relation,
                l.mode,
                crate::text::duration(l.held_ms / 1e3),
                l.blocks
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_attributed_to_the_migration_that_ran_then() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let sample = |asked: u64, answered: u64, relation: &str, mode: &str| Sample {
            asked: at(asked),
            answered: at(answered),
            relation: relation.to_string(),
            mode: mode.to_string(),
        };
        let samples = vec![
            sample(1, 2, "public.__diesel_schema_migrations", "RowExclusiveLock"),
            sample(2, 3, "public.events", "ShareLock"),
            sample(40, 41, "public.events", "ShareLock"),
            // Asked during the first migration, answered during the second: it may show either's
            // locks, so it counts for neither (it showed the second's ACCESS EXCLUSIVE).
            sample(45, 55, "public.events", "AccessExclusiveLock"),
            sample(60, 61, "public.users", "AccessExclusiveLock"),
            sample(61, 62, "public.users", "AccessShareLock"),
        ];
        let ends = vec![
            ("a".to_string(), at(50), Duration::from_millis(49)),
            ("b".to_string(), at(70), Duration::from_millis(20)),
        ];
        let steps = attribute(&samples, t0, &ends);
        assert_eq!(steps[0].locks.len(), 1, "{steps:?}");
        assert_eq!(steps[0].locks[0].mode, "ShareLock");
        assert_eq!(steps[0].locks[0].blocks, "writes");
        let want = 38.0 + SAMPLE_EVERY.as_secs_f64() * 1e3;
        assert!((steps[0].locks[0].held_ms - want).abs() < 1.0, "{steps:?}");
        assert_eq!(steps[1].locks.len(), 1, "{steps:?}");
        assert_eq!(steps[1].locks[0].relation, "public.users");
        assert_eq!(steps[1].locks[0].mode, "AccessExclusiveLock");
        assert_eq!(steps[1].locks[0].blocks, "reads and writes");
        let over = over(&steps, Duration::from_millis(30));
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].1.relation, "public.events");
    }
}
