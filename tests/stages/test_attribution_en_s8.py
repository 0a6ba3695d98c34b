"""English attribution on reporting (session 8 of issue #12): long speakers after a comma-ended quote, names in
apposition, passive speech verbs, speech nouns, according-to phrases inside a sentence, cited headlines, titled
surnames; on wire-style sentences."""

from __future__ import annotations

from presswatch.article import Article, Quote
from tests.stages.stagerun import run


def en(text: str) -> Article:
    return run(text, "en")


def said(a: Article, start: str) -> Quote:
    return next(q for q in a.quotes if q.text.startswith(start))


def test_a_short_quote_ending_in_a_comma_takes_a_long_speaker_after_it() -> None:
    a = en("Mueller submitted his report on Friday.\n"
           "“The investigation is complete,” Justice Department spokeswoman Kerri Kupec told the newspaper.")
    q = said(a, "The investigation is complete")
    assert q.kind == "direct" and q.speaker == "Kerri Kupec"


def test_a_speaker_described_at_length_after_the_quote() -> None:
    a = en("Troops arrived at the border on Friday.\n"
           "“We have enough wire to cover up to 22 miles,” the head of the Northern Command, Terrence O’Shaughnessy "
           "told reporters.")
    assert said(a, "We have enough wire").speaker == "Terrence O’Shaughnessy"


def test_a_scare_quote_inside_a_sentence_does_not_reach_a_far_cue() -> None:
    a = en("The Pope criticised the Israeli “occupation,” but he also seemed to denounce the militias, saying "
           "the conflicts had to end.")
    assert not [q for q in a.quotes if q.text == "occupation"]


def test_a_name_in_apposition_before_the_cue_speaks() -> None:
    a = en("The sanctions were eased in 2016.\n"
           "The acting under secretary for terrorism and financial intelligence during the Obama administration, "
           "Adam Szubin, claimed that \"Iranian banks will not be able to clear US dollars through New York.\"")
    assert said(a, "Iranian banks").speaker == "Adam Szubin"


def test_the_agent_of_a_passive_speech_verb_speaks() -> None:
    a = en("The plan was an old one.\n"
           "It was later admitted by General Wesley Clark that the United States planned to go to war with Iran.")
    q = said(a, "the United States planned")
    assert q.kind == "reported" and q.speaker == "Wesley Clark"


def test_according_to_a_role_takes_the_name_in_apposition() -> None:
    a = en("The informant was threatened with a gag order, according to his attorney – former Justice Department "
           "official Victoria Toensing.")
    assert said(a, "The informant was threatened").speaker == "Victoria Toensing"


def test_according_to_a_role_alone_keeps_the_role() -> None:
    a = en("The informant was threatened with a gag order, according to his attorney.")
    assert said(a, "The informant was threatened").speaker == "his attorney"


def test_according_to_between_commas_attributes_the_main_clause() -> None:
    a = en("Thousands of troops have been sent to the border.\n"
           "At the same time, according to military planning documents, the majority of the crowd might dissolve "
           "along the way.")
    q = next(q for q in a.quotes if "the majority of the crowd" in q.text)
    assert q.kind == "reported" and q.speaker == "military planning documents"


def test_according_to_before_a_relative_clause_keeps_the_words_before_it() -> None:
    a = en("The talks failed on Monday, according to the ministry, which added that new talks were planned.")
    q = next(q for q in a.quotes if q.cue == "according to")
    assert q.text == "The talks failed on Monday"


def test_a_claim_that_is_the_subject_of_was_is_reported_speech() -> None:
    a = en("Ambassador Nikki Haley spoke at the United Nations on Thursday.\n"
           "Haley’s essential claim was that Saudi Arabia is under attack by missiles supplied by Iran.")
    q = said(a, "Saudi Arabia is under attack")
    assert q.kind == "reported" and q.speaker == "Nikki Haley"


def test_a_claim_was_that_without_a_holder_is_no_report() -> None:
    a = en("The usual claim was that the budget would balance itself within a decade.")
    assert not a.quotes


def test_a_report_by_an_outlet_that_is_reported_speech() -> None:
    a = en("The indictment corroborates a November report by The Hill that an FBI informant in the uranium "
           "industry had gathered extensive evidence of the scheme.")
    q = said(a, "an FBI informant")
    assert q.kind == "reported" and q.speaker == "Hill"


def test_expressing_hope_that_is_reported_speech() -> None:
    a = en("Senator Mark Warner spoke on Sunday, expressing hope that the full report would be released to "
           "Congress within days.")
    q = said(a, "the full report would be released")
    assert q.speaker == "Mark Warner"


def test_a_cited_headline_with_its_byline_is_no_quote() -> None:
    a = en("This is how it always goes.\n"
           "“Christian Parent Furious After School Instructs Children To Write Out Their Submission,” by Joshua "
           "Gill, Daily Caller News Foundation, May 17, 2018:\n"
           "A West Virginia school has come under fire.")
    assert not a.quotes


def test_a_quote_followed_by_by_and_a_lower_case_word_is_still_a_quote() -> None:
    a = en("“We will not back down on this, not now and not ever,” said Governor Ron DeSantis by telephone.")
    assert said(a, "We will not back down").speaker == "Ron DeSantis"


def test_the_sheriff_is_the_one_person_the_article_titles_sheriff() -> None:
    a = en("Sheriff Lombardo spoke at a news conference on Friday about the shooting.\n"
           "Lombardo said the timeline had changed twice.\n"
           "The sheriff said, “There is no conspiracy here at all.”")
    assert said(a, "There is no conspiracy").speaker == "Lombardo"


def test_a_title_before_a_word_that_is_no_person_stays_an_organisation() -> None:
    a = en("The Justice Department said on Monday that the inquiry was over.")
    assert said(a, "the inquiry was over").speaker == "Justice Department"


def test_pointed_out_that_is_reported_speech() -> None:
    a = en("The president spoke in Indiana on Friday.\n"
           "Trump also pointed out that Donnelly had opposed the tax cuts and voted against the nominee.")
    q = said(a, "Donnelly had opposed")
    assert q.kind == "reported" and q.speaker == "Donald Trump"


def test_as_an_outlet_pointed_out_attributes_the_clause() -> None:
    a = en("As Politico pointed out in a 2016 article, the group has killed Americans and committed acts of terror.")
    q = said(a, "the group has killed")
    assert q.kind == "reported" and q.speaker == "Politico"


def test_pointed_to_and_points_out_a_noun_are_no_speech() -> None:
    a = en("Smith pointed to the rising costs of the program. He points out the flaws in the plan.")
    assert not a.quotes


def test_a_noun_like_cue_ending_the_sentence_is_a_verb() -> None:
    a = en("The Treasury granted a license to convert the funds.\n"
           "The exchange was legal under the sanctions, the report notes.")
    q = said(a, "The exchange was legal")
    assert q.kind == "reported" and q.speaker == "the report"


def test_according_to_a_name_and_a_colon_before_a_paragraph_quote() -> None:
    a = en("So where did the missiles come from? According to Ritter:\n"
           "“Rather than the Iranian-manufactured missiles, the debris presented was of a modified Soviet missile.”")
    assert said(a, "Rather than").speaker == "Ritter"


def test_a_quote_right_where_the_parse_ends_the_clause_is_one_mixed_quote() -> None:
    a = en("Pay attention to the speech, in which Bolton notes that the opposition needed to overthrow the regime "
           "“is centered in this room today.” Who was in that room?")
    q = said(a, "the opposition needed")
    assert q.kind == "reported" and q.text.endswith("today.”")
    assert not [x for x in a.quotes if x.kind == "direct"]


def test_a_cue_at_the_first_token_still_attributes_a_colon_quote() -> None:
    a = en("Said Governor Ron DeSantis, speaking in Tallahassee on Friday: “We will count every vote that was cast "
           "legally in this state.”")
    assert said(a, "We will count").speaker == "Ron DeSantis"


def test_a_trailing_attribution_the_parse_hangs_wrongly_still_attributes_the_words_before() -> None:
    a = en("Such a reading is causing “rampant confusion,” will spread “a plague of divorce” in the Church, and is "
           "“alien” to the Church’s entire faith and Tradition, the three bishops said in the profession.")
    q = said(a, "Such a reading")
    assert q.kind == "reported" and q.speaker == "the three bishops"


def test_an_attribution_between_commas_after_an_opening_adverb() -> None:
    a = en("Attorney Joseph diGenova spoke on Fox News.\n"
           "Besides, diGenova explained, the eleventh-hour claim leveled against Kavanaugh is a non-federal matter.")
    q = next(q for q in a.quotes if "non-federal matter" in q.text)
    assert q.kind == "reported" and q.speaker == "Joseph diGenova"


def test_a_fronted_adjunct_before_the_subject_is_no_report() -> None:
    a = en("In the following call, the woman pleads for help.\n"
           "In the discussion following his talk, Cardinal Müller also responded to questions from the audience.")
    assert not [q for q in a.quotes if q.text.startswith("In the")]


def test_said_in_a_statement_issued_that_reports_the_clause() -> None:
    a = en("The Justice Ministry said in a brief statement issued Saturday that Barbieri’s extradition has been "
           "requested.")
    q = said(a, "Barbieri’s extradition")
    assert q.kind == "reported" and q.speaker == "Justice Ministry"


def test_the_who_said_is_the_organisation_not_a_relative_pronoun() -> None:
    a = en("The World Health Organization sent experts to the region.\n"
           "All the cases were reported from a clinic near Bikoro, where treatment capacities are limited, the WHO "
           "said.")
    assert said(a, "All the cases").speaker == "World Health Organization"


def test_said_the_cardinal_between_commas_attributes_the_sentence() -> None:
    a = en("Contradictory conceptions concerning the Sacraments, said the cardinal, lead into chaotic conditions.")
    q = said(a, "Contradictory conceptions")
    assert q.kind == "reported" and q.speaker == "the cardinal"


def test_said_to_be_between_commas_is_no_speech() -> None:
    a = en("The man, said to be the richest in town, bought the old mill on the river last year.")
    assert not a.quotes


def test_a_name_after_a_participle_is_not_the_subject_speaking() -> None:
    a = en("The lead voice of the victims in Chile, Juan Carlos Cruz, tweeting to one of Francis’s leading "
           "apologists, Austen Ivereigh, said, “Does he need a photo, a selfie, as proof of what we went through?”")
    assert said(a, "Does he need").speaker != "Austen Ivereigh"


def test_the_author_reading_after_a_comma_is_no_report() -> None:
    a = en("Keeping the cardinal’s intervention directly before our thoughts, we read with a strange kind of dread.")
    assert not a.quotes
