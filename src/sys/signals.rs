//! SIGINT and SIGTERM during a backup or a restore: stop the child program (pg_dump, psql), let
//! the stream unwind (which discards temporary files and uncommitted work), and exit with 128 +
//! the signal's number.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};
use std::thread::ThreadId;

use signal_hook::consts::{SIGINT, SIGTERM};

/// The signal received, or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);
/// The running child programs, one per thread that runs one (several backups run at once with
/// `--jobs`).
static CHILDREN: Mutex<Option<HashMap<ThreadId, u32>>> = Mutex::new(None);
/// Set while a person is asked a question: a signal then ends the process at once.
static PROMPTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Marks the time spent waiting at a prompt: Ctrl-C there aborts at once (exit 128 + signal),
/// as a person expects, even when signals are otherwise caught to stop a child cleanly.
pub fn prompting(on: bool) {
    PROMPTING.store(on, Ordering::SeqCst);
}

/// The signal that interrupted the run, if any.
pub fn received() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Sleeps as long as `left` says time is left (asked again every 100 ms, so a clock that jumps is
/// followed), waking early on SIGINT/SIGTERM; false when a signal came.
pub fn sleep_while(left: impl Fn() -> std::time::Duration) -> bool {
    loop {
        if received().is_some() {
            return false;
        }
        let left = left();
        if left.is_zero() {
            return true;
        }
        std::thread::sleep(left.min(std::time::Duration::from_millis(100)));
    }
}

/// What a signal runs besides stopping the child: cancelling a query in progress.
static ON_SIGNAL: std::sync::Mutex<Option<Box<dyn Fn() + Send>>> = std::sync::Mutex::new(None);

/// Sets (or, with None, clears) what a signal runs, such as cancelling a running query.
pub fn set_on_signal(action: Option<Box<dyn Fn() + Send>>) {
    *ON_SIGNAL.lock().unwrap_or_else(|e| e.into_inner()) = action;
}

/// Remembers this thread's child's pid so that a signal can stop it (None: it ended).
pub fn set_child(pid: Option<u32>) {
    let mut children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let children = children.get_or_insert_with(HashMap::new);
    let me = std::thread::current().id();
    match pid {
        Some(pid) => children.insert(me, pid),
        None => children.remove(&me),
    };
}

/// Catches SIGINT and SIGTERM for the rest of the process (once, however often it is called): a
/// watcher thread records the signal and stops the producers.
pub fn install() -> std::io::Result<()> {
    static INSTALLED: Mutex<bool> = Mutex::new(false);
    let mut installed = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    if *installed {
        return Ok(());
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    *installed = true;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            SIGNAL.store(sig, Ordering::SeqCst);
            if PROMPTING.load(Ordering::SeqCst) {
                eprintln!();
                std::process::exit(128 + sig);
            }
            if let Some(action) = ON_SIGNAL.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                action();
            }
            let children = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
            for pid in children.iter().flat_map(|c| c.values()) {
                // SAFETY: kill(2) with a pid this process started; at worst it fails with ESRCH.
                unsafe {
                    libc::kill(*pid as libc::pid_t, libc::SIGTERM);
                }
            }
        }
    });
    Ok(())
}

/// The error of an interrupted run; exits with 128 + the signal number.
#[derive(Debug, thiserror::Error)]
#[error("interrupted by {}", signal_name(*.0))]
pub struct Interrupted(pub i32);

fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}
