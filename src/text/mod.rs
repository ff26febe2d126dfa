//! Finding place mentions in free text: [`Gazetteer::tag`], [`Mention`],
//! [`Context`].
//!
//! The tagger reuses the gazetteer's keys and normalisation; it keeps no
//! dictionary of its own. It works in phases, one module each, so that a rule
//! lives in one place:
//!
//! 1. **Words** (`words`): split the text into words (letters and digits,
//!    with an apostrophe inside a word such as `Step‘anakert` or `Erivan'da`,
//!    but not a possessive `'s`, nor an elided `d'` before a name). A word
//!    that starts with a lower-case letter is dropped at once (capitalisation
//!    is how Latin, Cyrillic and Armenian text write place names; Georgian
//!    has no case).
//! 2. **Memo** (`memo`): what the tagger learns of a capitalised word (may a
//!    name start with it, by the compile-time Bloom filter of name prefixes;
//!    its candidates; is it a common word) is remembered per thread.
//! 3. **Scan** (`scan`): a word is extended over the following words joined
//!    by spaces or hyphens while the joined key is still a name prefix, and
//!    the longest key that names a place by a *strong* name wins (display,
//!    curated, or English, Armenian, Azerbaijani, Russian, Georgian;
//!    `candidates`). A word that names nothing as written is read as an
//!    inflected form with the language tables of [`crate::inflect`]
//!    (`Мартакерта`, `Füzulidə`, `ქუთაისში`, `d'Erevan`).
//! 4. **People** (`people`): a place word inside a person's or an
//!    organisation's name is dropped (`Sofia Zakharova`, `Luis Moreno
//!    Ocampo`, `President Ararat …`, `Columbia University`).
//! 5. **Evidence** (`evidence`): a mention that is also a common word (`Of`,
//!    `Nice`, a given name such as `Lilit`) stands only for a prominent place
//!    or with a comma neighbour (`Nice, France`).
//! 6. **Homonyms** (`homonyms`): cue words (`Ararat province`), comma
//!    neighbours and the countries of the other mentions of the text (and of
//!    the text before, through a [`Context`]) choose among homonyms:
//!    `Georgia` next to `Tbilisi` is the country, next to `Atlanta` the US
//!    state; `Martuni` next to `Stepanakert` the Karabakh town.
//! 7. **Stream** (`stream`): bytes with invalid UTF-8 and readers, with one
//!    context policy for all of them.

mod candidates;
mod demonyms;
mod evidence;
mod homonyms;
mod memo;
mod people;
mod scan;
mod stream;
mod words;

pub use stream::{TagReader, BLOCK};

/// The word lists of `data/` that the tagger looks up, prepared by build.rs
/// (sorted, without duplicates): `GIVEN_NAMES`, `SURNAMES`, `DROPPED_GIVEN_NAMES`, `TITLES`,
/// `ORGANISATION_WORDS` (`data/people/`), `PLACE_PREPOSITIONS`
/// (`data/place_prepositions.tsv`), `POSITION_WORDS`
/// (`data/position_words.tsv`), all lower case, and `CALENDAR_WORDS`
/// (`data/calendar_words.tsv`), as written.
mod lists {
    use super::Fnv;
    use std::collections::HashSet;
    use std::hash::BuildHasherDefault;
    use std::sync::OnceLock;

    include!(concat!(env!("OUT_DIR"), "/word_lists.rs"));

    /// A word list, looked up through a hash set made at its first use
    /// (the tagger asks several lists about every mention).
    pub(crate) struct List {
        words: &'static [&'static str],
        set: OnceLock<HashSet<&'static str, BuildHasherDefault<Fnv>>>,
    }

    impl List {
        const fn new(words: &'static [&'static str]) -> List {
            List {
                words,
                set: OnceLock::new(),
            }
        }

        /// Whether `word` is in the list.
        pub(crate) fn has(&self, word: &str) -> bool {
            self.set
                .get_or_init(|| self.words.iter().copied().collect())
                .contains(word)
        }
    }
}

use crate::gazetteer::{Gazetteer, Name, Place};
use crate::resolve::Method;

/// The trimmed columns of each data row of a TSV table of `data/` that the
/// tagger embeds (after its `#` comments and its header row; build.rs has
/// checked the columns).
fn data_rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// FNV-1a (the image's hash, `layout::fnv1a_from`) as a [`std::hash::Hasher`], for the tagger's sets and maps of
/// words (the lists of `data/`, the per-thread stores of words read): on a
/// short word several times cheaper than the default SipHash. The stores
/// that hold the text's own words are capped, so crafted collisions can
/// cost time only up to the cap.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(crate::layout::FNV_BASIS)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::layout::fnv1a_from(self.0, bytes);
    }
}

/// A hash set of words hashed with [`Fnv`].
pub(crate) type WordSet = std::collections::HashSet<String, std::hash::BuildHasherDefault<Fnv>>;
/// A hash map keyed by words, hashed with [`Fnv`].
pub(crate) type WordMap<V> =
    std::collections::HashMap<Box<str>, V, std::hash::BuildHasherDefault<Fnv>>;

/// Longest name, in words, that the tagger tries to match.
const MAX_WORDS: usize = 8;
/// Most homonyms a mention keeps for context resolution.
const MAX_HOMONYMS: usize = 24;

/// A place mentioned in a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention<'g> {
    start: usize,
    end: usize,
    place: Place<'g>,
    /// Index of the matched name, read only when asked for.
    name: u32,
    method: Method,
    score: f64,
}

impl<'g> Mention<'g> {
    /// Byte offset of the mention's first byte in the text.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the mention's last byte.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The mention as written: `&text[start..end]`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// The place it names.
    pub fn place(&self) -> Place<'g> {
        self.place
    }
    /// The gazetteer name it matched: for an inflected form, the name it was
    /// reduced to (`Мартакерт` for `Мартакерта`).
    pub fn matched_name(&self) -> Name<'g> {
        self.place.g.name(self.name)
    }
    /// How the text reached the place: [`Method::Exact`],
    /// [`Method::Normalized`], [`Method::Inflected`] or [`Method::Demonym`].
    pub fn method(&self) -> Method {
        self.method
    }
    /// Confidence in `[0, 1]`: 1.0 when the text is one of the place's names
    /// as written, 0.95 when it matches after normalisation, 0.93 for an
    /// inflected form, lower when it is also a common word or was chosen
    /// among homonyms by context.
    pub fn score(&self) -> f64 {
        self.score
    }
}

/// What the tagger carries from text to text: the countries and places of
/// recent unambiguous mentions (to choose among homonyms), and its options.
/// Carry one `Context` from chunk to chunk of a long text
/// ([`Gazetteer::tag_with`]).
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// (country code, place index) of recent unambiguous mentions, oldest
    /// first.
    recent: std::collections::VecDeque<([u8; 2], u32)>,
    /// How many of `recent` each country has (countries with none dropped).
    counts: Vec<([u8; 2], u16)>,
    options: Options,
}

/// The tagger's options.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Options {
    /// Demonyms and adjectives of countries count as mentions.
    pub demonyms: bool,
}

/// How many recent mentions the context remembers.
const CONTEXT_SIZE: usize = 64;

impl Context {
    /// An empty context, with demonyms off.
    pub fn new() -> Context {
        Context::default()
    }

    /// Whether demonyms and adjectives of countries (`Armenian`,
    /// `Azerbaijanis`, `грузинский`) are mentions of the country, with
    /// method [`Method::Demonym`]. Off by default.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let text = "Armenian troops withdrew.";
    /// assert!(gaz.tag(text).is_empty());
    /// let mut ctx = toponym::Context::new();
    /// ctx.demonyms(true);
    /// let ms = gaz.tag_with(text, &mut ctx);
    /// assert_eq!(ms[0].place().id(), "gn:174982");
    /// assert_eq!(ms[0].method(), toponym::Method::Demonym);
    /// ```
    pub fn demonyms(&mut self, yes: bool) -> &mut Context {
        self.options.demonyms = yes;
        self
    }

    /// Forgets the mentions, keeps the options.
    pub fn reset(&mut self) {
        self.recent.clear();
        self.counts.clear();
    }

    fn remember(&mut self, cc: [u8; 2], place: u32) {
        if self.recent.len() == CONTEXT_SIZE {
            if let Some((old, _)) = self.recent.pop_front() {
                if let Some(at) = self.counts.iter().position(|(c, _)| *c == old) {
                    self.counts[at].1 -= 1;
                    if self.counts[at].1 == 0 {
                        self.counts.swap_remove(at);
                    }
                }
            }
        }
        self.recent.push_back((cc, place));
        match self.counts.iter_mut().find(|(c, _)| *c == cc) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((cc, 1)),
        }
    }

    /// The count of the country mentioned most.
    fn top_count(&self) -> usize {
        self.counts
            .iter()
            .map(|&(_, n)| n as usize)
            .max()
            .unwrap_or(0)
    }

    fn country_count(&self, cc: [u8; 2]) -> usize {
        self.counts
            .iter()
            .find(|(c, _)| *c == cc)
            .map_or(0, |&(_, n)| n as usize)
    }
}

impl<'g> Gazetteer<'g> {
    /// Every place mentioned in `text`, in text order, longest match first,
    /// homonyms resolved with the rest of the text.
    ///
    /// ```
    /// let gaz = toponym::Gazetteer::embedded();
    /// let text = "Shelling was reported near Stepanakert and in Agdam-Khankandi road villages, Azerbaijan’s ministry said.";
    /// let ids: Vec<_> = gaz.tag(text).iter().map(|m| (m.text(text), m.place().id())).collect();
    /// assert_eq!(ids, [
    ///     ("Stepanakert", "gn:146970"),
    ///     ("Agdam", "gn:148619"),
    ///     ("Khankandi", "gn:146970"),
    ///     ("Azerbaijan", "gn:587116"),
    /// ]);
    /// ```
    pub fn tag(&self, text: &str) -> Vec<Mention<'g>> {
        self.tag_with(text, &mut Context::new())
    }

    /// [`tag`](Self::tag), with a [`Context`] carried over from earlier text
    /// (for a long text read in chunks) and updated with this one.
    pub fn tag_with(&self, text: &str, ctx: &mut Context) -> Vec<Mention<'g>> {
        let raws = scan::Scanner::new(*self, text, ctx.options).scan();
        let raws = self.drop_people(text, raws);
        let raws = self.keep_supported(text, raws);
        self.choose(text, &raws, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::words::*;
    use super::*;
    use crate::layout::{KeyRec, KEY_SIZE, SEC_KEYS, SEC_PREFIX_BLOOM};

    /// The text of key `k` of the embedded image.
    fn key_text(g: &Gazetteer<'static>, k: u32) -> &'static str {
        let rec = KeyRec(&g.section(SEC_KEYS)[k as usize * KEY_SIZE..(k as usize + 1) * KEY_SIZE]);
        g.str_at(rec.text())
    }

    #[test]
    fn image_filters_never_miss() {
        let g = Gazetteer::embedded();
        let bloom = g.section(SEC_PREFIX_BLOOM);
        let mut multiword = 0;
        for k in 0..g.key_count() as u32 {
            let text = key_text(&g, k);
            // every key passes the key Bloom filter and leads back to itself
            assert!(g.may_be_key(text), "key Bloom filter misses {text:?}");
            assert_eq!(g.key_index(text), Some(k), "{text:?}");
            // the common-word bit is the common-word list
            assert_eq!(g.key_is_common(k), g.is_common_word(text), "{text:?}");
            // a taggable multi-word key: each word prefix passes the prefix
            // filter, and says that the name continues after it
            let strong = g
                .posting_names(g.key_postings(k))
                .any(|(_, _, rec)| rec.strong());
            if strong && text.contains(' ') {
                multiword += 1;
                for (i, _) in text.match_indices(' ') {
                    assert!(bloom_has(bloom, &text.as_bytes()[..i]), "{text:?} at {i}");
                    assert!(
                        bloom_has(bloom, &text.as_bytes()[..=i]),
                        "{text:?} continued at {i}"
                    );
                }
                assert!(bloom_has(bloom, text.as_bytes()), "{text:?}");
            }
        }
        assert!(multiword > 10_000, "{multiword} multi-word keys");
    }

    #[test]
    fn memo_gives_the_same_answers_warm_and_cold() {
        let g = Gazetteer::embedded();
        // Homonym-rich words (more candidates than a memo slot keeps), a
        // word longer than a slot's text, multi-word names, repeats.
        let text = "Springfield and Georgia. Washington, Moscow, Nagorno-Karabakh and the \
                    Republic of Armenia; Mezhdurechensky, Springfield, Georgia, Tbilisi. \
                    The President of Azerbaijan visited Stepanakert. "
            .repeat(3);
        let cold = std::thread::scope(|s| s.spawn(|| g.tag(&text)).join().expect("tagging thread"));
        let warm = g.tag(&text);
        let warm_again = g.tag(&text);
        let key = |ms: &[Mention<'static>]| -> Vec<(usize, usize, &'static str, &'static str)> {
            ms.iter()
                .map(|m| (m.start(), m.end(), m.place().id(), m.matched_name().lang()))
                .collect()
        };
        assert_eq!(key(&cold), key(&warm));
        assert_eq!(key(&warm), key(&warm_again));
        let said: Vec<&str> = warm.iter().map(|m| m.text(&text)).collect();
        for want in [
            "Springfield",
            "Washington",
            "Nagorno-Karabakh",
            "Republic of Armenia",
            "Stepanakert",
        ] {
            assert!(said.contains(&want), "{want} missing from {said:?}");
        }
    }

    #[test]
    fn context_counts_follow_the_recent_mentions() {
        let mut ctx = Context::new();
        let codes = [*b"AM", *b"AZ", *b"GE", *b"US", *b"AM"];
        for i in 0..3 * CONTEXT_SIZE as u32 {
            let cc = codes[(i as usize * 7) % codes.len()];
            ctx.remember(cc, i);
            assert!(ctx.recent.len() <= CONTEXT_SIZE);
            for cc in codes {
                let naive = ctx.recent.iter().filter(|(c, _)| *c == cc).count();
                assert_eq!(ctx.country_count(cc), naive, "after {i}");
            }
        }
        assert_eq!(ctx.recent.len(), CONTEXT_SIZE);
        ctx.reset();
        assert_eq!(ctx.country_count(*b"AM"), 0);
    }

    #[test]
    fn block_filter_flags_exactly_the_starts() {
        // every byte value at every position, among neighbours of every kind
        for x in 0u32..=255 {
            let b = x as u8;
            let wanted = b.is_ascii_uppercase() || b >= 0xC0;
            for fill in [b'a', b'Z', 0xC3, 0x80, b'@', b'['] {
                for pos in 0..8 {
                    let mut block = [fill; 8];
                    block[pos] = b;
                    let flags = start_bytes(u64::from_le_bytes(block));
                    for (k, &byte) in block.iter().enumerate() {
                        let want = if k == pos {
                            wanted
                        } else {
                            fill.is_ascii_uppercase() || fill >= 0xC0
                        };
                        let got = flags & (0x80 << (8 * k)) != 0;
                        assert_eq!(got, want, "byte {byte:#x} at {k} in {block:x?}");
                    }
                    assert_eq!(flags & !0x8080_8080_8080_8080, 0);
                }
            }
        }
    }

    #[test]
    fn word_starts_and_possessives() {
        let t = "Azerbaijan’s army, Step'anakert and O'Brien in საქართველო";
        let mut starts = vec![];
        let mut pos = 0;
        while let Some(at) = next_start(t, pos) {
            let w = word_at(t, at);
            starts.push((&t[w.start..w.end], w.capital));
            pos = w.end.max(at + 1);
        }
        assert_eq!(
            starts,
            [
                ("Azerbaijan", true),
                ("Step'anakert", true),
                ("O'Brien", true),
                ("საქართველო", true)
            ]
        );
        let (w, gap) = next_word(t, 10).unwrap();
        assert_eq!(
            (&t[w.start..w.end], gap),
            ("s", "’"),
            "the possessive is no part of the name"
        );
    }
}
