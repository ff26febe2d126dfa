"""toponym: a multilingual place-name gazetteer and normalizer.

Every variant of a place's name, in any script, transliteration, inflected form or typo,
resolves to one stable canonical id (``gn:146970`` for Stepanakert / Khankendi / Xankəndi).
The gazetteer is embedded in the extension module: no download, no server, no start-up work.

>>> import toponym
>>> toponym.resolve("Khankandi").id
'gn:146970'
>>> [m.text for m in toponym.tag("Talks in Tbilisi: Georgia and Armenia agreed.")]
['Tbilisi', 'Georgia', 'Armenia']
"""

from ._toponym import DATA_VERSION, Gazetteer, Match, Mention, Place, __version__

# The module's functions are the methods of the embedded gazetteer; `Gazetteer(path)` opens an
# image built by `toponym build` and answers the same calls.
_EMBEDDED = Gazetteer()
resolve = _EMBEDDED.resolve
resolve_many = _EMBEDDED.resolve_many
search = _EMBEDDED.search
candidates = _EMBEDDED.candidates
get = _EMBEDDED.get
tag = _EMBEDDED.tag
tag_many = _EMBEDDED.tag_many
normalize = _EMBEDDED.normalize

__all__ = [
    "DATA_VERSION",
    "Gazetteer",
    "Match",
    "Mention",
    "Place",
    "__version__",
    "candidates",
    "get",
    "normalize",
    "resolve",
    "resolve_many",
    "search",
    "tag",
    "tag_many",
]
