"""Word lists the extractor uses, written from general knowledge of English (not mined from data).

All entries are lower case; verbs and nouns are lemmas as spaCy's English lemmatizer gives them.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech, writing or a stated position and take the claim as a clause.
REPORTING_VERBS: frozenset[str] = _words(
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
        learn
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
}

# Verbs that do nothing but attribute words to a speaker ("..., she added."), the ones a writer
# puts after a quotation even when it closed its sentence.
SAYING_VERBS: frozenset[str] = _words(
    """
        say add tell write ask explain reply respond tweet post continue conclude insist declare
        recall note remark answer quip exclaim
        """
)

# Reporting verbs that only count when their complement carries quoted words, because with a plain
# clause or object they usually describe an action rather than report a claim.
QUOTE_ONLY_VERBS: frozenset[str] = _words(
    """
        ask urge demand recommend propose advise describe call appeal agree object charge accuse
        dismiss brand label characterize characterise term hail deride denounce condemn praise
        blame refer decry mock ridicule criticize criticise dub lambaste castigate scold chide
        rebuke fault applaud laud tout slam blast credit chant yell bemoan bark snap scoff
        sneer gush rave beam marvel continue plead implore beg mutter murmur mumble stammer
        sigh groan moan whine wail sob growl snarl hiss bellow holler drawl taunt pronounce
        """
)

# Verbs of belief or feeling: reports of a stance, kept only with a finite clause after them.
COGNITION_VERBS: frozenset[str] = _words(
    """
        believe think feel hope fear expect show find surmise speculate theorize theorise
        hypothesize hypothesise posit reason reckon suppose know learn
        """
)

# Nouns that introduce a reported claim: "the claim that ...", "his warning that ...".
NOUN_CUES: frozenset[str] = _words(
    """
        claim statement warning assertion argument suggestion insistence promise pledge vow
        threat allegation assurance remark comment announcement denial admission contention
        prediction declaration accusation charge insinuation belief view message acknowledgment
        acknowledgement
        """
)

# Nouns naming a document or channel that carries a statement ("the statement also noted ...").
DOCUMENT_NOUNS: frozenset[str] = _words(
    """
        statement report letter release communique communiqué memo post tweet filing speech
        """
)

# Texts an actor puts out, which "read" something: "the editorial read", "the letter reads".
WRITTEN_SOURCES: frozenset[str] = _words(
    """
        statement report letter release memo post tweet editorial article column op-ed ad
        advertisement message email note book petition complaint lawsuit indictment document
        transcript filing motion ruling order resolution platform text
        """
)

# Titles and honorifics stripped from names ("Brig. Gen. Ann Lee" -> "Ann Lee").
TITLES: frozenset[str] = _words(
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
FEMALE_TITLES: frozenset[str] = _words(
    """
        mrs mrs. ms ms. miss lady dame queen princess
        """
)
MALE_TITLES: frozenset[str] = _words(
    """
        mr mr. sir lord king prince
        """
)

# Nouns for roles people hold; a definite "the <role>" refers back to the actor holding it.
ROLE_NOUNS: frozenset[str] = _words(
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
        """
)

# Words that mark a name as an organisation rather than a person.
ORGANISATION_WORDS: frozenset[str] = _words(
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

PRONOUNS_MALE: frozenset[str] = _words(
    """
        he him his himself
        """
)
PRONOUNS_FEMALE: frozenset[str] = _words(
    """
        she her hers herself
        """
)
PRONOUNS_OTHER: frozenset[str] = _words(
    """
        it its they them their i we you who which that
        """
)

# Verbs whose object claim belongs to someone else ("rejected the claim that ..."): the subject of
# such a verb is not the source of the claim.
DISPUTING_VERBS: frozenset[str] = _words(
    """
        reject deny dismiss dispute refute question challenge counter debunk rebut contest doubt
        ridicule mock deride scoff ignore investigate examine check
        """
)


# Evaluative words for stance suggestions (quotegraph.annotation.coding_model): base forms of
# words that speak well or ill of what a claim is about. General English, no topic of any corpus.
POSITIVE_WORDS: frozenset[str] = _words(
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
NEGATIVE_WORDS: frozenset[str] = _words(
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
NEGATORS: frozenset[str] = _words(
    """
        not no never none neither nor without lack lacks lacking cannot hardly barely little
        """
)
# Words that word a concept against its object ("ban X", "abolish X", "X should be limited").
OPPOSING_WORDS: frozenset[str] = _words(
    """
        ban prohibit forbid forbidding abolish abolition outlaw criminalize criminalise end stop
        disband dismantle restrict restriction limit limits curb reduce cut oppose against
        eliminate scrap repeal halt cease suspend withdraw reject boycott harmful
        """
)

# --- positions: statements an actor takes without reported words ---------------------------

# Speech acts whose content is an object or an infinitive rather than a reported clause: "urged
# other countries to ...", "pledged vengeance", "condemned the attack", "called on X to ...".
SPEECH_ACT_VERBS: frozenset[str] = _words(
    """
        urge call pledge vow promise warn demand condemn blame praise justify reject threaten
        criticize criticise denounce defend endorse welcome applaud accuse dispute propose
        recommend advocate appeal deny hail laud decry slam blast fault credit argue insist
        note stress emphasize emphasise highlight cite acknowledge outline express voice reaffirm
        reiterate signal ask recall mention confirm admit concede announce apologize apologise
        thank describe characterize characterise label brand dub term portray depict
        mock ridicule tout question challenge boast complain talk speak discuss plead implore
        beg tell instruct invite encourage press dismiss order rail lambaste assail excoriate
        berate castigate chide rebuke scold point comment caution lash
        """
)

# Where a statement was made: "in a letter", "at a rally". A phrase naming one ends the content.
CHANNEL_NOUNS: frozenset[str] = _words(
    """
        letter statement speech interview tweet post conference briefing hearing rally meeting
        debate remarks address appearance event op-ed editorial column video broadcast
        """
)

# Participles of feeling whose "by" names what the feeling is about, not who holds it: "the mayor
# was angered by the ruling" is the mayor's stance. They are stance adjectives, and their
# phrase with any of these prepositions is the content.
EMOTION_PARTICIPLES: frozenset[str] = _words(
    """
        impressed angered pleased disappointed frustrated alarmed outraged troubled encouraged
        dismayed infuriated incensed heartened offended appalled disturbed delighted annoyed
        irritated
        """
)

_FEELING_PREPOSITIONS = frozenset({"by", "with", "at", "about", "over"})

# Prepositions a speech act governs, whose object is the content ("warned of further action",
# "called for an inquiry", "blamed X for Y"); other prepositional phrases are circumstances.
GOVERNED_PREPOSITIONS: dict[str, frozenset[str]] = {
    "call": frozenset({"on", "for", "upon"}),
    "warn": frozenset({"of", "against", "about"}),
    "blame": frozenset({"for", "on"}),
    "praise": frozenset({"for", "as"}),
    "criticize": frozenset({"for", "as"}),
    "criticise": frozenset({"for", "as"}),
    "condemn": frozenset({"for", "as"}),
    "fault": frozenset({"for"}),
    "decry": frozenset({"for"}),
    "denounce": frozenset({"for", "as"}),
    "slam": frozenset({"for", "as"}),
    "blast": frozenset({"for", "as"}),
    "hail": frozenset({"for", "as"}),
    "laud": frozenset({"for"}),
    "applaud": frozenset({"for"}),
    "defend": frozenset({"as"}),
    "dismiss": frozenset({"as"}),
    "see": frozenset({"as"}),
    "view": frozenset({"as"}),
    "regard": frozenset({"as"}),
    "cast": frozenset({"as"}),
    "attack": frozenset({"for", "over", "as"}),
    "reject": frozenset({"as"}),
    "mock": frozenset({"as", "for"}),
    "ridicule": frozenset({"as", "for"}),
    "tout": frozenset({"as"}),
    "point": frozenset({"to"}),
    "comment": frozenset({"on", "about"}),
    "rail": frozenset({"against", "at"}),
    "vote": frozenset({"for", "against"}),
    "side": frozenset({"with", "against"}),
    "complain": frozenset({"about", "of"}),
    "boast": frozenset({"about", "of"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of", "against"}),
    "apologize": frozenset({"for"}),
    "apologise": frozenset({"for"}),
    "thank": frozenset({"for"}),
    "describe": frozenset({"as"}),
    "characterize": frozenset({"as"}),
    "characterise": frozenset({"as"}),
    "label": frozenset({"as"}),
    "brand": frozenset({"as"}),
    "portray": frozenset({"as"}),
    "depict": frozenset({"as"}),
    "credit": frozenset({"for", "with"}),
    "accuse": frozenset({"of"}),
    "appeal": frozenset({"for", "to"}),
    "argue": frozenset({"for", "against"}),
    "advocate": frozenset({"for"}),
    "insist": frozenset({"on", "upon"}),
    "hope": frozenset({"for"}),
    "push": frozenset({"for"}),
    "plead": frozenset({"for", "with"}),
    "plan": frozenset({"on"}),
    "press": frozenset({"for"}),
    "believe": frozenset({"in"}),
    "ask": frozenset({"about", "for"}),
    "agree": frozenset({"with", "on"}),
    "disagree": frozenset({"with", "on", "about"}),
    # stance adjectives
    "opposed": frozenset({"to"}),
    "committed": frozenset({"to"}),
    "worried": frozenset({"about"}),
    "concerned": frozenset({"about"}),
    "optimistic": frozenset({"about"}),
    "pessimistic": frozenset({"about"}),
    "hopeful": frozenset({"about"}),
    "confident": frozenset({"about", "of"}),
    "skeptical": frozenset({"of", "about"}),
    "sceptical": frozenset({"of", "about"}),
    "afraid": frozenset({"of"}),
    "critical": frozenset({"of"}),
    "supportive": frozenset({"of"}),
    "wary": frozenset({"of"}),
    "proud": frozenset({"of"}),
    "angry": frozenset({"about", "at", "over", "with"}),
    "nervous": frozenset({"about"}),
    "enthusiastic": frozenset({"about"}),
    "hostile": frozenset({"to", "toward", "towards"}),
    "sympathetic": frozenset({"to", "toward", "towards"}),
    "receptive": frozenset({"to"}),
    "comfortable": frozenset({"with"}),
    "uncomfortable": frozenset({"with"}),
    **{word: _FEELING_PREPOSITIONS for word in EMOTION_PARTICIPLES},
    "caution": frozenset({"against", "about"}),
    "balk": frozenset({"at"}),
    "lash": frozenset({"at"}),
}

# Speech acts that take their listener as the object ("warned them", "called him"): the object
# alone is no content; they need an infinitive, a complement or a governed preposition as well.
LISTENER_OBJECT_VERBS: frozenset[str] = _words(
    """
        call warn appeal argue insist ask thank plead implore beg tell instruct invite encourage
        press
        """
)

# Speech acts and intentions whose content is an infinitive of their own ("promised to end",
# "vowed to fight"), unlike "spoke to reporters to discuss", where it is a purpose.
INFINITIVE_COMPLEMENT_VERBS: frozenset[str] = _words(
    """
        promise pledge vow threaten swear offer agree refuse decline want plan intend aim seek
        hope wish
        """
)

# Verbs of a view that state one only with "as": "sees the deal as a mistake", "cast her as
# unqualified" ("saw the house", "cast a vote" state none).
VIEW_VERBS: frozenset[str] = _words(
    """
        see view regard cast
        """
)

# Verbs of attack that state a stance only toward a person named as their object ("attacked
# Hillary Clinton"); "rebels attacked the town" is an act.
PERSON_TARGET_VERBS: frozenset[str] = _words(
    """
        attack target
        """
)

# Stances and intentions: "supports the wall", "wants to leave", "plans to run".
STANCE_VERBS: frozenset[str] = _words(
    """
        support oppose want plan intend aim seek favor favour back prefer hope wish fear resist
        embrace champion push agree disagree believe refuse decline decide vote side see view
        regard cast attack target balk
        """
)

# Nouns of stance or of a speech act with their holder as possessor ("Trump's call for a ban",
# "her opposition to the deal"): noun lemma -> the prepositions whose object is the content.
STANCE_NOUNS: dict[str, frozenset[str]] = {
    "support": frozenset({"for", "of", "behind"}),
    "backing": frozenset({"for", "of", "behind"}),
    "enthusiasm": frozenset({"for", "about"}),
    "admiration": frozenset({"for"}),
    "contempt": frozenset({"for"}),
    "disdain": frozenset({"for"}),
    "sympathy": frozenset({"for"}),
    "skepticism": frozenset({"about", "of", "toward", "towards"}),
    "scepticism": frozenset({"about", "of", "toward", "towards"}),
    "endorsement": frozenset({"of"}),
    "opposition": frozenset({"to"}),
    "objection": frozenset({"to"}),
    "resistance": frozenset({"to"}),
    "call": frozenset({"for"}),
    "demand": frozenset({"for"}),
    "appeal": frozenset({"for"}),
    "plea": frozenset({"for"}),
    "push": frozenset({"for"}),
    "proposal": frozenset({"for"}),
    "plan": frozenset({"for"}),
    "pledge": frozenset({"of"}),
    "promise": frozenset({"of"}),
    "commitment": frozenset({"to"}),
    "criticism": frozenset({"of"}),
    "condemnation": frozenset({"of"}),
    "rejection": frozenset({"of"}),
    "praise": frozenset({"for", "of"}),
    "defense": frozenset({"of"}),
    "defence": frozenset({"of"}),
    "warning": frozenset({"of", "about", "against"}),
    "insistence": frozenset({"on"}),
    "embrace": frozenset({"of"}),
    "critique": frozenset({"of"}),
    "case": frozenset({"for", "against"}),
    "attack": frozenset({"on", "against"}),
}
# Nouns for someone who stands for or against something, said of an actor ("X is a longtime
# critic of the deal", "X, a supporter of the ban, ..."): the object of their "of" is the content.
ADVOCATE_NOUNS: frozenset[str] = _words(
    """
        supporter advocate proponent champion backer defender critic opponent foe
        detractor skeptic sceptic
        """
)

# Verbs whose subject holds the stance noun they take as object ("threw their support behind",
# "showed little enthusiasm for"). Not "have": "she has support among voters" is others'.
HOLDING_VERBS: frozenset[str] = _words(
    """
        show give lend throw offer express voice extend signal make
        """
)

# Stances one receives from others ("won support from governors", "drew criticism from
# unions"), and the verbs of receiving them.
RECEIVED_STANCE_NOUNS: frozenset[str] = _words(
    """
        support backing endorsement praise criticism condemnation
        """
)
RECEIVING_VERBS: frozenset[str] = _words(
    """
        win get receive earn draw gain attract secure garner enjoy
        """
)

# Those of them whose content can be an infinitive: "his plan to cut taxes".
INFINITIVE_STANCE_NOUNS: frozenset[str] = _words(
    """
        call demand appeal plea push proposal plan pledge promise commitment vow refusal
        threat
        """
)

# Verbs of belief that report a stance when followed by a clause ("believes that ..."): their
# statements are positions, not speech.
BELIEF_VERBS: frozenset[str] = _words(
    """
        believe think feel hope fear wish doubt reckon suppose surmise know learn
        """
)

# Adjectives of stance after "be": "were keen to de-escalate", "is determined to win".
STANCE_ADJECTIVES: frozenset[str] = (
    _words(
        """
        keen determined eager ready willing committed opposed reluctant unwilling intent
        resolved adamant desperate anxious confident optimistic pessimistic hopeful convinced
        worried concerned afraid fearful skeptical sceptical doubtful critical supportive wary
        proud angry nervous enthusiastic hostile sympathetic receptive comfortable
        uncomfortable
        """
    )
    | EMOTION_PARTICIPLES
)

# Verbs of a finding and the sources that find: "a poll found ...", "the report shows ...".
FINDING_VERBS: frozenset[str] = _words(
    """
        find show suggest indicate reveal conclude confirm estimate demonstrate
        """
)
FINDING_NOUNS: frozenset[str] = _words(
    """
        poll survey study report analysis research data review audit investigation probe census
        finding figure statistic estimate assessment inquiry experiment paper model forecast
        projection number result
        """
)

# Groups of people who take positions without being named: "voters oppose the wall".
PEOPLE_NOUNS: frozenset[str] = _words(
    """
        people voter resident citizen critic supporter opponent protester demonstrator worker
        student parent american majority minority public electorate constituent donor backer
        conservative liberal progressive republican democrat man woman adult youth senior
        veteran evangelical respondent participant consumer taxpayer employee farmer teacher
        nurse immigrant millennial household independent moderate delegate superdelegate
        attendee fan follower viewer listener reader audience crowd competitor rival
        challenger contender incumbent everyone everybody
        """
)

# Words for a share of a group: "two-thirds of voters", "most", "40 percent". A share that names
# no group ("About half support the plan") stands for the people the article counts, such as a
# poll's respondents.
SHARE_WORDS: frozenset[str] = _words(
    """
        majority minority most half third quarter fifth percent % many some few plurality share
        several
        """
)
