//! Tagging throughput on English news text: toponym's tagger against an
//! aho-corasick automaton over the same names (the baseline to beat).
//!
//! `cargo bench --bench tag`. The text is GeoWebNews (read from
//! `../shared/bench/gwn/GWN.xml` when present; it is not copied into the
//! repository), else a synthetic news paragraph. Under `cargo test` each
//! benchmark runs once, with a small automaton.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use toponym::{Context, Gazetteer};

fn news_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/gwn/GWN.xml");
    let mut text = String::new();
    if let Ok(xml) = std::fs::read_to_string(path) {
        for part in xml.split("<text>").skip(1) {
            if let Some(end) = part.find("</text>") {
                text.push_str(
                    &part[..end]
                        .replace("&amp;", "&")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'"),
                );
                text.push('\n');
            }
        }
    }
    if text.is_empty() {
        text = "Officials in Baku and Yerevan met in Moscow on Tuesday, while shelling was reported near \
                Stepanakert and the Lachin corridor. The European Union said talks in Brussels would resume. \
                Prices rose in New York and London as markets reacted.\n"
            .repeat(2000);
    }
    text
}

fn tag(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let gaz = Gazetteer::embedded();
    let text = news_text();
    let mut g = c.benchmark_group("tag");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("toponym", |b| {
        b.iter(|| gaz.tag_with(black_box(&text), &mut Context::new()).len())
    });

    // The baseline: every name of 3+ bytes, leftmost-longest, ASCII case-insensitive.
    let mut names: Vec<&str> = gaz
        .places()
        .flat_map(|p| p.names())
        .map(|n| n.text())
        .filter(|t| t.len() >= 3)
        .collect();
    names.sort_unstable();
    names.dedup();
    if !full {
        names.truncate(5000);
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&names)
        .expect("automaton");
    g.bench_function("aho_corasick_baseline", |b| {
        b.iter(|| ac.find_iter(black_box(&text)).count())
    });
    g.finish();
}

criterion_group!(benches, tag);
criterion_main!(benches);
