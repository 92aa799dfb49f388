"""Word lists the extractor uses, written from general knowledge of English (not mined from data).

All entries are lower case; verbs and nouns are lemmas as spaCy's English lemmatizer gives them.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words in ``text`` (a word list written as prose)."""
    return frozenset(text.split())


# Verbs that report speech, writing or a stated position and take the claim as a clause.
REPORTING_VERBS: frozenset[str] = words(
    """
        say tell state declare announce claim argue insist warn caution add note explain assert
        contend maintain stress emphasize emphasise acknowledge admit concede deny suggest
        predict promise pledge vow threaten report write tweet post respond reply answer recall
        complain confirm reveal disclose observe remark comment allege testify affirm reiterate
        repeat proclaim boast concede counter retort quip joke lament mention ask urge demand
        recommend propose advise hint indicate signal estimate forecast conclude charge accuse
        concur agree disagree object protest believe think feel hope fear expect guarantee
        assure reassure inform brief tell describe call appeal quote cite show find muse grumble
        dismiss brand label characterize characterise term hail deride denounce condemn praise
        blame refer interject continue whisper shout scream exclaim declare stipulate specify
        wonder echo decry mock ridicule criticize criticise dub lambaste castigate scold chide
        rebuke fault applaud laud tout slam blast credit chant yell bemoan bark snap scoff
        sneer gush rave beam marvel confess opine aver divulge recount clarify elaborate rebut
        underscore underline vouch attest preach pontificate taunt brag crow exult gripe grouse
        inquire enquire query plead implore beg mutter murmur mumble stammer sigh groan moan
        whine wail sob growl snarl hiss bellow holler drawl surmise speculate theorize theorise
        hypothesize hypothesise posit reason reckon suppose imply insinuate pronounce know
        learn herald cry rate rule project calculate vent press retaliate intimate
        anticipate question fume seethe rage thunder huff sniff jest tease coo gasp exhort
        enthuse intone admonish lecture rejoin interrupt text email
        """
)

# Phrasal verbs that report speech only with their particle ("pointed out", "spoke up"): verb
# lemma -> particles.
PHRASAL_REPORTING_VERBS: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "speak": frozenset({"up", "out"}),
    "shoot": frozenset({"back"}),
    "fire": frozenset({"back"}),
    "hit": frozenset({"back"}),
    "chime": frozenset({"in"}),
    "cry": frozenset({"out"}),
    "call": frozenset({"out"}),
    "sum": frozenset({"up"}),
    "go": frozenset({"on"}),
}

# Verbs that do nothing but attribute words to a speaker ("..., she added."), the ones a writer
# puts after a quotation even when it closed its sentence.
SAYING_VERBS: frozenset[str] = words(
    """
        say add tell write ask explain reply respond tweet post continue conclude insist declare
        recall note remark answer quip exclaim
        """
)

# Reporting verbs that only count when their complement carries quoted words, because with a plain
# clause or object they usually describe an action rather than report a claim.
QUOTE_ONLY_VERBS: frozenset[str] = words(
    """
        ask urge demand recommend propose advise describe call appeal agree object charge accuse
        dismiss brand label characterize characterise term hail deride denounce condemn praise
        blame refer decry mock ridicule criticize criticise dub lambaste castigate scold chide
        rebuke fault applaud laud tout slam blast credit chant yell bemoan bark snap scoff
        sneer gush rave beam marvel continue plead implore beg mutter murmur mumble stammer
        sigh groan moan whine wail sob growl snarl hiss bellow holler drawl taunt pronounce
        herald cry rate vent press retaliate question fume seethe rage thunder huff sniff
        jest tease coo gasp exhort enthuse intone admonish lecture rejoin interrupt text email
        go
        """
)

# Verbs of belief or feeling: reports of a stance, kept only with a finite clause after them.
COGNITION_VERBS: frozenset[str] = words(
    """
        believe think feel hope fear expect show find surmise speculate theorize theorise
        hypothesize hypothesise posit reason reckon suppose know learn
        """
)

# Nouns that introduce a reported claim: "the claim that ...", "his warning that ...".
NOUN_CUES: frozenset[str] = words(
    """
        claim statement warning assertion argument suggestion insistence promise pledge vow
        threat allegation assurance remark comment announcement denial admission contention
        prediction declaration accusation charge insinuation belief view message acknowledgment
        acknowledgement
        """
)

# Nouns naming a document or channel that carries a statement ("the statement also noted ...").
DOCUMENT_NOUNS: frozenset[str] = words(
    """
        statement report letter release communique communiqué memo post tweet filing speech
        """
)

# Texts an actor puts out, which "read" something: "the editorial read", "the letter reads".
WRITTEN_SOURCES: frozenset[str] = words(
    """
        statement report letter release memo post tweet editorial article column op-ed ad
        advertisement message email note book petition complaint lawsuit indictment document
        transcript filing motion ruling order resolution platform text
        """
)

# Titles and honorifics stripped from names ("Brig. Gen. Ann Lee" -> "Ann Lee").
TITLES: frozenset[str] = words(
    """
        mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev.
        reverend president vice prime minister secretary chancellor premier governor gov gov.
        senator sen sen. rep rep. representative congressman congresswoman mayor judge justice
        ambassador envoy general gen gen. brig brig. lt lt. col col. maj maj. capt capt. captain
        commander cmdr adm adm. admiral sgt sgt. sergeant corporal cpl lieutenant colonel major
        marshal field king queen prince princess emperor sheikh sheik ayatollah imam pope
        cardinal bishop archbishop rabbi father sister brother chairman chairwoman chair speaker
        leader deputy foreign defense defence interior state attorney supreme chief former
        acting first lady gentleman officer inspector detective agent spokesman spokeswoman
        spokesperson st. saint grand
        """
)

# Honorifics that tell a person's grammatical gender.
FEMALE_TITLES: frozenset[str] = words(
    """
        mrs mrs. ms ms. miss lady dame queen princess
        """
)
MALE_TITLES: frozenset[str] = words(
    """
        mr mr. sir lord king prince
        """
)

# Nouns for roles people hold; a definite "the <role>" refers back to the actor holding it.
ROLE_NOUNS: frozenset[str] = words(
    """
        president minister premier chancellor secretary governor senator representative
        congressman congresswoman mayor judge justice ambassador envoy diplomat general
        commander admiral colonel officer official spokesman spokeswoman spokesperson leader
        chief head director chairman chairwoman chair executive ceo founder candidate nominee
        king queen prince pope cleric ayatollah imam bishop cardinal rabbi deputy aide adviser
        advisor analyst scholar expert professor researcher economist lawyer attorney prosecutor
        investigator detective sheriff commissioner inspector lawmaker legislator politician
        activist campaigner organizer reporter journalist editor columnist correspondent author
        writer doctor scientist spokesperson strategist pollster manager coach captain owner
        member chairperson regulator negotiator mediator monarch sheikh governor-general counsel
        commentator host historian producer actor actress comedian novelist screenwriter
        filmmaker blogger consultant lobbyist pastor priest physician surgeon nurse teacher
        principal biographer sociologist psychologist philosopher anchor broadcaster
        """
)

# People named by what they are rather than a role or a name ("“...?” asked the boy"); "man",
# "woman" and other kinds of people are in PEOPLE_NOUNS.
PERSON_NOUNS: frozenset[str] = words(
    """
        boy girl child kid teenager user caller guest person
        """
)

# Words that mark a name as an organisation rather than a person.
ORGANISATION_WORDS: frozenset[str] = words(
    """
        council union party ministry department agency committee commission organization
        organisation corps force forces army navy guard guards office court parliament congress
        senate house assembly government administration bank fund company corporation inc inc.
        ltd corp corp. university institute center centre association federation league group
        news times post network press service board authority nations campaign foundation
        panel caucus coalition alliance lobby firm bureau team regime cabinet delegation
        legislature chamber embassy pac
        """
)

PRONOUNS_MALE: frozenset[str] = words(
    """
        he him his himself
        """
)
PRONOUNS_FEMALE: frozenset[str] = words(
    """
        she her hers herself
        """
)
PRONOUNS_OTHER: frozenset[str] = words(
    """
        it its they them their i we you who which that
        """
)

# Verbs whose object claim belongs to someone else ("rejected the claim that ..."): the subject of
# such a verb is not the source of the claim.
DISPUTING_VERBS: frozenset[str] = words(
    """
        reject deny dismiss dispute refute question challenge counter debunk rebut contest doubt
        ridicule mock deride scoff ignore investigate examine check
        """
)


# Evaluative words for stance suggestions (quotegraph.annotation.coding_model): base forms of
# words that speak well or ill of what a claim is about. General English, no topic of any corpus.
POSITIVE_WORDS: frozenset[str] = words(
    """
        good better best great benefit beneficial advantage advantageous positive improve
        improvement help helpful useful effective efficient efficiency success successful succeed
        succeeds gain boost strengthen strong stronger support protect protection safe safety
        secure security save saving increase growth grow prosper prosperity thrive flourish
        enable empower encourage promote progress advance fair fairness just justice justified
        legitimate right rights free freedom liberty equal equality opportunity valuable value
        worth worthwhile important essential necessary vital needed reduce prevent solve solution
        cheap cheaper affordable sustainable clean renewable healthy health welfare wellbeing
        peace peaceful stable stability reliable trust trusted honest accountable transparent
        transparency popular welcome praise achieve achievement accomplish win victory enhance
        enrich innovation innovative creative quality high productive productivity profitable
        profit wealth rich ideal appropriate reasonable rational sound wise proper correct true
        accurate responsible respect respected dignity democratic democracy tolerance tolerant
        inclusive diverse flexible convenient easy easier simple competitive create creates
        foster facilitate contribute reward rewarding satisfy satisfaction happy happiness love
        best-selling ensure guarantee restore recover recovery relief moral ethical humane
        legal lawful deserve merit merits superior outperform excel excellent remarkable
        """
)
NEGATIVE_WORDS: frozenset[str] = words(
    """
        bad worse worst harm harmful damage damaging danger dangerous risk risky threat threaten
        hurt injure injury kill death die destroy destruction destructive fail failure flaw
        flawed problem problematic difficult difficulty cost costly expensive burden waste
        wasteful loss lose inefficient ineffective useless weak weaken undermine erode
        corrupt corruption abuse exploit exploitation violate violation violence violent war
        conflict crisis poverty poor inequality unequal unfair unjust injustice illegal
        illegitimate wrong immoral unethical crime criminal fraud lie deceive deceptive
        mislead misleading manipulate manipulation dependence dependent addiction addictive
        disease ill illness sick pollution pollute pollutant toxic contaminate degrade
        degradation decline decrease reduce unemployment unstable instability insecure
        insecurity chaos collapse suffer suffering pain fear anxiety stress negative
        disadvantage drawback concern worry controversial controversy criticize criticism
        oppose opposition reject ban restrict restriction censor censorship oppress
        oppression discriminate discrimination racism racist hate hatred offensive insult
        disrespect displace displacement disrupt disruption inflate inflation debt deficit
        stifle hinder hamper impede obstacle barrier excessive unnecessary unreasonable
        irrational dangerous vulnerable unsafe exacerbate worsen aggravate trap monopoly
        bias biased unpopular scandal disaster catastrophe catastrophic tragic tragedy terror
        terrorism punish penalty deprive deny neglect ignore distort slow delay dysfunction
        """
)
# Words that turn the evaluative words after them round ("not effective", "never helps").
NEGATORS: frozenset[str] = words(
    """
        not no never none neither nor without lack lacks lacking cannot hardly barely little
        """
)
# Words that word a concept against its object ("ban X", "abolish X", "X should be limited").
OPPOSING_WORDS: frozenset[str] = words(
    """
        ban prohibit forbid forbidding abolish abolition outlaw criminalize criminalise end stop
        disband dismantle restrict restriction limit limits curb reduce cut oppose against
        eliminate scrap repeal halt cease suspend withdraw reject boycott harmful
        """
)
