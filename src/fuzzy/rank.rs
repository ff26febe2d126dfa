//! The fuzzy score of a key: its similarity to the query mixed with the
//! importance of its best place.

use super::FUZZY_MAX_SCORE;

/// Weight of string similarity against place importance in a fuzzy score.
const SIMILARITY_WEIGHT: f64 = 0.9;

/// Countries of the focus region (Armenia, Azerbaijan, Georgia, which files
/// Nagorno-Karabakh under AZ): their places get [`FOCUS_BONUS`] of importance,
/// so that "Shushy" is Shusha before Shush in Iran.
pub const FOCUS_COUNTRIES: [&str; 3] = ["AM", "AZ", "GE"];

/// Importance added to places of the [`FOCUS_COUNTRIES`].
pub const FOCUS_BONUS: f64 = 0.2;

/// Importance of a place in [0, 1] from its ranking tier and population,
/// halved when the place bears the key only as a minor alternate name.
pub(crate) fn importance(tier: u8, population: u64, strong: bool, focus: bool) -> f64 {
    let by_kind = match tier {
        0 => 1.0,
        1 => 0.9,
        2 => 0.5,
        _ => 0.0,
    };
    let by_pop = ((population as f64 + 1.0).log10() / 7.5).min(1.0);
    let mut base: f64 = f64::max(by_kind, by_pop);
    if focus {
        base = (base + FOCUS_BONUS).min(1.0);
    }
    if strong {
        base
    } else {
        base * 0.5
    }
}

/// The fuzzy score of a key with `similarity` whose best place has `importance`.
pub(crate) fn score(similarity: f64, importance: f64) -> f64 {
    FUZZY_MAX_SCORE * (SIMILARITY_WEIGHT * similarity + (1.0 - SIMILARITY_WEIGHT) * importance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_stay_below_normalised_matches() {
        assert!(score(1.0, 1.0) <= FUZZY_MAX_SCORE);
        assert!(FUZZY_MAX_SCORE < crate::Method::Normalized.score());
        assert!(score(0.9, 0.8) > score(0.9, 0.1), "importance breaks ties");
    }
}
