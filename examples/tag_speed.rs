//! Dev tool: single-thread tagging throughput over a file, in process.
//!
//! `cargo run --release --example tag_speed -- benches/peers/out/news.txt [RUNS] [HEAD]`
//! (the corpus comes from `benches/peers/tag_speed.py`). Prints the best of
//! RUNS (default 3) in MB/s and the number of mentions, then one cold pass
//! over the first HEAD bytes (default 1 MB).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .map(String::as_str)
        .unwrap_or("benches/peers/out/news.txt");
    let runs: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let text = std::fs::read_to_string(path).expect("read the corpus");
    let gaz = toponym::Gazetteer::embedded();
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..runs.max(1) {
        let t = std::time::Instant::now();
        found = gaz.tag_with(&text, &mut toponym::Context::new()).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    say(format_args!(
        "{} bytes, {found} mentions, best of {runs}: {:.1} MB/s",
        text.len(),
        text.len() as f64 / best / 1e6
    ));
    // The first `--head` bytes (default 1 MB, cut at a line) once, on a
    // fresh thread: the tagger's per-thread word memo starts cold, as for a
    // text that does not repeat itself.
    let head: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let cut = text[..head.min(text.len())]
        .rfind('\n')
        .map_or(text.len(), |i| i + 1);
    let part = &text[..cut];
    let secs = std::thread::scope(|s| {
        s.spawn(|| {
            let t = std::time::Instant::now();
            std::hint::black_box(gaz.tag_with(part, &mut toponym::Context::new()).len());
            t.elapsed().as_secs_f64()
        })
        .join()
        .unwrap_or(f64::NAN)
    });
    say(format_args!(
        "first {} bytes once, cold memo: {:.1} MB/s",
        part.len(),
        part.len() as f64 / secs / 1e6
    ));
}

/// Prints a line; a closed stdout (`| head -1`) is no error.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}
