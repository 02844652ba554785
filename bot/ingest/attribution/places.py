"""Place names, so that "“…,” Moscow said" never proposes a person called Moscow.

Countries come from the ISO 3166 table and cities from the time-zone names, both shipped
with tzdata (a dependency); a few capitals, regions and continents no zone is named after
are added. A surname alone is proposed as a person only if it is not one of these, unless
the article gives a person's whole name ending in it ("Stanley", "Darwin").
"""

import importlib.resources
from functools import cache

from bot.text import normalize_name

# Places news names as actors that no time zone or ISO country name spells this way.
EXTRA = (
    "Washington Beijing Delhi Ottawa Canberra Abuja Pretoria Brasilia Wellington Geneva "
    "Davos Strasbourg Hague Damascus Gaza Crimea Donbas Donbass Kursk Kharkiv Odesa Mariupol "
    "Britain America Europe Africa Asia Oceania Antarctica Arctic Balkans Caucasus Scotland "
    "Wales England Ulster Catalonia Tibet Taipei Seoul Pyongyang Tehran Riyadh Ankara "
    "Westminster Whitehall Brussels Moscow Kyiv Kiev"
)


def is_place(word: str) -> bool:
    """Whether `word` (one word, any case) names a country, city or region."""
    return normalize_name(word) in _places()


@cache
def _places() -> frozenset[str]:
    tzdata = importlib.resources.files("tzdata").joinpath("zoneinfo")
    countries = set()
    for line in tzdata.joinpath("iso3166.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            countries.add(normalize_name(line.split("\t", 1)[1]))
    cities = set(EXTRA.split())
    for line in tzdata.joinpath("zone.tab").read_text(encoding="utf-8").splitlines():
        zone = line.split("\t")[2] if line and not line.startswith("#") else ""
        if zone.count("/") == 1 and not zone.startswith("Antarctica/"):  # not "Davis" (a base)
            cities.add(zone.split("/")[1].replace("_", " "))
    # "Korea (South)", "Bosnia & Herzegovina": each word of a country's name is a place too.
    words = {word for name in countries for word in name.split() if len(word) > 3}
    return frozenset((countries | words | {normalize_name(c) for c in cities}) - {""})
