"""English speakers: pronouns walked back over the narration, joint speakers, quotes over several paragraphs,
fullest names."""

from __future__ import annotations

from presswatch.article import Article, Quote
from tests.stages.stagerun import run


def en(text: str) -> Article:
    return run(text, "en")


def said(a: Article, start: str) -> Quote:
    return next(q for q in a.quotes if q.text.startswith(start))


def test_he_after_a_question_goes_back_to_the_speaker_the_question_names() -> None:
    a = en("“I apologised to everybody in the world,” Bill Clinton said of his apology.\n"
           "The interviewer, Craig Melvin, followed up by asking Clinton if he had ever apologised privately.\n"
           "“I have never talked to her. But I did say publicly that I was sorry,” he said.")
    assert said(a, "I have never talked").speaker == "Bill Clinton"


def test_a_sentence_whose_subject_is_the_same_pronoun_is_passed_over() -> None:
    a = en("While back in Ohio, Ravi Mehta stayed in touch with the informant.\n"
           "He texted the informant in March and praised Maj. Nidal Hasan, who killed 13 soldiers in 2009.\n"
           "He also said the attack had been justified by the war.")
    assert said(a, "the attack had been justified").speaker == "Ravi Mehta"


def test_a_name_in_a_fronted_phrase_is_not_the_pronoun_subject() -> None:
    a = en("“The commission did nothing,” Jim Scanlan said on Monday.\n"
           "Like Phil Saviano, he said the panel accomplished little in its first years.")
    assert said(a, "the panel accomplished").speaker == "Jim Scanlan"


def test_a_pronoun_in_a_clause_under_a_named_subject_is_that_person() -> None:
    a = en("Rain fell on Rome.\nPope Francis explained this again in Lisbon when he said “a small step can be "
           "more pleasing to God than a life which appears outwardly in order.”")
    assert said(a, "a small step").speaker in {"Francis", "Pope Francis"}


def test_a_role_subject_sends_the_pronoun_back_to_the_named_speaker() -> None:
    a = en("Michael Horowitz wrote that the exchange was troubling for the bureau.\n"
           "The inspector general questioned whether Peter Strzok's decision was free from bias. Ultimately, "
           "however, he concluded that there was no evidence that bias affected the outcome.")
    assert said(a, "there was no evidence").speaker == "Michael Horowitz"


def test_a_name_inside_the_quote_is_not_the_antecedent() -> None:
    a = en("Rep. Mark Meadows has been a critic of the inquiry.\n"
           "“The Mueller report suggests no more indictments are coming,” he wrote on Twitter.")
    assert said(a, "The Mueller report").speaker == "Mark Meadows"


def test_a_single_word_person_without_a_first_name_or_title_comes_after_a_titled_one() -> None:
    a = en("Booker posted early.\nIt was a similar sentiment on Twitter from former Rep. Beto O’Rourke of Texas.\n"
           "“Release the report to the American people,” he wrote.")
    assert said(a, "Release the report").speaker == "Beto O’Rourke"


def test_joint_speakers_and_their_they() -> None:
    a = en("House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer said the report must be made "
           "public in full.\n“The American people have a right to the truth,” they said.")
    assert said(a, "the report must be made").speaker == "Nancy Pelosi and Chuck Schumer"
    assert said(a, "The American people").speaker == "Nancy Pelosi and Chuck Schumer"


def test_a_possessor_is_no_joint_speaker() -> None:
    a = en("Donald Trump's lawyers and advisers said the report cleared the president of every charge.")
    assert said(a, "the report cleared").speaker != "Donald Trump"


def test_a_statement_subject_speaks_through_its_participle() -> None:
    a = en("Senator Amy Klobuchar released a statement insisting the attorney general testify before Congress.")
    assert said(a, "the attorney general testify").speaker == "Amy Klobuchar"


def test_a_quote_closed_in_a_later_paragraph_takes_the_cue_after_its_close() -> None:
    a = en("Donald Trump said on Wednesday he wants the report released.\n“Let it come out.\n"
           "Let people see it,” he said.\nMark Meadows disagreed.")
    q = said(a, "Let it come out.")
    assert q.kind == "direct" and q.speaker == "Donald Trump" and q.text.endswith("Let people see it")


def test_an_open_paragraph_quote_goes_on_in_the_next_paragraphs_quote() -> None:
    a = en("The senators met on Friday.\n“We will not accept a summary of the findings from the attorney general.\n"
           "“The Congress must see all of it,” Senator Kirsten Gillibrand said.")
    assert said(a, "We will not accept").speaker == "Kirsten Gillibrand"


def test_an_unclosed_quote_stops_at_a_paragraph_that_opens_another() -> None:
    a = en("“We did not collude with anyone at any time during the campaign.\n"
           "Mr Smith said he was “very surprised” by the report.")
    assert said(a, "We did not collude").end <= a.text.index("\n")


def test_short_forms_of_one_name_and_the_surname_meet_at_the_fullest() -> None:
    a = en("Douglas Haig sold the gunman ammunition.\nDoug Haig is an engineer from Mesa.\n"
           "“I couldn't detect anything wrong with this guy,” Haig said.")
    assert said(a, "I couldn't detect").speaker == "Douglas Haig"
    assert {e.name for e in a.entities if e.label == "PERSON"} == {"Douglas Haig"}


def test_an_acronym_in_brackets_joins_the_organisation() -> None:
    a = en("In Geneva, the World Health Organization (WHO) said tests confirmed the presence of the virus.\n"
           "“WHO is working closely with the government,” it said in a statement.")
    assert said(a, "tests confirmed").speaker == "World Health Organization"
    assert said(a, "WHO is working").speaker == "World Health Organization"


def test_a_clause_that_quotes_most_of_its_words_is_one_mixed_reported_quote() -> None:
    a = en("In a letter to the committees, William Barr wrote he “may be in a position to advise you of the "
           "principal conclusions as soon as this weekend.”")
    q = said(a, "he “may be")
    assert q.kind == "reported" and q.speaker == "William Barr" and len(q.parts) == 1
    assert not [x for x in a.quotes if x.kind == "direct"]


def test_marks_around_all_that_is_said_stay_a_direct_quote() -> None:
    a = en("Donald Trump said that “the report is a total exoneration of everyone involved.”")
    assert [(q.kind, q.speaker) for q in a.quotes] == [("direct", "Donald Trump")]


def test_a_follow_on_quote_goes_on_from_a_mixed_quote() -> None:
    a = en("Dina Powell had described how the president had “visited a mosque and paid his respects.” “I see the "
           "president host an iftar every year.”")
    assert said(a, "I see the president").speaker == "Dina Powell"


def test_an_office_of_a_person_speaks_as_that_office() -> None:
    a = en("In a statement following that accusation, Franken's office said he has not \"intentionally engaged in\" "
           "the conduct described.")
    assert said(a, "he has not").speaker == "Franken's office"


def test_the_senator_is_the_one_person_the_article_titles_so() -> None:
    a = en("Sen. Al Franken announced his resignation on Thursday.\n"
           "The senator apologised for the photo but said he remembered the skit differently.\n"
           "Former Gov. Tim Pawlenty was not there.")
    q = said(a, "he remembered")
    assert q.speaker == "Al Franken" and q.speaker_alias is not None and q.speaker_alias.evidence == "Sen. Al Franken"


def test_the_senator_stays_a_role_when_two_are_titled() -> None:
    a = en("Sen. Al Franken and Senator Amy Klobuchar met on Monday.\n"
           "The senator said he remembered the skit differently.")
    assert said(a, "he remembered").speaker == "The senator"


def test_titles_and_labels_in_marks_are_not_speech() -> None:
    a = en("Paul told “Face the Nation” on Sunday that he would filibuster.\n"
           "On “State of the Union,” Paul added that torture was never acceptable.\n"
           "A woman described as a “former elected official in New England” told the website that she was kissed.\n"
           "In a response to the “Today” interview, Lewinsky tweeted that she is grateful.")
    assert not [q for q in a.quotes if q.kind == "direct"]


def test_he_after_a_speaker_named_by_a_role_is_that_role() -> None:
    a = en("The activists were due to speak in Woolwich, where Drummer Lee Rigby was killed.\n"
           "A government spokesman said their presence could be excluded by the home secretary.\n"
           "He added: \"We condemn all those whose views run counter to our shared values.\"")
    assert said(a, "We condemn").speaker == "A government spokesman"


def test_a_possessive_may_refer_to_the_subject_of_its_own_sentence() -> None:
    a = en("Douglas Horne wrote a book about it.\nThus, given that Richard Helms was an admitted perjurer, what "
           "value does his denial that Oswald was an agent have?")
    assert said(a, "Oswald was an agent").speaker == "Richard Helms"


def test_a_pronoun_in_a_clause_after_a_name_does_not_end_the_chain() -> None:
    a = en("Jake Morphonios said that for all he knows, Doug Haig did not play a role.\n"
           "Even so, he still gave a 30-minute talk where he discussed the context of Haig's work.\n"
           "He added, \"I've got some questions of my own that I'm going to keep asking.\"")
    assert said(a, "I've got some questions").speaker == "Jake Morphonios"


def test_a_bracketed_reference_after_the_marks_keeps_a_quote_direct() -> None:
    a = en("Garry Wills concludes: “The Qur’an is not as absolute as this, because it always leaves room for "
           "mercy” (p. 126).")
    assert [q.kind for q in a.quotes] == ["direct"]


def test_a_shared_surname_goes_to_the_person_the_pronoun_agrees_with() -> None:
    a = en("Former President Bill Clinton said his apology was enough.\nThe interview was aired on Monday.\n"
           "Photo: Clinton whispers to first lady Hillary Clinton during a White House event.\n"
           "“I dealt with it 20 years ago,” he said.")
    assert said(a, "I dealt with it").speaker == "Bill Clinton"


def test_a_shared_surname_goes_to_the_full_name_just_before_it() -> None:
    a = en("The movement was led by Elijah Muhammad in 1933.\nMany joined the Nation of Islam.\n"
           "The picture had been taken by the photojournalist Askia Muhammad during a 2005 meeting.\n"
           "Mr. Muhammad said he kept the photo under wraps so as not to hurt the candidate.")
    assert said(a, "he kept the photo").speaker == "Askia Muhammad"


def test_a_lone_surname_speaker_takes_the_full_name() -> None:
    a = en("Ted Cruz spoke in Houston on Monday.\nThe race is close.\n"
           "Cruz said the polls would tighten before the vote in November.")
    assert said(a, "the polls would tighten").speaker == "Ted Cruz"


def test_a_first_name_that_starts_another_of_the_other_gender_is_another_person() -> None:
    a = en("Paul Manafort went to see Julian Assange in London.\nHis wife Paula Manafort stayed at home.")
    assert {"Paul Manafort", "Paula Manafort"} <= {e.name for e in a.entities if e.label == "PERSON"}


def test_a_plural_role_after_a_joint_speaker_is_that_pair() -> None:
    a = en("House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer said the report must be made "
           "public.\nThe Democratic leaders said the inquiry “focused on questions that go to the integrity of our "
           "democracy itself.”")
    assert said(a, "the inquiry").speaker == "Nancy Pelosi and Chuck Schumer"
