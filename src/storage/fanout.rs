//! One stream stored in several places at once. Each destination's upload runs on a thread of its
//! own, fed through a bounded queue of shared chunks, so that a slow or failing destination
//! neither holds the others back beyond the queue nor spoils them: a destination that fails is
//! dropped (its upload aborted) and the stream goes on to the others. Memory stays bounded: at most
//! `QUEUE` chunks of `CHUNK` bytes wait per destination.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use super::Upload;

/// Bytes gathered before they are handed to the destinations.
const CHUNK: usize = 1 << 20;
/// Chunks a destination may lag behind.
const QUEUE: usize = 16;

enum Msg {
    Data(Arc<[u8]>),
    Commit,
}

/// A destination's name and, when it failed, why.
type Outcome = (String, Option<String>);

/// What became of each destination of a stream.
#[derive(Clone, Default)]
pub struct Outcomes(Arc<Mutex<Vec<Outcome>>>);

impl Outcomes {
    fn record(&self, name: &str, error: Option<String>) {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match all.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = slot.1.take().or(error),
            None => all.push((name.to_string(), error)),
        }
    }

    /// Each destination and, when it failed, why; in the order the destinations were given.
    pub fn get(&self) -> Vec<Outcome> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

struct Lane {
    name: String,
    queue: Option<SyncSender<Msg>>,
    worker: Option<JoinHandle<Result<(), String>>>,
}

impl Lane {
    /// Waits for the worker, at most `limit` (and not past a signal), and returns its error, if
    /// any. A worker still blocked in a request then is left to itself (its upload is never
    /// committed: it aborts when it wakes up, or goes with the process).
    fn join(&mut self, limit: Duration) -> Option<String> {
        self.queue = None;
        let worker = self.worker.take()?;
        let mut deadline = Instant::now() + limit;
        let mut signalled = false;
        while !worker.is_finished() {
            // After a signal, a hung request is not waited for past a moment.
            if !signalled && crate::sys::signals::received().is_some() {
                signalled = true;
                deadline = deadline.min(Instant::now() + ABORT_WAIT);
            }
            if Instant::now() >= deadline {
                return Some(if signalled {
                    "interrupted while its request hung".to_string()
                } else {
                    format!("stalled: no answer within {}", crate::text::std_duration(limit))
                });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        match worker.join() {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some("the upload thread panicked".into()),
        }
    }
}

/// How long an aborted destination is waited for after a signal (to remove its temporary file,
/// cancel its upload) before dbctl goes on without it.
const ABORT_WAIT: Duration = Duration::from_secs(1);

/// An upload to every destination given; see the module's comment.
pub struct Fanout {
    lanes: Vec<Lane>,
    pending: Vec<u8>,
    outcomes: Outcomes,
    /// How long a destination may take no data before it is dropped.
    stall: Duration,
}

fn work(mut upload: Box<dyn Upload>, queue: Receiver<Msg>) -> Result<(), String> {
    loop {
        match queue.recv() {
            Ok(Msg::Data(chunk)) => {
                if let Err(e) = upload.write_all(&chunk) {
                    upload.abort();
                    return Err(format!("{e}"));
                }
            }
            Ok(Msg::Commit) => return upload.commit().map_err(|e| format!("{e:#}")),
            // The stream was abandoned: nothing is kept.
            Err(_) => {
                upload.abort();
                return Err("the backup was abandoned".into());
            }
        }
    }
}

impl Fanout {
    /// Starts a stream to each `(name, upload)`; a destination whose upload could not start is
    /// recorded as failed at once. The stream's outcome per destination is read from the
    /// returned [`Outcomes`] after `commit` (or a failure).
    pub fn start(uploads: Vec<(String, Result<Box<dyn Upload>>)>, stall: Duration) -> (Self, Outcomes) {
        let outcomes = Outcomes::default();
        let mut lanes = Vec::new();
        for (name, upload) in uploads {
            outcomes.record(&name, None);
            let upload = match upload {
                Ok(u) => u,
                Err(e) => {
                    outcomes.record(&name, Some(format!("{e:#}")));
                    continue;
                }
            };
            let (tx, rx) = sync_channel(QUEUE);
            let worker =
                std::thread::Builder::new().name(format!("upload-{name}")).spawn(move || work(upload, rx));
            match worker {
                Ok(w) => lanes.push(Lane { name, queue: Some(tx), worker: Some(w) }),
                Err(e) => outcomes.record(&name, Some(format!("starting its upload thread: {e}"))),
            }
        }
        let fanout = Self { lanes, pending: Vec::with_capacity(CHUNK), outcomes: outcomes.clone(), stall };
        (fanout, outcomes)
    }

    /// Hands `msg` to every destination still going; one that stopped is joined and recorded, one
    /// whose queue stays full for the stall timeout (its request hangs) is dropped. A signal
    /// stops the wait at once.
    fn send(&mut self, msg: impl Fn() -> Msg) -> io::Result<()> {
        for lane in &mut self.lanes {
            let Some(queue) = lane.queue.as_ref() else { continue };
            let full_since = Instant::now();
            let mut m = msg();
            let failed = loop {
                match queue.try_send(m) {
                    Ok(()) => break None,
                    Err(TrySendError::Disconnected(_)) => {
                        break Some(lane.join(ABORT_WAIT).unwrap_or_else(|| "its upload stopped".into()));
                    }
                    Err(TrySendError::Full(back)) => {
                        if let Some(sig) = crate::sys::signals::received() {
                            return Err(io::Error::other(crate::sys::signals::Interrupted(sig)));
                        }
                        if full_since.elapsed() >= self.stall {
                            lane.queue = None;
                            lane.worker = None;
                            break Some(format!(
                                "stalled: it took no data for {} (backup.stall_timeout); dropped, its upload never \
                                 completed",
                                crate::text::std_duration(self.stall)
                            ));
                        }
                        m = back;
                        std::thread::sleep(Duration::from_millis(5));
                    }
                }
            };
            if let Some(error) = failed {
                self.outcomes.record(&lane.name, Some(error));
            }
        }
        Ok(())
    }

    fn alive(&self) -> bool {
        self.lanes.iter().any(|l| l.queue.is_some())
    }

    fn all_failed(&self) -> anyhow::Error {
        let failures: Vec<String> = self
            .outcomes
            .get()
            .into_iter()
            .filter_map(|(name, e)| e.map(|e| format!("{name}: {e}")))
            .collect();
        match failures.as_slice() {
            [one] => anyhow!("{one}; nothing was stored"),
            _ => anyhow!("every destination failed: {}; nothing was stored", failures.join("; ")),
        }
    }

    fn hand_over(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let chunk: Arc<[u8]> = Arc::from(std::mem::take(&mut self.pending).into_boxed_slice());
        self.pending = Vec::with_capacity(CHUNK);
        self.send(|| Msg::Data(Arc::clone(&chunk)))
    }

    /// Stops every destination still going, keeping nothing.
    fn stop(&mut self) {
        for lane in &mut self.lanes {
            if lane.queue.is_some() || lane.worker.is_some() {
                // A worker in the middle of sending a part finishes it, then aborts the upload:
                // waited for as long as a stalled destination would be (after a signal, only
                // a moment; see `Lane::join`), so that no unfinished upload is left behind.
                let error = lane.join(self.stall);
                self.outcomes
                    .record(&lane.name, Some(error.unwrap_or_else(|| "the backup was abandoned".into())));
            }
        }
    }
}

impl Write for Fanout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.alive() {
            return Err(io::Error::other(format!("{:#}", self.all_failed())));
        }
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            self.hand_over()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Upload for Fanout {
    /// Commits every destination still going; succeeds when at least one kept the object.
    fn commit(mut self: Box<Self>) -> Result<()> {
        self.hand_over()?;
        self.send(|| Msg::Commit)?;
        let mut any = false;
        let stall = self.stall;
        for lane in &mut self.lanes {
            if lane.worker.is_none() {
                continue;
            }
            // The last request (the final part, the completion) may take a while on a slow link;
            // a request that truly hangs times out on its own (backup.stall_timeout).
            let error = lane.join(stall * 5);
            any |= error.is_none();
            self.outcomes.record(&lane.name, error);
        }
        if any { Ok(()) } else { Err(self.all_failed()) }
    }

    fn abort(mut self: Box<Self>) {
        self.stop();
    }
}

impl Drop for Fanout {
    fn drop(&mut self) {
        // Not committed: every destination aborts its upload (and is waited for, so that an
        // interrupted run does not exit before the aborts are sent).
        self.stop();
    }
}
