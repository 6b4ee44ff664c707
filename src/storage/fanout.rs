//! One stream stored in several places at once. Each destination's upload runs on a thread of its
//! own, fed through a bounded queue of shared chunks, so that a slow or failing destination
//! neither holds the others back beyond the queue nor spoils them: a destination that fails is
//! dropped (its upload aborted) and the stream goes on to the others. Memory stays bounded: at most
//! `QUEUE` chunks of `CHUNK` bytes wait per destination.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

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
    /// Waits for the worker and returns its error, if any.
    fn join(&mut self) -> Option<String> {
        self.queue = None;
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(Ok(()))) | None => None,
            Some(Ok(Err(e))) => Some(e),
            Some(Err(_)) => Some("the upload thread panicked".into()),
        }
    }
}

/// An upload to every destination given; see the module's comment.
pub struct Fanout {
    lanes: Vec<Lane>,
    pending: Vec<u8>,
    outcomes: Outcomes,
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
    pub fn start(uploads: Vec<(String, Result<Box<dyn Upload>>)>) -> (Self, Outcomes) {
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
        let fanout = Self { lanes, pending: Vec::with_capacity(CHUNK), outcomes: outcomes.clone() };
        (fanout, outcomes)
    }

    /// Hands `msg` to every destination still going; one that stopped is joined and recorded.
    fn send(&mut self, msg: impl Fn() -> Msg) {
        for lane in &mut self.lanes {
            let sent = lane.queue.as_ref().map(|q| q.send(msg()).is_ok());
            if sent == Some(false) {
                let error = lane.join().unwrap_or_else(|| "its upload stopped".into());
                self.outcomes.record(&lane.name, Some(error));
            }
        }
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
        anyhow!("every destination failed: {}", failures.join("; "))
    }

    fn hand_over(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let chunk: Arc<[u8]> = Arc::from(std::mem::take(&mut self.pending).into_boxed_slice());
        self.pending = Vec::with_capacity(CHUNK);
        self.send(|| Msg::Data(Arc::clone(&chunk)));
    }

    /// Stops every destination still going, keeping nothing.
    fn stop(&mut self) {
        for lane in &mut self.lanes {
            if lane.queue.is_some() || lane.worker.is_some() {
                let error = lane.join();
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
            self.hand_over();
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
        self.hand_over();
        self.send(|| Msg::Commit);
        let mut any = false;
        for lane in &mut self.lanes {
            if lane.worker.is_none() {
                continue;
            }
            let error = lane.join();
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
