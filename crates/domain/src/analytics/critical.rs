//! The critical path of a case's plan: which open sheets' delay moves the project's end, and
//! by how much.
//!
//! **Model.** Time is a number of office minutes from any origin the caller picks. Each plan
//! item is a step that is
//! - *done*: its sheet finished at `end`;
//! - *open*: its sheet runs since `start` and is due at `due`; it cannot end before `now`, so
//!   an overdue sheet is expected to end at `now` at the earliest (its lateness so far is
//!   `now - due`);
//! - *planned*: not dispatched yet; it starts when its last prerequisite ends (never before
//!   `now`) and takes `duration`.
//!
//! Only planned steps wait on prerequisites (an open or done step has started already). The
//! project ends when its last step does. A step's *slack* is how much later it could end
//! without moving that end (the latest end allowed by its planned dependents, less its
//! expected end); slack 0 is *critical*. For an open step, *shift* is how much its lateness
//! so far has already moved the project's end: the end now, less the end had it finished on
//! its due time (other steps as they are).

use std::collections::BTreeMap;

/// Where one plan item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Finished at `end`.
    Done { end: i64 },
    /// Running since `start`, due at `due`.
    Open { start: i64, due: i64 },
    /// Not dispatched; takes `duration` once its prerequisites are done.
    Planned { duration: i64 },
}

/// One plan item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<K> {
    pub id: K,
    /// Items that must end before this one starts (ignored once it started).
    pub prerequisites: Vec<K>,
    pub progress: Progress,
}

/// One item on the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled<K> {
    pub id: K,
    /// Its expected start and end.
    pub start: i64,
    pub end: i64,
    /// How much later it could end without moving the project's end.
    pub slack: i64,
    /// Open or planned, with no slack: any delay moves the end.
    pub critical: bool,
    /// An open step past its due time: by how much, so far.
    pub late: i64,
    /// An open step: how much its lateness so far has moved the project's end.
    pub shift: i64,
}

/// The schedule of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule<K> {
    /// When the last step is expected to end (`now` for an empty plan).
    pub end: i64,
    /// The steps, in the order given.
    pub steps: Vec<Scheduled<K>>,
}

/// Expected (start, end) of each step, in `steps` order, plus the order of evaluation (each
/// step after its prerequisites; a step caught in a cycle ignores the prerequisites that are
/// not resolved yet).
fn forward<K: Ord>(
    steps: &[Step<K>],
    now: i64,
    index: &BTreeMap<&K, usize>,
    floor: &dyn Fn(usize) -> i64,
) -> (Vec<(i64, i64)>, Vec<usize>) {
    let mut times: Vec<Option<(i64, i64)>> = vec![None; steps.len()];
    let mut order = Vec::with_capacity(steps.len());
    let prereqs = |i: usize| steps[i].prerequisites.iter().filter_map(|p| index.get(p).copied());
    let place = |i: usize, times: &mut Vec<Option<(i64, i64)>>, order: &mut Vec<usize>| {
        let t = match steps[i].progress {
            Progress::Done { end } => (end, end),
            Progress::Open { start, due } => (start, due.max(now)),
            Progress::Planned { duration } => {
                let start = prereqs(i).filter_map(|p| times[p].map(|t| t.1)).fold(floor(i), i64::max);
                (start, start + duration.max(0))
            }
        };
        times[i] = Some(t);
        order.push(i);
    };
    loop {
        let mut progressed = false;
        for i in 0..steps.len() {
            if times[i].is_none()
                && prereqs(i).all(|p| times[p].is_some() || !matches!(steps[i].progress, Progress::Planned { .. }))
            {
                place(i, &mut times, &mut order);
                progressed = true;
            }
        }
        if order.len() == steps.len() {
            break;
        }
        if !progressed {
            // A cycle: place the first unresolved step with what is known.
            if let Some(i) = (0..steps.len()).find(|i| times[*i].is_none()) {
                place(i, &mut times, &mut order);
            }
        }
    }
    (times.into_iter().map(|t| t.unwrap_or((now, now))).collect(), order)
}

fn project_end(times: &[(i64, i64)], now: i64) -> i64 {
    times.iter().map(|t| t.1).max().unwrap_or(now)
}

/// The schedule of `steps` at `now`, with each step's slack and the critical ones marked.
pub fn schedule<K: Ord + Clone>(steps: &[Step<K>], now: i64) -> Schedule<K> {
    let index: BTreeMap<&K, usize> = steps.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let (times, order) = forward(steps, now, &index, &|_| now);
    let end = project_end(&times, now);
    // Backward: the latest end of each step, dependents first.
    let mut latest: Vec<i64> = vec![end; steps.len()];
    for &i in order.iter().rev() {
        if let Progress::Planned { duration } = steps[i].progress {
            let latest_start = latest[i] - duration.max(0);
            for p in steps[i].prerequisites.iter().filter_map(|p| index.get(p).copied()) {
                latest[p] = latest[p].min(latest_start);
            }
        }
    }
    let scheduled = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (start, finish) = times[i];
            let slack = (latest[i] - finish).max(0);
            let (late, shift) = match s.progress {
                Progress::Open { due, .. } if now > due => {
                    // The end had this step finished on time, the others as they are: the
                    // items waiting on it would have started then, not now.
                    let mut on_time: Vec<Step<K>> = steps.to_vec();
                    on_time[i].progress = Progress::Done { end: due };
                    let after = descendants(steps, &index, i);
                    let floor = |j: usize| if after.contains(&j) { i64::MIN } else { now };
                    let (t, _) = forward(&on_time, now, &index_of(&on_time), &floor);
                    let late = now - due;
                    (late, (end - project_end(&t, now)).clamp(0, late))
                }
                _ => (0, 0),
            };
            Scheduled {
                id: s.id.clone(),
                start,
                end: finish,
                slack,
                critical: slack == 0 && !matches!(s.progress, Progress::Done { .. }),
                late,
                shift,
            }
        })
        .collect();
    Schedule { end, steps: scheduled }
}

/// The planned steps that wait, directly or not, on step `i`.
fn descendants<K: Ord>(steps: &[Step<K>], index: &BTreeMap<&K, usize>, i: usize) -> std::collections::BTreeSet<usize> {
    let mut found = std::collections::BTreeSet::new();
    let mut todo = vec![i];
    while let Some(k) = todo.pop() {
        for (j, s) in steps.iter().enumerate() {
            let waits = matches!(s.progress, Progress::Planned { .. })
                && s.prerequisites.iter().any(|p| index.get(p) == Some(&k));
            if waits && found.insert(j) {
                todo.push(j);
            }
        }
    }
    found
}

fn index_of<K: Ord>(steps: &[Step<K>]) -> BTreeMap<&K, usize> {
    steps.iter().enumerate().map(|(i, s)| (&s.id, i)).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn step(id: u32, pre: &[u32], progress: Progress) -> Step<u32> {
        Step { id, prerequisites: pre.to_vec(), progress }
    }

    #[test]
    fn the_longest_chain_is_critical() {
        // 1 (open, due 10) → 3 (planned 20); 2 (open, due 25) alone. End: 30 through 1 → 3.
        let steps = [
            step(1, &[], Progress::Open { start: 0, due: 10 }),
            step(2, &[], Progress::Open { start: 0, due: 25 }),
            step(3, &[1], Progress::Planned { duration: 20 }),
        ];
        let s = schedule(&steps, 5);
        assert_eq!(s.end, 30);
        let by = |id| s.steps.iter().find(|x| x.id == id).unwrap().clone();
        assert!(by(1).critical && by(3).critical);
        assert!(!by(2).critical);
        assert_eq!(by(2).slack, 5);
        assert_eq!((by(3).start, by(3).end), (10, 30));
    }

    #[test]
    fn a_late_critical_sheet_reports_its_lateness_and_the_shift_it_caused() {
        // Now 18: sheet 1 was due at 10, so 3 starts at 18 at the earliest and ends at 38 (8
        // later than on time); sheet 2, due 25, would have ended the project at 30 anyway
        // had 1 been on time, so the shift is 38 - 30 = 8.
        let steps = [
            step(1, &[], Progress::Open { start: 0, due: 10 }),
            step(2, &[], Progress::Open { start: 0, due: 25 }),
            step(3, &[1], Progress::Planned { duration: 20 }),
        ];
        let s = schedule(&steps, 18);
        assert_eq!(s.end, 38);
        let one = &s.steps[0];
        assert!(one.critical);
        assert_eq!((one.late, one.shift), (8, 8));
        // A late sheet that is not on the longest chain moves nothing.
        let steps =
            [step(1, &[], Progress::Open { start: 0, due: 10 }), step(2, &[], Progress::Planned { duration: 100 })];
        let s = schedule(&steps, 12);
        assert_eq!(s.end, 112);
        assert_eq!((s.steps[0].late, s.steps[0].shift, s.steps[0].critical), (2, 0, false));
    }

    #[test]
    fn done_steps_are_never_critical_and_an_empty_plan_ends_now() {
        let s = schedule(&[step(1, &[], Progress::Done { end: 3 })], 7);
        assert_eq!(s.end, 3, "the last end, though past");
        assert!(!s.steps[0].critical);
        assert_eq!(schedule::<u32>(&[], 7).end, 7);
        // A cycle (never accepted in a plan) still gives a schedule.
        let s = schedule(
            &[step(1, &[2], Progress::Planned { duration: 5 }), step(2, &[1], Progress::Planned { duration: 5 })],
            0,
        );
        assert_eq!(s.steps.len(), 2);
    }

    /// A random plan: prerequisites only on earlier steps (acyclic, as plans are).
    fn plan() -> impl Strategy<Value = (Vec<Step<u32>>, i64)> {
        (1usize..8, 0i64..50).prop_flat_map(|(n, now)| {
            let steps = (0..n)
                .map(|i| {
                    let progress = prop_oneof![
                        (0i64..60).prop_map(|end| Progress::Done { end }),
                        (0i64..40, 0i64..80).prop_map(|(start, d)| Progress::Open { start, due: start + d }),
                        (0i64..40).prop_map(|duration| Progress::Planned { duration }),
                    ];
                    let pre = proptest::collection::btree_set(0..(i.max(1) as u32), 0..=i.min(3));
                    (progress, pre).prop_map(move |(progress, pre)| Step {
                        id: i as u32,
                        prerequisites: pre.into_iter().filter(|p| (*p as usize) < i).collect(),
                        progress,
                    })
                })
                .collect::<Vec<_>>();
            (steps, Just(now))
        })
    }

    proptest! {
        /// Delaying an open sheet that is not critical by less than its slack never moves
        /// the end; delaying a critical one moves it by exactly the delay.
        #[test]
        fn slack_is_the_delay_that_moves_nothing((steps, now) in plan(), delay in 1i64..50) {
            let s = schedule(&steps, now);
            for (i, st) in s.steps.iter().enumerate() {
                let Progress::Open { start, .. } = steps[i].progress else { continue };
                let mut delayed = steps.clone();
                let by = if st.critical { delay } else { delay.min(st.slack) };
                if !st.critical && st.slack == 0 { continue; }
                // The sheet now expected to end `by` later than it was.
                delayed[i].progress = Progress::Open { start, due: st.end + by };
                let moved = schedule(&delayed, now).end - s.end;
                if st.critical {
                    prop_assert_eq!(moved, by, "critical step {} delayed by {}", st.id, by);
                } else if by <= st.slack {
                    prop_assert_eq!(moved, 0, "step {} with slack {} delayed by {}", st.id, st.slack, by);
                }
            }
        }

        /// Slack is never negative and some open or planned step is critical whenever the last
        /// step to end is not already done.
        #[test]
        fn the_end_is_held_by_a_critical_step((steps, now) in plan()) {
            let s = schedule(&steps, now);
            prop_assert!(s.steps.iter().all(|x| x.slack >= 0 && x.shift >= 0 && x.shift <= x.late));
            let last_live = s.steps.iter().zip(&steps).any(|(x, st)| x.end == s.end && !matches!(st.progress, Progress::Done { .. }));
            if last_live {
                prop_assert!(s.steps.iter().any(|x| x.critical));
            }
        }
    }
}
