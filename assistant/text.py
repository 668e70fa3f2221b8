"""Pure text helpers of the ground floor, one copy each: sentences, white space, bigram
similarity and query support, splitting outside brackets, CSV for Excel.

Every wing uses these; none of them knows about documents, indexes or questions.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from functools import lru_cache

from assistant.config import DATA_DIR
from assistant.numerals import as_written
from assistant.register import plain_register
from assistant.roles import roles_as_written

SENT_END = "。！？；!?;"
NUM_RE = re.compile(r"\d+(?:\.\d+)?")
# a year is 19xx/20xx followed by 年, or standing alone — not the start of an amount
# (2000万平方米, 2025.5, 2030个): a digit, unit or decimal point after it makes it a number
YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*年(?!代)|(?![\d%万亿千百余个户吨米平公元座处年]|多(?!少)|\.\d|s\b))")  # not 1990s, 1990年代, 2000多户
STOP_CHARS = set("的了是在和与及或等各其之把被对为向从以于也都就要将并且而但所这那哪些个么什吗呢？?，,。、；;：:！!“”\"'《》（）()【】[] \t\n")


def sentences(text: str, *, join_lines: bool = False) -> list[str]:
    """Split at 。！？； keeping the delimiter.  A new line also ends a sentence, unless
    ``join_lines``: then line breaks are removed first (a sentence wrapped by a page
    break in extracted text is one sentence)."""
    if join_lines:
        text = re.sub(r"\s*\n\s*", "", text or "")
    out: list[str] = []
    for para in (text or "").split("\n"):
        buf = ""
        for ch in para:
            buf += ch
            if ch in SENT_END:
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if buf.strip():
            out.append(buf.strip())
    return out


def has_any(text: str, words: Iterable[str]) -> bool:
    """Whether any of ``words`` is written in ``text``."""
    return any(w in text for w in words)


_BOOK_TITLE_RE = re.compile(r"《[^《》]*》")


def without_book_titles(text: str) -> str:
    """``text`` without the titles it quotes in 《》: a plan's name holds no word asked
    (《临河县城乡建设…》 holds 县城, 《2030年前碳达峰行动方案》 a year)."""
    return _BOOK_TITLE_RE.sub("", text)


_MARKER_RE = re.compile(r"\[\d+\]")


def without_markers(text: str, repl: str = "") -> str:
    """``text`` without its citation markers ([1], [12]): what an answer's line says, whatever it cites."""
    return _MARKER_RE.sub(repl, text)


def squeeze(text: str) -> str:
    """Remove all white space (documents write "2025 年" and "2025年" alike)."""
    return re.sub(r"\s+", "", text)


_FULL_WIDTH = str.maketrans(",;():", "，；（）：")


def squash(text: str) -> str:
    """White space removed and ASCII punctuation made full-width: PDF text and a table
    write the same sentence with different spaces and commas."""
    return squeeze(text or "").translate(_FULL_WIDTH)


def pairs(chars: Sequence[str]) -> set[str]:
    """Adjacent pairs of a character sequence: the one bigram primitive."""
    return {a + b for a, b in zip(chars, chars[1:])}


def bigrams(text: str) -> set[str]:
    """Character bigrams of the word characters (CJK, letters, digits) of ``text``: the
    unit of plain text overlap between two passages."""
    s = re.sub(r"[^\w]", "", squash(text))
    return pairs(s) if len(s) > 1 else ({s} if s else set())


def dice(a: str, b: str) -> float:
    """Bigram Dice similarity in [0, 1] (symmetric: labels, titles, indicators)."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _groups(name: str) -> tuple[tuple[str, ...], ...]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(tuple(ln.split()) for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Lines of ``data/synonyms.txt``: words that stand for each other; the first is the canonical one."""
    return _groups("synonyms.txt")


@lru_cache(maxsize=1)
def shorthand_groups() -> tuple[tuple[str, ...], ...]:
    """Lines of ``data/shorthand.txt``: a term, then shortenings typed for it (公建 for 公共建筑);
    read in questions only (:mod:`assistant.answering.shorthand`), never in the documents."""
    return _groups("shorthand.txt")


@lru_cache(maxsize=1)
def everyday_groups() -> tuple[tuple[str, ...], ...]:
    """Lines of ``data/everyday.txt``: a documents' term, then everyday words read as it (one way)."""
    return _groups("everyday.txt")


@lru_cache(maxsize=1)
def _synonym_re() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {w: g[0] for g in synonym_groups() for w in g[1:]}
    formal = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    # an everyday word reads as its term does: were a line 供热管网 暖气管子, 暖气管子 would read
    # 取暖管网, as 供热管网 itself does (供热 -> 取暖), so the question and the evidence agree
    table.update({w: formal.sub(lambda m: table[m.group(0)], g[0]) for g in everyday_groups() for w in g[1:]})
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), table


def synonym_key(word: str) -> bool:
    """Whether ``word`` stands for another word in the synonym or everyday tables (绿化用地
    for 绿地, 老房子 for 既有建筑), not a group's own canonical word."""
    return word in _synonym_re()[1]


def canonical(text: str) -> str:
    """Replace domain synonyms by their canonical word (供暖 -> 取暖), longest first."""
    pat, table = _synonym_re()
    return pat.sub(lambda m: table[m.group(0)], text)


def grams(text: str) -> frozenset[str]:
    """Character bigrams of the content characters (synonyms canonicalised), numbers whole."""
    return _grams(squeeze(text))


@lru_cache(maxsize=4096)
def _grams(text: str) -> frozenset[str]:
    t = canonical(text).lower()
    nums = set(NUM_RE.findall(t))
    t = NUM_RE.sub("#", t)
    chars = [c for c in t if c not in STOP_CHARS]
    return frozenset({g for g in pairs(chars) if "#" not in g} | nums)


#: the word segmenter of the question being answered: set by the facade around each
#: question (the index tokenizer's jieba, which knows the corpus words); a context variable,
#: so concurrent questions over different indexes never see each other's
WORD_CUTTER: ContextVar[Callable[[str], list[str]] | None] = ContextVar("word_cutter", default=None)


def _default_cut(text: str) -> list[str]:
    import jieba

    return list(jieba.lcut(text))


def cut_words(text: str) -> list[str]:
    """The words of ``text`` by the question's segmenter (:data:`WORD_CUTTER`), else jieba."""
    return (WORD_CUTTER.get() or _default_cut)(text)


def query_grams(query: str) -> frozenset[str]:
    """Bigrams *inside* the query's words, numbers whole: a bigram spanning two words
    (生活圈|规划 -> 圈规) is noise, not something the text must contain."""
    return _query_grams(query, WORD_CUTTER.get() or _default_cut)


@lru_cache(maxsize=2048)
def _query_grams(query: str, cut: Callable[[str], list[str]]) -> frozenset[str]:
    out: set[str] = set()
    for word in cut(canonical(squeeze(query)).lower()):
        if NUM_RE.fullmatch(word):
            out.add(word)
            continue
        out.update(pairs([c for c in word if c not in STOP_CHARS and not c.isdigit()]))
    out.update(NUM_RE.findall(squeeze(query)))
    return frozenset(out)


def support(query: str, text: str) -> float:
    """Share of the query's in-word bigrams/numbers found in ``text`` (0..1)."""
    q = query_grams(query)
    if not q:
        return 0.0
    return len(q & grams(text)) / len(q)


def split_outside_brackets(text: str, sep: re.Pattern[str], opens: str = "（(《“",
                           closes: str = "）)》”") -> list[str]:
    """Split at characters matching ``sep`` that are not inside brackets or quotes
    (各县（市、区）人民政府 stays one piece)."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth = max(0, depth - 1)
        if depth == 0 and sep.fullmatch(ch):
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


class GramWeights:
    """IDF weights of grams over a set of texts: what tells one text from the others.
    ``cover`` is the weighted share of one gram set found in another, so the distinctive
    words of a question (绿色) count more than those every candidate has (建筑, 比例)."""

    def __init__(self, gram_sets: Sequence[Iterable[str]]) -> None:
        df: dict[str, int] = {}
        for grams_ in gram_sets:
            for g in set(grams_):
                df[g] = df.get(g, 0) + 1
        n = max(1, len(gram_sets))
        self.idf = {g: math.log(1 + n / d) for g, d in df.items()}
        self.unseen = math.log(1 + n)

    def cover(self, query: Iterable[str], text: Iterable[str]) -> float:
        q, t = set(query), set(text)
        if not q:
            return 0.0
        w = {g: self.idf.get(g, self.unseen) for g in q}
        return sum(v for g, v in w.items() if g in t) / sum(w.values())


def missing_terms(tokens: Iterable[str], corpus_text: str) -> list[str]:
    """Content words of a question that occur nowhere in the corpus (synonyms allowed)."""
    canon_corpus = canonical(corpus_text)
    out = []
    for t in tokens:
        c = canonical(t)
        if t in corpus_text or c in canon_corpus:
            continue
        if any(c[:i] in canon_corpus and (c[i:] in canon_corpus or len(c) - i == 1)
               for i in range(2, len(c))):
            continue  # a compound of words the corpus has (建筑+面积, 任务+量) may be paraphrase
        out.append(t)
    return out


def numbers(text: str) -> set[str]:
    return set(NUM_RE.findall(squeeze(text)))


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a UTF-8 byte-order mark, so Excel opens the Chinese text intact; list
    values are joined with ；."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    for row in rows:
        w.writerow(["；".join(map(str, v)) if isinstance(v, (list, tuple)) else ("" if v is None else v)
                    for v in row])
    return "\ufeff" + buf.getvalue()


_WIDE = {**{0xFF10 + i: ord("0") + i for i in range(10)}, **{0xFF21 + i: ord("A") + i for i in range(26)},
         **{0xFF41 + i: ord("a") + i for i in range(26)}, 0xFF05: ord("%"), 0x3000: ord(" ")}
_WIDE_POINT_RE = re.compile(r"(?<=\d)．(?=\d)")
@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        return lambda s: s
    return opencc.OpenCC("t2s").convert  # type: ignore[no-any-return]


#: the country's name before a national body's (中华人民共和国住房和城乡建设部): the plans write none
_COUNTRY_RE = re.compile(r"中华人民共和国(?=[\u4e00-\u9fa5]{2,14}?(?:部(?!门)|委员会|总局|局|署))")


def normalize_question(text: str) -> str:
    """A question as the documents write: traditional characters made simplified (OpenCC),
    full-width digits, letters and % made half-width (２０２５年 -> 2025年), a year in
    Chinese digits or shortened made whole (二〇二五年, '25年, 25年 -> 2025年), a month and day
    in Chinese numerals in digits (六月二十七日 -> 6月27日), 廿/卅 as 二十/三十, role words as
    the plans write them (谁主抓 -> 谁牵头, 打下手 -> 配合), the formal register in everyday words
    (之任务为何 -> 的任务是什么).  Chinese punctuation stays as it is."""
    text = as_written(_WIDE_POINT_RE.sub(".", text.translate(_WIDE)))
    return roles_as_written(plain_register(_COUNTRY_RE.sub("", _t2s()(text).replace("甚么", "什么"))))  # 甚麼: OpenCC keeps 甚


def trailing_paren(par: str) -> tuple[int, int] | None:
    """Span of the parenthesis that closes a paragraph (a final 。 or ； may follow it)."""
    s = par.rstrip()
    if s.endswith(("。", "；", ";")):
        s = s[:-1].rstrip()
    if not s.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        if s[i] in "）)":
            depth += 1
        elif s[i] in "（(":
            depth -= 1
            if depth == 0:
                return (i, len(s)) if i > 0 else None
    return None
