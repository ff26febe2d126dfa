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
            // (a directory opens, and fails only at the first read, without its name)
            if file.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{}: is a directory, not a file to read", f.display()),
                ));
            }
            Ok(Input {
                name: f.display().to_string(),
                reader: Box::new(file),
            })
        })
        .collect()
}

/// Applies `work` to the items of `items` on `threads` worker threads and
/// hands the results to `emit` in input order. A feeder thread reads while
/// the workers work and the calling thread writes, so reading, tagging and
/// writing overlap; at most `4 × threads` items are in flight, so memory stays
/// bounded. With one thread everything runs on the calling thread.
pub fn ordered<I, T, O>(
    items: I,
    threads: usize,
    work: impl Fn(T) -> O + Sync,
    mut emit: impl FnMut(O) -> io::Result<()>,
) -> io::Result<()>
where
    I: Iterator<Item = io::Result<T>> + Send,
    T: Send,
    O: Send,
{
    use std::collections::BTreeMap;
    use std::sync::mpsc::{sync_channel, Receiver};
    use std::sync::{Arc, Mutex};

    if threads <= 1 {
        for item in items {
            emit(work(item?))?;
        }
        return Ok(());
    }
    let in_flight = 4 * threads;
    std::thread::scope(|s| {
        let (job_tx, job_rx) = sync_channel::<(usize, T)>(in_flight);
        let job_rx: Arc<Mutex<Receiver<(usize, T)>>> = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = sync_channel::<(usize, O)>(in_flight);
        let (credit_tx, credit_rx) = sync_channel::<()>(in_flight);
        let work = &work;
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            s.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((n, item)) = job else { return };
                if done_tx.send((n, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let feeder = s.spawn(move || -> io::Result<()> {
            for (n, item) in items.enumerate() {
                if n >= in_flight && credit_rx.recv().is_err() {
                    return Ok(()); // the writer stopped
                }
                if job_tx.send((n, item?)).is_err() {
                    return Ok(());
                }
            }
            Ok(())
        });
        let mut next = 0;
        let mut pending = BTreeMap::new();
        let mut result = Ok(());
        for (n, out) in done_rx.iter() {
            pending.insert(n, out);
            while let Some(out) = pending.remove(&next) {
                if let Err(e) = emit(out) {
                    result = Err(e);
                    break;
                }
                next += 1;
                let _ = credit_tx.try_send(());
            }
            if result.is_err() {
                break;
            }
        }
        drop(done_rx);
        drop(credit_tx);
        let fed = feeder
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        result.and(fed)
    })
}

/// A line of JSON Lines as [`line_groups`] reads it.
pub enum Line {
    /// A record: its 1-based line number, and its bytes with the line ending
    /// as read (none at the end of a stream that does not end with one).
    Whole(usize, Vec<u8>),
    /// A piece of a line longer than the record cap, passed through as read
    /// and never held whole: its line number, and whether it is the first
    /// piece (where the line is reported).
    Overlong(usize, Vec<u8>, bool),
}

/// Lines of a reader in groups of about `group_bytes`; a line longer than
/// `max_record` bytes comes in pieces ([`Line::Overlong`]), so memory stays
/// bounded whatever the input.
pub fn line_groups(
    reader: Box<dyn Read + Send>,
    group_bytes: usize,
    max_record: usize,
) -> impl Iterator<Item = io::Result<Vec<Line>>> {
    use io::BufRead;
    let mut reader = io::BufReader::with_capacity(1 << 16, reader);
    let mut line_no = 0usize;
    let mut done = false;
    // (in the middle of an overlong line: read on to its end in pieces)
    let mut overlong = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut group = Vec::new();
        let mut size = 0;
        while size < group_bytes {
            if overlong {
                let buf = match reader.fill_buf() {
                    Ok(buf) => buf,
                    Err(e) => return Some(Err(e)),
                };
                if buf.is_empty() {
                    done = true;
                    break;
                }
                let n = buf
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(buf.len(), |at| at + 1);
                overlong = buf[n - 1] != b'\n';
                group.push(Line::Overlong(line_no, buf[..n].to_vec(), false));
                reader.consume(n);
                size += n;
                continue;
            }
            let mut line = Vec::new();
            match io::Read::take(&mut reader, max_record as u64 + 1).read_until(b'\n', &mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(_) => {}
            }
            line_no += 1;
            size += line.len();
            if line.len() > max_record && line.last() != Some(&b'\n') {
                overlong = true;
                group.push(Line::Overlong(line_no, line, true));
            } else {
                group.push(Line::Whole(line_no, line));
            }
        }
        if group.is_empty() {
            None
        } else {
            Some(Ok(group))
        }
    })
}

/// How many worker threads `--threads` asks for: the number given, else the
/// available cores (for commands whose output does not depend on it).
pub fn workers(threads: Option<u16>) -> usize {
    match threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(256)),
    }
}

/// Progress of a long run on standard error (bytes or records done, rate,
/// elapsed), drawn only when standard error is a terminal and the answers go
/// elsewhere.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Progress counted in bytes of input.
    pub fn bytes() -> Progress {
        Progress::with("{spinner} [{elapsed_precise}] {bytes} read, {binary_bytes_per_sec}")
    }

    /// Progress counted in records (lines) of input.
    pub fn records() -> Progress {
        Progress::with("{spinner} [{elapsed_precise}] {human_pos} records, {rate}")
    }

    /// A bar drawn with `template` when standard error is a terminal and
    /// standard output is not (on a terminal, the answers themselves show
    /// the progress, and a bar would tear them).
    fn with(template: &str) -> Progress {
        use std::io::IsTerminal;
        if !io::stderr().is_terminal() || io::stdout().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        let style = indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            );
        bar.set_style(style);
        Progress(Some(bar))
    }

    /// Counts `n` more bytes or records done.
    pub fn add(&self, n: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(n as u64);
        }
    }

    /// Writes a message to standard error without tearing the bar.
    pub fn say(&self, msg: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Longest chunk [`Chunks`] holds before cutting a line at a space.
pub const MAX_CHUNK: usize = 1 << 20;

/// A reader split into chunks that are the library's context blocks
/// ([`toponym::text::BLOCK`]: a chunk ends at the first newline from its
/// `BLOCK`th byte on, so `tag` and `normalize` see the homonym context that
/// [`Gazetteer::tag_reader`](toponym::Gazetteer::tag_reader) sees), except
/// that a line longer than [`MAX_CHUNK`] is cut after a space or, failing
/// one, at a UTF-8 boundary, to bound memory.
pub struct Chunks<R> {
    reader: io::BufReader<R>,
    offset: usize,
    carry: Vec<u8>,
    done: bool,
}

impl<R: Read> Chunks<R> {
    /// Chunks of `reader`.
    pub fn new(reader: R) -> Chunks<R> {
        Chunks {
            reader: io::BufReader::with_capacity(1 << 16, reader),
            offset: 0,
            carry: Vec::new(),
            done: false,
        }
    }

    /// Where the chunk in `buf` ends, if it is complete.
    fn cut(&self, buf: &[u8]) -> Option<usize> {
        let from = toponym::text::BLOCK - 1;
        if let Some(p) = buf
            .get(from..)
            .and_then(|t| t.iter().position(|&b| b == b'\n'))
        {
            return Some(from + p + 1);
        }
        if buf.len() < MAX_CHUNK {
            return None;
        }
        // a very long line: after its last space, else at a UTF-8 boundary
        let cut = buf
            .iter()
            .rposition(|&b| b == b' ')
            .map(|p| p + 1)
            .unwrap_or_else(|| {
                let mut c = buf.len();
                while c > 0 && (buf[c - 1] & 0xC0) == 0x80 {
                    c -= 1;
                }
                if c > 0 && buf[c - 1] >= 0xC0 {
                    c - 1
                } else {
                    buf.len()
                }
            });
        Some(cut.max(1))
    }
}

impl<R: Read> Iterator for Chunks<R> {
    /// (offset of the chunk in the stream, its bytes)
    type Item = io::Result<(usize, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        use std::io::BufRead;
        let mut buf = std::mem::take(&mut self.carry);
        let end = loop {
            if let Some(cut) = self.cut(&buf) {
                break cut;
            }
            if self.done {
                break buf.len();
            }
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if avail.is_empty() {
                self.done = true;
                continue;
            }
            let take = avail.len().min(MAX_CHUNK - buf.len());
            buf.extend_from_slice(&avail[..take]);
            self.reader.consume(take);
        };
        if buf.is_empty() {
            return None;
        }
        self.carry = buf.split_off(end);
        let at = self.offset;
        self.offset += buf.len();
        Some(Ok((at, buf)))
    }
}

/// Longest line of standard input read as a name (`resolve`, `search`): the
/// library's cap on a query; a longer line is reported and skipped without
/// being held in memory.
pub const MAX_NAME_LINE: usize = toponym::MAX_QUERY_LEN;

/// A line of standard input for `resolve` and `search`.
pub enum StdinName<'a> {
    /// A name, without its line ending.
    Name(&'a str),
    /// A line that is no name (too long, or not UTF-8), already reported on
    /// stderr: how to show it, and why it is none.
    Bad { shown: String, error: String },
}

/// Reads standard input one name a line, saying so first on a terminal
/// (else it would wait without a word), and hands each line to `f`: a line
/// is read up to [`MAX_NAME_LINE`] bytes, so that memory stays bounded; a
/// line that is longer or not UTF-8 is reported with its number.
pub fn stdin_names(mut f: impl FnMut(StdinName<'_>) -> io::Result<()>) -> io::Result<()> {
    use io::BufRead;
    let stdin = io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        eprintln!("toponym: reading names from standard input, one a line (Ctrl-D ends)");
    }
    let progress = Progress::records();
    let mut reader = stdin.lock();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        progress.add(usize::from(line_no > 0));
        buf.clear();
        if io::Read::take(&mut reader, MAX_NAME_LINE as u64 + 1).read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line_no += 1;
        if buf.len() > MAX_NAME_LINE && buf.last() != Some(&b'\n') {
            skip_line(&mut reader)?;
            let error = format!(
                "stdin line {line_no}: longer than {MAX_NAME_LINE} bytes, which no place name is"
            );
            progress.say(&format!("toponym: {error}"));
            let shown = format!("{}…", String::from_utf8_lossy(&buf[..64]));
            f(StdinName::Bad { shown, error })?;
            continue;
        }
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(s) => f(StdinName::Name(s))?,
            Err(e) => {
                let error = format!(
                    "stdin line {line_no}: invalid UTF-8 at byte {}",
                    e.valid_up_to()
                );
                progress.say(&format!("toponym: {error}"));
                let shown = String::from_utf8_lossy(line).into_owned();
                f(StdinName::Bad { shown, error })?;
            }
        }
    }
}

/// Reads and drops the rest of the current line (through its newline).
fn skip_line(reader: &mut impl io::BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}
