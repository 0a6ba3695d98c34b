"""English reported speech with cues other than a verb's clausal complement, and role speakers tied to the
article's named holder (session 7 of issue #12), on wire-style sentences."""

from __future__ import annotations

from presswatch.article import Article, Quote
from tests.stages.stagerun import run


def en(text: str) -> Article:
    return run(text, "en")


def said(a: Article, start: str) -> Quote:
    return next(q for q in a.quotes if q.text.startswith(start))


def test_a_role_takes_the_holder_named_with_more_words_before_it() -> None:
    a = en("The special counsel submitted his report to U.S. Attorney General William Barr on Friday.\n"
           "“I am reviewing the report,” the attorney general wrote in a letter to the committees.\n"
           "He also said the department had never blocked the inquiry at any point.")
    assert said(a, "I am reviewing").speaker == "William Barr"
    assert said(a, "the department had never blocked").speaker == "William Barr"


def test_two_holders_of_the_role_leave_it_a_role() -> None:
    a = en("Russian Foreign Minister Sergei Lavrov met Ukrainian Foreign Minister Dmytro Kuleba in Antalya.\n"
           "“Nothing was agreed today,” the foreign minister said after the talks.")
    assert said(a, "Nothing was agreed").speaker == "the foreign minister"


def test_the_president_is_the_one_person_the_article_titles_president_inside_the_name() -> None:
    a = en("President Trump flew to Ohio on Wednesday to speak at a tank plant.\n"
           "The president, who has called the inquiry a hoax, said the report would clear him of everything.")
    assert said(a, "the report would clear").speaker == "Donald Trump"


def test_as_a_paper_reported_attributes_the_clause_it_hangs_on() -> None:
    a = en("The inquiry has gone on for two years.\n"
           "As The New York Times reported early last year, Trump ordered the firing of the special counsel.")
    q = said(a, "Trump ordered the firing")
    assert q.kind == "reported" and q.speaker == "New York Times"


def test_a_clause_after_as_with_no_speech_verb_is_no_report() -> None:
    a = en("As the storm reached the coast, the mayor ordered an evacuation of the old town.")
    assert not a.quotes


def test_a_parenthetical_speaker_attributes_the_whole_sentence() -> None:
    a = en("Officials met in Brussels on Monday.\n"
           "The economy, officials said, will grow by three percent next year despite the war.")
    q = said(a, "The economy")
    assert q.kind == "reported" and q.speaker == "officials"


def test_made_clear_that_is_reported_speech() -> None:
    a = en("Prime Minister Mark Rutte spoke after the summit.\n"
           "Rutte made clear to reporters that the Netherlands would not block the new sanctions package.")
    q = said(a, "the Netherlands would not block")
    assert q.kind == "reported" and q.speaker == "Mark Rutte"


def test_a_letter_from_an_agency_speaks_for_the_agency() -> None:
    a = en("The lawyers said he was arrested despite a 2015 letter from ICE saying he would have a chance to "
           "prepare for his departure.")
    assert said(a, "he would have a chance").speaker == "ICE"


def test_an_according_to_sentence_keeps_its_source_beside_a_question_inside_it() -> None:
    a = en("The report was due this week.\n"
           "Aboard the plane, the president called friends to ask them if they thought the report would be sent "
           "this week, according to a source with knowledge of the calls.")
    q = said(a, "Aboard the plane")
    assert q.cue == "according to" and q.speaker is not None and q.speaker.startswith("a source")


def test_an_according_to_sentence_that_reports_speech_is_not_counted_twice() -> None:
    a = en("According to the news agency Mehr, Louis Farrakhan said at a meeting in Tehran that America is "
           "conspiring against Iran.")
    assert [q.text for q in a.quotes] == ["America is conspiring against Iran"]


def test_as_a_ministry_said_after_the_clause() -> None:
    a = en("Talks resumed in Geneva.\nThe convoy reached the city before dawn, as the ministry said on Monday.")
    q = said(a, "The convoy reached")
    assert q.kind == "reported" and q.speaker == "the ministry" and q.text.endswith("before dawn")


def test_made_it_clear_that_is_reported_speech_but_not_made_it_clear_what() -> None:
    a = en("Cardinal Gerhard Müller spoke in Rome.\nMüller made it clear that he would not resign over the affair.\n"
           "The cardinal also made it clear what he thinks about the German plan.")
    assert said(a, "he would not resign").speaker == "Gerhard Müller"
    assert not any("German plan" in q.text for q in a.quotes)


def test_the_author_citing_himself_is_no_report() -> None:
    a = en("As I wrote in my first piece, the document is a piece of legislation for every monastery.")
    assert not a.quotes


def test_a_quote_after_a_sentence_that_issues_a_statement_is_that_statement() -> None:
    a = en("Barr wrote that there had been no such instances.\n"
           "Trump’s personal lawyers, Rudy Giuliani and Jay Sekulow, issued a statement.\n"
           "“We’re pleased that the Office of Special Counsel has delivered its report to the Attorney General.”")
    assert said(a, "We’re pleased").speaker == "Rudy Giuliani and Jay Sekulow"


def test_a_colon_run_into_the_quote_still_attributes_it() -> None:
    a = en("Robert Mueller delivered his report on Friday.\nIn a separate statement, the lawyer Rudy Giuliani "
           "said:“We’re pleased that the Office of Special Counsel has delivered its report.”")
    assert said(a, "We’re pleased").speaker == "Rudy Giuliani"


def test_three_senators_in_a_list_are_one_joint_speaker() -> None:
    a = en("The hearing was set for Monday.\n"
           "Senators Jeff Flake, Bob Corker and Lindsey Graham said the woman needs to be heard before any vote.")
    assert said(a, "the woman needs").speaker == "Jeff Flake and Bob Corker and Lindsey Graham"


def test_a_role_list_in_apposition_is_not_a_joint_speaker() -> None:
    a = en("Said James O’Keefe, founder and president of Project Veritas Action, on Friday: “What we found in the "
           "campaign was just what we found in Missouri.”")
    assert said(a, "What we found").speaker == "James O’Keefe"


def test_a_sentence_barring_someone_from_disclosing_does_not_speak() -> None:
    a = en("A nondisclosure agreement bars him from revealing what he told the committee about the meeting.")
    assert all(q.speaker is None or "agreement" not in q.speaker for q in a.quotes)


def test_after_concluding_that_the_judge_speaks() -> None:
    a = en("“He walks out of the courthouse right now,” Chief U.S. District Judge Patti Saris said after "
           "concluding that the man’s detention violated his rights.")
    assert said(a, "the man’s detention").speaker == "Patti Saris"


def test_a_possessor_in_a_sentence_between_is_not_the_pronoun_subject() -> None:
    a = en("Christine Blasey Ford has accused the nominee of assault.\n"
           "“It’s absurd,” Juanita Broaddrick said on Wednesday. Broaddrick also said the Senate should reopen "
           "her case. If you want the FBI to investigate Ford’s allegations, investigate mine too. She has long "
           "accused Bill Clinton of assaulting her in 1978.")
    assert said(a, "Bill Clinton of assaulting").speaker == "Juanita Broaddrick"


def test_a_question_does_not_make_the_asker_the_next_he() -> None:
    a = en("“I apologised to everybody,” Bill Clinton said.\n"
           "The interviewer, Craig Melvin, followed up by asking Clinton if he had ever apologised privately.\n"
           "“I have never talked to her,” he said.")
    assert said(a, "I have never talked").speaker == "Bill Clinton"


def test_said_what_others_thought_is_no_statement() -> None:
    a = en("Lindsey Graham finally said what everyone had been waiting on and said it with passion.\n"
           "He said what he wanted was peace for the whole region.")
    assert [q.text for q in a.quotes] == ["what he wanted was peace for the whole region"]


def test_a_question_as_written_after_a_cue_word_is_no_report() -> None:
    a = en("Take our poll - story continues below Who should replace Nikki Haley as our ambassador to the U.N.?")
    assert not a.quotes


def test_a_quote_closing_a_few_words_after_the_clause_is_one_mixed_quote() -> None:
    a = en("In an apparent response to the interview, Monica Lewinsky tweeted Monday that she is “grateful to the "
           "myriad people who have helped me evolve + gain perspective in the past 20 years.”")
    q = said(a, "she is")
    assert q.kind == "reported" and q.parts and len(a.quotes) == 1


def test_a_quote_running_on_over_sentences_stays_direct() -> None:
    a = en("The Jewish groups said this rhetoric “was used to encourage students to vote against Noah Lew. It is "
           "under this context that the assembly occurred, and the vote was taken.”")
    assert any(q.kind == "direct" and q.text.startswith("was used to encourage") for q in a.quotes)


def test_continues_to_with_as_is_no_report() -> None:
    a = en("As President Donald Trump continues to surround himself with hawks, the drums are beating for war.")
    assert not a.quotes


def test_as_he_told_before_a_quote_keeps_the_quote_direct() -> None:
    a = en("The passage is old.\nAs He told Pontius Pilate at the time of His trial, “Thou shouldst not have any "
           "power against me, unless it were given thee from above” (John 19:10).")
    assert all(q.kind == "direct" for q in a.quotes) and a.quotes


def test_police_believe_is_reported_but_many_believe_is_not() -> None:
    a = en("Police believe Douglas Haig may have conspired with the gunman before the attack.\n"
           "Many believe the hotel could have done more to stop him.")
    assert [q.text for q in a.quotes] == ["Douglas Haig may have conspired with the gunman before the attack"]


def test_a_report_found_that_is_reported_but_investigators_found_his_passport_is_not() -> None:
    a = en("A House inspector general investigation found that Imran Awan made unauthorized access to servers.\n"
           "Investigators found his passport near the motel room where he was living.")
    assert [q.text for q in a.quotes] == ["Imran Awan made unauthorized access to servers"]


def test_the_ministry_is_the_one_ministry_the_article_names() -> None:
    a = en("The Russian Foreign Ministry summoned the British ambassador on Monday.\n"
           "The ministry said the expulsions were an unfriendly act that would not go unanswered.")
    assert said(a, "the expulsions").speaker == "Russian Foreign Ministry"


def test_two_ministries_leave_the_ministry_unnamed() -> None:
    a = en("The Russian Foreign Ministry and the Ukrainian Defence Ministry gave different figures.\n"
           "The ministry said the strikes had hit only military targets in the region.")
    assert said(a, "the strikes").speaker == "The ministry"
