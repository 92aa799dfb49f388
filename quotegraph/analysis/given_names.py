"""Given names that nearly always belong to one gender, so that "she" after "Donald Trump and
Hillary Clinton" goes to Clinton before any pronoun has been seen.

Written from general knowledge of common names in English-language news, with frequent forms
from other languages. Names often given to both (Alex, Jordan, Kelly, Robin, Jean, Andrea) are
left out: a name missing here leaves the gender unknown, as a pronoun or a title may still tell.
"""

from __future__ import annotations

from quotegraph.analysis.lexicon import words

FEMALE_GIVEN_NAMES: frozenset[str] = words(
    """
    abigail ada adriana agnes aisha alejandra alexandra alice alicia alison amanda amelia amy
    ana anastasia angela angelina angie anita ann anna anne annette antonia april arianna
    audrey barbara beatrice becky belinda bernadette beth betsy betty beverly bianca brenda
    bridget brittany camila carla carly carmen carol caroline carolyn catherine cecilia
    charlotte cheryl christina christine cindy claire clara claudia colleen connie cristina
    cynthia daisy daniela danielle daphne darlene deborah debbie debra denise diana diane
    donna doris dorothy edith eileen elaine eleanor elena elisabeth elise eliza elizabeth
    ella ellen eloise emily emma erica erika esther eva evelyn fatima fiona florence frances
    gabriela gabrielle gail gina gloria grace gretchen gwen hannah harriet hazel heather
    heidi helen helena hillary holly ida ingrid irene iris isabel isabella ivanka jacqueline
    jane janet janice jasmine jeanne jennifer jenny jessica jill joan joanna joanne josephine
    joy joyce judith judy julia julie juliet justine karen katarzyna kate katherine kathleen
    kathryn kathy katie katrina kayla kimberly kirsten kristen kristin laura lauren leah
    linda lisa liz lois loretta lorraine louise lucia lucy lydia lynn madeleine
    magdalena maggie mallory marcia margaret margarita maria marianne marie marilyn marion
    marisa marjorie marsha martha mary maureen megan megyn melanie melinda melissa mia
    michaela michelle mildred miriam molly monica nadia nancy naomi natalia natalie natasha
    nicole nina nora olga olivia pamela patricia paula pauline peggy penelope penny phyllis
    priscilla rachel rebecca regina renee rita roberta rosa rosalind rose rosemary roxanne
    ruth sabrina sally samantha sandra sarah sofia sonia sophia sophie stephanie susan
    suzanne svetlana sylvia tamara tammy tanya teresa theresa tiffany tina ursula valerie
    vanessa veronica victoria virginia vivian wanda wendy yolanda yvonne zoe
    """
)

MALE_GIVEN_NAMES: frozenset[str] = words(
    """
    aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alexander alexei
    alfred ali allen alvin ambrose andre andreas andrew andy angus anthony antonio arnold
    arthur barack barry ben benjamin bernard bernie bill billy bob bobby boris brad bradley
    brandon brendan brett brian bruce bryan byron calvin carl carlos cecil chad charles
    chuck clarence claude clifford clint clyde colin craig curtis damian dan daniel
    darrell darren dave david dennis derek dick diego dmitri don donald doug douglas duncan
    dwight earl eddie edgar eduardo edward edwin elijah eric erik ernest ethan eugene evan
    felix fernando francis francisco frank franklin fred frederick gabriel gary gavin geoffrey
    george gerald gilbert giovanni glenn gordon graham greg gregory gustavo hank harold harry
    harvey hassan hector henry herbert howard hugh hugo ian igor isaac ivan jack jacob jake
    james jared jason javier jeb jeff jeffrey jeremy jerome jerry jim jimmy joe joel john
    johnny jon jonathan jorge jose joseph joshua juan julian julius justin karl keith ken
    kenneth kevin kurt kyle lance larry lawrence leo leon leonard lewis lloyd louis
    lucas luis luke malcolm marc marco marcus mario mark martin marvin matt matthew maurice
    max michael miguel mike mitch mitchell mohammed muhammad nathan neil nicholas nick
    nikolai noah norman oliver omar oscar otto owen patrick paul pedro peter philip phillip
    pierre rafael ralph ramon randall randy raymond reggie reginald ricardo richard rick
    ricky rob robert roberto rodney roger roland ron ronald ross roy rudy russell ryan
    salvador samuel scott sean sergei sergio seth shane simon stanley stefan stephen steve
    steven stuart ted terrence theodore thomas tim timothy todd tom tommy tony travis trevor
    troy tyler victor vincent vladimir walter warren wayne wesley william willie xavier
    yusuf zachary
    """
)


def given_name_gender(given: str | None) -> str | None:
    """ "female", "male" or None for a person's given name ("Hillary" -> "female")."""
    if not given:
        return None
    word = given.strip(".").lower()
    if word in FEMALE_GIVEN_NAMES:
        return "female"
    if word in MALE_GIVEN_NAMES:
        return "male"
    return None
