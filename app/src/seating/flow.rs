//! Dinic maximum flow, used for the exact "same organisation at one table is avoidable"
//! test (as in the reference scorer) and to build organisation-safe initial rounds.

/// Small Dinic max-flow over `usize` capacities.
#[derive(Debug, Clone)]
pub struct MaxFlow {
    // edges: (to, cap); edge i and i^1 are a pair
    to: Vec<usize>,
    cap: Vec<usize>,
    head: Vec<Vec<usize>>,
}

impl MaxFlow {
    pub fn new(n: usize) -> Self {
        MaxFlow {
            to: Vec::new(),
            cap: Vec::new(),
            head: vec![Vec::new(); n],
        }
    }

    /// Adds edge `u -> v` with capacity `c`; returns its id (for [`MaxFlow::flow_on`]).
    pub fn add(&mut self, u: usize, v: usize, c: usize) -> usize {
        let id = self.to.len();
        self.to.push(v);
        self.cap.push(c);
        self.head[u].push(id);
        self.to.push(u);
        self.cap.push(0);
        self.head[v].push(id + 1);
        id
    }

    /// Flow currently routed over edge `id`.
    pub fn flow_on(&self, id: usize) -> usize {
        self.cap[id ^ 1]
    }

    pub fn run(&mut self, s: usize, t: usize) -> usize {
        let n = self.head.len();
        let mut total = 0;
        loop {
            let mut level = vec![usize::MAX; n];
            level[s] = 0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for &e in &self.head[u] {
                    let v = self.to[e];
                    if self.cap[e] > 0 && level[v] == usize::MAX {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            if level[t] == usize::MAX {
                return total;
            }
            let mut it = vec![0usize; n];
            loop {
                let f = self.dfs(s, t, usize::MAX, &level, &mut it);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
    }

    // Iterative DFS to avoid deep recursion on large graphs.
    fn dfs(
        &mut self,
        s: usize,
        t: usize,
        limit: usize,
        level: &[usize],
        it: &mut [usize],
    ) -> usize {
        let mut path: Vec<usize> = Vec::new();
        let mut u = s;
        loop {
            if u == t {
                let f = path.iter().fold(limit, |m, &e| m.min(self.cap[e]));
                for &e in &path {
                    self.cap[e] -= f;
                    self.cap[e ^ 1] += f;
                }
                return f;
            }
            let mut advanced = false;
            while it[u] < self.head[u].len() {
                let e = self.head[u][it[u]];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u].wrapping_add(1) {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                it[u] += 1;
            }
            if !advanced {
                match path.pop() {
                    None => return 0,
                    Some(e) => {
                        u = self.to[e ^ 1];
                        it[u] += 1;
                    }
                }
            }
        }
    }
}
