//! The JSON Lines splice of `tag --input jsonl`: a record written back byte
//! for byte with a `places` array added. Kept free of the rest of the binary
//! (it needs only serde and serde_json), so that the fuzz target `jsonl`
//! compiles this very file.

use serde_json::Value;

/// `line` (one JSON Lines record, without its line ending) with the array
/// `places_of` makes of its text field `field` added, or why it cannot be.
///
/// The record is written back as it came, byte for byte (numbers of any
/// precision, escapes, spacing), with `,"places":[…]` before its closing
/// brace, or, when it has a `places` field already, with that field's
/// value replaced where it stands.
pub fn splice(
    line: &[u8],
    field: &str,
    places_of: impl FnOnce(&str) -> Vec<u8>,
) -> Result<Vec<u8>, String> {
    // (serde_json calls a bad byte "an invalid unicode code point")
    if let Err(e) = std::str::from_utf8(line) {
        return Err(format!(
            "invalid UTF-8 at column {} (JSON text is UTF-8)",
            e.valid_up_to() + 1
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(line);
    let record = serde::de::DeserializeSeed::deserialize(FieldOf { field, line }, &mut de)
        .and_then(|r| de.end().map(|()| r))
        .map_err(|e| {
            if e.classify() == serde_json::error::Category::Data {
                e.to_string()
            } else if let Some(at) = lone_surrogate(line) {
                format!(
                    "invalid JSON: a lone surrogate escape `{}` at column {} (JSON text must \
                     be Unicode: a surrogate escape comes in a high and low pair)",
                    String::from_utf8_lossy(&line[at..at + 6]),
                    at + 1
                )
            } else {
                format!("invalid JSON: {e}")
            }
        })?;
    let text = match record.text {
        Some(Ok(text)) => text,
        Some(Err(())) => return Err(format!("field `{field}` is not a string")),
        None => return Err(format!("no field `{field}`")),
    };
    let places = places_of(&text);
    if !record.places.is_empty() {
        // the record's own `places` values replaced where they stand
        let mut out = Vec::with_capacity(line.len() + places.len());
        let mut from = 0;
        for span in &record.places {
            out.extend_from_slice(&line[from..span.start]);
            out.extend_from_slice(&places);
            from = span.end;
        }
        out.extend_from_slice(&line[from..]);
        return Ok(out);
    }
    // a valid object: its last byte that is not white space is the `}`
    let close = line
        .iter()
        .rposition(|&b| b == b'}')
        .ok_or("not a JSON object")?;
    let mut out = Vec::with_capacity(close + places.len() + 16);
    out.extend_from_slice(&line[..close]);
    out.extend_from_slice(if record.fields > 0 {
        b",\"places\":"
    } else {
        b"\"places\":"
    });
    out.extend_from_slice(&places);
    // the `}` and whatever white space follows it
    out.extend_from_slice(&line[close..]);
    Ok(out)
}

/// What `tag --input jsonl` needs of a record: the text field (a string, or
/// `Err` when it is another value), where in the line the values of any
/// `places` fields lie, how many fields; every other value is checked and
/// skipped, not built.
struct Record {
    text: Option<Result<String, ()>>,
    places: Vec<std::ops::Range<usize>>,
    fields: usize,
}

/// Deserialises a [`Record`] whose text is in the named field, from `line`
/// (the bytes being read, for the offsets of `places` values).
struct FieldOf<'f, 'l> {
    field: &'f str,
    line: &'l [u8],
}

impl<'de> serde::de::DeserializeSeed<'de> for FieldOf<'_, '_> {
    type Value = Record;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FieldOf<'_, '_> {
    type Value = Record;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record {
            text: None,
            places: Vec::new(),
            fields: 0,
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            record.fields += 1;
            if key == self.field {
                let value: Value = map.next_value()?;
                record.text = Some(match value {
                    Value::String(s) => Ok(s),
                    _ => Err(()),
                });
            } else if key == "places" {
                // (the raw value borrows from the line: its offset there is
                // where its bytes start)
                let raw: &'de serde_json::value::RawValue = map.next_value()?;
                let start = (raw.get().as_ptr() as usize).wrapping_sub(self.line.as_ptr() as usize);
                let span = start..start + raw.get().len();
                if self.line.get(span.clone()) != Some(raw.get().as_bytes()) {
                    return Err(serde::de::Error::custom("a `places` value out of the line"));
                }
                record.places.push(span);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(record)
    }
}

/// Where `line` holds a `\uD800`–`\uDFFF` escape that is not half of a
/// high-then-low pair, which serde_json reports only as a bad hex escape.
pub fn lone_surrogate(line: &[u8]) -> Option<usize> {
    let escape_at = |i: usize| -> Option<u16> {
        let hex = line.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut i = 0;
    while i < line.len() {
        if line[i] == b'\\' {
            match escape_at(i) {
                Some(0xD800..=0xDBFF)
                    if escape_at(i + 6).is_some_and(|c| (0xDC00..=0xDFFF).contains(&c)) =>
                {
                    i += 12;
                    continue;
                }
                Some(0xD800..=0xDFFF) => return Some(i),
                _ => {
                    // (any other escape: skip the backslash and the escaped byte)
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn invalid_utf8_is_named_with_its_column() {
        let err = super::splice(b"{\"text\":\"Baku \xff\"}", "text", |_| b"[]".to_vec());
        assert_eq!(
            err,
            Err("invalid UTF-8 at column 15 (JSON text is UTF-8)".to_string())
        );
    }

    #[test]
    fn lone_surrogates_are_found_and_pairs_are_not() {
        assert_eq!(super::lone_surrogate(br#""\ud800""#), Some(1));
        assert_eq!(super::lone_surrogate(br#"{"t":"x \udc00"}"#), Some(8));
        assert_eq!(super::lone_surrogate(br#"{"t":"\ud83d\ude00"}"#), None);
        assert_eq!(super::lone_surrogate(br#"{"t":"\\ud800"}"#), None);
        assert_eq!(super::lone_surrogate(br#"{"t":"\ud83d"}"#), Some(6));
    }
}
