//! Dependencies between the items of a plan, and parallel approval (并联审批).
//!
//! An edge `(item, prerequisite)` says `item` may start only once `prerequisite` is
//! satisfied, i.e. its sheet finished with an approval. Items with no unsatisfied
//! prerequisite run in parallel.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use uuid::Uuid;

use super::sheet::{SheetKind, SheetOutcome, SheetState};

/// The dependencies contain a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencyCycle<K> {
    /// The items of the cycle in order: each depends on the next, the last on the first.
    pub cycle: Vec<K>,
}

impl<K: fmt::Display> fmt::Display for DependencyCycle<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("dependency cycle: ")?;
        for item in &self.cycle {
            write!(f, "{item} → ")?;
        }
        match self.cycle.first() {
            Some(first) => write!(f, "{first}"),
            None => Ok(()),
        }
    }
}

impl<K: fmt::Debug + fmt::Display> std::error::Error for DependencyCycle<K> {}

/// Refuses dependencies that contain a cycle (an item depending on itself included),
/// returning one cycle.
pub fn validate_dependencies<K: Ord + Clone>(edges: &[(K, K)]) -> Result<(), DependencyCycle<K>> {
    match find_cycle(edges) {
        Some(cycle) => Err(DependencyCycle { cycle }),
        None => Ok(()),
    }
}

/// One cycle of the graph, if there is one (depth-first search, deterministic order).
pub fn find_cycle<K: Ord + Clone>(edges: &[(K, K)]) -> Option<Vec<K>> {
    let mut graph: BTreeMap<&K, Vec<&K>> = BTreeMap::new();
    for (item, prerequisite) in edges {
        graph.entry(item).or_default().push(prerequisite);
    }
    let mut done: BTreeSet<&K> = BTreeSet::new();
    for start in graph.keys() {
        if done.contains(start) {
            continue;
        }
        // Iterative DFS: the path from `start` with, for each node, the next edge to follow.
        let mut path: Vec<(&K, usize)> = vec![(start, 0)];
        while let Some((node, next_edge)) = path.last_mut() {
            let node = *node;
            let next = graph.get(node).and_then(|out| out.get(*next_edge)).copied();
            *next_edge += 1;
            match next {
                None => {
                    done.insert(node);
                    path.pop();
                }
                Some(next) if done.contains(next) => {}
                Some(next) => {
                    if let Some(at) = path.iter().position(|(n, _)| *n == next) {
                        return Some(path[at..].iter().map(|(n, _)| (*n).clone()).collect());
                    }
                    path.push((next, 0));
                }
            }
        }
    }
    None
}

/// The items that can be dispatched now: not yet `started`, and every prerequisite in
/// `satisfied`. Returned in the order of `items`.
pub fn ready_items<K: Ord + Clone>(
    items: &[K],
    edges: &[(K, K)],
    started: &BTreeSet<K>,
    satisfied: &BTreeSet<K>,
) -> Vec<K> {
    items
        .iter()
        .filter(|item| !started.contains(*item))
        .filter(|item| {
            edges
                .iter()
                .filter(|(dependent, _)| dependent == *item)
                .all(|(_, prerequisite)| satisfied.contains(prerequisite))
        })
        .cloned()
        .collect()
}

/// A plan item as readiness needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// The item.
    pub id: Uuid,
    /// Part of the agreed plan (an item only asked for, or a verification item, is not).
    pub planned: bool,
    /// Items that must be approved first.
    pub prerequisites: Vec<Uuid>,
}

/// A sheet of the case as readiness needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSheet {
    /// The sheet.
    pub id: Uuid,
    /// The item it handles.
    pub item_id: Uuid,
    /// Approval or verification.
    pub kind: SheetKind,
    /// Where it stands.
    pub state: SheetState,
    /// How it ended.
    pub outcome: Option<SheetOutcome>,
}

/// The planned items to dispatch now (并联审批: all at once), in plan order: those without a
/// live approval sheet (a cancelled one does not count: a terminated, then reopened case
/// dispatches its items again) whose prerequisites all have an approved approval sheet.
pub fn ready_to_dispatch(items: &[PlanItem], sheets: &[PlanSheet]) -> Vec<Uuid> {
    let approval = |s: &&PlanSheet| s.kind == SheetKind::Approval;
    let approved: BTreeSet<Uuid> = sheets
        .iter()
        .filter(approval)
        .filter(|s| s.outcome == Some(SheetOutcome::Approved))
        .map(|s| s.item_id)
        .collect();
    let live: BTreeSet<Uuid> =
        sheets.iter().filter(approval).filter(|s| s.state != SheetState::Cancelled).map(|s| s.item_id).collect();
    items
        .iter()
        .filter(|i| i.planned && !live.contains(&i.id))
        .filter(|i| i.prerequisites.iter().all(|p| approved.contains(p)))
        .map(|i| i.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&'static str]) -> BTreeSet<&'static str> {
        items.iter().copied().collect()
    }

    #[test]
    fn acyclic_plans_pass() {
        let edges = [("施工许可", "工程规划许可"), ("工程规划许可", "用地规划许可"), ("施工许可", "用地规划许可")];
        assert_eq!(validate_dependencies(&edges), Ok(()));
        assert_eq!(validate_dependencies::<&str>(&[]), Ok(()));
    }

    #[test]
    fn cycles_are_returned() {
        let edges = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")];
        let err = validate_dependencies(&edges).unwrap_err();
        assert_eq!(err.cycle, vec!["a", "b", "c"]);
        assert_eq!(err.to_string(), "dependency cycle: a → b → c → a");
        assert_eq!(find_cycle(&[("x", "x")]), Some(vec!["x"]));
        let edges = [("d", "e"), ("e", "f"), ("f", "e")];
        assert_eq!(find_cycle(&edges), Some(vec!["e", "f"]));
    }

    #[test]
    fn ready_items_wait_for_satisfied_prerequisites() {
        let items = ["立项", "用地", "规划", "施工", "环评"];
        let edges = [("用地", "立项"), ("规划", "用地"), ("施工", "规划"), ("施工", "环评")];
        let none = set(&[]);
        assert_eq!(ready_items(&items, &edges, &none, &none), vec!["立项", "环评"]);
        let started = set(&["立项", "环评"]);
        assert!(ready_items(&items, &edges, &started, &none).is_empty());
        let satisfied = set(&["立项", "环评"]);
        assert_eq!(ready_items(&items, &edges, &started, &satisfied), vec!["用地"]);
        let started = set(&["立项", "环评", "用地", "规划"]);
        let satisfied = set(&["立项", "用地", "规划"]);
        assert!(ready_items(&items, &edges, &started, &satisfied).is_empty(), "环评 pending");
    }

    fn sheet(n: u128, item: u128, kind: SheetKind, state: SheetState, outcome: Option<SheetOutcome>) -> PlanSheet {
        PlanSheet { id: Uuid::from_u128(100 + n), item_id: Uuid::from_u128(item), kind, state, outcome }
    }

    #[test]
    fn items_are_ready_when_their_prerequisites_are_approved_and_they_have_no_live_sheet() {
        let id = Uuid::from_u128;
        let item = |n: u128, planned: bool, pre: &[u128]| PlanItem {
            id: id(n),
            planned,
            prerequisites: pre.iter().copied().map(id).collect(),
        };
        let items =
            [item(1, true, &[]), item(2, true, &[1]), item(3, true, &[]), item(4, false, &[]), item(5, true, &[1, 3])];
        assert_eq!(ready_to_dispatch(&items, &[]), vec![id(1), id(3)], "not the unplanned item 4");
        let finished = |n, item, outcome| sheet(n, item, SheetKind::Approval, SheetState::Finished, Some(outcome));
        let sheets =
            [finished(1, 1, SheetOutcome::Approved), sheet(3, 3, SheetKind::Approval, SheetState::Acknowledged, None)];
        assert_eq!(ready_to_dispatch(&items, &sheets), vec![id(2)], "5 waits for 3");
        // A verification sheet's approval does not satisfy, and a refusal does not either.
        let sheets = [
            sheet(1, 1, SheetKind::Verification, SheetState::Finished, Some(SheetOutcome::Approved)),
            finished(3, 3, SheetOutcome::NotApproved),
        ];
        assert_eq!(ready_to_dispatch(&items, &sheets), vec![id(1)]);
        // Cancelled sheets (a terminated case, reopened) are dispatched again.
        let cancelled = [sheet(1, 1, SheetKind::Approval, SheetState::Cancelled, None)];
        assert_eq!(ready_to_dispatch(&items, &cancelled), vec![id(1), id(3)]);
    }
}
