//! Dev tool: in-process accuracy of fuzzy search on the mangled-query set of
//! `benches/peers/mangle.py` (TSV `query expected_id original edit`).
//!
//! `cargo run --release --example fuzzy_eval -- benches/peers/out/mangled.tsv [MIN_SCORE] [-v]`
//!
//! Prints top-1 / top-10 (strict, and lenient: the answer bears the original
//! name), how many expected places are missing from the top 10, and with `-v`
//! every miss with its top three.
use toponym::{Gazetteer, Query};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .map(String::as_str)
        .unwrap_or("benches/peers/out/mangled.tsv");
    let min: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(0.72);
    let verbose = args.iter().any(|a| a == "-v");
    let text = std::fs::read_to_string(path).expect("read the mangled set");
    let gaz = Gazetteer::embedded();
    let mut q = Query::new();
    q.min_score(min)
        .and_then(|q| q.limit(10))
        .expect("a minimum score between 0 and 1")
        .neighbours(true);
    let mut exact_q = Query::new();
    exact_q
        .fuzzy(false)
        .limit(1000)
        .and_then(|q| q.min_score(0.0))
        .expect("valid options");
    let (mut n, mut top1, mut top10, mut len1, mut len10, mut none) = (0, 0, 0, 0, 0, 0);
    let mut by_edit: std::collections::BTreeMap<String, (u32, u32, u32)> = Default::default();
    let mut times = Vec::new();
    // warm the image's pages once, as a long-running process would be
    for line in text.lines().skip(1) {
        std::hint::black_box(gaz.search(line.split('\t').next().unwrap_or(""), &q));
    }
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (query, want, original, edit) = (f[0], f[1], f[2], f[3]);
        let edit = edit.split(':').next().unwrap_or(edit).to_string();
        n += 1;
        let t = std::time::Instant::now();
        let hits = gaz.search(query, &q);
        times.push(t.elapsed());
        let holders: Vec<_> = gaz
            .search(original, &exact_q)
            .into_iter()
            .map(|m| m.place().id())
            .collect();
        let lenient = |id: &str| id == want || holders.contains(&id);
        let pos = hits.iter().position(|m| m.place().id() == want);
        let lpos = hits.iter().position(|m| lenient(m.place().id()));
        let e = by_edit.entry(edit.clone()).or_default();
        e.0 += 1;
        if hits.is_empty() {
            none += 1;
        }
        if pos == Some(0) {
            top1 += 1;
            e.1 += 1;
        }
        if pos.is_some() {
            top10 += 1;
            e.2 += 1;
        }
        if lpos == Some(0) {
            len1 += 1;
        }
        if lpos.is_some() {
            len10 += 1;
        }
        if verbose && lpos != Some(0) {
            let wp = gaz.get(want).map(|p| p.to_string()).unwrap_or_default();
            println!("MISS {query:?} ({edit}) want {want} {wp} [{original}] at {pos:?}");
            for m in hits.iter().take(3) {
                println!(
                    "    {:.3} {} via {}",
                    m.score(),
                    m.place(),
                    m.matched_name().text()
                );
            }
        }
    }
    if std::env::var_os("SLOW").is_some() {
        let qs: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut by: Vec<_> = times.iter().zip(&qs).collect();
        by.sort();
        for (t, q) in by.iter().rev().take(25) {
            println!("SLOW {t:?} {q:?}");
        }
    }
    times.sort();
    let pct = |x: u32| 100.0 * x as f64 / n as f64;
    println!(
        "{n} queries, min score {min}: top-1 {:.1} % top-10 {:.1} % | lenient {:.1} % / {:.1} % | no answer {none} | median {:?} p99 {:?}",
        pct(top1),
        pct(top10),
        pct(len1),
        pct(len10),
        times[times.len() / 2],
        times[times.len() * 99 / 100]
    );
    // Random letter strings (5-12 letters, fixed seed): how many get an answer.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut answered = 0;
    for _ in 0..1000 {
        let len = 5 + rand(8);
        let word: String = (0..len).map(|_| (b'a' + rand(26) as u8) as char).collect();
        if gaz.resolve_with(&word, &q).is_some() {
            answered += 1;
        }
    }
    println!("random letter strings answered at min score {min}: {answered} of 1000");
    for (edit, (k, a, b)) in by_edit {
        println!(
            "  {edit:<11} {k:>5}  top-1 {:.1} %  top-10 {:.1} %",
            100.0 * a as f64 / k as f64,
            100.0 * b as f64 / k as f64
        );
    }
}
