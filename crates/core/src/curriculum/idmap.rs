//! Ids to item positions, without a `String` per entry: the ids are copied once into one buffer
//! and the hash table holds only small entry numbers. For 300,000 ids this takes about a fifth
//! of a `HashMap<String, usize>`.

use std::hash::BuildHasher;

use hashbrown::HashTable;

#[derive(Default)]
pub struct IdMap {
    table: HashTable<u32>,
    /// Every id, one after another; entry `k` is `ids[ends[k - 1]..ends[k]]`.
    ids: String,
    ends: Vec<u32>,
    values: Vec<u32>,
    state: foldhash::fast::RandomState,
}

impl IdMap {
    pub fn with_capacity(n: usize) -> IdMap {
        IdMap {
            table: HashTable::with_capacity(n),
            ids: String::with_capacity(n * 8),
            ends: Vec::with_capacity(n),
            values: Vec::with_capacity(n),
            state: Default::default(),
        }
    }

    fn key(&self, k: u32) -> &str {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.ids[start..self.ends[k] as usize]
    }

    /// The position stored for `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        let hash = self.state.hash_one(id);
        self.table
            .find(hash, |&k| self.key(k) == id)
            .map(|&k| self.values[k as usize] as usize)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Stores `value` for `id` unless `id` is there already; returns the value stored first.
    pub fn insert_first(&mut self, id: &str, value: usize) -> Option<usize> {
        if let Some(v) = self.get(id) {
            return Some(v);
        }
        let k = u32::try_from(self.ends.len()).expect("fewer than 4 billion ids");
        self.ids.push_str(id);
        self.ends
            .push(u32::try_from(self.ids.len()).expect("ids under 4 GiB"));
        self.values
            .push(u32::try_from(value).expect("fewer than 4 billion items"));
        let hash = self.state.hash_one(id);
        let Self {
            table,
            ids,
            ends,
            state,
            ..
        } = self;
        let key_of = |k: u32| {
            let k = k as usize;
            let start = if k == 0 { 0 } else { ends[k - 1] as usize };
            &ids[start..ends[k] as usize]
        };
        table.insert_unique(hash, k, |&j| state.hash_one(key_of(j)));
        None
    }

    /// Every id, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(|k| self.key(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_first_values_and_finds_them() {
        let mut m = IdMap::with_capacity(2);
        assert_eq!(m.insert_first("numpy", 3), None);
        assert_eq!(m.insert_first("mpi4py", 7), None);
        assert_eq!(m.insert_first("numpy", 9), Some(3));
        for i in 0..1000 {
            assert_eq!(m.insert_first(&format!("t{i}"), 100 + i), None);
        }
        assert_eq!(m.get("numpy"), Some(3));
        assert_eq!(m.get("mpi4py"), Some(7));
        assert_eq!(m.get("t999"), Some(1099));
        assert_eq!(m.get("numpi"), None);
        assert_eq!(m.get(""), None);
        assert_eq!(m.keys().take(2).collect::<Vec<_>>(), ["numpy", "mpi4py"]);
    }
}
