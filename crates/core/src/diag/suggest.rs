//! Did-you-mean: the known name closest to a misspelt one, in time that stays bounded however
//! many names and misspellings a file holds.
//!
//! Names are compared by Jaro-Winkler similarity. While a budget lasts, a misspelling is
//! compared with every name, which finds any close one; that covers every curriculum written by
//! hand. Past the budget (thousands of misspellings against tens of thousands of names) it is
//! compared only with the few names that are one deleted character away from it, found in an
//! index: the usual typos (a letter missing, added, changed or two swapped) are still found.

/// How similar (Jaro-Winkler) a name must be to be suggested.
const THRESHOLD: f64 = 0.8;
/// Names one suggester compares in full scans, over all the misspellings it is asked about.
const FULL_SCAN_BUDGET: usize = 1_000_000;
/// Names compared with one misspelling once the budget is spent.
const INDEXED_CANDIDATES: usize = 32;
/// Characters of a name that its index keys are made of.
const KEY_CHARS: usize = 16;
/// Text longer than this (in characters) is no misspelt name: nothing is suggested for it,
/// and it is never suggested.
const MAX_CHARS: usize = 128;

/// Suggests close names from one set of names, for any number of misspellings.
pub struct Suggester<'a> {
    names: Vec<&'a str>,
    budget: usize,
    /// (key, name) pairs sorted by key, built when the budget runs out.
    index: Option<Vec<(u64, u32)>>,
}

impl<'a> Suggester<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Suggester<'a> {
        Suggester {
            names: names
                .into_iter()
                .filter(|n| n.len() <= 4 * MAX_CHARS && n.chars().count() <= MAX_CHARS)
                .collect(),
            budget: FULL_SCAN_BUDGET,
            index: None,
        }
    }

    /// The closest name to `wrong`, if one is close enough; of equally close ones, the first in
    /// alphabetical order.
    pub fn suggest(&mut self, wrong: &str) -> Option<&'a str> {
        if wrong.len() > 4 * MAX_CHARS || wrong.chars().count() > MAX_CHARS {
            return None;
        }
        if self.names.len() <= self.budget {
            self.budget -= self.names.len();
            return best(wrong, self.names.iter().copied());
        }
        let names = &self.names;
        let index = self.index.get_or_insert_with(|| {
            let mut index = Vec::new();
            for (i, n) in names.iter().enumerate() {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                index.extend(keys(n).into_iter().map(|k| (k, i)));
            }
            index.sort_unstable();
            index.dedup();
            index
        });
        let mut found: Vec<u32> = Vec::with_capacity(INDEXED_CANDIDATES);
        'keys: for key in keys(wrong) {
            let from = index.partition_point(|&(k, _)| k < key);
            for &(k, i) in &index[from..] {
                if k != key {
                    break;
                }
                if !found.contains(&i) {
                    if found.len() == INDEXED_CANDIDATES {
                        break 'keys;
                    }
                    found.push(i);
                }
            }
        }
        best(wrong, found.iter().map(|&i| names[i as usize]))
    }
}

/// The closest of `names` to `wrong` above the threshold.
fn best<'a>(wrong: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in names {
        let score = strsim::jaro_winkler(wrong, c);
        if score > THRESHOLD && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The index keys of a name: the hash of its first [`KEY_CHARS`] characters, and of each way of
/// leaving one of them out. Two names one typo apart share a key.
fn keys(name: &str) -> Vec<u64> {
    let chars: Vec<char> = name.chars().take(KEY_CHARS).collect();
    let mut keys = Vec::with_capacity(chars.len() + 1);
    keys.push(hash(chars.iter().copied()));
    for skip in 0..chars.len() {
        keys.push(hash(
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, &c)| c),
        ));
    }
    keys
}

/// FNV-1a: the same on every run and every version, so that suggestions are too.
fn hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        for b in (c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Suggests the closest candidate to one misspelt name, if one is close enough.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    Suggester::new(candidates).suggest(wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["numpy-arrays", "mpi4py-basics", "cython-basics"];
        assert_eq!(did_you_mean("numpy-array", ids), Some("numpy-arrays"));
        assert_eq!(did_you_mean("mpi4py-basic", ids), Some("mpi4py-basics"));
        assert_eq!(did_you_mean("numpy", ids), Some("numpy-arrays"));
        assert_eq!(did_you_mean("quantum-chemistry", ids), None);
        assert_eq!(did_you_mean(&"x".repeat(10_000), ids), None);
    }

    #[test]
    fn past_the_budget_typos_are_still_found_through_the_index() {
        let names: Vec<String> = (0..20_000).map(|i| format!("topic-{i:05}")).collect();
        let mut s = Suggester::new(names.iter().map(String::as_str));
        // Spend the budget.
        for _ in 0..FULL_SCAN_BUDGET / names.len() {
            s.suggest("zzz");
        }
        assert!(s.index.is_none());
        // A letter missing, added, changed, two swapped; and a name far from all.
        assert_eq!(s.suggest("topc-01234"), Some("topic-01234"));
        assert!(s.index.is_some());
        assert_eq!(s.suggest("topiic-01234"), Some("topic-01234"));
        assert_eq!(s.suggest("topix-01234"), Some("topic-01234"));
        assert_eq!(s.suggest("tpoic-01234"), Some("topic-01234"));
        assert_eq!(s.suggest("quantum-chemistry"), None);
    }

    #[test]
    fn full_scans_and_the_index_agree_on_single_typos() {
        let names = [
            "numpy-arrays",
            "numba-jit",
            "mpi4py-basics",
            "cython-basics",
        ];
        let mut full = Suggester::new(names);
        let mut indexed = Suggester::new(names);
        indexed.budget = 0;
        for wrong in [
            "numpy-arays",
            "numba-jt",
            "mpi4py-basic",
            "cyhton-basics",
            "dask",
        ] {
            assert_eq!(full.suggest(wrong), indexed.suggest(wrong), "{wrong}");
        }
    }
}
