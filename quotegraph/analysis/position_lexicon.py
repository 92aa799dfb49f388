"""Word lists for positions: statements an actor takes without reported words (speech acts
with an object, stances, intentions and findings). Written from general knowledge of English, like
``quotegraph.analysis.lexicon``; all entries are lower case lemmas.
"""

from __future__ import annotations

from quotegraph.analysis.lexicon import words

# Speech acts whose content is an object or an infinitive rather than a reported clause: "urged
# other countries to ...", "pledged vengeance", "condemned the attack", "called on X to ...".
SPEECH_ACT_VERBS: frozenset[str] = words(
    """
        urge call pledge vow promise warn demand condemn blame praise justify reject threaten
        criticize criticise denounce defend endorse welcome applaud accuse dispute propose
        recommend advocate appeal deny hail laud decry slam blast fault credit argue insist
        note stress emphasize emphasise highlight cite acknowledge outline express voice reaffirm
        reiterate signal ask recall mention confirm admit concede announce apologize apologise
        thank describe characterize characterise label brand dub term portray depict
        mock ridicule tout question challenge boast complain talk speak discuss plead implore
        beg tell instruct invite encourage press dismiss order rail lambaste assail excoriate
        berate castigate chide rebuke scold point comment caution lash offer hint marvel report
        predict forecast vouch rip
        """
)

# Phrasal verbs that state a position only with their particle ("laid out his plan", "did not
# rule out a run", "singled out the mayor"): verb lemma -> particles.
PHRASAL_POSITION_VERBS: dict[str, frozenset[str]] = {
    "lay": frozenset({"out"}),
    "rule": frozenset({"out"}),
    "single": frozenset({"out"}),
}

# Where a statement was made: "in a letter", "at a rally". A phrase naming one ends the content.
CHANNEL_NOUNS: frozenset[str] = words(
    """
        letter statement speech interview tweet post conference briefing hearing rally meeting
        debate remarks address appearance event op-ed editorial column video broadcast
        """
)

# Participles of feeling whose "by" names what the feeling is about, not who holds it: "the mayor
# was angered by the ruling" is the mayor's stance. They are stance adjectives, and their
# phrase with any of these prepositions is the content.
EMOTION_PARTICIPLES: frozenset[str] = words(
    """
        impressed angered pleased disappointed frustrated alarmed outraged troubled encouraged
        dismayed infuriated incensed heartened offended appalled disturbed delighted annoyed
        irritated horrified shocked saddened disgusted thrilled excited satisfied dissatisfied
        intrigued startled
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
    "chide": frozenset({"for"}),
    "scold": frozenset({"for"}),
    "rebuke": frozenset({"for"}),
    "berate": frozenset({"for"}),
    "vouch": frozenset({"for"}),
    "decide": frozenset({"against"}),
    "decry": frozenset({"for"}),
    "denounce": frozenset({"for", "as"}),
    "slam": frozenset({"for", "as"}),
    "blast": frozenset({"for", "as"}),
    "hail": frozenset({"for", "as"}),
    "herald": frozenset({"as"}),
    "laud": frozenset({"for"}),
    "rip": frozenset({"into", "for"}),
    "applaud": frozenset({"for"}),
    "defend": frozenset({"as"}),
    "dismiss": frozenset({"as"}),
    "see": frozenset({"as"}),
    "view": frozenset({"as"}),
    "regard": frozenset({"as"}),
    "cast": frozenset({"as"}),
    "frame": frozenset({"as"}),
    "peg": frozenset({"as"}),
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
    "push": frozenset({"for", "against"}),
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
    "hint": frozenset({"at"}),
    "marvel": frozenset({"at"}),
    "single": frozenset({"as", "for"}),
    "campaign": frozenset({"for", "against"}),
    "interested": frozenset({"in"}),
    "furious": frozenset({"at", "about", "over", "with"}),
    "upset": frozenset({"at", "about", "over", "with"}),
    "unhappy": frozenset({"with", "about"}),
    "happy": frozenset({"with", "about"}),
    "grateful": frozenset({"for", "to"}),
    "thankful": frozenset({"for", "to"}),
}

# Speech acts that take their listener as the object ("warned them", "called him"): the object
# alone is no content; they need an infinitive, a complement or a governed preposition as well.
LISTENER_OBJECT_VERBS: frozenset[str] = words(
    """
        call warn appeal argue insist ask thank plead implore beg tell instruct invite encourage
        press
        """
)

# Speech acts and intentions whose content is an infinitive of their own ("promised to end",
# "vowed to fight"), unlike "spoke to reporters to discuss", where it is a purpose.
INFINITIVE_COMPLEMENT_VERBS: frozenset[str] = words(
    """
        promise pledge vow threaten swear offer agree refuse decline want plan intend aim seek
        hope wish
        """
)

# Of those, the ones whose object alone states nothing ("offered a discount"): only their
# infinitive ("offered to debate in Brooklyn") is a position.
INFINITIVE_ONLY_VERBS: frozenset[str] = words(
    """
        offer
        """
)

# Verbs that state a stance only with a governed preposition ("campaigned for the levy"); their
# object ("campaigned the whole state") states none.
PREPOSITION_ONLY_VERBS: frozenset[str] = words(
    """
        campaign
        """
)

# Verbs of a view that state one only with "as": "sees the deal as a mistake", "cast her as
# unqualified" ("saw the house", "cast a vote" state none).
VIEW_VERBS: frozenset[str] = words(
    """
        see view regard cast frame peg
        """
)

# Verbs of attack that state a stance only toward a person named as their object ("attacked
# Hillary Clinton"); "rebels attacked the town" is an act.
PERSON_TARGET_VERBS: frozenset[str] = words(
    """
        attack target
        """
)

# Stances and intentions: "supports the wall", "wants to leave", "plans to run".
STANCE_VERBS: frozenset[str] = words(
    """
        support oppose want plan intend aim seek favor favour back prefer hope wish fear resist
        embrace champion push agree disagree believe refuse decline decide vote side see view
        regard cast attack target balk campaign frame peg
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
    "swipe": frozenset({"at"}),
    "jab": frozenset({"at"}),
    "dig": frozenset({"at"}),
    "potshot": frozenset({"at"}),
    "aim": frozenset({"at"}),
    "fun": frozenset({"at"}),
}
# Nouns for someone who stands for or against something, said of an actor ("X is a longtime
# critic of the deal", "X, a supporter of the ban, ..."): the object of their "of" is the content.
ADVOCATE_NOUNS: frozenset[str] = words(
    """
        supporter advocate proponent champion backer defender critic opponent foe
        detractor skeptic sceptic
        """
)

# Verbs whose subject holds the stance noun they take as object ("threw their support behind",
# "showed little enthusiasm for"). Not "have": "she has support among voters" is others'.
HOLDING_VERBS: frozenset[str] = words(
    """
        show give lend throw offer express voice extend signal make
        """
)
# Nouns of a jibe aimed at someone, held by the subject of "take" or "poke" ("took aim at the
# governor", "took swipes at Bush", "poked fun at the ad").
AIMED_NOUNS: frozenset[str] = words(
    """
        swipe jab dig potshot aim fun
        """
)
AIMING_VERBS: frozenset[str] = words(
    """
        take poke
        """
)

# Stances one receives from others ("won support from governors", "drew criticism from
# unions"), and the verbs of receiving them.
RECEIVED_STANCE_NOUNS: frozenset[str] = words(
    """
        support backing endorsement praise criticism condemnation
        """
)
RECEIVING_VERBS: frozenset[str] = words(
    """
        win get receive earn draw gain attract secure garner enjoy
        """
)

# Those of them whose content can be an infinitive: "his plan to cut taxes".
INFINITIVE_STANCE_NOUNS: frozenset[str] = words(
    """
        call demand appeal plea push proposal plan pledge promise commitment vow refusal
        threat
        """
)

# Verbs of belief that report a stance when followed by a clause ("believes that ..."): their
# statements are positions, not speech.
BELIEF_VERBS: frozenset[str] = words(
    """
        believe think feel hope fear wish doubt reckon suppose surmise know learn
        """
)

# Adjectives of stance after "be": "were keen to de-escalate", "is determined to win".
STANCE_ADJECTIVES: frozenset[str] = (
    words(
        """
        keen determined eager ready willing committed opposed reluctant unwilling intent
        resolved adamant desperate anxious confident optimistic pessimistic hopeful convinced
        worried concerned afraid fearful skeptical sceptical doubtful critical supportive wary
        proud angry nervous enthusiastic hostile sympathetic receptive comfortable
        uncomfortable furious upset unhappy happy grateful thankful interested
        """
    )
    | EMOTION_PARTICIPLES
)

# Verbs of a finding and the sources that find: "a poll found ...", "the report shows ...".
FINDING_VERBS: frozenset[str] = words(
    """
        find show suggest indicate reveal conclude confirm estimate demonstrate
        """
)
FINDING_NOUNS: frozenset[str] = words(
    """
        poll survey study report analysis research data review audit investigation probe census
        finding figure statistic estimate assessment inquiry experiment paper model forecast
        projection number result
        """
)

# Groups of people who take positions without being named: "voters oppose the wall".
PEOPLE_NOUNS: frozenset[str] = words(
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
SHARE_WORDS: frozenset[str] = words(
    """
        majority minority most half third quarter fifth percent % many some few plurality share
        several
        """
)
