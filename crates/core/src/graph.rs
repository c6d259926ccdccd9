//! The topics as a prerequisite graph: an edge runs from a prerequisite to the topic that
//! needs it. Orders are deterministic: among topics that are ready, the one with the smaller key
//! (area order, then curriculum order) comes first.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

pub struct TopicGraph {
    prereqs: Vec<Vec<usize>>,
    /// Who requires each topic, in one flat list: topic `i`'s are
    /// `dependents[dep_start[i]..dep_start[i + 1]]` (one allocation instead of one per topic).
    dependents: Vec<usize>,
    dep_start: Vec<usize>,
    /// The ordering key of each topic: smaller comes first among ready topics.
    keys: Vec<(usize, usize)>,
}

impl TopicGraph {
    /// `prereqs[i]` lists the topics that topic `i` requires; `area_rank[i]` is the position of
    /// topic `i`'s area. Unknown indices are ignored by the caller before this point.
    pub fn new(prereqs: Vec<Vec<usize>>, area_rank: &[usize]) -> TopicGraph {
        let n = prereqs.len();
        let mut dep_start = vec![0usize; n + 1];
        for ps in &prereqs {
            for &p in ps {
                dep_start[p + 1] += 1;
            }
        }
        for i in 0..n {
            dep_start[i + 1] += dep_start[i];
        }
        let mut fill = dep_start.clone();
        let mut dependents = vec![0usize; dep_start[n]];
        for (i, ps) in prereqs.iter().enumerate() {
            for &p in ps {
                dependents[fill[p]] = i;
                fill[p] += 1;
            }
        }
        let keys = (0..n).map(|i| (area_rank[i], i)).collect();
        TopicGraph {
            prereqs,
            dependents,
            dep_start,
            keys,
        }
    }

    /// The position of each topic's area, as given to [`TopicGraph::new`].
    pub fn area_ranks(&self) -> Vec<usize> {
        self.keys.iter().map(|k| k.0).collect()
    }

    /// Every topic's prerequisites, as given to [`TopicGraph::new`].
    pub fn all_requires(&self) -> &[Vec<usize>] {
        &self.prereqs
    }

    pub fn len(&self) -> usize {
        self.prereqs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prereqs.is_empty()
    }

    pub fn requires(&self, i: usize) -> &[usize] {
        &self.prereqs[i]
    }

    pub fn required_by(&self, i: usize) -> &[usize] {
        &self.dependents[self.dep_start[i]..self.dep_start[i + 1]]
    }

    /// Every cycle of prerequisites, each as the path `a, b, c` meaning a requires … requires a,
    /// written in the direction of `requires`. One cycle per strongly connected component,
    /// starting at its first topic.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let n = self.len();
        let mut graph: DiGraph<usize, ()> =
            DiGraph::with_capacity(n, self.prereqs.iter().map(Vec::len).sum());
        for i in 0..n {
            graph.add_node(i);
        }
        for (i, ps) in self.prereqs.iter().enumerate() {
            for &p in ps {
                graph.add_edge(NodeIndex::new(p), NodeIndex::new(i), ());
            }
        }
        let mut out = Vec::new();
        for comp in tarjan_scc(&graph) {
            let members: BTreeSet<usize> = comp.iter().map(|n| n.index()).collect();
            let start = *members.iter().next().expect("components are not empty");
            if members.len() == 1 && !self.prereqs[start].contains(&start) {
                continue;
            }
            out.push(self.cycle_through(start, &members));
        }
        out.sort();
        out
    }

    /// The shortest walk along `requires` from `start` back to itself inside `members`.
    fn cycle_through(&self, start: usize, members: &BTreeSet<usize>) -> Vec<usize> {
        // Only the members' entries: one table the size of the graph per cycle would make
        // twenty thousand self-requiring topics cost twenty thousand times the graph.
        let mut prev: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue = VecDeque::new();
        let mut seen = BTreeSet::new();
        let sorted = |v: &[usize]| {
            let mut v: Vec<usize> = v.iter().copied().filter(|x| members.contains(x)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for &n in &sorted(&self.prereqs[start]) {
            if n == start {
                return vec![start];
            }
            if seen.insert(n) {
                prev.insert(n, start);
                queue.push_back(n);
            }
        }
        while let Some(cur) = queue.pop_front() {
            for &n in &sorted(&self.prereqs[cur]) {
                if n == start {
                    let mut path = vec![cur];
                    let mut at = cur;
                    while let Some(&p) = prev.get(&at) {
                        if p == start {
                            break;
                        }
                        path.push(p);
                        at = p;
                    }
                    path.push(start);
                    path.reverse();
                    return path;
                }
                if seen.insert(n) {
                    prev.insert(n, cur);
                    queue.push_back(n);
                }
            }
        }
        vec![start]
    }

    /// All prerequisites of `i`, direct and indirect, not including `i`.
    pub fn ancestors(&self, i: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for &p in &self.prereqs[t] {
                if out.insert(p) {
                    stack.push(p);
                }
            }
        }
        out
    }

    /// Every topic that needs `i`, directly or indirectly, not including `i`.
    pub fn descendants(&self, i: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for &d in self.required_by(t) {
                if out.insert(d) {
                    stack.push(d);
                }
            }
        }
        out
    }

    /// The topics to learn: the wanted ones that are not known, and their prerequisites, walking
    /// back from each wanted topic and stopping at known topics.
    pub fn needed(&self, wanted: &BTreeSet<usize>, known: &BTreeSet<usize>) -> BTreeSet<usize> {
        let mut is_known = vec![false; self.len()];
        for &k in known {
            is_known[k] = true;
        }
        let mut seen = vec![false; self.len()];
        let mut stack: Vec<usize> = wanted.iter().copied().filter(|&w| !is_known[w]).collect();
        for &w in &stack {
            seen[w] = true;
        }
        while let Some(t) = stack.pop() {
            for &p in &self.prereqs[t] {
                if !is_known[p] && !seen[p] {
                    seen[p] = true;
                    stack.push(p);
                }
            }
        }
        (0..self.len()).filter(|&t| seen[t]).collect()
    }

    /// A topological order of `subset` (Kahn's algorithm): every topic after the prerequisites
    /// it shares with the subset; among ready topics, the smallest key first.
    pub fn order(&self, subset: &BTreeSet<usize>) -> Vec<usize> {
        let mut inside = vec![false; self.len()];
        for &t in subset {
            inside[t] = true;
        }
        let mut indegree: Vec<usize> = vec![0; self.len()];
        for &t in subset {
            indegree[t] = self.prereqs[t].iter().filter(|&&p| inside[p]).count();
        }
        let mut ready: BinaryHeap<Reverse<(usize, usize)>> = subset
            .iter()
            .filter(|&&t| indegree[t] == 0)
            .map(|&t| Reverse(self.keys[t]))
            .collect();
        let mut out = Vec::with_capacity(subset.len());
        while let Some(Reverse((_, t))) = ready.pop() {
            out.push(t);
            for &d in self.required_by(t) {
                if inside[d] {
                    indegree[d] -= 1;
                    if indegree[d] == 0 {
                        ready.push(Reverse(self.keys[d]));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[usize]) -> BTreeSet<usize> {
        v.iter().copied().collect()
    }

    // 0 basics, 1 numpy (0), 2 profiling (0), 3 cython (1, 2), 4 mpi (1), 5 petsc (4)
    fn sample() -> TopicGraph {
        TopicGraph::new(
            vec![vec![], vec![0], vec![0], vec![1, 2], vec![1], vec![4]],
            &[0, 0, 1, 2, 3, 3],
        )
    }

    #[test]
    fn order_respects_prerequisites_and_area_order() {
        let g = sample();
        assert_eq!(g.order(&set(&[0, 1, 2, 3, 4, 5])), vec![0, 1, 2, 3, 4, 5]);
        // Area order beats curriculum order among ready topics.
        let g2 = TopicGraph::new(vec![vec![], vec![], vec![]], &[3, 0, 1]);
        assert_eq!(g2.order(&set(&[0, 1, 2])), vec![1, 2, 0]);
    }

    #[test]
    fn needed_stops_at_known_topics() {
        let g = sample();
        assert_eq!(g.needed(&set(&[5]), &set(&[])), set(&[0, 1, 4, 5]));
        assert_eq!(g.needed(&set(&[5]), &set(&[1])), set(&[4, 5]));
        assert_eq!(g.needed(&set(&[5]), &set(&[5])), set(&[]));
        assert_eq!(g.needed(&set(&[3]), &set(&[0])), set(&[1, 2, 3]));
    }

    #[test]
    fn ancestors_are_the_transitive_closure() {
        assert_eq!(sample().ancestors(5), set(&[0, 1, 4]));
        assert_eq!(sample().ancestors(3), set(&[0, 1, 2]));
    }

    #[test]
    fn cycles_are_reported_as_paths() {
        // 0 requires 1, 1 requires 2, 2 requires 0; 3 requires itself; 4 is fine.
        let g = TopicGraph::new(vec![vec![1], vec![2], vec![0], vec![3], vec![0]], &[0; 5]);
        assert_eq!(g.cycles(), vec![vec![0, 1, 2], vec![3]]);
        assert!(sample().cycles().is_empty());
    }
}
