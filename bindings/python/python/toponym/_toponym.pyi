"""Type stubs of the extension module (re-exported by ``toponym``)."""

from typing import Iterable, Optional, Sequence, Union

DATA_VERSION: str
__version__: str

_Strs = Union[str, Sequence[str], None]

class Match:
    """A place that a name may mean, and how it matched."""
    id: str
    name: str
    kind: str
    country: Optional[str]
    score: float
    method: str
    lat: Optional[float]
    lon: Optional[float]
    def __init__(self, id: str, name: str, kind: str, country: Optional[str], score: float,
                 method: str, lat: Optional[float], lon: Optional[float],
                 image: Optional[str] = None) -> None: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def place(self) -> "Place": ...

class Mention:
    """A place mentioned in a text: ``text[m.start:m.end] == m.text``."""
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    id: str
    name: str
    kind: str
    country: Optional[str]
    score: float
    method: str
    lat: Optional[float]
    lon: Optional[float]
    def __init__(self, start: int, end: int, byte_start: int, byte_end: int, text: str, id: str,
                 name: str, kind: str, country: Optional[str], score: float, method: str,
                 lat: Optional[float], lon: Optional[float], image: Optional[str] = None) -> None: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def place(self) -> "Place": ...

class Place:
    """A place of a gazetteer, by canonical id (KeyError for an unknown id); `image` is the
    image file of its gazetteer, None for the embedded one."""
    id: str
    def __init__(self, id: str, image: Optional[str] = None) -> None: ...
    @property
    def image(self) -> Optional[str]: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> Optional[str]: ...
    @property
    def lat(self) -> Optional[float]: ...
    @property
    def lon(self) -> Optional[float]: ...
    @property
    def population(self) -> Optional[int]: ...
    @property
    def geonames_id(self) -> Optional[int]: ...
    @property
    def parent(self) -> Optional["Place"]: ...
    @property
    def names(self) -> list[dict]: ...
    def name_in(self, lang: str, at: Optional[str] = None) -> str: ...
    def to_dict(self) -> dict: ...

class Gazetteer:
    """The embedded gazetteer, or with `path` an image file built by `toponym build`
    (OSError when it is missing or damaged); the module's functions are the embedded one's."""
    def __init__(self, path: Optional[str] = None) -> None: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def data_version(self) -> str: ...
    def __len__(self) -> int: ...
    def resolve(self, name: str, *, lang: Optional[str] = None, country: _Strs = None, kind: _Strs = None,
                min_score: Optional[float] = None, exact: bool = False,
                at: Optional[str] = None) -> Optional[Match]: ...
    def resolve_many(self, names: Iterable[Optional[str]], *, lang: Optional[str] = None,
                     country: _Strs = None, kind: _Strs = None, min_score: Optional[float] = None,
                     exact: bool = False, at: Optional[str] = None) -> list[Optional[Match]]: ...
    def search(self, name: str, *, limit: int = 10, lang: Optional[str] = None, country: _Strs = None,
               kind: _Strs = None, min_score: Optional[float] = None, exact: bool = False,
               at: Optional[str] = None) -> list[Match]: ...
    def candidates(self, name: str, *, lang: Optional[str] = None,
                   at: Optional[str] = None) -> list[Match]: ...
    def get(self, id: str) -> Optional[Place]: ...
    def tag(self, text: str, *, lang: Optional[str] = None, demonyms: bool = False,
            at: Optional[str] = None) -> list[Mention]: ...
    def tag_many(self, texts: Iterable[Optional[str]], *, lang: Optional[str] = None,
                 demonyms: bool = False, at: Optional[str] = None) -> list[list[Mention]]: ...
    def normalize(self, text: str, *, lang: Optional[str] = None, to: str = "name",
                  at: Optional[str] = None) -> str: ...
