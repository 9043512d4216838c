"""One test per crawl-text extraction rule, on real lines from the pages of the Zyte
article-extraction benchmark (MIT; github.com/scrapinghub/article-extraction-benchmark;
page texts belong to their sites and are quoted a line at a time). Whole-page tests read
the benchmark from ../shared and skip when it is absent."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from whimbrel.extract.boilerplate import (
    COMMENT_COUNT,
    END_MARKER_WEIGHT,
    SECTION_END,
    SKIP_LINES,
    STAMP_WEIGHT,
    TEASER_WEIGHT,
    find_article,
    is_headline_like,
    is_prose,
    is_stamp,
    join_broken_lines,
    line_weight,
    lowercase_ratio,
)
from whimbrel.extract.metadata import Byline, parse_byline, parse_datetime

ZYTE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "article_extraction_benchmark_zyte"

# CRN, "Tim Cook On Apple Being ‘Pulled Into The Enterprise’": a menu run together into one line
CRN_MENU = ("Latest News Applications OS Channel Programs Cloud Components & Peripherals Data Center "
            "Internet of Things Managed Services Mobility Networking Running Your Business Security "
            "Storage Virtualization")
CRN_PROSE = ("Apple was \"pulled into the enterprise,\" CEO Tim Cook said Tuesday in a fireside chat "
             "with Salesforce founder and co-CEO Marc Benioff.")


def _zyte_text(prefix: str) -> tuple[str, str]:
    if not (ZYTE / "ground-truth.json").is_file():
        pytest.skip("../shared/data/article_extraction_benchmark_zyte is not present")
    pytest.importorskip("lxml")
    from whimbrel.eval.crawltext import html_to_visible_text

    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8"))
    page_id = next(k for k in truth if k.startswith(prefix))
    html_text = gzip.decompress((ZYTE / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    return html_to_visible_text(html_text), truth[page_id]["articleBody"]


# -- line classes ---------------------------------------------------------------------

def test_capitalised_menu_run_together_is_not_prose():
    assert lowercase_ratio(CRN_MENU) < 0.2
    assert not is_prose(CRN_MENU)
    assert line_weight(CRN_MENU) < 0
    assert lowercase_ratio(CRN_PROSE) > 0.5
    assert is_prose(CRN_PROSE) and line_weight(CRN_PROSE) == len(CRN_PROSE.split())


def test_short_sentences_count_half():
    # CRN: a four-word paragraph of the article
    assert line_weight("Cook said the admiration is mutual.") == pytest.approx(3.0)


def test_date_only_lines_are_stamps():
    for line in ["Nov. 19, 2019 8:03 am ET", "November 19, 2019 at 6:34 am", "11/20/2019 01:14 PM",
                 "Wednesday November 20, 2019", "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)"]:
        assert is_stamp(line), line
        assert line_weight(line) == STAMP_WEIGHT, line
    assert not is_stamp("The 2021 RAV4 Prime will be able to go 39 miles")
    assert not is_stamp("Opening Bell 11.18.19 Nov")


def test_comment_lines_and_teasers_weigh_against_the_run():
    for line in [
        "thelastchargersfan says:",                                   # ProFootballTalk comments
        "Milan Griffes on September 12, 2018 at 4:47 pm said:",      # GiveWell blog comments
        "2 days ago at 07:52 am",                                     # MacRumors comments
        "Rating: 36 Votes",
        "Microsoft removes the safeguard hold for Windows 10 users with Realtek Bluetooth...",
    ]:
        assert line_weight(line) == TEASER_WEIGHT, line
    # an article line that introduces a quote is not a comment header (Express)
    assert line_weight("Cheuk Hau-yip, the commander of Kowloon West district, said:") > 0


def test_section_end_headings():
    for line in ["34 responses to “Anthony Lynn: “We needed to win this game””", "Leave a Reply",
                 "Comments are closed.", "Share this:", "Top Rated Comments", "About the Author",
                 "Join the conversation..."]:
        assert SECTION_END.match(line), line
        assert line_weight(line) == END_MARKER_WEIGHT, line
    for line in ["Comments", "[ 167 comments ]", "View Comments", "44 comments"]:
        assert COMMENT_COUNT.match(line) and not SECTION_END.match(line), line
    assert not SECTION_END.match("Comments on the plan were due by Friday.")


def test_soft_end_markers():
    for line in ["Related articles", "You may also like", "MORE STORIES LIKE THIS ONE", "Related Stories"]:
        assert line_weight(line) == END_MARKER_WEIGHT, line


def test_captions_credits_and_share_buttons_are_noise():
    for line in ["Image copyright EPA", "Media playback is unsupported on your device",
                 "Image caption Eva-Marie Persson said the decision had been taken after interviews",
                 "Photo: Damian Dovarganes, AP", "Click to share on Facebook (Opens in new window)",
                 "Share this on Twitter", "Getty Images", "Photo by Kirk Irwin/Getty Images"]:
        assert SKIP_LINES.match(line), line
        assert line_weight(line) == 0.0
    assert not SKIP_LINES.match("Photographers gathered outside the embassy on Thursday.")


def test_in_article_links_credits_and_widgets_are_noise():
    for line in [
        "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",   # FT/Al Jazeera
        "SEE MORE: Hong Kong protests: 800 students under siege in university",           # Express
        "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",  # CRN
        "Related: The 15 Weirdest Galaxies in Our Universe",                             # Live Science
        "Protesters do not want Hong Kong to lose its autonomy (Image: getty )",          # Express caption
        "The first global geologic map of Titan. (NASA/JPL-Caltech/ASU) (Image: NASA)",
        "FILE PHOTO: Traders work on the floor at the New York Stock Exchange (NYSE)",   # Reuters
        "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
        "This slideshow requires JavaScript.", "Advert", "AddThis Sharing Buttons",
        "Like this story? Share it with a friend!",
    ]:
        assert SKIP_LINES.match(line), line
    # article sentences that merely mention these words stay
    for line in ["More than 100 million people may have perished.",
                 "Related charges were filed against two jail guards on Tuesday.",
                 "The company said it would follow the ruling."]:
        assert not SKIP_LINES.match(line), line


def test_headline_like_lines():
    assert is_headline_like("Julian Assange: Sweden drops rape investigation")
    assert is_headline_like("Anthony Lynn: “We needed to win this game”")
    assert not is_headline_like("Read more about sharing.")
    assert not is_headline_like("Chris Davies - Nov 19, 2019, 10:31 pm CST")  # a byline with a date
    assert not is_headline_like("Sections")


# -- metadata ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Chris Davies - Nov 19, 2019, 10:31 pm CST", Byline("Chris Davies", "2019-11-19T22:31")),
    ("By Tess Bonn - 11/19/19 06:56 AM EST", Byline("Tess Bonn", "2019-11-19T06:56")),
    ("LinkNaija October 06, 2018", Byline("LinkNaija", "2018-10-06")),
    ("Posted by Michael David Smith on November 19, 2019, 6:21 AM EST",
     Byline("Michael David Smith", "2019-11-19T06:21")),
    ("By Joseph Tsidulko November 19, 2019, 07:47 PM EST", Byline("Joseph Tsidulko", "2019-11-19T19:47")),
    ("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", Byline("Umair Irfan", "2019-11-13T10:28")),
    ("By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z", Byline("Tim Childers", "2019-11-19T12:48")),
])
def test_byline_forms_from_real_pages(line, expected):
    assert parse_byline(line) == expected


def test_not_bylines():
    assert parse_byline("In February, China released a 12-point document") is None
    assert parse_byline("Wednesday November 20, 2019") is None
    assert parse_byline("March 13, 2019") is None


def test_datetime_forms():
    assert parse_datetime("2019-11-19T12:48:14Z") == "2019-11-19T12:48"
    assert parse_datetime("11/19/19 06:56 AM EST") == "2019-11-19T06:56"


# -- whole pages --------------------------------------------------------------------------

def test_subheadings_inside_the_run_are_kept():
    """BBC: the densest run holds the subheadings and a correspondent's name; the share
    bar above and captions inside are dropped; the headline is found above the body."""
    text, gold = _zyte_text("c7e39ac49f")
    page = find_article(text)
    for line in ["What did the prosecutors say?", "One chapter over, another barely begun",
                 "Caroline Hawley, BBC diplomatic correspondent"]:
        assert line in gold and line in page.paragraphs
    assert page.paragraphs[0].startswith("Prosecutors in Sweden have dropped an investigation")
    assert not any(p.startswith(("Image caption", "Media caption", "Image copyright")) for p in page.paragraphs)
    assert page.title == "Julian Assange: Sweden drops rape investigation"


def test_comment_section_ends_the_article():
    """ProFootballTalk: four paragraphs, then "Share this:" and 34 comments."""
    text, gold = _zyte_text("8e3efab59f")
    page = find_article(text)
    assert page.paragraphs[-1].startswith("At 4-7, including 2-6 in the AFC")
    assert len(page.paragraphs) == 4
    assert page.title == "Anthony Lynn: “We needed to win this game”"
    assert page.byline == Byline("Michael David Smith", "2019-11-19T06:21")


def test_comment_counter_followed_by_a_comment_ends_the_article():
    """GiveWell blog: a short post, "Comments", then "X on <date> said:" comments."""
    text, gold = _zyte_text("ac3c035520")
    page = find_article(text)
    assert page.paragraphs[0].startswith("Our goal with hosting quarterly open threads")
    assert not any("said:" in p for p in page.paragraphs)
    assert len(page.paragraphs) <= 3


def test_densest_run_not_first_prose():
    """CRN: menus run together into long lines come first; the article is found after."""
    text, gold = _zyte_text("291a8bf33e")
    page = find_article(text)
    assert CRN_PROSE in page.paragraphs
    assert not any(p.startswith("Latest News Applications") for p in page.paragraphs)
    assert page.title == "Tim Cook On Apple Being ‘Pulled Into The Enterprise’"
    assert page.byline == Byline("Joseph Tsidulko", "2019-11-19T19:47")


def test_tag_clouds_and_keyword_lists_are_not_prose():
    # jaraguadosul.com.br tag cloud and autoracing.com.br tag list: many words, no sentence
    cloud = ("adote um amigo agua alerta ambiente amizade atendimento atirador bem-estar biblioteca "
             "caminhada campanha cancer capacitacao carnaval casamento cidade comunitario cultura "
             "curso dengue desfile educacao emprego esporte evento exposicao feira festa")
    tags = ("calendario stock car 2018, stock car brasil, stock car cascavel, stock car corrida milhão, "
            "stock car interlagos, stock car londrina, stock car santa cruz do sul, stock car tarumã")
    assert not is_prose(cloud) and line_weight(cloud) < 0
    assert not is_prose(tags) and line_weight(tags) < 0


def test_cjk_sentences_end_with_ideographic_full_stop():
    # lhpat-tm.com (Japanese patent-office blog): a one-sentence paragraph
    line = "もちろん、Apple社は「脱獄」を認めていません。"
    assert line_weight(line) > 0


def test_broken_sentences_are_joined_but_not_bylines():
    # bahamaslocal.com (trafilatura evaluation set): a sentence broken by markup
    joined = join_broken_lines([
        "Atlantis Paradise Island and Dolphin Cay is yet again exercising its commitment as a good",
        "corporate citizen by doing its part to assist local non-profits.",
    ])
    assert joined == ["Atlantis Paradise Island and Dolphin Cay is yet again exercising its commitment as a "
                      "good corporate citizen by doing its part to assist local non-profits."]
    # Washington Examiner: headline, then a lower-case byline
    assert join_broken_lines(["Why Beijing will bring slaughter to Hong Kong", "by Tom Rogan"]) == [
        "Why Beijing will bring slaughter to Hong Kong", "by Tom Rogan"]


def test_photo_captions_printed_twice_are_left_out():
    """Houston Chronicle (AP story): a gallery repeats its 40-word captions above the
    article; the body starts at the dateline."""
    text, gold = _zyte_text("db6b0816c6")
    page = find_article(text)
    assert page.paragraphs[0].startswith("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper")
    assert not any("shake hands" in p for p in page.paragraphs)
    assert page.title == "Esper accuses China of intimidating smaller Asian nations"


def test_teaser_list_after_the_article_is_cut_at_its_date_line():
    """Washington Examiner: after the op-ed, a list of headline / author / date / summary."""
    text, gold = _zyte_text("e4c6a3b482")
    page = find_article(text)
    assert page.paragraphs[-1] == "In short, slaughter is likely coming to Hong Kong."
    assert page.title == "Why Beijing will bring slaughter to Hong Kong"


def test_title_like_first_line_picks_the_headline():
    """Fox News: a video teaser headline stands nearest the body; a crawler that saves
    the page's <title> as the first line ("… | Fox News") lets the headline win."""
    if not (ZYTE / "ground-truth.json").is_file():
        pytest.skip("../shared/data/article_extraction_benchmark_zyte is not present")
    lxml_html = pytest.importorskip("lxml.html")
    from whimbrel.eval.crawltext import html_to_visible_text

    path = next((ZYTE / "html").glob("7dfc3e359d*.html.gz"))
    html_text = gzip.decompress(path.read_bytes()).decode("utf-8")
    text = html_to_visible_text(html_text)
    page_title = " ".join(lxml_html.document_fromstring(html_text).findtext(".//title").split())
    assert page_title.endswith("| Fox News")
    assert find_article(text).title == "Fox News Flash top entertainment headlines for Nov. 19"
    assert find_article(f"{page_title}\n{text}").title == (
        "James Van Der Beek eliminated from 'Dancing with the Stars' after announcing wife suffered miscarriage")


def test_a_site_speaking_about_itself_is_not_article_prose():
    from whimbrel.extract.boilerplate import SITE_PROSE

    for line in [
        # trafilatura evaluation set (Jamaica Observer, The Points Guy, New York Magazine)
        "Please understand that comments are moderated and it is not always possible to publish all "
        "that have been submitted.",
        "This post contains references to products from one or more of our advertisers.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
        # Zyte benchmark (Ascom press release)
        "Stay up to date with Ascom. Subscribe to our newsletter.",
    ]:
        assert SITE_PROSE.search(line), line
        assert line_weight(line) < 0, line
    # news about subscriptions and commissions is article prose (LA Times, VentureBeat)
    for line in [
        "Disney’s tech teams isolated the problem, Mayer said, and “patched” the software as the company "
        "continued to sign up additional subscribers throughout the week.",
        "Bloomberg News reported on Friday that WeWork is facing scrutiny from the U.S. Securities and "
        "Exchange Commission over whether it violated financial rules.",
    ]:
        assert not SITE_PROSE.search(line), line
        assert line_weight(line) > 0, line
