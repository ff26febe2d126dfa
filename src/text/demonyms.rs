//! Demonyms and adjectives of countries (`Armenian`, `Azerbaijanis`,
//! `армянский`, `Ermeni`), when asked for ([`Context::demonyms`]): a word of
//! `data/demonyms.tsv` is a mention of its country with method
//! [`Method::Demonym`](crate::Method::Demonym). GeoWebNews counts them as
//! toponyms; most users do not, so they are off by default.
//!
//! [`Context::demonyms`]: super::Context::demonyms

use super::data_rows as rows;
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Normalised demonym → ids of the places it names.
fn demonyms() -> &'static HashMap<String, Vec<&'static str>> {
    static MAP: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static str>> = HashMap::new();
        for cols in rows(include_str!("../../data/demonyms.tsv")) {
            if let (Some(id), Some(word)) = (cols.first(), cols.get(2)) {
                let ids = map.entry(normalize(word)).or_default();
                if !ids.contains(id) {
                    ids.push(id);
                }
            }
        }
        map
    })
}

/// Whether `word`, as written, is a demonym of `data/demonyms.tsv`.
pub(super) fn is_demonym(word: &str) -> bool {
    demonyms().contains_key(&normalize(word))
}

impl<'g> Gazetteer<'g> {
    /// The places (with their display names) that `word` is a demonym of,
    /// as written or as an inflected form.
    pub(crate) fn demonym_candidates(&self, word: &str) -> Vec<(u32, u32)> {
        let map = demonyms();
        let mut ids = map.get(&normalize(word));
        if ids.is_none() && crate::inflect::may_inflect(word) {
            let mut readings = Vec::new();
            crate::inflect::stems(word, &mut readings);
            ids = readings.iter().find_map(|s| map.get(&normalize(&s.text)));
        }
        ids.into_iter()
            .flatten()
            .filter_map(|id| self.get(id))
            .filter_map(|p| Some((p.idx, p.names().next()?.idx)))
            .collect()
    }
}
