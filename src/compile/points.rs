//! Phase 2: a point for every place the data leaves without one.

use super::PlaceRow;
use crate::layout::*;
use std::collections::HashMap;

/// Gives a point to every place the data leaves without one (regions and
/// districts, the few countries Natural Earth lacks, curated places), marked
/// `COORDS_DERIVED`, in this order of preference:
/// 0. the point of its seat, when the data names one (`seat` column: a
///    region whose towns are filed under other districts, such as the
///    provinces of the former Nagorno-Karabakh Republic);
/// 1. the mean, on the sphere, of the cities, towns and villages inside it
///    (near the middle of where its people live; on GeoWebNews 61.0 % of
///    resolved names land within 161 km of the gold point this way, 58.5 %
///    with the largest place instead);
/// 2. the mean of its children's points (a region of districts);
/// 3. its parent's point.
///
/// Returns how many points were derived.
pub(super) fn derive_points(places: &mut [PlaceRow], parents: &[u32], seats: &[u32]) -> usize {
    let has_point = |p: &PlaceRow| !p.lat.is_nan() && !p.lon.is_nan();
    let mut derived = 0;
    // 0. the seat's own point
    for i in 0..places.len() {
        let seat = seats[i] as usize;
        if has_point(&places[i]) || seat >= places.len() || !has_point(&places[seat]) {
            continue;
        }
        places[i].lat = places[seat].lat;
        places[i].lon = places[seat].lon;
        places[i].coords = COORDS_DERIVED;
        derived += 1;
    }
    let missing: Vec<bool> = places.iter().map(|p| !has_point(p)).collect();
    let populated = |p: &PlaceRow| {
        matches!(
            KIND_NAMES.get(p.kind as usize),
            Some(&("city" | "town" | "village"))
        )
    };
    // 1. the mean of the populated places inside (on the sphere)
    let mut sums: Vec<(f64, f64, f64, u32)> = vec![(0.0, 0.0, 0.0, 0); places.len()];
    for (i, p) in places.iter().enumerate() {
        if !populated(p) || !has_point(p) {
            continue;
        }
        let (la, lo) = ((p.lat as f64).to_radians(), (p.lon as f64).to_radians());
        let v = (la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin());
        let mut up = parents[i];
        for _ in 0..16 {
            let Some(&is_missing) = missing.get(up as usize) else {
                break;
            };
            if is_missing {
                let s = &mut sums[up as usize];
                s.0 += v.0;
                s.1 += v.1;
                s.2 += v.2;
                s.3 += 1;
            }
            up = parents[up as usize];
        }
    }
    for i in 0..places.len() {
        let (x, y, z, n) = sums[i];
        if n > 0 {
            places[i].lat = z.atan2((x * x + y * y).sqrt()).to_degrees() as f32;
            places[i].lon = y.atan2(x).to_degrees() as f32;
            places[i].coords = COORDS_DERIVED;
            derived += 1;
        }
    }
    // 2. the mean of the children's points, deepest places first
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(&up) = parents.get(i) {
            if up == NONE || d > 16 {
                break;
            }
            i = up as usize;
            d += 1;
        }
        d
    };
    let mut order: Vec<usize> = (0..places.len())
        .filter(|&i| !has_point(&places[i]))
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
    let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &up) in parents.iter().enumerate() {
        if up != NONE {
            children.entry(up).or_default().push(i);
        }
    }
    for &i in &order {
        let pts: Vec<(f32, f32)> = children
            .get(&(i as u32))
            .into_iter()
            .flatten()
            .map(|&c| (places[c].lat, places[c].lon))
            .filter(|(lat, lon)| !lat.is_nan() && !lon.is_nan())
            .collect();
        if pts.is_empty() {
            continue;
        }
        let n = pts.len() as f32;
        places[i].lat = pts.iter().map(|p| p.0).sum::<f32>() / n;
        places[i].lon = pts.iter().map(|p| p.1).sum::<f32>() / n;
        places[i].coords = COORDS_DERIVED;
        derived += 1;
    }
    // 3. the parent's point, shallowest places first
    for &i in order.iter().rev() {
        if has_point(&places[i]) {
            continue;
        }
        let up = parents[i];
        if let Some(parent) = places.get(up as usize).filter(|p| has_point(p)) {
            let (lat, lon) = (parent.lat, parent.lon);
            places[i].lat = lat;
            places[i].lon = lon;
            places[i].coords = COORDS_DERIVED;
            derived += 1;
        }
    }
    derived
}
