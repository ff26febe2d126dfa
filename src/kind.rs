//! What sort of place a [`Place`](crate::Place) is.

use crate::layout::KIND_NAMES;
use std::fmt;
use std::str::FromStr;

/// The kind of a place. Written in lower case in data files, JSON and the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Kind {
    /// A continent (Europe, Asia…).
    Continent,
    /// A macro-region (South Caucasus, Middle East, Western Asia…).
    Macroregion,
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level subdivision (province, state, marz, rayon-level city…).
    Region,
    /// A second-level subdivision (district, rayon).
    District,
    /// A populated place of 10,000 or more, or a capital.
    City,
    /// A populated place of 1,000 to 9,999.
    Town,
    /// A smaller populated place.
    Village,
    /// A road or corridor.
    Road,
    /// A checkpoint.
    Checkpoint,
    /// A bridge.
    Bridge,
    /// A river.
    River,
    /// A mountain or range.
    Mountain,
    /// Anything else (reservoirs, passes…).
    Other,
}

impl Kind {
    /// All kinds, in the order of their codes.
    pub const ALL: [Kind; 14] = [
        Kind::Continent,
        Kind::Macroregion,
        Kind::Country,
        Kind::Region,
        Kind::District,
        Kind::City,
        Kind::Town,
        Kind::Village,
        Kind::Road,
        Kind::Checkpoint,
        Kind::Bridge,
        Kind::River,
        Kind::Mountain,
        Kind::Other,
    ];

    /// The kind's name as written in data files: `"city"`, `"region"`…
    ///
    /// ```
    /// assert_eq!(toponym::Kind::Checkpoint.as_str(), "checkpoint");
    /// ```
    pub fn as_str(self) -> &'static str {
        KIND_NAMES[self as usize]
    }

    pub(crate) fn from_code(code: u8) -> Kind {
        Kind::ALL.get(code as usize).copied().unwrap_or(Kind::Other)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an unknown [`Kind`] name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseKindError(String);

impl fmt::Display for ParseKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown place kind `{}` (expected one of: {})",
            self.0,
            KIND_NAMES.join(", ")
        )
    }
}

impl std::error::Error for ParseKindError {}

impl FromStr for Kind {
    type Err = ParseKindError;

    /// Parses a kind name, ignoring case.
    ///
    /// ```
    /// use toponym::Kind;
    /// assert_eq!("City".parse::<Kind>(), Ok(Kind::City));
    /// assert!("planet".parse::<Kind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Kind, ParseKindError> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ParseKindError(s.to_string()))
    }
}
