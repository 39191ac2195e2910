//! The UI thread's table of requests that wait for the worker: who gets the answers, and when
//! waiting ends because the worker has been silent for too long. Pure Rust (the clock is a
//! parameter), so the decisions are tested natively.

use crate::protocol::{Failure, Kind};
use std::{collections::BTreeMap, rc::Rc};

/// Gets the answers of one request: `Ok` for each answer, or the one failure that ends it.
pub type Handler<A> = Rc<dyn Fn(Result<A, Failure>)>;

/// True when a request of `kind` last heard of at `heard_at` has waited too long at `now`
/// (both in milliseconds).
pub fn silent_too_long(kind: Kind, heard_at: f64, now: f64) -> bool {
    now - heard_at > kind.silence_limit_secs() as f64 * 1000.0
}

struct Waiting<A> {
    handler: Handler<A>,
    heard_at: f64,
}

/// The requests of one kind that wait for answers of type `A`, by job id.
pub struct Pending<A> {
    kind: Kind,
    waiting: BTreeMap<u32, Waiting<A>>,
}

impl<A> Pending<A> {
    /// An empty table for requests of `kind`.
    pub fn new(kind: Kind) -> Pending<A> {
        Pending { kind, waiting: BTreeMap::new() }
    }

    /// Starts waiting for the answers to `job` at `now` (milliseconds).
    pub fn wait(&mut self, job: u32, now: f64, handler: Handler<A>) {
        self.waiting.insert(job, Waiting { handler, heard_at: now });
    }

    /// The handler for an answer to `job` that more answers follow (progress); the silence
    /// clock starts again at `now`. `None` when nobody waits for `job` (any more).
    pub fn heard(&mut self, job: u32, now: f64) -> Option<Handler<A>> {
        let waiting = self.waiting.get_mut(&job)?;
        waiting.heard_at = now;
        Some(waiting.handler.clone())
    }

    /// The handler for the final answer to `job`, which is then no longer waited for.
    pub fn done(&mut self, job: u32) -> Option<Handler<A>> {
        self.waiting.remove(&job).map(|w| w.handler)
    }

    /// Takes out every request that has been silent too long at `now`, each with its job id,
    /// its handler and the failure to give it.
    pub fn expired(&mut self, now: f64) -> Vec<(u32, Handler<A>, Failure)> {
        let kind = self.kind;
        let jobs: Vec<u32> = self
            .waiting
            .iter()
            .filter(|(_, w)| silent_too_long(kind, w.heard_at, now))
            .map(|(job, _)| *job)
            .collect();
        let failure = Failure::NoAnswer { kind, seconds: kind.silence_limit_secs() };
        jobs.into_iter()
            .filter_map(|job| self.done(job).map(|h| (job, h, failure.clone())))
            .collect()
    }

    /// Takes out every waiting request (the worker is gone).
    pub fn drain(&mut self) -> Vec<Handler<A>> {
        std::mem::take(&mut self.waiting).into_values().map(|w| w.handler).collect()
    }

    /// Number of requests waiting.
    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    /// True when no request waits.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }
}

/// The value the UI last asked the worker for (the dashboard's segment choice), ahead of the
/// answers. A change made while an earlier request is still under way starts from what was
/// asked, not from the last answer: choosing "only plan Team" before the answer to "split by
/// plan" arrives asks for both, and that answer does not take the split back on screen.
#[derive(Debug, Clone, Default)]
pub struct Asked<T> {
    latest: Option<(u32, T)>,
}

impl<T: Clone> Asked<T> {
    /// Nothing asked yet.
    pub fn new() -> Asked<T> {
        Asked { latest: None }
    }

    /// `job` asks for `value`; it replaces any value asked for before.
    pub fn ask(&mut self, job: u32, value: T) {
        self.latest = Some((job, value));
    }

    /// The request `job` ended (answered or failed). Only the last request's end settles the
    /// value: an earlier request's answer is not what the user chose last.
    pub fn settled(&mut self, job: u32) {
        if self.latest.as_ref().is_some_and(|(j, _)| *j == job) {
            self.latest = None;
        }
    }

    /// What the screen shows and the next change starts from: the value asked for while its
    /// answer is awaited, else `answered` (the worker's).
    pub fn current(&self, answered: &T) -> T {
        self.latest.as_ref().map_or_else(|| answered.clone(), |(_, v)| v.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    type Log = Rc<RefCell<Vec<Result<u32, Failure>>>>;

    fn recorder(log: &Log) -> Handler<u32> {
        let log = log.clone();
        Rc::new(move |answer| log.borrow_mut().push(answer))
    }

    #[test]
    fn silence_limits_are_per_kind_and_inclusive() {
        // 30 s for a sniff, 60 s between an import's progress messages.
        assert!(!silent_too_long(Kind::Sniff, 1_000.0, 31_000.0));
        assert!(silent_too_long(Kind::Sniff, 1_000.0, 31_001.0));
        assert!(!silent_too_long(Kind::Import, 1_000.0, 61_000.0));
        assert!(silent_too_long(Kind::Import, 1_000.0, 61_001.0));
    }

    #[test]
    fn progress_keeps_an_import_alive_and_silence_ends_it() {
        let log = Log::default();
        let mut imports = Pending::new(Kind::Import);
        imports.wait(7, 0.0, recorder(&log));
        imports.wait(8, 0.0, recorder(&log));
        // Job 7 reports progress at 50 s; job 8 says nothing.
        let Some(handler) = imports.heard(7, 50_000.0) else { panic!("job 7 not waiting") };
        handler(Ok(1));
        let expired = imports.expired(70_000.0);
        assert_eq!(expired.iter().map(|(job, _, _)| *job).collect::<Vec<_>>(), [8]);
        for (_, handler, failure) in expired {
            handler(Err(failure));
        }
        assert_eq!(imports.len(), 1);
        // 60 s after its last progress message job 7 has not been silent too long; 1 ms later it has.
        assert!(imports.expired(110_000.0).is_empty());
        assert_eq!(imports.expired(110_001.0).len(), 1);
        assert!(imports.is_empty());
        let no_answer = Failure::NoAnswer { kind: Kind::Import, seconds: 60 };
        assert_eq!(*log.borrow(), [Ok(1), Err(no_answer)]);
    }

    #[test]
    fn a_final_answer_is_delivered_once_and_late_answers_find_nobody() {
        let log = Log::default();
        let mut sniffs = Pending::new(Kind::Sniff);
        sniffs.wait(1, 0.0, recorder(&log));
        assert!(sniffs.done(1).is_some());
        assert!(sniffs.done(1).is_none());
        assert!(sniffs.heard(1, 5.0).is_none());
        assert!(sniffs.expired(1e9).is_empty());
    }

    #[test]
    fn a_lost_worker_fails_everything_waiting() {
        let log = Log::default();
        let mut csvs = Pending::new(Kind::RejectionsCsv);
        csvs.wait(1, 0.0, recorder(&log));
        csvs.wait(2, 0.0, recorder(&log));
        for handler in csvs.drain() {
            handler(Err(Failure::WorkerUnavailable));
        }
        assert!(csvs.is_empty());
        assert_eq!(log.borrow().len(), 2);
    }

    /// Issue 17: "split by plan", then "only plan Team" before the split's answer arrives.
    #[test]
    fn a_change_before_the_answer_keeps_the_earlier_change() {
        // (split by, only)
        type Choice = (Option<&'static str>, Option<&'static str>);
        let mut asked: Asked<Choice> = Asked::new();
        let mut shown: Choice = (None, None);
        // The user splits by plan: job 1 asks for it; the screen shows it at once.
        let first = (Some("plan"), asked.current(&shown).1);
        asked.ask(1, first);
        shown = asked.current(&shown);
        assert_eq!(shown, (Some("plan"), None));
        // Before job 1's answer the user picks the filter: the change starts from the split.
        let second = (asked.current(&shown).0, Some("plan=Team"));
        assert_eq!(second, (Some("plan"), Some("plan=Team")));
        asked.ask(2, second);
        // Job 1's answer (split, no filter) arrives: the screen keeps what was asked last.
        asked.settled(1);
        shown = asked.current(&(Some("plan"), None));
        assert_eq!(shown, second);
        // Job 2's answer settles it; from now on the worker's answers are shown.
        asked.settled(2);
        assert_eq!(asked.current(&second), second);
        assert_eq!(asked.current(&(None, None)), (None, None));
    }
}
