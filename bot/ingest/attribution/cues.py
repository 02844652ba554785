"""The words attribution reads, as data: speech verbs, titles, role nouns and function words."""


def words(text: str) -> frozenset[str]:
    """A word set written as one space-separated string, for the readable tables below."""
    return frozenset(text.split())


# Past tense and the unambiguous present forms; nouns that look like verbs ("remarks",
# "states", "terms") are left out on purpose.
SPEECH_VERBS = words(
    "said says added adds told tells warned warns vowed vows asked asks replied replies "
    "insisted insists claimed claims argued argues stated declared declares announced wrote "
    "writes tweeted posted noted explained explains stressed stresses suggested hinted hints "
    "admitted admits acknowledged promised pledged threatened predicted joked recalled "
    "continued conceded confirmed denied denies cautioned remarked emphasised emphasized "
    "called described dubbed branded labelled labeled termed blamed accused urged responded "
    "countered quipped repeated retorted snapped scoffed complained protested boasted mused "
    "lamented observed concluded reiterated maintained contended objected asserted affirmed "
    "alleged thundered shouted exclaimed sighed laughed conceded recounted reflected "
    "elaborated clarified interjected wondered conveyed underlined dubs describes "
    # Verbs news uses to introduce or frame someone's words: "A slammed the council. “…”".
    "commented highlighted advocated mentioned opined indicated underscored assured slammed "
    "criticised criticized sobbed pleaded begged appealed lauded hailed praised spoke began "
    "whispered yelled shouted screamed cried murmured muttered"
)
# Speech verbs of two words.
SPEECH_PHRASES = ("summed up", "pointed out", "shot back", "fired back", "went on")
# "A was quoted by Reuters as saying “…”": the outlet is one to six capitalised words.
QUOTED_AS = (
    r"(?:was|were|is|has\s+been)\s+quoted"
    r"(?:\s+by\s+(?:the\s+)?[A-Z][\w&.’'\-]*(?:\s+[A-Z][\w&.’'\-]*){0,5})?\s+as\s+saying"
)
# Verbs that can come before their subject straight after a quote: “…,” said Putin.
INVERSION_VERBS = words(
    "said says added asked replied continued explained warned insisted wrote noted declared "
    "recalled remarked countered quipped retorted admitted conceded observed concluded "
    "responded argued stressed cautioned promised emphasised emphasized commented sobbed "
    "began pleaded begged stated whispered yelled cried murmured muttered"
)
# "A dismissed the report, saying: “…”": the participle's subject is the clause's subject.
PARTICIPLES = words(
    "saying adding telling insisting warning arguing noting writing stressing declaring "
    "explaining calling describing stating"
)
# Words allowed between a subject and its verb: "Putin also said", "The Russian President has
# long blamed". Negations are skipped too, but make the attribution void ("Putin did not say").
AUXILIARIES = words(
    "also has have had long since repeatedly previously earlier later then once again reportedly "
    "allegedly already often publicly privately recently initially simply quickly firmly flatly "
    "angrily bluntly just today yesterday will would could may might did does do subsequently "
    "further"
)
NEGATIONS = words(
    "not never didn’t didn't doesn’t doesn't don’t don't hasn’t hasn't haven’t haven't won’t "
    "won't wouldn’t wouldn't"
)
PRONOUNS = words("he she they")
# "Ukraine denies it, and said …": the subject is the earlier one; no new attribution.
ELIDED_SUBJECT = words("and but or nor")
# "was called", "when asked", "the said", "so-called": not someone speaking.
NOT_A_SPEAKER_BEFORE = words("was were is are be been being when if as the a an to so it’s it's")
# A name right after one of these is not the subject: "an aide to Putin said", "Trump and Putin
# said" (a joint or unclear attribution).
PREPOSITIONS = words(
    "to of for with by from about on at like against under behind around than including "
    "alongside near between among toward towards unlike via per without beside besides into onto "
    "over and or nor &"
)
# Capitalised words before ’s that are contractions, not possessors: "It’s “crazy”".
NOT_POSSESSORS = words("it that there what here he she who let where how")
# Capitalised sentence openers that are not someone: "Then, …", "In Moscow, …", "It is …".
NOT_SUBJECTS = words(
    "the a an this that these those it its they them their we our i you your he she his her him "
    "my me us but and or so yet then in on at by for from with after before during since as "
    "when while if although though however meanwhile still also there here what which who why "
    "how where once now today yesterday earlier later last next some many most all both each "
    "every no not one two three several another other such only even just instead despite amid "
    "over under about against among between into through until unless because whether "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december mr mrs ms dr sir dame lord lady"
)
# A line ending with one of these cannot end a paragraph: "… eligible for the⏎COVID-19 …".
DANGLING = words(
    "the a an of to for and or nor but in on at with by from that which who whose his her their "
    "its our my your is are was were be been will would has have had said says told than as into "
    "about after before during over under between against this these those"
)
ABBREVIATIONS = words(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr no vs etc inc ltd co "
    "corp dept est fig approx jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Words that may stand before a name: "said former minister A", "Foreign Minister A said".
TITLES = words(
    "former ex- acting deputy vice interim outgoing incoming chief senior junior foreign "
    "finance defence defense prime economy trade health interior justice energy opposition "
    "party state federal national general first lead top mr mrs ms dr prof sir dame lord lady "
    "sen senator rep representative gov governor president minister chancellor secretary "
    "spokesman spokeswoman spokesperson ambassador envoy commissioner mayor leader chairman "
    "chairwoman chair director ceo executive adviser advisor aide negotiator premier king queen "
    "prince general colonel judge coach captain manager economist analyst professor mp mep "
    "speaker head officer official"
)
# Role nouns that may stand for one person: "the minister said".
ROLE_NOUNS = words(
    "president minister chancellor secretary spokesman spokeswoman spokesperson ambassador "
    "envoy commissioner mayor chairman chairwoman chair director ceo negotiator premier governor "
    "senator coach captain manager leader prosecutor judge"
)
# A capitalised word in one of these makes a name an organisation or outlet, not a person.
ORGANISATION_WORDS = words(
    "ministry ministries department office agency agencies council commission committee "
    "government party parliament congress senate house court bank union association group "
    "news times post journal press reuters ap afp bloomberg politico guardian telegraph "
    "bbc cnn nbc abc cbs fox tass interfax xinhua kremlin pentagon white nato un eu "
    "company corporation inc ltd plc university institute foundation center centre club fc "
    "federation league police army navy forces embassy tribune herald gazette daily weekly "
    "radio television tv magazine review agence sc ac cf afc cup markets capital securities "
    "partners holdings "
    "state states ward county city province region district street road square hall island "
    "islands republic kingdom airport station stadium park river valley wing desk"
)
