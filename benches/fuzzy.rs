//! Fuzzy resolution: criterion benchmarks of representative queries, and a
//! latency distribution (median, p99) over mangled names of the gazetteer.
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
    let mut times: Vec<f64> = queries
        .iter()
        .map(|text| {
            let t = Instant::now();
            black_box(gaz.resolve_with(text, &q));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "fuzzy latency over {} mangled names: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        times.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
}

criterion_group!(benches, representative);

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    latency(full);
    benches();
    Criterion::default().configure_from_args().final_summary();
}
