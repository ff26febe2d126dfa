//! Fuzzy resolution: criterion benchmarks of representative queries, a
//! latency distribution (median, p99) over mangled names of the gazetteer,
//! and the worst case: p99.9 and max of `resolve` and `search` over hostile
//! queries (random strings in many scripts, words of 1,200 to 10,000
//! characters, floods of combining marks, one letter repeated, syllable
//! soup), which `toponym::MAX_QUERY_LEN` and the fuzzy caps bound.
//!
//! `cargo bench --bench fuzzy`. Under `cargo test` each benchmark runs once and
//! the latency pass runs on a handful of queries, so they never rot.

use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use std::time::Instant;
use toponym::{Gazetteer, Query};

fn representative(c: &mut Criterion) {
    let gaz = Gazetteer::embedded();
    let mut g = c.benchmark_group("fuzzy");
    for (label, q) in [
        ("transposition", "Stepanakret"),
        ("insertion", "Aghdamm"),
        ("substitution", "Shushy"),
        ("deletion_short", "Pars"),
        ("cyrillic_typo", "Степанакрт"),
        ("two_words", "Nagorno Karabah"),
        ("garbage_miss", "Qwxzvq"),
    ] {
        g.bench_function(label, |b| b.iter(|| gaz.resolve(black_box(q))));
    }
    let long = "Stepanakert ".repeat(900);
    g.bench_function("10k_chars", |b| b.iter(|| gaz.resolve(black_box(&long))));
    g.finish();
}

/// Deterministic mangled queries: names of the gazetteer with one edit.
fn mangled(gaz: &Gazetteer<'static>, n: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let places: Vec<_> = gaz.places().collect();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = places[(next() % places.len() as u64) as usize];
        let name: Vec<char> = p.name().chars().collect();
        if name.len() < 4 || !p.name().is_ascii() {
            continue;
        }
        let mut s = name.clone();
        let i = 1 + (next() % (s.len() as u64 - 2)) as usize;
        match next() % 4 {
            0 => {
                s.remove(i);
            }
            1 => s.insert(i, (b'a' + (next() % 26) as u8) as char),
            2 => s[i] = (b'a' + (next() % 26) as u8) as char,
            _ => s.swap(i, i + 1),
        }
        out.push(s.into_iter().collect());
    }
    out
}

/// Median and p99 of single fuzzy resolutions, printed (criterion reports means).
fn latency(full: bool) {
    let gaz = Gazetteer::embedded();
    let queries = mangled(&gaz, if full { 3000 } else { 20 });
    let q = Query::new();
    // warm the image's pages once, as a long-running process would be
    for text in &queries {
        black_box(gaz.resolve_with(text, &q));
    }
    let pct = latencies(&queries, |text| {
        black_box(gaz.resolve_with(text, &q));
    });
    println!(
        "fuzzy latency over {} mangled names: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        queries.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
}

/// The latency of `f` on each query, in µs, as a percentile function
/// (0.5 the median, 1.0 the maximum).
fn latencies(queries: &[String], mut f: impl FnMut(&str)) -> impl Fn(f64) -> f64 {
    let mut times: Vec<f64> = queries
        .iter()
        .map(|text| {
            let t = Instant::now();
            f(text);
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    move |p: f64| times[((times.len() - 1) as f64 * p) as usize]
}

/// A xorshift generator: the same hostile queries on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A character from a mix of scripts, marks, joiners and punctuation.
    fn char(&mut self) -> char {
        const RANGES: [(u32, u32); 10] = [
            (0x61, 0x7a),       // a-z
            (0x41, 0x5a),       // A-Z
            (0x20, 0x2f),       // space and punctuation
            (0x430, 0x44f),     // Cyrillic
            (0x561, 0x586),     // Armenian
            (0x10d0, 0x10f0),   // Georgian
            (0x300, 0x36f),     // combining marks
            (0x200b, 0x200f),   // zero-width and direction marks
            (0x4e00, 0x4fff),   // CJK
            (0x1f600, 0x1f64f), // emoji
        ];
        let (lo, hi) = RANGES[(self.next() % RANGES.len() as u64) as usize];
        char::from_u32(lo + (self.next() % u64::from(hi - lo + 1)) as u32).unwrap_or('?')
    }

    fn string(&mut self, chars: usize) -> String {
        (0..chars).map(|_| self.char()).collect()
    }
}

/// Hostile queries by class; `full` for the benchmark, else a few of each.
fn hostile_queries(full: bool) -> Vec<(&'static str, Vec<String>)> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let n = |many: usize| if full { many } else { 3 };
    vec![
        (
            "random, 1-64 chars",
            (0..n(5000)).map(|i| rng.string(1 + i % 64)).collect(),
        ),
        (
            "random, 1,200 chars",
            (0..n(50)).map(|_| rng.string(1200)).collect(),
        ),
        (
            "4,000 letters",
            (0..n(50)).map(|_| "abcdefghij".repeat(400)).collect(),
        ),
        (
            "10,000 letters (cap)",
            (0..n(50)).map(|_| "abcdefghij".repeat(1000)).collect(),
        ),
        (
            "combining flood",
            (0..n(200))
                .map(|i| format!("a{}", "\u{301}".repeat(1 + i * 10)))
                .collect(),
        ),
        (
            "one letter repeated",
            (1..=n(4096)).map(|i| "a".repeat(i)).collect(),
        ),
        (
            "syllable soup",
            (1..=n(400))
                .map(|i| ["an", "ar", "ka", "ab"][i % 4].repeat(1 + i % 40))
                .collect(),
        ),
        (
            "words of names",
            (0..n(500))
                .map(|i| ["San ", "Saint ", "New ", "Lake ", "Nagorno "][i % 5].repeat(1 + i % 30))
                .collect(),
        ),
    ]
}

/// p50, p99, p99.9 and max of `resolve` and of `search` with neighbours over
/// each class of hostile queries, printed.
fn hostile(full: bool) {
    let gaz = Gazetteer::embedded();
    let mut all = Query::new();
    all.neighbours(true);
    for (class, queries) in hostile_queries(full) {
        for (what, q) in [("resolve", Query::new()), ("search", all.clone())] {
            let pct = latencies(&queries, |text| {
                black_box(gaz.search(black_box(text), &q));
            });
            println!(
                "hostile {class:>20} {what:>7}: {} queries, p50 {:.1} µs, p99 {:.1} µs, p99.9 {:.1} µs, max {:.1} µs",
                queries.len(),
                pct(0.5),
                pct(0.99),
                pct(0.999),
                pct(1.0)
            );
        }
    }
}

criterion_group!(benches, representative);

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    latency(full);
    hostile(full);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
