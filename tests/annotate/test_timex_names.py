"""Names and clock times that look like dates (break-it pass over real articles): a
programme title, a station call sign and a 24-hour UTC time are no calendar dates."""

from __future__ import annotations

from datetime import date

from whimbrel.annotate.timex import find_timexes


def _found(text: str, dct: date) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_timexes(text, dct)]


def test_programme_title_is_not_this_morning():
    # PolNeAR west-journal_2016-09-26 (dev) and wash-post_2016-06-27
    assert _found("Clinton campaign manager Robby Mook told CBS This Morning on Monday that the Clinton "
                  "campaign expects the moderators to fact check.", date(2016, 9, 26)) == \
        [("on Monday", "2016-09-26")]
    assert _found('Asked why he had yet to endorse Clinton during an appearance Friday on "CBS This '
                  'Morning," Sanders said he had not heard her say it.', date(2016, 6, 27)) == \
        [("Friday", "2016-06-24")]


def test_sentence_initial_deictic_is_still_a_date():
    # the rule needs a capitalised word before the expression on its line
    assert _found("The minister resigned. Today the party meets to choose a successor.",
                  date(2019, 7, 15)) == [("Today", "2019-07-15")]
    assert _found("Police arrested Mr. Smith. This morning he was released.", date(2019, 7, 15)) == \
        [("This morning", "2019-07-15")]


def test_call_sign_is_not_a_quarter():
    # SemEval-2019 hyperpartisan sample: "Q13 FOX correspondent and anchor Brandi Kruse reports"
    assert _found("Q13 FOX correspondent and anchor Brandi Kruse reports that the show went on.",
                  date(2018, 8, 20)) == []
    assert _found("Sales rose in Q3 2018.", date(2019, 1, 10)) == [("Q3 2018", "2018-Q3")]


def test_utc_clock_time_is_not_a_year():
    # Wikinews 2019 row 71 (2019-07-15)
    text = ("At 4:42 local time on Saturday (2024 Friday, UTC), an earthquake struck Surigao del Sur, "
            "Philippines.")
    found = _found(text, date(2019, 7, 15))
    assert ("2024", "2024") not in found
    assert found == [("4:42 local time on Saturday", "2019-07-13T04:42"), ("Friday", "2019-07-12")]
    assert _found("In 2018 Friday prayers were cancelled.", date(2019, 1, 10))[0] == ("In 2018", "2018")


def test_a_date_in_a_name_does_not_move_the_story(pipeline):
    # free text: "the following day" counts from the Thursday meeting, not from "the December 1
    # port agreement" named in between
    from whimbrel.model import Article, article_id

    text = ("On Thursday, an assembly of several defence ministers in Nairobi condemned the security pact "
            "between Ethiopia and Somaliland. They declared that the December 1 port agreement between "
            "Ethiopia and Somaliland is \"without legal effect\".\n\nIn a statement released the following "
            "day, the Ethiopian Ministry of Foreign Affairs rejected the conclusions of the meeting.")
    art = Article(id=article_id(None, text), body=text, published="2024-01-13",
                  paragraphs=((0, text.index("\n\n")), (text.index("In a statement"), len(text))))
    (done,) = [a for a in pipeline.annotate([art]) if isinstance(a, Article)]
    assert [(t.text, t.value) for t in done.timexes] == [
        ("On Thursday", "2024-01-11"), ("December 1", "2023-12-01"), ("the following day", "2024-01-12")]
