"""Positions: what an actor stands for without words of theirs reported (issue 13).

Each sentence is written for the test; each case checks the exact content, speaker and kind.
"""

from __future__ import annotations

import pytest

from quotegraph.analysis.extraction import Statement, analyse_text
from quotegraph.analysis.nlp import cue_verb_base


def only(text: str) -> Statement:
    statements = analyse_text(text).statements
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # speech acts with an object or an infinitive
        (
            "Senator Maria Lopez urged the council to delay the vote on the new stadium.",
            "the council to delay the vote on the new stadium",
            "Maria Lopez",
            "urged",
        ),
        (
            "The mayor, Tom Baker, pledged new funding for the city's libraries.",
            "new funding for the city's libraries",
            "Tom Baker",
            "pledged",
        ),
        ("Anna Schmidt warned of higher prices.", "higher prices", "Anna Schmidt", "warned"),
        (
            "The union called on the government to raise the minimum wage.",
            "the government to raise the minimum wage",
            "union",
            "called",
        ),
        # a circumstance of the statement is not its content
        (
            "Peter Hall condemned the attack on the embassy in a statement on Monday.",
            "the attack on the embassy",
            "Peter Hall",
            "condemned",
        ),
        # stances and intentions
        (
            "Jim Park opposes the planned highway.",
            "the planned highway",
            "Jim Park",
            "opposes",
        ),
        (
            "Greenpeace wants a ban on single-use plastics.",
            "a ban on single-use plastics",
            "Greenpeace",
            "wants",
        ),
        (
            "Lisa Chen is determined to win back the seat.",
            "to win back the seat",
            "Lisa Chen",
            "determined",
        ),
        (
            "Kevin Moore believes that the tax will hurt small businesses.",
            "the tax will hurt small businesses",
            "Kevin Moore",
            "believes",
        ),
        # a share of a group holds what the group holds; a share alone, the people counted
        (
            "Forty percent of Democrats favor a single-payer system.",
            "a single-payer system",
            "Forty percent of Democrats",
            "favor",
        ),
        (
            "About half support a ban on fireworks.",
            "a ban on fireworks",
            "About half",
            "support",
        ),
        # stance adjectives with a clause or a governed phrase, and participles meaning them
        (
            "Jane Smith was adamant that the company keep the upper hand.",
            "the company keep the upper hand",
            "Jane Smith",
            "adamant",
        ),
        (
            "The union is concerned about the closing of the plant.",
            "the closing of the plant",
            "union",
            "concerned",
        ),
        (
            "Tom Price is opposed to the new pipeline.",
            "the new pipeline",
            "Tom Price",
            "opposed",
        ),
        # what an actor is said to be a supporter or a critic of
        (
            "Paul Ryan is a vocal advocate of free trade deals.",
            "free trade deals",
            "Paul Ryan",
            "advocate",
        ),
        (
            "Ann Ruiz, a longtime critic of the plan, voted on Monday.",
            "the plan",
            "Ann Ruiz",
            "critic",
        ),
        # a stance received from others is theirs, toward the one receiving it
        (
            "Marco Rubio has won overwhelming support from governors.",
            "Marco Rubio",
            "governors",
            "support",
        ),
        (
            "The plan drew criticism from the teachers union.",
            "The plan",
            "teachers union",
            "criticism",
        ),
        # advocates, supporters and critics hold positions
        (
            "Advocates for the homeless called for a new shelter.",
            "a new shelter",
            "Advocates for the homeless",
            "called",
        ),
        # a participle describing its holder
        (
            "A super PAC backing Jeb Bush spent $5 million on ads.",
            "Jeb Bush",
            "super PAC",
            "backing",
        ),
        (
            "Many conservatives are not planning on voting for the nominee.",
            "voting for the nominee",
            "Many conservatives",
            "planning",
        ),
        # a passive names its holder as the agent
        (
            "The plan was condemned by the mayor, Tom Baker.",
            "The plan",
            "Tom Baker",
            "condemned",
        ),
        (
            "The new highway, which is opposed by most residents, will cost $2 billion.",
            "The new highway",
            "most residents",
            "opposed",
        ),
        (
            "A bill backed by the teachers union passed the house.",
            "A bill",
            "teachers union",
            "backed",
        ),
        # a stance noun its holder shows or gives
        (
            "Many delegates showed little enthusiasm for the nominee.",
            "the nominee",
            "Many delegates",
            "enthusiasm",
        ),
        (
            "The union threw its support behind the mayor.",
            "the mayor",
            "union",
            "support",
        ),
        # a stance noun with its holder as possessor
        (
            "Jane Smith's support for the new stadium surprised her allies.",
            "the new stadium",
            "Jane Smith",
            "support",
        ),
        (
            "The union's opposition to the merger has hardened.",
            "the merger",
            "union",
            "opposition",
        ),
        (
            "Paul Grant's plan to cut taxes for small firms drew crowds.",
            "to cut taxes for small firms",
            "Paul Grant",
            "plan",
        ),
        # votes, sides, refusals and decisions
        (
            "Senator Ann Ruiz voted against the highway bill.",
            "the highway bill",
            "Ann Ruiz",
            "voted",
        ),
        (
            "The council voted to close the old library.",
            "to close the old library",
            "council",
            "voted",
        ),
        ("Tom Baker sided with the striking nurses.", "the striking nurses", "Tom Baker", "sided"),
        (
            "The governor, Ann Ruiz, refused to sign the budget.",
            "to sign the budget",
            "Ann Ruiz",
            "refused",
        ),
        ("Paul Grant decided to leave the party.", "to leave the party", "Paul Grant", "decided"),
        # more speech acts
        (
            "Senator Ann Ruiz dismissed the criticism as a partisan attack.",
            "the criticism as a partisan attack",
            "Ann Ruiz",
            "dismissed",
        ),
        (
            "Judge Ann Ruiz ordered the city to release the emails.",
            "the city to release the emails",
            "Ann Ruiz",
            "ordered",
        ),
        (
            "Tom Baker railed against the new parking fees.",
            "the new parking fees",
            "Tom Baker",
            "railed",
        ),
        (
            "Ann Ruiz rejected the offer as insulting.",
            "the offer as insulting",
            "Ann Ruiz",
            "rejected",
        ),
        ("Ann Ruiz made the case for a new park.", "a new park", "Ann Ruiz", "case"),
        # a view needs its "as"; an attack states a stance only toward a person
        ("Ann Ruiz views the plan as a mistake.", "the plan as a mistake", "Ann Ruiz", "views"),
        (
            "Tom Baker attacked Ann Ruiz over the budget.",
            "Ann Ruiz over the budget",
            "Tom Baker",
            "attacked",
        ),
        # a feeling's "by" names what it is about; its subject holds it
        ("The mayor was angered by the court's ruling.", "the court's ruling", "mayor", "angered"),
        (
            "Most voters are comfortable with the new rules.",
            "the new rules",
            "Most voters",
            "comfortable",
        ),
        (
            "Ann Ruiz cautioned against a rush to judgment.",
            "a rush to judgment",
            "Ann Ruiz",
            "cautioned",
        ),
        (
            "Tom Baker balked at the price of the park.",
            "the price of the park",
            "Tom Baker",
            "balked",
        ),
        ("The senator spoke against the new tax.", "the new tax", "senator", "spoke"),
        ("Ann Ruiz's attacks on the mayor grew sharper.", "the mayor", "Ann Ruiz", "attacks"),
        # a relative "which" holds what its noun holds; "several" counts people
        (
            "Ann Ruiz leads the nurses' union, which endorsed Tom Baker.",
            "Tom Baker",
            "nurses' union",
            "endorsed",
        ),
        # knowing and learning that something is so
        (
            "Ann Ruiz learned that the files had been moved.",
            "the files had been moved",
            "Ann Ruiz",
            "learned",
        ),
        ("The union made a plea for calm.", "calm", "union", "plea"),
        # infinitives coordinated with the first one are promised too
        (
            "Ann Ruiz pledged to enact judicial reform, fix the tax system and end the death tax.",
            "to enact judicial reform, fix the tax system and end the death tax",
            "Ann Ruiz",
            "pledged",
        ),
        # stance adjectives with their phrase, and "in favour of"
        ("The mayor was critical of the harbour plan.", "the harbour plan", "mayor", "critical"),
        ("The council remains wary of new taxes.", "new taxes", "council", "wary"),
        ("Most nurses are in favour of the strike.", "the strike", "Most nurses", "favour"),
        ("Senator Ann Ruiz voted in favor of the bill.", "the bill", "Ann Ruiz", "favor"),
        # a report of a figure or a finding
        (
            "Senator Ann Ruiz reported having $1.3 million in cash.",
            "having $1.3 million in cash",
            "Ann Ruiz",
            "reported",
        ),
        # a forecast, a word for someone, a rebuke for something, a stance toward a person
        ("Ann Ruiz predicted a close race.", "a close race", "Ann Ruiz", "predicted"),
        ("Tom Baker vouched for the new director.", "the new director", "Tom Baker", "vouched"),
        (
            "Ann Ruiz chided the council for its delay.",
            "the council for its delay",
            "Ann Ruiz",
            "chided",
        ),
        (
            "Ann Ruiz ripped the council for its delay.",
            "the council for its delay",
            "Ann Ruiz",
            "ripped",
        ),
        (
            "Tom Baker met the senator on Monday and endorsed her.",
            "her",
            "Tom Baker",
            "endorsed",
        ),
        # an offer to do something
        (
            "Ann Ruiz offered to debate the mayor in Brooklyn.",
            "to debate the mayor in Brooklyn",
            "Ann Ruiz",
            "offered",
        ),
        # a view whose "as" the parser hangs on the object
        (
            "Most farmers see the new dam as a threat.",
            "the new dam as a threat",
            "Most farmers",
            "see",
        ),
        # phrasal verbs of a position, and a preposition hung on "back"
        (
            "Ann Ruiz laid out her plan for the harbour.",
            "her plan for the harbour",
            "Ann Ruiz",
            "laid out",
        ),
        (
            "Tom Baker did not rule out a second term.",
            "a second term",
            "Tom Baker",
            "rule out",
        ),
        (
            "The union pushed back against the new rota.",
            "the new rota",
            "union",
            "pushed",
        ),
        # verbs of a stance only with their preposition
        (
            "The mayor framed the budget as a choice between schools and roads.",
            "the budget as a choice between schools and roads",
            "mayor",
            "framed",
        ),
        (
            "The nurses are campaigning for a shorter week.",
            "a shorter week",
            "nurses",
            "campaigning",
        ),
        # a jibe taken at someone, feelings toward something
        ("Ann Ruiz took aim at the governor.", "the governor", "Ann Ruiz", "aim"),
        ("Tom Baker took several swipes at the council.", "the council", "Tom Baker", "swipes"),
        ("The nurses are furious at the ministry.", "the ministry", "nurses", "furious"),
        ("Ann Ruiz was horrified by the verdict.", "the verdict", "Ann Ruiz", "horrified"),
        (
            "The senators are not interested in ending the filibuster.",
            "ending the filibuster",
            "senators",
            "interested",
        ),
        # findings
        (
            "A majority of voters oppose the new tax, a Gallup poll found.",
            "A majority of voters oppose the new tax",
            "Gallup",
            "found",
        ),
        (
            "A new study shows that most drivers ignore the speed limit.",
            "most drivers ignore the speed limit",
            "new study",
            "shows",
        ),
    ],
)
def test_position_content_speaker_and_cue(text: str, content: str, speaker: str, cue: str) -> None:
    statement = only(text)
    assert statement.kind == "position"
    assert statement.content == content
    assert text[statement.start : statement.end] == content
    assert statement.speaker == speaker
    assert statement.cue == cue
    assert text[statement.cue_start : statement.cue_end] == cue


def test_a_pronoun_holder_is_resolved_to_the_person_before() -> None:
    text = "Ruth Adler spoke on Monday. She promised lower rents for students."
    position = next(s for s in analyse_text(text).statements if s.kind == "position")
    assert position.content == "lower rents for students"
    assert position.speaker == "Ruth Adler"
    assert position.speaker_mention == "She"


@pytest.mark.parametrize(
    "text",
    [
        "It wants to expand.",  # no one who can hold a position
        "The storm threatened the coast.",
        "The committee rejected it on Tuesday.",  # a pronoun is nothing to code
        "The plan was condemned on Monday.",  # passive with no agent: no holder named
        "The bill was passed by the senate.",  # an act, not a position
        "Ann Ruiz left early when asked about the budget.",  # a reduced passive
        "Rebels attacked the town.",  # an act, not a statement
        "Ann Ruiz told reporters on Monday.",  # only the listener: nothing said
        "Half of the budget supports road repairs.",  # a share of a thing holds nothing
        "The engineers are confident.",  # a stance with no content
        "A supporter of the mayor spoke at the rally.",  # no holder named
        "Tom Price is a friend of the mayor.",  # a relation, not a stance
        "The company received a loan from the bank.",  # a loan is no stance
        "Placards supporting Sanders filled the hall.",  # placards hold nothing
        "Ann Ruiz wrote a series of posts outlining her view.",  # posts are the channel
        "Ann Ruiz has support for her plan among the voters.",  # the voters' support, not hers
        "Ann Ruiz invited Tom Price to the dinner.",  # an invitation to a place states nothing
        "The crowd pressed against the barriers.",
        "She drew support from the storm.",  # a storm holds nothing
        "The storm's threat to the coast grew.",
        "Paul Grant's plan for the weekend was simple.",  # a plan for a day is no position
        "Ann Ruiz told the story of her grandfather.",  # telling a story states no position
        "Voters in Iowa voted on Monday.",  # when they voted, not for what
        "Ann Ruiz spoke on condition of anonymity.",  # how she spoke, not about what
        "Tom Baker saw the harbour on Monday.",  # seeing is no view without "as"
        "Ann Ruiz cast her vote early.",
        "Ann Ruiz did not know.",
        "The rebels' attack on the town failed.",  # an attack not by a named person is an act
        "Ann Ruiz did not know how the budget would pass.",  # a question, not a belief
        "The nurses would not strike if they did not want to.",  # a bare "to" is no content
        "The hall is in favour of nobody.",  # a hall holds nothing
        "It is critical that the bridge opens.",  # importance, not a stance
        "The bakery offered a discount to students.",  # an offer of goods is no position
        "Does Ann Ruiz support the new harbour plan?",  # the writer asks; no one holds it
        "How do you think the mayor will pay for the bridge?",
        "Ann Ruiz framed the photograph.",  # framing is no view without "as"
        "Tom Baker campaigned the whole summer.",  # only with "for" or "against"
        "Ann Ruiz's decision to retire surprised nobody.",  # a decision is an act
        "The children laid out the plates.",  # "laid out" states only what people hold
    ],
)
def test_no_suggestion_rather_than_a_wrong_holder(text: str) -> None:
    assert [s for s in analyse_text(text).statements if s.kind == "position"] == []


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Omar Saleh described the plan as a gift to the banks.",
            "the plan as a gift to the banks",
            "described",
        ),
        (
            "Ann Ruiz apologized for the delay in the payments.",
            "the delay in the payments",
            "apologized",
        ),
        (
            "Ann Ruiz asked the court to block the new rules.",
            "the court to block the new rules",
            "asked",
        ),
        (
            "Ann Ruiz told the council to scrap the parking fees.",
            "the council to scrap the parking fees",
            "told",
        ),
        (
            "Ann Ruiz implored voters to reject the new tax.",
            "voters to reject the new tax",
            "implored",
        ),
        (
            "Ann Ruiz asked Paul Grant about the closing of the mine.",
            "Paul Grant about the closing of the mine",
            "asked",
        ),
        (
            "Ann Ruiz asked Tom Price, who leads the council, to delay the vote.",
            "Tom Price, who leads the council, to delay the vote",
            "asked",
        ),
        (
            "Ann Ruiz invited the council to rethink the parking fees.",
            "the council to rethink the parking fees",
            "invited",
        ),
        (
            "Ann Ruiz pressed for a new vote on the harbour.",
            "a new vote on the harbour",
            "pressed",
        ),
        (
            "Ann Ruiz believes in schools that teach every child to swim.",
            "schools that teach every child to swim",
            "believes",
        ),
        (
            "Ann Ruiz disagrees with the council's plan for the harbour.",
            "the council's plan for the harbour",
            "disagrees",
        ),
    ],
)
def test_naming_apologies_and_requests_are_positions(text: str, content: str, cue: str) -> None:
    statement = only(text)
    assert (statement.kind, statement.content, statement.cue) == ("position", content, cue)


def test_speech_stays_speech() -> None:
    statement = only("Paul Grant said the plan would fail.")
    assert (statement.kind, statement.content) == ("indirect", "the plan would fail")


def test_a_position_inside_a_reported_claim_is_part_of_the_claim() -> None:
    statement = only("Laura Bishop said that the farmers want lower taxes.")
    assert statement.kind == "indirect"
    assert statement.speaker == "Laura Bishop"
    assert statement.content == "the farmers want lower taxes"


def test_a_reporter_at_the_end_is_the_channel_of_the_position() -> None:
    text = "Carlos Ruiz called on the police to release the footage, a local paper reported."
    statements = analyse_text(text).statements
    assert [(s.kind, s.speaker, s.content) for s in statements] == [
        ("position", "Carlos Ruiz", "the police to release the footage")
    ]


def test_a_date_inside_the_content_is_kept_when_more_content_follows() -> None:
    # "in recent weeks" sits between the object and the infinitive that belongs to it
    statements = analyse_text(
        "Karen Hill, an economist, said prices rose, citing the bank's rate cuts in recent "
        "weeks to boost lending to small firms."
    ).statements
    contents = [s.content for s in statements if s.kind == "position"]
    assert contents == ["the bank's rate cuts in recent weeks to boost lending to small firms"]


def test_a_date_at_the_end_of_the_content_stays_out() -> None:
    statement = only("Senator Maria Lopez pledged new funding for libraries on Monday.")
    assert statement.content == "new funding for libraries"


@pytest.mark.parametrize(
    ("word", "base"),
    [("hoping", "hope"), ("hopes", "hope"), ("lambasted", "lambaste"), ("running", None)],
)
def test_cue_verbs_the_lemmatizer_misreads_get_their_lemma(word: str, base: str | None) -> None:
    assert cue_verb_base(word) == base


def test_a_mislemmatised_stance_verb_still_states_a_position() -> None:
    statement = only("Mayor Ellen Park is hoping to reopen the old bridge before winter.")
    assert (statement.kind, statement.cue, statement.speaker) == (
        "position",
        "hoping",
        "Ellen Park",
    )
    assert statement.content == "to reopen the old bridge before winter"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the parser reads the day as the object and the infinitive as a purpose clause
        (
            "Maria Lopez promised Sunday at a rally in Ohio to end the deportation program.",
            "to end the deportation program",
        ),
        # "for X to ..." read as a clause of its own
        (
            "Senator Maria Lopez called for the mayor to resign over the scandal.",
            "the mayor to resign over the scandal",
        ),
    ],
)
def test_an_infinitive_complement_the_parser_misattached_is_the_content(
    text: str, content: str
) -> None:
    statement = only(text)
    assert (statement.kind, statement.content, statement.speaker) == (
        "position",
        content,
        "Maria Lopez",
    )


def test_when_a_position_was_taken_is_not_its_content() -> None:
    text = "Ann Ruiz called for a ban on new towers following the fire in the harbour."
    assert only(text).content == "a ban on new towers"


def test_a_day_after_a_governed_preposition_is_no_content() -> None:
    # "spoke on Monday" says when, not about what; a purpose clause is no position of "spoke"
    statements = analyse_text(
        "Maria Lopez spoke to reporters on Monday to discuss the budget."
    ).statements
    assert [(s.cue, s.content) for s in statements] == [("discuss", "the budget")]


def test_a_participle_clause_without_its_own_subject_states_no_position() -> None:
    # The parser tags "Asked" as a past tense here; the one asked is the speaker, who asked
    # nothing.
    text = (
        "Asked what characteristics he would like the nominee to embody, Tom Baker said, "
        "“They have got to be able to win.”"
    )
    statements = analyse_text(text).statements
    assert [(s.kind, s.content, s.speaker) for s in statements] == [
        ("direct", "They have got to be able to win.", "Tom Baker")
    ]


def test_a_relative_clause_after_a_predicate_noun_is_about_the_subject():
    text = (
        "Editor’s note: Tom Baker is a serial liar, rampant xenophobe, racist and bully who has "
        "repeatedly pledged to ban all cyclists from the harbour."
    )
    (statement,) = analyse_text(text).statements
    assert (statement.kind, statement.speaker, statement.cue) == (
        "position",
        "Tom Baker",
        "pledged",
    )
    assert statement.content == "to ban all cyclists from the harbour"


def test_a_surname_the_tagger_reads_as_a_common_word_still_holds_the_position():
    text = 'Tom Steel visited the harbour. Steel later defended her comments as being "sarcastic."'
    (statement,) = analyse_text(text).statements
    assert (statement.kind, statement.speaker, statement.cue) == (
        "position",
        "Tom Steel",
        "defended",
    )
    assert statement.content == 'her comments as being "sarcastic."'
