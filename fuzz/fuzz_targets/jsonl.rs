//! The JSON Lines splice of `tag --input jsonl` (the binary's own
//! `src/bin/toponym/jsonl.rs`, compiled here) on arbitrary lines: never a
//! panic; a record it accepts comes back as valid JSON whose fields are the
//! record's, with `places` added, and, when the record had no `places`,
//! byte for byte around the added field.
#![no_main]

#[path = "../../src/bin/toponym/jsonl.rs"]
#[allow(dead_code)]
mod jsonl;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Field names the text may be asked for in.
const FIELDS: [&str; 4] = ["text", "t", "", "place"];

/// Whether the object `line` has a field `key` (as the splice sees it:
/// keys decoded, values skipped).
fn has_key(line: &[u8], key: &str) -> bool {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys<'k>(&'k str);
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                found |= k == self.0;
                map.next_value::<IgnoredAny>()?;
            }
            Ok(found)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(line);
    (&mut de).deserialize_map(Keys(key)).unwrap_or(false)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, line)) = data.split_first() else {
        return;
    };
    let field = FIELDS[mode as usize % FIELDS.len()];
    let places = br#"[{"id":"gn:1","text":"x \" \u2028"}]"#;
    let Ok(out) = jsonl::splice(line, field, |_| places.to_vec()) else {
        return;
    };
    let had_places = has_key(line, "places");
    if !had_places {
        let close = line
            .iter()
            .rposition(|&c| c == b'}')
            .expect("an object ends with `}`");
        assert_eq!(
            &out[..close],
            &line[..close],
            "bytes before the field changed"
        );
        assert_eq!(&out[out.len() - (line.len() - close)..], &line[close..]);
    }
    // (a string of another field is skipped, not decoded: a lone surrogate
    // escape in it passes through as read, and strict parsing refuses both)
    let Ok(before) = serde_json::from_slice::<Value>(line) else {
        return;
    };
    let after: Value = serde_json::from_slice(&out).expect("a spliced record is JSON");
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        panic!("an accepted record is an object and stays one");
    };
    let added: Value = serde_json::from_slice(places).expect("the array is JSON");
    assert_eq!(a.get("places"), Some(&added));
    for (k, v) in b {
        if k != "places" {
            assert_eq!(a.get(k), Some(v), "field {k:?} changed");
        }
    }
});
