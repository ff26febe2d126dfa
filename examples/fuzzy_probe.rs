//! Prints the search results and warm timings for the queries on the command line.
use toponym::{Gazetteer, Query};
fn main() {
    let gaz = Gazetteer::embedded();
    let mut q = Query::new();
    q.min_score(0.0)
        .and_then(|q| q.limit(5))
        .expect("valid options")
        .neighbours(true);
    for text in std::env::args().skip(1) {
        let hits = gaz.search(&text, &q);
        let mut times: Vec<_> = (0..50)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(gaz.search(&text, &q));
                t.elapsed()
            })
            .collect();
        times.sort();
        println!("{text} (median warm {:?})", times[times.len() / 2]);
        for m in hits {
            println!(
                "   {:.3} {:<10} {} via {}",
                m.score(),
                m.method().as_str(),
                m.place(),
                m.matched_name().text()
            );
        }
    }
}
