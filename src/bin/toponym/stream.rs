//! Reading inputs (files or stdin) and processing them in ordered parallel batches.

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

/// An input: a named file or stdin.
pub struct Input {
    /// Name for messages and the `file` field.
    pub name: String,
    /// The reader.
    pub reader: Box<dyn Read + Send>,
}

/// The inputs named on the command line, or stdin when there are none.
pub fn inputs(files: &[PathBuf]) -> io::Result<Vec<Input>> {
    if files.is_empty() {
        return Ok(vec![Input {
            name: "-".to_string(),
            reader: Box::new(io::stdin()),
        }]);
    }
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                return Ok(Input {
                    name: "-".to_string(),
                    reader: Box::new(io::stdin()),
                });
            }
            let file = File::open(f)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", f.display())))?;
            Ok(Input {
                name: f.display().to_string(),
                reader: Box::new(file),
            })
        })
        .collect()
}

/// Applies `work` to the items of `items` on up to `threads` threads, a batch
/// of `threads` items at a time, and hands the results to `emit` in input
/// order. Memory stays bounded by one batch.
pub fn ordered<T, O>(
    items: impl Iterator<Item = io::Result<T>>,
    threads: usize,
    work: impl Fn(T) -> O + Sync,
    mut emit: impl FnMut(O) -> io::Result<()>,
) -> io::Result<()>
where
    T: Send,
    O: Send,
{
    let threads = threads.max(1);
    let mut items = items;
    let mut batch = Vec::with_capacity(threads);
    loop {
        batch.clear();
        for item in items.by_ref().take(threads) {
            batch.push(item?);
        }
        if batch.is_empty() {
            return Ok(());
        }
        let outs: Vec<O> = if batch.len() == 1 {
            batch.drain(..).map(&work).collect()
        } else {
            let work = &work;
            std::thread::scope(|s| {
                let handles: Vec<_> = batch.drain(..).map(|t| s.spawn(move || work(t))).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            })
        };
        for o in outs {
            emit(o)?;
        }
    }
}

/// Lines of a reader in groups of about `group_bytes`, each line with its
/// 1-based number and without its line ending.
pub fn line_groups(
    reader: Box<dyn Read + Send>,
    group_bytes: usize,
) -> impl Iterator<Item = io::Result<Vec<(usize, Vec<u8>)>>> {
    use io::BufRead;
    let mut reader = io::BufReader::with_capacity(1 << 16, reader);
    let mut line_no = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut group = Vec::new();
        let mut size = 0;
        while size < group_bytes {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(_) => {}
            }
            line_no += 1;
            if line.last() == Some(&b'\n') {
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
            }
            size += line.len() + 1;
            group.push((line_no, line));
        }
        if group.is_empty() {
            None
        } else {
            Some(Ok(group))
        }
    })
}
