"""Metonyms: a capital or a seat of government standing for its government ("Moscow", "the
Kremlin", "Washington"). A claim may use one for an actor of that country: ordinary news
English, not a new name. Data: each country's names and demonyms (how an actor's name,
aliases or description show its country), then its capital and seats of power.
"""

from collections.abc import Iterable
from functools import cache

from bot.drafts.evidence.text import fold, words

# "names and demonyms | capital and seats of government"
_COUNTRIES = """
russia, russian, russian federation | moscow, kremlin, the kremlin
ukraine, ukrainian | kyiv, kiev, bankova
united states, us, u.s, usa, america, american | washington, white house, the white house,
    capitol hill, pentagon, state department, foggy bottom
united kingdom, uk, u.k, britain, british, england | london, downing street, no 10,
    number 10, whitehall, westminster
china, chinese, people's republic | beijing, zhongnanhai
france, french | paris, elysee, élysée, the elysee, matignon, quai d'orsay
germany, german | berlin, chancellery
european union, eu, e.u, european commission, brussels | brussels, berlaymont, strasbourg
nato, north atlantic treaty organization | brussels
united nations, un, u.n | new york, turtle bay
belarus, belarusian | minsk
poland, polish | warsaw
italy, italian | rome, palazzo chigi
spain, spanish | madrid, moncloa
japan, japanese | tokyo
india, indian | new delhi, delhi
pakistan, pakistani | islamabad
iran, iranian | tehran
israel, israeli | jerusalem, tel aviv
turkey, turkish, türkiye | ankara
saudi arabia, saudi | riyadh
egypt, egyptian | cairo
south africa, south african | pretoria, cape town
nigeria, nigerian | abuja
kenya, kenyan | nairobi
canada, canadian | ottawa, parliament hill
mexico, mexican | mexico city
brazil, brazilian | brasilia, brasília, planalto
argentina, argentine, argentinian | buenos aires, casa rosada
australia, australian | canberra
new zealand | wellington
south korea, korean | seoul
north korea | pyongyang
taiwan, taiwanese | taipei
hungary, hungarian | budapest
netherlands, dutch | the hague, amsterdam
belgium, belgian | brussels
sweden, swedish | stockholm
norway, norwegian | oslo
finland, finnish | helsinki
denmark, danish | copenhagen
ireland, irish | dublin
greece, greek | athens
syria, syrian | damascus
iraq, iraqi | baghdad
qatar, qatari | doha
united arab emirates, uae, emirati | abu dhabi
vatican, holy see | vatican
switzerland, swiss | bern
austria, austrian | vienna
czech republic, czech | prague
romania, romanian | bucharest
georgia, georgian | tbilisi
armenia, armenian | yerevan
azerbaijan, azerbaijani | baku
kazakhstan | astana
indonesia, indonesian | jakarta
philippines, philippine, filipino | manila
vietnam, vietnamese | hanoi
thailand, thai | bangkok
jamaica, jamaican | kingston
scotland, scottish | edinburgh, holyrood
wales, welsh | cardiff
"""


@cache
def _table() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    rows = []
    for line in " ".join(_COUNTRIES.split("\n    ")).strip().splitlines():
        names, seats = line.split("|")
        rows.append((_parts(names), _parts(seats)))
    return tuple(rows)


def _parts(text: str) -> frozenset[str]:
    return frozenset(fold(part) for part in text.split(",") if part.strip())


def metonyms_for(texts: Iterable[str]) -> frozenset[str]:
    """The capitals and seats that may stand for an actor described by `texts` (its name,
    aliases and description): those of every country they name."""
    said = " " + " ".join(" ".join(words(fold(t))) for t in texts) + " "
    found: set[str] = set()
    for names, seats in _table():
        if any(f" {' '.join(words(name))} " in said for name in names):
            found |= seats
    return frozenset(found)
