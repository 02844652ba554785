"""The closed classes a claim's meaning is read with: data, in one place.

A claim may use any word its cited positions use. Beyond those, only the grammar's small
words, neutral reporting words and the stance expressions of the position's own grade are
free; the modifier classes below (time, intensity, certainty, scope, reason, comparison,
outcome) must each be licensed by the evidence. Open-class words (adverbs, verbs of the
predicate) are judged by their part of speech (bot.drafts.evidence.meaning.words), not listed here.
"""

from store import Stance


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


# Grammar: articles, pronouns, prepositions, conjunctions, auxiliaries. Never a problem.
FUNCTION_WORDS = _phrases(
    """
    a, an, the, this, that, these, those, its, it, his, her, hers, their, theirs, they, them,
    he, she, him, we, us, our, you, your, i, me, my, who, whom, whose, which, what, one,
    of, on, in, at, to, for, with, by, from, about, over, into, onto, upon, toward, towards,
    and, or, but, nor, yet, so, than, then, there, here, where, when, whether, while,
    be, is, are, was, were, been, being, am, has, have, had, having, do, does, did, done,
    will, would, shall, should, can, could, may, might, must, not, no, n't, also, too,
    s, 's, own, such, other, its, per, via, within, without, between, among, amid, against,
    up, down, out, off, as, if, that's, it's, what's, there's, through, during, before,
    until, despite, beyond, under, around, near, inside, outside, towards, onto, till
    """
)

# Reporting and neutral framing: how news English says that someone said something.
REPORTING_WORDS = _phrases(
    """
    say, says, said, saying, tell, tells, told, telling, state, states, stated, stating,
    statement, statements, add, adds, added, adding, note, notes, noted, remark, remarks,
    remarked, comment, comments, commented, describe, describes, described, call, calls,
    called, calling, word, words, view, views, position, positions, stance, stances, line,
    put, puts, speak, speaks, spoke, speaking, spokesperson, according, quote, quoted,
    quoting, interview, reporters, press, conference, briefing, address, remarks, message,
    public, publicly, later, separately, respond, responded, responds, reply, replied,
    argue, argues, argued, explain, explains, explained, write, writes, wrote, post, posted,
    issue, question, matter, subject, topic, idea, plan, proposal, proposals, deal,
    agreement, offer, initiative, arrangement, terms, term, condition, conditions, demand,
    demands, requirement, requirements, point, points, part, side, case, way, thing, things,
    the record, on record,
    ask, asks, asked, asking, express, expresses, expressed, expressing, include,
    includes, included, including, set, sets, setting, make, makes, made, making, give,
    gives, gave, given, giving, offer, offers, offered, offering, raise, raises, raised,
    raising, list, lists, listed, listing, name, names, named, cite, cites, cited, citing,
    stress, stresses, stressed, stressing, emphasise, emphasises, emphasised, emphasize,
    emphasizes, emphasized, underline, underlines, underlined, highlight, highlights,
    highlighted, acknowledge, acknowledges, acknowledged, mention, mentions, mentioned,
    signal, signals, signalled, signaled, indicate, indicates, indicated, suggest,
    suggests, suggested, outline, outlines, outlined, present, presents, presented,
    see, sees, saw, view, viewed, consider, considers, considered, regard, regards,
    regarded, believe, believes, believed, think, thinks, thought, feel, feels, felt,
    need, needs, needed, wish, wishes, prefer, prefers, preferred, propose, proposes,
    proposed, press, presses, pressed, push, pushes, pushed, urge, urges, urged, argue,
    defend, defends, defended, defending, warn, warns, warned, warning, caution,
    cautions, cautioned, frame, frames, framed, characterise, characterises,
    characterised, characterize, characterizes, characterized, label, labels, labelled,
    labeled, refer, refers, referred, answer, answers, answered, discuss, discusses,
    discussed, address, addresses, addressed, concerning, regarding, about, on, over,
    whether, how, why, what, when, which,
    first, restated, remark, stays, unclear remark, recorded,
    come, comes, came, coming, go, goes, went, going, get, gets, got, take, takes, took,
    taken, taking, happen, happens, happened, occur, occurs, occurred, begin, begins, began,
    start, starts, started, bring, brings, brought, lead, leads, led, mean, means, meant,
    stop, stops, stopped, use, uses, used, let, lets, hold, holds, held, holding, intend,
    intends, intended, plan, plans, planned, planning, insist, insists, insisted, insisting,
    arguing, maintain, maintains, maintained, contend, contends, contended, offer
    """
)

# Stance expressions by grade (beyond the lexicon's contradiction words): what a faithful
# paraphrase of each grade may say without the evidence saying it.
SUPPORT_WORDS = _phrases(
    """
    support, supports, supported, supporting, supportive, back, backs, backed, backing,
    endorse, endorses, endorsed, welcome, welcomes, welcomed, favour, favours, favoured,
    favor, favors, favored, accept, accepts, accepted, agree, agrees, agreed, approve,
    approves, approved, embrace, embraces, want, wants, wanted, seek, seeks, sought,
    in favour, in favor, for, behind, ready, willing, prepared, open, keen,
    hope, hopes, hoped, hoping, hopeful, praise, praises, praised, positive, approval,
    endorsement, backer, supporter, yes
    """
)
OPPOSE_WORDS = _phrases(
    """
    oppose, opposes, opposed, opposing, opposition, reject, rejects, rejected, rejecting,
    refuse, refuses, refused, dismiss, dismisses, dismissed, rule, rules, ruled, out,
    resist, resists, resisted, against, object, objects, objected, decline, declines,
    declined, unwilling, won't, will not, cannot, can't, criticise, criticises,
    criticised, criticize, criticizes, criticized, criticism, critical, condemn,
    condemns, condemned, objection, objections, no, never, not
    """
)
CONDITION_WORDS = _phrases(
    """
    if, only, provided, providing, as long as, so long as, on condition, condition,
    conditions, conditional, conditionally, subject to, depending, depends, dependent,
    contingent, unless, but, principle, in principle, terms, own terms, caveat, caveats,
    require, requires, required, requiring, insist on, insists on, demand, demands,
    demanded, want, wants, guarantees, guarantee, assurances, assuming, once, after, until
    """
)
UNSETTLED_WORDS = _phrases(
    """
    undecided, unclear, uncertain, unsure, ambiguous, noncommittal, non-committal, open,
    weigh, weighs, weighing, consider, considers, considering, question, questions,
    questioned, questioning, ask, asks, asked, asking, wonder, wonders, wondered,
    wondering, doubt, doubts, doubted, skeptical, sceptical, hesitant, hedge, hedges,
    hedged, commit, committed, decline, declined, declines, avoid, avoided, avoids, yet,
    decided, decide, sure, clear, whether, not, has not, did not, would not, could not,
    stop short, stopped short, vague, reserve, reserved, judgement, judgment, wait, see,
    raise, raised, raises, voice, voiced, voices
    """
)
STANCE_GRADES: dict[Stance, frozenset[str]] = {
    Stance.SUPPORTS: SUPPORT_WORDS,
    Stance.CONDITIONAL: SUPPORT_WORDS | CONDITION_WORDS,
    Stance.OPPOSES: OPPOSE_WORDS,
    Stance.UNDECIDED: UNSETTLED_WORDS,
    Stance.UNCLEAR: UNSETTLED_WORDS,
}

# What a conditional claim must carry (or a quote of the condition, or the condition's words).
CONDITION_MARKERS = _phrases(
    """
    if, only if, provided, providing, as long as, so long as, on condition, conditions,
    condition, conditional, conditionally, subject to, depending on, depends on,
    contingent, unless, in principle, on his terms, on her terms, on its terms, on their
    terms, own terms, terms, caveat, caveats, but only, only on, only when, once, as soon as,
    requires, require, insists on, demands, wants guarantees, guarantees, assurances,
    with reservations, reservations, but
    """
)

# What an unclear or undecided claim must carry: it is not settled.
UNSETTLED_MARKERS = UNSETTLED_WORDS - _phrases("open, yet, see, wait, not, sure, clear")

# The modifier classes. Each word or phrase must be in the cited evidence (as a word or a
# form of it) to be said; the class names the problem in the editor's words.
TIME_WORDS = _phrases(
    """
    consistently, constantly, continually, continuously, always, repeatedly, again, anew,
    once more, once again, still, long, longstanding, long-standing, longtime, long-time,
    ever, ever since, since, from the start, from the outset, from the beginning, for years,
    for months, for weeks, for decades, years, months, decades, persistently, steadily,
    remains, remain, remained, continue, continues, continued, continuing, keeps, kept,
    no longer, increasingly, now, anymore, any more, by now, already, throughout,
    all along, to this day, yet again, time and again, regularly, routinely, perennial,
    unwavering, unchanged, steadfast, steadfastly, previously, newly, never
    """
)
CERTAINTY_WORDS = _phrases(
    """
    pledge, pledges, pledged, promise, promises, promised, vow, vows, vowed, swear, swears,
    swore, sworn, assure, assures, assured, guarantee, guarantees, guaranteed, commit,
    commits, committed, commitment, declare, declares, declared,
    confirm, confirms, confirmed, affirm, affirms, affirmed, certain, certainly, sure,
    surely, definitely, definitive, undoubtedly, no doubt, clearly, plainly, confident,
    confidently, convinced, expect, expects, expected, predict, predicts, predicted,
    know, knows, knew, determined, resolved, adamant, categorical, categorically,
    unequivocal, unequivocally, firm, firmly, bound, certainty, certainties
    """
)
INTENSITY_WORDS = _phrases(
    """
    very, highly, deeply, strongly, strong, fierce, fiercely, vehement, vehemently,
    wholehearted, wholeheartedly, half-hearted, half-heartedly, enthusiastic,
    enthusiastically, eager, eagerly, staunch, staunchly, ardent, ardently, fully, full,
    totally, completely, entirely, absolutely, utterly, warmly, warm, bitterly, bitter,
    flatly, squarely, resolutely, hard, hardline, tough, vocal, vocally, loudly, sharply,
    angrily, furiously, grudgingly, reluctantly, tentatively, cautiously, lukewarm,
    mildly, slightly, somewhat, barely, hardly, merely, quietly, openly, passionately,
    fervently, vigorously, aggressively, harshly, greatly, hugely, immensely, extremely,
    particularly, especially, really
    """
)
SCOPE_WORDS = _phrases(
    """
    all, every, any, each, whole, entire, entirely, total, wholesale, blanket, universal,
    universally, none, everything, anything, everyone, anyone, whatever, whatsoever,
    forms, form, kind, kinds, sort, sorts, type, types, region, regional, regions, bloc,
    blocs, alliance, alliances, allies, ally, continent, continental, world, worldwide,
    global, globally, international, internationally, neighbours, neighbors, west,
    western, coalition, broadly, generally, overall, wider, broader, altogether, outright
    """
)
REASON_WORDS = _phrases(
    """
    because, because of, since, due to, owing to, given, out of, for fear, fearing, fear,
    fears, worried, worries, concern, concerned, concerns, motivated, driven, seeking to,
    aiming to, aims to, aim, aims, aimed, in a bid, bid, in an effort, effort, in order,
    order to, so as to, so that, to ensure, to avoid, to secure, to protect, to win, to
    gain, to appease, to placate, to pressure, to please, to curry, to shore up, to boost,
    hoping to, eager to, keen to, intent on, with an eye, eye, designed to, intended to,
    meant to, calculated, strategy, strategic, tactic, tactical, ploy, leverage, motive,
    motives, reason, reasons, why, interest, interests, agenda, ambition, ambitions,
    politically, domestic, electoral, voters, base, pressure
    """
)
# Reason words that open a clause: the clause's content must come from the evidence.
REASON_MARKERS = _phrases(
    """
    because, because of, since, due to, owing to, given, out of, for fear, fearing,
    motivated, driven, seeking to, aiming to, aims to, in a bid, in an effort, in order,
    order to, so as to, so that, to ensure, to avoid, to secure, to protect, to win, to
    gain, to appease, to placate, to pressure, to please, to curry, to shore up, to boost,
    hoping to, eager to, keen to, intent on, with an eye, designed to, intended to, meant to
    """
)
# Cause words that open a clause: what follows must be the evidence's ("after …").
CAUSE_MARKERS = _phrases(
    """
    after, following, amid, in the wake of, as a result of, thanks to, in response to,
    responding to, in reaction to, reacting to, prompted by, under pressure from
    """
)
COMPARISON_WORDS = (
    _phrases(
        """
    like, unlike, as did, just as, likewise, echoing, echoes, echoed, joining, joins, joined,
    along with, alongside, together with, in line with, in step with, in contrast, contrary
    to, whereas, both sides, all sides, either side, every side, everyone, consensus,
    unanimous, unanimously, widely, united, in response, responding to, in reaction,
    reacting to, retaliation, retaliating, prompted by, under pressure, pressured, at the
    urging, in return, in exchange, counterpart, counterparts, rivals, critics
    """
    )
    | CAUSE_MARKERS
)
OUTCOME_WORDS = _phrases(
    """
    dead, doomed, over, finished, collapsed, collapse, failed, failure, fail, fails, done,
    sealed, finalised, finalized, concluded, signed, secured, reached, struck, clinched,
    settled, agreed, accepted, in tatters, off the table, buried, derailed, stalled,
    shelved, scrapped, abandoned, killed, sunk, torpedoed, blocked, won, lost, victory,
    defeat, breakthrough, deadlock, impasse, stalemate, succeed, succeeded, success,
    certain, inevitable, assured, result, outcome, ended, ends, end, approved, passed
    """
)
MODIFIER_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("time", TIME_WORDS),
    ("certainty", CERTAINTY_WORDS),
    ("intensity", INTENSITY_WORDS),
    ("scope", SCOPE_WORDS),
    ("reason", REASON_WORDS),
    ("comparison", COMPARISON_WORDS),
    ("outcome", OUTCOME_WORDS),
)

# Words for a spokesperson, licensed only where a cited position has a speaker.
SPOKESPERSON_WORDS = _phrases(
    """
    spokesman, spokeswoman, spokesperson, spokespeople, aide, aides, official, officials,
    representative, envoy, office, behalf, on behalf, for, press secretary, secretary
    """
)
