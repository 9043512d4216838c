"""Speaker names as the article writes them (gold guidelines, Quotes: "the speaker's full name
as the article gives it"): titles dropped, the article's spelling kept over the actor tables'."""

from __future__ import annotations

from whimbrel.annotate.quotes.speakers import as_written
from whimbrel.model import Article, article_id


def test_as_written_keeps_the_article_spelling_and_drops_titles():
    # Wikinews 2019 rows 120 and 19; dictionary spellings differ from the article's
    assert as_written("Mohammed bin Salman", "Crown Prince Mohammad bin Salman") == "Mohammad bin Salman"
    assert as_written("Graciano Mijares", "Chief Superintendent Graciano Mijares") == "Graciano Mijares"
    assert as_written("Volodymyr Zelenskyy", "Ukrainian President Volodymyr Zelensky's") == "Volodymyr Zelensky"
    # a short mention cannot give the full name; another person's name is not taken
    assert as_written("Sergey Lavrov", "Lavrov") == "Sergey Lavrov"
    assert as_written("Sergey Lavrov", "Foreign Minister Qin Gang") == "Sergey Lavrov"


def test_quote_by_pronoun_names_the_crown_prince_as_the_article_spells_him(pipeline):
    # Wikinews 2019 row 120 (2019-09-29)
    text = ("The previous day, television broadcaster PBS revealed that in December, Crown Prince Mohammad "
            "bin Salman of Saudi Arabia accepted responsibility for the murder of journalist Jamal Khashoggi "
            "but did not say he'd ordered it.  Speaking to Martin Smith of PBS, he said, \"It happened under "
            "my watch. I get all the responsibility, because it happened under my watch.\"")
    art = Article(id=article_id(None, text), body=text, published="2019-09-29", paragraphs=((0, len(text)),))
    (done,) = [a for a in pipeline.annotate([art]) if isinstance(a, Article)]
    quote = next(q for q in done.quotes if q.text.startswith("It happened under my watch"))
    assert quote.speaker == "Mohammad bin Salman"
    assert quote.speaker_code == "SAU GOV"
