//! The demo's dice: SplitMix64 from a fixed seed, so the same history comes out every time, on
//! every machine and with every version of the `rand` crate (whose `StdRng` may change).

pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        let span = (hi - lo) as u64 + 1;
        lo + (self.next_u64() % span) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    /// An index into `weights`, each chosen in proportion to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut roll = self.next_u64() % total.max(1);
        for (i, w) in weights.iter().enumerate() {
            if roll < u64::from(*w) {
                return i;
            }
            roll -= u64::from(*w);
        }
        weights.len() - 1
    }

    /// `n` decimal digits (the first never 0).
    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|i| char::from(b'0' + self.range(i64::from(i == 0), 9) as u8)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_rolls() {
        let (mut a, mut b) = (Dice::new(23), Dice::new(23));
        let rolls: Vec<i64> = (0..100).map(|_| a.range(1, 6)).collect();
        assert_eq!(rolls, (0..100).map(|_| b.range(1, 6)).collect::<Vec<_>>());
        assert!((1..=6).all(|face| rolls.contains(&face)), "every face comes up: {rolls:?}");
        // Pinned: a change of generator would silently change every screenshot.
        assert_eq!(Dice::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn weights_are_respected() {
        let mut d = Dice::new(7);
        let mut seen = [0u32; 3];
        for _ in 0..3000 {
            seen[d.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > seen[0] * 3 / 2, "{seen:?}");
        assert_eq!(d.digits(10).len(), 10);
    }
}
