//! Criterion benchmarks: exact and normalised resolution, and CLI start-up.
//!
//! `cargo bench --bench resolve`; `cargo test` runs each once so they never rot.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::process::Command;
use toponym::Gazetteer;

fn resolve(c: &mut Criterion) {
    let gaz = Gazetteer::embedded();
    let mut g = c.benchmark_group("resolve");
    for (label, q) in [
        ("exact", "Yerevan"),
        ("normalized_case", "STEPANAKERT"),
        ("cyrillic", "Степанакерт"),
        ("armenian", "Ստեփանակերտ"),
        ("az_variant", "Khankandi"),
        ("miss", "Qwxzvq"),
    ] {
        g.bench_function(label, |b| b.iter(|| gaz.resolve(black_box(q))));
    }
    g.bench_function("candidates_homonyms", |b| {
        b.iter(|| gaz.candidates(black_box("Martuni")))
    });
    g.bench_function("get_by_id", |b| b.iter(|| gaz.get(black_box("gn:146970"))));
    g.bench_function("normalize", |b| {
        b.iter(|| toponym::normalize::normalize(black_box("Stepʻanakert")))
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    let exe = env!("CARGO_BIN_EXE_toponym");
    let mut g = c.benchmark_group("cli");
    g.sample_size(20);
    g.bench_function("first_answer", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .args(["resolve", "Khankandi"])
                .output()
                .expect("run toponym");
            assert!(out.status.success());
            out
        })
    });
    g.finish();
}

criterion_group!(benches, resolve, startup);
criterion_main!(benches);
