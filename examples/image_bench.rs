//! Benchmark of a gazetteer image beside the embedded one: open time, exact
//! and fuzzy resolve latency, tagging throughput. Used by
//! `benches/scale/run.sh` on images built from generated GeoNames files.
//!
//! `cargo run --release --example image_bench -- [IMAGE] [CORPUS]`
//!
//! Without IMAGE, the embedded gazetteer. The exact queries are 2,000 names
//! of the image taken at a fixed stride, the fuzzy ones the same names with
//! one letter changed (a typo), the corpus (default
//! `benches/peers/out/news.txt`, first 10 MB) is tagged once per run, best of
//! three. Prints one JSON object.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let image = args.first().filter(|a| !a.is_empty() && *a != "-");
    let corpus = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("benches/peers/out/news.txt");
    let t = Instant::now();
    let gaz = match image {
        Some(path) => match toponym::Gazetteer::open(path) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("image_bench: {e}");
                std::process::exit(2);
            }
        },
        None => toponym::Gazetteer::embedded(),
    };
    let open_ms = t.elapsed().as_secs_f64() * 1e3;

    // names at a fixed stride over the places
    let n = gaz.len();
    let stride = (n / 2000).max(1);
    let names: Vec<String> = gaz
        .places()
        .step_by(stride)
        .take(2000)
        .map(|p| p.name().to_string())
        .collect();
    let typos: Vec<String> = names.iter().map(|s| typo(s)).collect();
    let exact = latency(&names, |q| gaz.resolve(q).is_some());
    // the mean over one loop of every name, as a batch call would see it
    let t = Instant::now();
    for q in &names {
        std::hint::black_box(gaz.resolve(q));
    }
    let exact_mean = t.elapsed().as_secs_f64() * 1e6 / names.len().max(1) as f64;
    let fuzzy = latency(&typos, |q| gaz.resolve(q).is_some());

    let text = std::fs::read_to_string(corpus).unwrap_or_default();
    let cut = text[..text.len().min(10_000_000)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let text = &text[..cut];
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let t = Instant::now();
        mentions = gaz.tag_with(text, &mut toponym::Context::new()).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mbs = if text.is_empty() {
        0.0
    } else {
        text.len() as f64 / best / 1e6
    };
    println!(
        "{{\"image\":{:?},\"places\":{},\"names\":{},\"keys\":{},\"open_ms\":{open_ms:.1},\
         \"exact_median_us\":{:.1},\"exact_p99_us\":{:.1},\"exact_found\":{:.3},\
         \"exact_mean_us\":{exact_mean:.2},\
         \"fuzzy_median_us\":{:.1},\"fuzzy_p99_us\":{:.1},\"fuzzy_found\":{:.3},\
         \"tag_mb_s\":{mbs:.1},\"tag_mentions\":{mentions}}}",
        image.map_or("embedded", |s| s.as_str()),
        n,
        gaz.name_count(),
        gaz.key_count(),
        exact.0,
        exact.1,
        exact.2,
        fuzzy.0,
        fuzzy.1,
        fuzzy.2,
    );
}

/// The name with its middle letter replaced by the next letter of the
/// alphabet (an ASCII letter) or dropped.
fn typo(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mid = chars.len() / 2;
    let mut out: String = chars[..mid].iter().collect();
    match chars.get(mid) {
        Some(c) if c.is_ascii_lowercase() => out.push(if *c == 'z' {
            'a'
        } else {
            (*c as u8 + 1) as char
        }),
        _ => {}
    }
    out.extend(chars.get(mid + 1..).unwrap_or(&[]).iter());
    out
}

/// Median and 99th percentile latency in µs of `f` over `queries` (after
/// one warm-up pass), and the share answered.
fn latency(queries: &[String], f: impl Fn(&str) -> bool) -> (f64, f64, f64) {
    for q in queries {
        f(q);
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut found = 0;
    for q in queries {
        let t = Instant::now();
        found += f(q) as usize;
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    (
        at(0.5),
        at(0.99),
        found as f64 / queries.len().max(1) as f64,
    )
}
