//! Python bindings of toponym: `import toponym`.
//!
//! The module mirrors the Rust API on the embedded gazetteer: `resolve`,
//! `resolve_many`, `search`, `candidates`, `get`, `tag`, `tag_many` and
//! `normalize`. Results are plain, picklable values (`Match`, `Mention`,
//! `Place`), so that Spark and multiprocessing can ship them; a `Place` pickles
//! as its id. Offsets of mentions are Python string indices (code points),
//! with the UTF-8 byte offsets beside them. Batch calls release the GIL; no
//! thread is started.

use pyo3::exceptions::{PyKeyError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList};
use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use toponym::{Context, Date, Gazetteer, Kind, Query};

/// A string of the embedded gazetteer, borrowed, or one made (by `#[new]`,
/// when a result is unpickled): most fields of a result are the former, which
/// saves an allocation per field and result.
type Str = Cow<'static, str>;

/// A gazetteer and the image file it was opened from (None: the embedded
/// one); results keep the file, so that their `place` is found again there.
#[derive(Clone)]
struct Source {
    gaz: Gazetteer<'static>,
    image: Option<Arc<str>>,
}

impl Source {
    fn embedded() -> Source {
        Source {
            gaz: Gazetteer::embedded(),
            image: None,
        }
    }

    /// The image at `path`, opened once per process (an image stays mapped
    /// for the process: opening it again would map it again).
    fn open(path: &str) -> PyResult<Source> {
        static OPEN: Mutex<Vec<(Arc<str>, Gazetteer<'static>)>> = Mutex::new(Vec::new());
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((p, g)) = open.iter().find(|(p, _)| &**p == path) {
            return Ok(Source {
                gaz: *g,
                image: Some(Arc::clone(p)),
            });
        }
        let gaz = Gazetteer::open(path).map_err(|e| PyOSError::new_err(e.to_string()))?;
        let image: Arc<str> = Arc::from(path);
        open.push((Arc::clone(&image), gaz));
        Ok(Source {
            gaz,
            image: Some(image),
        })
    }

    /// The source of a result's `image`.
    fn of(image: Option<&Arc<str>>) -> PyResult<Source> {
        match image {
            None => Ok(Source::embedded()),
            Some(p) => Source::open(p),
        }
    }
}

/// What `__reduce__` gives: the class and the arguments that make the value
/// again.
type Reduced<'py, A> = (Bound<'py, PyAny>, A);

/// A gazetteer: the embedded one, or an image file (`toponym.Gazetteer`).
#[pyclass(frozen, name = "Gazetteer", module = "toponym._toponym")]
struct PyGazetteer {
    src: Source,
}

/// A value error naming what was refused.
fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// How results are named: a language and, optionally, a date; with the
/// names already found (a big place has hundreds of names to choose from,
/// and a batch names the same places again and again).
#[derive(Clone)]
struct Naming {
    lang: String,
    at: Option<Date>,
    found: std::cell::RefCell<std::collections::HashMap<toponym::Place<'static>, &'static str>>,
}

impl Naming {
    fn new(lang: Option<&str>, at: Option<&str>) -> PyResult<Naming> {
        let at = at
            .map(str::parse::<Date>)
            .transpose()
            .map_err(value_error)?;
        Ok(Naming {
            lang: lang.unwrap_or("en").to_string(),
            at,
            found: Default::default(),
        })
    }

    fn name(&self, p: &toponym::Place<'static>) -> &'static str {
        self.found
            .borrow_mut()
            .entry(*p)
            .or_insert_with(|| p.name_as_of(&self.lang, self.at))
    }
}

/// One string or a list of them, as keyword arguments take them.
fn strings(v: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    match v {
        None => Ok(Vec::new()),
        Some(v) if v.is_none() => Ok(Vec::new()),
        Some(v) => match v.extract::<String>() {
            Ok(s) => Ok(vec![s]),
            Err(_) => v.extract::<Vec<String>>(),
        },
    }
}

/// The query of the keyword options.
fn query(
    country: Option<&Bound<'_, PyAny>>,
    kind: Option<&Bound<'_, PyAny>>,
    min_score: Option<f64>,
    exact: bool,
    limit: usize,
) -> PyResult<Query> {
    let mut q = Query::new();
    for c in strings(country)? {
        q.country(&c).map_err(value_error)?;
    }
    for k in strings(kind)? {
        q.kind(k.parse::<Kind>().map_err(value_error)?);
    }
    if let Some(s) = min_score {
        q.min_score(s).map_err(value_error)?;
    }
    q.limit(limit).map_err(value_error)?.fuzzy(!exact);
    Ok(q)
}

/// A place that a name may mean, and how it matched.
#[pyclass(frozen, eq, module = "toponym._toponym")]
#[derive(Clone, PartialEq)]
struct Match {
    /// The place's canonical id (`gn:146970`).
    #[pyo3(get)]
    id: Str,
    /// The place's name in the language asked for.
    #[pyo3(get)]
    name: Str,
    /// The kind of place (`city`, `country`, …).
    #[pyo3(get)]
    kind: Str,
    /// ISO 3166-1 alpha-2 code, or None.
    #[pyo3(get)]
    country: Option<Str>,
    /// Confidence in [0, 1].
    #[pyo3(get)]
    score: f64,
    /// How the name matched (`exact`, `normalized`, `inflected`, `demonym`, `fuzzy`).
    #[pyo3(get)]
    method: Str,
    /// Latitude, or None.
    #[pyo3(get)]
    lat: Option<f64>,
    /// Longitude, or None.
    #[pyo3(get)]
    lon: Option<f64>,
    /// The image file of the gazetteer it comes from (None: the embedded one).
    image: Option<Arc<str>>,
}

impl Match {
    fn of(m: &toponym::Match<'static>, naming: &Naming, src: &Source) -> Match {
        let p = m.place();
        let point = p.coordinates();
        Match {
            id: Cow::Borrowed(p.id()),
            name: Cow::Borrowed(naming.name(&p)),
            kind: Cow::Borrowed(p.kind().as_str()),
            country: p.country().map(Cow::Borrowed),
            score: m.score(),
            method: Cow::Borrowed(m.method().as_str()),
            lat: point.map(|c| c.0),
            lon: point.map(|c| c.1),
            image: src.image.clone(),
        }
    }
}

#[pymethods]
impl Match {
    #[new]
    #[pyo3(signature = (id, name, kind, country, score, method, lat, lon, image = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        name: String,
        kind: String,
        country: Option<String>,
        score: f64,
        method: String,
        lat: Option<f64>,
        lon: Option<f64>,
        image: Option<String>,
    ) -> Match {
        Match {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            country: country.map(Cow::Owned),
            score,
            method: method.into(),
            lat,
            lon,
            image: image.map(Arc::from),
        }
    }

    /// The matched place.
    #[getter]
    fn place(&self) -> PyResult<Place> {
        Place::new(&self.id, self.image.as_deref())
    }

    /// The image file of the gazetteer it comes from (None: the embedded one).
    #[getter]
    fn image(&self) -> Option<&str> {
        self.image.as_deref()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let m = slf.get();
        let args = (
            m.id.clone(),
            m.name.clone(),
            m.kind.clone(),
            m.country.clone(),
            m.score,
            m.method.clone(),
            m.lat,
            m.lon,
            m.image.as_deref().map(str::to_string),
        );
        Ok((
            slf.get_type().into_any(),
            args.into_pyobject(slf.py())?.into_any(),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "Match(id={:?}, name={:?}, kind={:?}, score={:.3}, method={:?})",
            self.id, self.name, self.kind, self.score, self.method
        )
    }
}

/// A place mentioned in a text.
#[pyclass(frozen, eq, module = "toponym._toponym")]
#[derive(Clone, PartialEq)]
struct Mention {
    /// Index of the mention's first character: `text[m.start:m.end] == m.text`.
    #[pyo3(get)]
    start: usize,
    /// Index just past its last character.
    #[pyo3(get)]
    end: usize,
    /// Byte offset of its first byte in the UTF-8 text.
    #[pyo3(get)]
    byte_start: usize,
    /// Byte offset just past its last byte.
    #[pyo3(get)]
    byte_end: usize,
    /// The mention as written.
    #[pyo3(get)]
    text: String,
    /// The place's canonical id.
    #[pyo3(get)]
    id: Str,
    /// The place's name in the language asked for.
    #[pyo3(get)]
    name: Str,
    /// The kind of place.
    #[pyo3(get)]
    kind: Str,
    /// ISO 3166-1 alpha-2 code, or None.
    #[pyo3(get)]
    country: Option<Str>,
    /// Confidence in [0, 1].
    #[pyo3(get)]
    score: f64,
    /// How the words matched.
    #[pyo3(get)]
    method: Str,
    /// Latitude, or None.
    #[pyo3(get)]
    lat: Option<f64>,
    /// Longitude, or None.
    #[pyo3(get)]
    lon: Option<f64>,
    /// The image file of the gazetteer it comes from (None: the embedded one).
    image: Option<Arc<str>>,
}

#[pymethods]
impl Mention {
    #[new]
    #[pyo3(signature = (start, end, byte_start, byte_end, text, id, name, kind, country, score, method, lat, lon, image = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        text: String,
        id: String,
        name: String,
        kind: String,
        country: Option<String>,
        score: f64,
        method: String,
        lat: Option<f64>,
        lon: Option<f64>,
        image: Option<String>,
    ) -> Mention {
        Mention {
            start,
            end,
            byte_start,
            byte_end,
            text,
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            country: country.map(Cow::Owned),
            score,
            method: method.into(),
            lat,
            lon,
            image: image.map(Arc::from),
        }
    }

    /// The place mentioned.
    #[getter]
    fn place(&self) -> PyResult<Place> {
        Place::new(&self.id, self.image.as_deref())
    }

    /// The image file of the gazetteer it comes from (None: the embedded one).
    #[getter]
    fn image(&self) -> Option<&str> {
        self.image.as_deref()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let m = slf.get();
        let py = slf.py();
        let args = PyList::new(
            py,
            [
                m.start.into_pyobject(py)?.into_any(),
                m.end.into_pyobject(py)?.into_any(),
                m.byte_start.into_pyobject(py)?.into_any(),
                m.byte_end.into_pyobject(py)?.into_any(),
                m.text.clone().into_pyobject(py)?.into_any(),
                m.id.clone().into_pyobject(py)?.into_any(),
                m.name.clone().into_pyobject(py)?.into_any(),
                m.kind.clone().into_pyobject(py)?.into_any(),
                m.country.clone().into_pyobject(py)?.into_any(),
                m.score.into_pyobject(py)?.into_any(),
                m.method.clone().into_pyobject(py)?.into_any(),
                m.lat.into_pyobject(py)?.into_any(),
                m.lon.into_pyobject(py)?.into_any(),
                m.image
                    .as_deref()
                    .map(str::to_string)
                    .into_pyobject(py)?
                    .into_any(),
            ],
        )?
        .to_tuple();
        Ok((slf.get_type().into_any(), args.into_any()))
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention(start={}, end={}, text={:?}, id={:?}, name={:?})",
            self.start, self.end, self.text, self.id, self.name
        )
    }
}

/// A place of a gazetteer, by its canonical id (and the image file of the
/// gazetteer, None for the embedded one); pickles as those.
#[pyclass(frozen, eq, hash, module = "toponym._toponym")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct Place {
    /// The canonical id.
    #[pyo3(get)]
    id: String,
    image: Option<Arc<str>>,
}

impl Place {
    fn get(&self) -> toponym::Place<'static> {
        // (a Place is made only for an id its gazetteer has, and an opened
        // image stays open)
        Source::of(self.image.as_ref())
            .ok()
            .and_then(|s| s.gaz.get(&self.id))
            .unwrap_or_else(|| unreachable!())
    }
}

#[pymethods]
impl Place {
    /// The place with canonical id `id` in the embedded gazetteer, or in the
    /// image file `image`; KeyError when there is none.
    #[new]
    #[pyo3(signature = (id, image = None))]
    fn new(id: &str, image: Option<&str>) -> PyResult<Place> {
        let src = match image {
            None => Source::embedded(),
            Some(p) => Source::open(p)?,
        };
        match src.gaz.get(id) {
            Some(p) => Ok(Place {
                id: p.id().to_string(),
                image: src.image,
            }),
            None => Err(PyKeyError::new_err(format!("no place with id {id:?}"))),
        }
    }

    /// The image file of its gazetteer (None: the embedded one).
    #[getter]
    fn image(&self) -> Option<&str> {
        self.image.as_deref()
    }

    /// The default display name.
    #[getter]
    fn name(&self) -> &'static str {
        self.get().name()
    }

    /// The kind of place.
    #[getter]
    fn kind(&self) -> &'static str {
        self.get().kind().as_str()
    }

    /// ISO 3166-1 alpha-2 code, or None.
    #[getter]
    fn country(&self) -> Option<&'static str> {
        self.get().country()
    }

    /// Latitude, or None.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.get().coordinates().map(|c| c.0)
    }

    /// Longitude, or None.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.get().coordinates().map(|c| c.1)
    }

    /// Population, or None.
    #[getter]
    fn population(&self) -> Option<u64> {
        self.get().population()
    }

    /// GeoNames id, or None.
    #[getter]
    fn geonames_id(&self) -> Option<u32> {
        self.get().geonames_id()
    }

    /// The enclosing place, or None.
    #[getter]
    fn parent(&self) -> Option<Place> {
        self.get().parent().map(|p| Place {
            id: p.id().to_string(),
            image: self.image.clone(),
        })
    }

    /// Every name, as dicts with `name`, `lang`, `flags`, `from` and `until`.
    #[getter]
    fn names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for n in self.get().names() {
            list.append(name_dict(py, &n)?)?;
        }
        Ok(list)
    }

    /// The name for a reader of `lang` (BCP 47), as of `at` (YYYY, YYYY-MM or
    /// YYYY-MM-DD) when given.
    #[pyo3(signature = (lang, at = None))]
    fn name_in(&self, lang: &str, at: Option<&str>) -> PyResult<String> {
        Ok(Naming::new(Some(lang), at)?.name(&self.get()).to_string())
    }

    /// The place as a dict (its fields and names).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = self.get();
        let d = PyDict::new(py);
        d.set_item("id", p.id())?;
        d.set_item("name", p.name())?;
        d.set_item("kind", p.kind().as_str())?;
        d.set_item("country", p.country())?;
        d.set_item("parent", p.parent().map(|q| q.id()))?;
        d.set_item("lat", p.coordinates().map(|c| c.0))?;
        d.set_item("lon", p.coordinates().map(|c| c.1))?;
        d.set_item("population", p.population())?;
        d.set_item("geonames_id", p.geonames_id())?;
        d.set_item("names", self.names(py)?)?;
        Ok(d)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (String, Option<String>)>> {
        let p = slf.get();
        Ok((
            slf.get_type().into_any(),
            (p.id.clone(), p.image.as_deref().map(str::to_string)),
        ))
    }

    fn __repr__(&self) -> String {
        match &self.image {
            Some(image) => format!(
                "Place({:?}, name={:?}, image={image:?})",
                self.id,
                self.name()
            ),
            None => format!("Place({:?}, name={:?})", self.id, self.name()),
        }
    }
}

fn name_dict<'py>(py: Python<'py>, n: &toponym::Name<'static>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", n.text())?;
    d.set_item("lang", n.lang())?;
    d.set_item(
        "flags",
        n.flags().map(toponym::Flag::as_str).collect::<Vec<_>>(),
    )?;
    d.set_item("from", n.from().map(|d| d.to_string()))?;
    d.set_item("until", n.until().map(|d| d.to_string()))?;
    Ok(d)
}

/// A gazetteer's answers, as `Gazetteer` methods (and, on the embedded
/// gazetteer, the module's functions: `toponym.resolve` is
/// `Gazetteer().resolve`).
#[pymethods]
impl PyGazetteer {
    /// The embedded gazetteer, or with `path` an image file built by
    /// `toponym build` (mapped and checked once per process; a damaged or
    /// missing file is an OSError naming it).
    #[new]
    #[pyo3(signature = (path = None))]
    fn new(path: Option<&str>) -> PyResult<PyGazetteer> {
        Ok(PyGazetteer {
            src: match path {
                None => Source::embedded(),
                Some(p) => Source::open(p)?,
            },
        })
    }

    /// The image file, or None for the embedded gazetteer.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.src.image.as_deref()
    }

    /// The data version of the gazetteer.
    #[getter]
    fn data_version(&self) -> &'static str {
        self.src.gaz.data_version()
    }

    /// The number of places.
    fn __len__(&self) -> usize {
        self.src.gaz.len()
    }

    /// The best place for `name`, or None.
    #[pyo3(signature = (name, *, lang = None, country = None, kind = None, min_score = None, exact = false, at = None))]
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        py: Python<'_>,
        name: &str,
        lang: Option<&str>,
        country: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyAny>>,
        min_score: Option<f64>,
        exact: bool,
        at: Option<&str>,
    ) -> PyResult<Option<Match>> {
        let naming = Naming::new(lang, at)?;
        let q = query(country, kind, min_score, exact, 1)?;
        let (name, src) = (name.to_string(), self.src.clone());
        Ok(py.detach(move || {
            src.gaz
                .resolve_with(&name, &q)
                .map(|m| Match::of(&m, &naming, &src))
        }))
    }

    /// The best place for each name (None for a None or an unknown name), in
    /// order; the GIL is released while they resolve.
    #[pyo3(signature = (names, *, lang = None, country = None, kind = None, min_score = None, exact = false, at = None))]
    #[allow(clippy::too_many_arguments)]
    fn resolve_many(
        &self,
        py: Python<'_>,
        names: &Bound<'_, PyAny>,
        lang: Option<&str>,
        country: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyAny>>,
        min_score: Option<f64>,
        exact: bool,
        at: Option<&str>,
    ) -> PyResult<Vec<Option<Match>>> {
        let naming = Naming::new(lang, at)?;
        let q = query(country, kind, min_score, exact, 1)?;
        // (the names' UTF-8, borrowed from the Python strings, not copied)
        let names: Vec<Option<PyBackedStr>> = names
            .try_iter()?
            .map(|n| n.and_then(|n| n.extract::<Option<PyBackedStr>>()))
            .collect::<PyResult<_>>()?;
        let src = self.src.clone();
        Ok(py.detach(move || {
            names
                .iter()
                .map(|n| {
                    n.as_deref()
                        .and_then(|n| src.gaz.resolve_with(n, &q))
                        .map(|m| Match::of(&m, &naming, &src))
                })
                .collect()
        }))
    }

    /// Every candidate for `name`, best first: the exact matches and their
    /// fuzzy neighbours (what `toponym search` lists), at most `limit`.
    #[pyo3(signature = (name, *, limit = 10, lang = None, country = None, kind = None, min_score = None, exact = false, at = None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        name: &str,
        limit: usize,
        lang: Option<&str>,
        country: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyAny>>,
        min_score: Option<f64>,
        exact: bool,
        at: Option<&str>,
    ) -> PyResult<Vec<Match>> {
        let naming = Naming::new(lang, at)?;
        let mut q = query(country, kind, min_score, exact, limit)?;
        q.neighbours(true);
        let (name, src) = (name.to_string(), self.src.clone());
        Ok(py.detach(move || {
            src.gaz
                .search(&name, &q)
                .iter()
                .map(|m| Match::of(m, &naming, &src))
                .collect()
        }))
    }

    /// Every place `name` may mean by its exact or normalised spelling
    /// (homonyms apart), best first.
    #[pyo3(signature = (name, *, lang = None, at = None))]
    fn candidates(&self, name: &str, lang: Option<&str>, at: Option<&str>) -> PyResult<Vec<Match>> {
        let naming = Naming::new(lang, at)?;
        Ok(self
            .src
            .gaz
            .candidates(name)
            .iter()
            .map(|m| Match::of(m, &naming, &self.src))
            .collect())
    }

    /// The place with canonical id `id`, or None.
    fn get(&self, id: &str) -> Option<Place> {
        self.src.gaz.get(id).map(|p| Place {
            id: p.id().to_string(),
            image: self.src.image.clone(),
        })
    }

    /// The places mentioned in `text`, in text order.
    #[pyo3(signature = (text, *, lang = None, demonyms = false, at = None))]
    fn tag(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        demonyms: bool,
        at: Option<&str>,
    ) -> PyResult<Vec<Mention>> {
        let naming = Naming::new(lang, at)?;
        let (text, src) = (text.to_string(), self.src.clone());
        Ok(py.detach(move || mentions_of(&src, &text, &naming, demonyms)))
    }

    /// The mentions of each text (an empty list for None), in order; the GIL
    /// is released while they are tagged.
    #[pyo3(signature = (texts, *, lang = None, demonyms = false, at = None))]
    fn tag_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        lang: Option<&str>,
        demonyms: bool,
        at: Option<&str>,
    ) -> PyResult<Vec<Vec<Mention>>> {
        let naming = Naming::new(lang, at)?;
        let texts: Vec<Option<PyBackedStr>> = texts
            .try_iter()?
            .map(|t| t.and_then(|t| t.extract::<Option<PyBackedStr>>()))
            .collect::<PyResult<_>>()?;
        let src = self.src.clone();
        Ok(py.detach(move || {
            texts
                .iter()
                .map(|t| {
                    t.as_deref()
                        .map(|t| mentions_of(&src, t, &naming, demonyms))
                        .unwrap_or_default()
                })
                .collect()
        }))
    }

    /// `text` with every place mention rewritten: `to="name"` (the place's
    /// name in `lang`, as of `at`), `"id"` or `"annotate"` (`Khankandi
    /// [gn:146970]`); every other character kept.
    #[pyo3(signature = (text, *, lang = None, to = "name", at = None))]
    fn normalize(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        to: &str,
        at: Option<&str>,
    ) -> PyResult<String> {
        let naming = Naming::new(lang, at)?;
        if !matches!(to, "name" | "id" | "annotate") {
            return Err(value_error(format!(
                "to={to:?}: expected \"name\", \"id\" or \"annotate\""
            )));
        }
        let (text, to, g) = (text.to_string(), to.to_string(), self.src.gaz);
        Ok(py.detach(move || {
            let mut out = String::with_capacity(text.len());
            let mut copied = 0;
            for m in g.tag(&text) {
                out.push_str(&text[copied..m.start()]);
                let p = m.place();
                match to.as_str() {
                    "id" => out.push_str(p.id()),
                    "annotate" => {
                        out.push_str(m.text(&text));
                        out.push_str(" [");
                        out.push_str(p.id());
                        out.push(']');
                    }
                    _ => out.push_str(naming.name(&p)),
                }
                copied = m.end();
            }
            out.push_str(&text[copied..]);
            out
        }))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Option<String>,))> {
        let path = slf.get().src.image.as_deref().map(str::to_string);
        Ok((slf.get_type().into_any(), (path,)))
    }

    fn __repr__(&self) -> String {
        match &self.src.image {
            Some(p) => format!("Gazetteer({p:?})"),
            None => "Gazetteer()".to_string(),
        }
    }
}

/// The mentions of `text` in `src`, with character and byte offsets.
fn mentions_of(src: &Source, text: &str, naming: &Naming, demonyms: bool) -> Vec<Mention> {
    let mut ctx = Context::new();
    ctx.demonyms(demonyms);
    let found = src.gaz.tag_with(text, &mut ctx);
    let mut out = Vec::with_capacity(found.len());
    // (byte offsets to character indices, counting once over the text)
    let (mut byte, mut chars) = (0, 0);
    let mut index = |at: usize| {
        chars += text.get(byte..at).map_or(0, |s| s.chars().count());
        byte = at;
        chars
    };
    for m in &found {
        let (start, end) = (index(m.start()), index(m.end()));
        let p = m.place();
        let point = p.coordinates();
        out.push(Mention {
            start,
            end,
            byte_start: m.start(),
            byte_end: m.end(),
            text: m.text(text).to_string(),
            id: Cow::Borrowed(p.id()),
            name: Cow::Borrowed(naming.name(&p)),
            kind: Cow::Borrowed(p.kind().as_str()),
            country: p.country().map(Cow::Borrowed),
            score: m.score(),
            method: Cow::Borrowed(m.method().as_str()),
            lat: point.map(|c| c.0),
            lon: point.map(|c| c.1),
            image: src.image.clone(),
        });
    }
    out
}

/// The Python module `toponym._toponym`, re-exported by `toponym`.
#[pymodule]
fn _toponym(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyGazetteer>()?;
    m.add_class::<Match>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Place>()?;
    m.add("DATA_VERSION", toponym::DATA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
