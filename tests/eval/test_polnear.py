"""PolNeAR reading and quote scoring on the real corpus files (dev split)."""

from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel.eval.polnear import evaluate_polnear, predicted_attributions, read_ann, split_files
from whimbrel.eval.quote_score import SpanQuote, Tally, normalise, same_name
from whimbrel.model import Quote

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
POLNEAR = SHARED / "data" / "polnear"
DOC = "breitbart_2016-09-12_stealth-over-health-hillary-clin"


@pytest.fixture(scope="module")
def polnear() -> Path:
    if not (POLNEAR / "data" / "dev").exists():
        pytest.skip("PolNeAR not available")
    return POLNEAR


@pytest.fixture(scope="session")
def nlp(pipeline):
    """The pipeline's spaCy model (loaded once per session by the root conftest)."""
    return pipeline.nlp


def test_read_ann_gives_source_cue_content(polnear):
    pairs = dict((t.stem, a) for t, a in split_files(polnear, "dev"))
    text = (polnear / "data" / "dev" / "text" / f"{DOC}.txt").read_text(encoding="utf-8")
    rels = read_ann(pairs[DOC])
    assert len(rels) == 6  # six E lines in this file
    first = rels[0]
    assert text[slice(*first.speaker)] == "The New York Post"
    assert text[slice(*first.cue)] == "reports"
    assert text[slice(*first.hull)].startswith("that Hillary Clinton’s team avoided")
    # the content is scored without "that" and the closing quotation mark
    s, e = normalise(text, *first.hull)
    assert text[s:e].startswith("Hillary Clinton’s team") and text[s:e].endswith("under wraps")


def test_split_files_pairs_every_dev_text_with_one_annotation(polnear):
    pairs = split_files(polnear, "dev")
    assert len(pairs) == 84
    assert all(a.stem.startswith(t.stem) for t, a in pairs)
    with pytest.raises(FileNotFoundError):
        evaluate_polnear(polnear, "no-such-split", limit=1)


def test_discontinuous_content_is_read_as_pieces(polnear):
    ann = next((polnear / "data" / "dev" / "attributions").glob("breitbart_2016-09-15_pat-caddell*.ann"))
    multi = [r for r in read_ann(ann) if len(r.pieces) > 1]
    assert multi and all(a[1] <= b[0] for r in multi for a, b in zip(r.pieces, r.pieces[1:]))


def test_quotes_sharing_a_cue_are_one_attribution():
    # '"Here comes Big Daddy," she said, clapping. "The Donald. Big Daddy."'
    a = Quote(10, 30, "x", kind="direct", cue="said", cue_start=40, cue_end=44,
              speaker_start=36, speaker_end=39)
    b = Quote(60, 80, "y", kind="direct", cue="said", cue_start=40, cue_end=44,
              speaker_start=36, speaker_end=39)
    c = Quote(90, 99, "z", kind="indirect", cue="told", cue_start=100, cue_end=104)
    atts = predicted_attributions([a, b, c])
    assert [x.pieces for x in atts] == [[(10, 30), (60, 80)], [(90, 99)]]
    assert atts[0].speaker == (36, 39) and atts[1].speaker is None


def test_tally_overlap_exact_and_token_scores():
    text = "Trump said that the wall will be built soon, and the aides agreed."
    gold = [SpanQuote([(11, 43)], speaker=(0, 5), cue=(6, 10))]       # "that the wall … soon"
    pred = [SpanQuote([(16, 37)], speaker=(0, 5), cue=(6, 10)),        # "the wall will be built"
            SpanQuote([(49, 65)], speaker=None, cue=None)]             # a false alarm
    t = Tally()
    t.add(text, pred, gold)
    m = t.metrics()
    assert m["overlap_p"] == 0.5 and m["overlap_r"] == 1.0            # 21 of 27 chars ≥ 50 %
    assert m["exact_f1"] == 0.0 and m["speaker_acc"] == 1.0 and m["cue_acc"] == 1.0
    assert m["token_r"] == 0.8333                                      # 5 of 6 gold words
    assert same_name("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan") and not same_name("Xi", "Qin Gang")


def test_polnear_dev_floors(polnear, nlp):
    # measured 2026-11-29 on the first 20 dev articles (en_core_web_md 3.8): overlap
    # P 0.805 R 0.366 F1 0.503, token (Citron) F1 0.664, speaker 0.925, cue 0.948.
    # Full dev split (84 articles): overlap P 0.871 R 0.401 F1 0.549, token F1 0.722,
    # speaker 0.949, cue 0.959.
    result = evaluate_polnear(polnear, "dev", limit=20, nlp=nlp)
    m = result["metrics"]
    assert result["n_docs"] == 20 and result["n_gold"] > 400
    assert m["overlap_p"] >= 0.77
    assert m["overlap_f1"] >= 0.47
    assert m["token_f1"] >= 0.62
    assert m["speaker_acc"] >= 0.89
    assert m["cue_acc"] >= 0.92
