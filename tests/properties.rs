//! Properties that hold for any input (proptest): normalisation is
//! idempotent; every mention's offsets lie on character boundaries and slice
//! to its text; tagging a stream read in pieces of any size equals tagging
//! the whole.

use proptest::prelude::*;
use toponym::{normalize::normalize, Gazetteer};

/// Text made of place names, words, punctuation and odd characters, which
/// reaches the tagger's rules more often than arbitrary strings do.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Stepanakert",
        "Khankandi",
        "Ağdam",
        "Füzulidə",
        "Мартакерта",
        "Ստեփանակերտ",
        "თბილისი",
        "Paris",
        "Hilton",
        "Georgia",
        "New",
        "York",
        "the",
        "in",
        "and",
        "Baku",
        "Yerevan",
        "d'",
        "Erevan",
        "’s",
        " ",
        ", ",
        ". ",
        "\n",
        "\r\n",
        "-",
        "«",
        "»",
        "\u{301}",
        "\u{200d}",
        "😀",
        "U.S.",
        "D.C.",
        "Washington",
        "St.",
        "Louis",
        "Lake",
        "Sevan",
        "Martuni",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Either an arbitrary string or one made of [`texty`] pieces.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), texty()]
}

/// A reader that gives its bytes in pieces of the sizes it is given.
struct Pieces<'a> {
    bytes: &'a [u8],
    sizes: Vec<usize>,
    next: usize,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self
            .sizes
            .get(self.next % self.sizes.len().max(1))
            .copied()
            .unwrap_or(1);
        self.next += 1;
        let n = size.max(1).min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn normalisation_is_idempotent(s in any_text()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn mentions_slice_to_their_text(s in any_text()) {
        for m in Gazetteer::embedded().tag(&s) {
            prop_assert!(s.is_char_boundary(m.start()) && s.is_char_boundary(m.end()));
            prop_assert!(m.start() < m.end());
            prop_assert_eq!(m.text(&s), &s[m.start()..m.end()]);
        }
    }

    #[test]
    fn a_stream_in_pieces_is_tagged_as_the_whole(
        s in texty(),
        sizes in prop::collection::vec(1usize..64, 1..8),
    ) {
        let gaz = Gazetteer::embedded();
        let whole: Vec<(usize, usize, &str)> =
            gaz.tag(&s).iter().map(|m| (m.start(), m.end(), m.place().id())).collect();
        let read: Vec<(usize, usize, &str)> = gaz
            .tag_reader(Pieces { bytes: s.as_bytes(), sizes, next: 0 })
            .map(|m| m.map(|m| (m.start(), m.end(), m.place().id())))
            .collect::<Result<_, _>>()
            .expect("reading from memory");
        prop_assert_eq!(read, whole);
    }
}
