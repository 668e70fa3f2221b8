"""Tokenizer tests (synthetic strings and the synthetic documents in synthetic_index_docs)."""

from __future__ import annotations

import pytest
from synthetic_index_docs import make_doc

from assistant.search.tokenize import Tokenizer, corpus_terms, read_word_list


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer(["清洁取暖", "市城市管理局", "城市管理局"])


def test_user_words_kept_whole(tok: Tokenizer) -> None:
    tokens = tok("清洁取暖由市城市管理局牵头")
    assert "清洁取暖" in tokens
    assert "市城市管理局" in tokens


def test_without_user_words_the_unit_is_split() -> None:
    plain = Tokenizer([])
    assert "市城市管理局" not in plain("清洁取暖由市城市管理局牵头")


def test_subwords_give_recall_for_shorter_forms(tok: Tokenizer) -> None:
    # a question saying 城市管理局 must share a token with a row saying 市城市管理局
    assert "城市管理局" in tok("市城市管理局")
    assert "城市管理局" in tok("城市管理局负责什么")


def test_stopwords_and_punctuation_removed(tok: Tokenizer) -> None:
    tokens = tok("清洁取暖由哪个部门牵头？，。 \u3000")
    for w in ("由", "哪个", "？", "，", "。", " ", ""):
        assert w not in tokens
    assert "部门" in tokens and "牵头" in tokens


def test_numbers_kept_and_ascii_lowercased(tok: Tokenizer) -> None:
    tokens = tok("到２０２５年BIM应用率达到55%")
    assert "2025" in tokens
    assert "55%" in tokens
    assert "bim" in tokens and "BIM" not in tokens


def test_same_tokens_for_query_and_document(tok: Tokenizer) -> None:
    text = "全面推进海绵城市建设，清洁取暖改造由市城市管理局牵头。"
    assert tok(text) == tok(text)
    doc_tokens = set(tok(text))
    assert set(tok("海绵城市建设")) <= doc_tokens


def test_dict_hash_tracks_vocabulary() -> None:
    a = Tokenizer(["清洁取暖"])
    assert a.dict_hash == Tokenizer(["清洁取暖"]).dict_hash
    assert a.dict_hash != Tokenizer(["清洁取暖", "海绵城市"]).dict_hash
    assert a.dict_hash != Tokenizer(["清洁取暖"], stopwords=["的"]).dict_hash


def test_round_trip_through_dict(tok: Tokenizer) -> None:
    again = Tokenizer.from_dict(tok.to_dict())
    assert again.dict_hash == tok.dict_hash
    assert again("清洁取暖由市城市管理局牵头") == tok("清洁取暖由市城市管理局牵头")
    bad = {**tok.to_dict(), "dict_hash": "0" * 16}
    with pytest.raises(ValueError):
        Tokenizer.from_dict(bad)


def test_instances_do_not_share_state() -> None:
    Tokenizer(["合成专用词语甲乙"])
    assert "合成专用词语甲乙" not in Tokenizer([])("合成专用词语甲乙")


def test_corpus_terms_from_synthetic_document() -> None:
    terms = corpus_terms([make_doc()])
    for t in ("市城市管理局", "城市管理局", "市住房和城乡建设局", "住房和城乡建设局",
              "推进合成示范街区节水改造", "清洁取暖示范", "示范任务"):
        assert t in terms, t
    assert "清洁取暖" in terms and "海绵城市" in terms  # from domain_terms.txt
    assert not any(t.startswith("（") for t in terms)  # clause numbering stripped


def test_word_lists_are_clean() -> None:
    from assistant.search.tokenize import DOMAIN_TERMS_FILE, STOPWORDS_FILE

    stop = read_word_list(STOPWORDS_FILE)
    domain = read_word_list(DOMAIN_TERMS_FILE)
    assert "的" in stop and "哪个" in stop
    assert not set(stop) & set(domain)
    assert all(not w.startswith("#") for w in stop + domain)


def test_evidence_cut_sentence_by_sentence_gives_the_words_of_the_whole() -> None:
    """Evidence is cut piece by piece so quoted passages are cut once (memoised): the same
    words as cutting it whole, and a caller may change the list it gets back."""
    from assistant.answering.answerable import _words_of
    from assistant.search.tokenize import Tokenizer

    tok = Tokenizer(user_words=["海绵城市", "可渗透面积"])
    text = "全面推进海绵城市建设。到2030年城市建成区可渗透面积比例达45%；\n合成测试：新建建筑执行节能标准。"
    whole = [w for w in tok.words(text) if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w)]
    assert _words_of(text, tok.words) == list(dict.fromkeys(whole))
    got = tok.words(text)
    got.append("改动")
    assert "改动" not in tok.words(text)
