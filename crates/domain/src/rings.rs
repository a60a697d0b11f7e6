//! Fraud rings: cases connected through the suspect identifiers they share.
//!
//! The case–identifier graph is bipartite; a ring is one of its connected components with at
//! least two cases. Computed with union–find over the edges, near-linear in their number.

use std::collections::HashMap;

/// One case–identifier link (both as database ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub case_id: i64,
    pub identifier_id: i64,
}

/// A connected group of cases and the identifiers that tie them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ring {
    /// Ascending.
    pub cases: Vec<i64>,
    /// Ascending; only identifiers that appear in two or more of the ring's cases.
    pub identifiers: Vec<i64>,
}

impl Ring {
    /// A stable name for the ring: its oldest case.
    pub fn id(&self) -> i64 {
        self.cases[0]
    }
}

struct UnionFind {
    parent: Vec<u32>,
    rank: Vec<u8>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n as u32).collect(), rank: vec![0; n] }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        match self.rank[ra as usize].cmp(&self.rank[rb as usize]) {
            std::cmp::Ordering::Less => self.parent[ra as usize] = rb,
            std::cmp::Ordering::Greater => self.parent[rb as usize] = ra,
            std::cmp::Ordering::Equal => {
                self.parent[rb as usize] = ra;
                self.rank[ra as usize] += 1;
            }
        }
    }
}

/// The rings in a set of edges, largest first (then oldest first). Identifiers linked to only
/// one case never connect anything and are ignored.
pub fn rings(edges: &[Edge]) -> Vec<Ring> {
    let mut case_index: HashMap<i64, u32> = HashMap::new();
    let mut cases: Vec<i64> = Vec::new();
    let mut by_identifier: HashMap<i64, Vec<u32>> = HashMap::new();
    for e in edges {
        let idx = *case_index.entry(e.case_id).or_insert_with(|| {
            cases.push(e.case_id);
            (cases.len() - 1) as u32
        });
        let list = by_identifier.entry(e.identifier_id).or_default();
        if !list.contains(&idx) {
            list.push(idx);
        }
    }
    let mut uf = UnionFind::new(cases.len());
    for members in by_identifier.values() {
        for pair in members.windows(2) {
            uf.union(pair[0], pair[1]);
        }
    }
    let mut groups: HashMap<u32, Ring> = HashMap::new();
    for (idx, case_id) in cases.iter().enumerate() {
        let root = uf.find(idx as u32);
        groups.entry(root).or_insert_with(|| Ring { cases: Vec::new(), identifiers: Vec::new() }).cases.push(*case_id);
    }
    for (identifier, members) in &by_identifier {
        if members.len() >= 2 {
            let root = uf.find(members[0]);
            if let Some(ring) = groups.get_mut(&root) {
                ring.identifiers.push(*identifier);
            }
        }
    }
    let mut out: Vec<Ring> = groups
        .into_values()
        .filter(|r| r.cases.len() >= 2)
        .map(|mut r| {
            r.cases.sort_unstable();
            r.identifiers.sort_unstable();
            r
        })
        .collect();
    out.sort_by(|a, b| b.cases.len().cmp(&a.cases.len()).then(a.id().cmp(&b.id())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn e(case_id: i64, identifier_id: i64) -> Edge {
        Edge { case_id, identifier_id }
    }

    #[test]
    fn shared_identifiers_join_cases_transitively() {
        // 1–2 share identifier 10; 2–3 share 11; 4–5 share 12; 6 stands alone; 7 shares nothing.
        let edges = [e(1, 10), e(2, 10), e(2, 11), e(3, 11), e(4, 12), e(5, 12), e(6, 13), e(7, 10), e(7, 14)];
        let r = rings(&edges);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0], Ring { cases: vec![1, 2, 3, 7], identifiers: vec![10, 11] });
        assert_eq!(r[1], Ring { cases: vec![4, 5], identifiers: vec![12] });
        assert_eq!(r[0].id(), 1);
    }

    #[test]
    fn duplicate_edges_and_lonely_identifiers_do_not_make_rings() {
        assert!(rings(&[e(1, 10), e(1, 10), e(2, 11)]).is_empty());
        assert!(rings(&[]).is_empty());
    }

    proptest! {
        /// Every case in a ring is reachable from the ring's first case through shared
        /// identifiers, and no two rings share a case.
        #[test]
        fn rings_are_disjoint_connected_components(raw in proptest::collection::vec((0i64..40, 0i64..25), 0..120)) {
            let edges: Vec<Edge> = raw.iter().map(|(c, i)| e(*c, *i)).collect();
            let found = rings(&edges);
            let mut seen = std::collections::HashSet::new();
            for ring in &found {
                for c in &ring.cases {
                    prop_assert!(seen.insert(*c), "case {} in two rings", c);
                }
                // Breadth-first search from the first case over the raw edges.
                let mut reached = std::collections::HashSet::from([ring.cases[0]]);
                let mut frontier = vec![ring.cases[0]];
                while let Some(c) = frontier.pop() {
                    let ids: Vec<i64> = edges.iter().filter(|x| x.case_id == c).map(|x| x.identifier_id).collect();
                    for x in edges.iter().filter(|x| ids.contains(&x.identifier_id)) {
                        if reached.insert(x.case_id) {
                            frontier.push(x.case_id);
                        }
                    }
                }
                let mut reached: Vec<i64> = reached.into_iter().collect();
                reached.sort_unstable();
                prop_assert_eq!(&reached, &ring.cases);
            }
        }
    }
}
