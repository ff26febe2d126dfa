//! Tags the text given on the command line (or stdin) and prints the mentions.
use std::io::Read;
fn main() {
    let gaz = toponym::Gazetteer::embedded();
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin().read_to_string(&mut text).unwrap();
    }
    let t = std::time::Instant::now();
    let ms = gaz.tag(&text);
    let dt = t.elapsed();
    for m in &ms {
        println!(
            "{:>5}..{:<5} {:<25} {} {:.2}",
            m.start(),
            m.end(),
            m.text(&text),
            m.place(),
            m.score()
        );
    }
    eprintln!(
        "{} mentions, {} bytes in {:?} ({:.1} MB/s)",
        ms.len(),
        text.len(),
        dt,
        text.len() as f64 / dt.as_secs_f64() / 1e6
    );
}
