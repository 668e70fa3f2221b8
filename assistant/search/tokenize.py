"""Chinese word tokenizer for BM25: one jieba instance with the corpus' own vocabulary.

Why a private ``jieba.Tokenizer`` rather than the global ``jieba`` state: user words
added for one index (unit names, clause titles) must not leak into another index or a
test, and the exact vocabulary has to be reproducible from the manifest (``dict_hash``).

Queries and documents go through the same ``__call__``.  Besides jieba's precise cut it
emits the dictionary words *inside* each long token (a generalised "search mode"), so
"住房和城乡建设局" in a question still matches "市住房和城乡建设局" in a table row.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import DATA_DIR

if TYPE_CHECKING:
    from assistant.types import Document

log = logging.getLogger(__name__)

TOKENIZER_VERSION = "1"  # bump when __call__ changes behaviour: it goes into dict_hash
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
DOMAIN_TERMS_FILE = DATA_DIR / "domain_terms.txt"

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_HAS_WORD_CHAR = re.compile(r"[0-9a-z\u3400-\u9fff]")
_UNIT_PREFIX = re.compile(r"^(市|县|区)(?=.{3,}$)")
_MAX_SUBWORD = 8
MAX_HMM_UNKNOWN = 8  # characters outside the dictionary up to which POS tagging runs jieba's HMM  # longest dictionary word looked for inside a long token
_NUMBERING = re.compile(r"^\s*([（(][一二三四五六七八九十百零〇]+[)）]|[一二三四五六七八九十百]+、|\d+[.、])\s*")
_JIEBA_WORD = re.compile(r"[\u4e00-\u9fd5a-z0-9]{2,20}")  # what jieba can match as one user word


def read_word_list(path: Path) -> list[str]:
    """Lines of a word list, without comments and blanks."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) then ASCII lower case."""
    return unicodedata.normalize("NFKC", text).translate(_ASCII_LOWER)


def resources_hash() -> str:
    """Hash of everything the tokenizer depends on *besides* the corpus-derived words.

    ``index_status`` compares it without reading any document (the corpus-derived words
    can only change when a document changes, which the document hashes already catch).
    """
    import jieba

    h = hashlib.sha256()
    for part in (TOKENIZER_VERSION, jieba.__version__, STOPWORDS_FILE.read_text("utf-8"),
                 DOMAIN_TERMS_FILE.read_text("utf-8")):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


_base_dict: tuple[dict[str, int], int] | None = None


def _fresh_jieba() -> Any:
    """A jieba.Tokenizer with the default dictionary; the ~0.5 s dictionary load is paid
    once per process and later instances get a private copy of the prefix dictionary."""
    global _base_dict
    import jieba

    tk = jieba.Tokenizer()
    if _base_dict is None:
        tk.initialize()
        _base_dict = (dict(tk.FREQ), tk.total)
    else:
        tk.FREQ, tk.total = dict(_base_dict[0]), _base_dict[1]
        tk.initialized = True
    return tk


#: modal and auxiliary verbs, which jieba's HMM glues to the verb after them
_MODALS = frozenset("能会可要应该得需将")
#: words a year's 年 opens (2025年底, 2030年前): the rest are cut apart from it (2027年 老小区)
_YEAR_WORDS = frozenset({"年底", "年末", "年初", "年内", "年度", "年中", "年前", "年后", "年间", "年均", "年以来",
                         "年以前", "年以后", "年以内", "年起"})


class Tokenizer:
    """Callable ``text -> list[str]`` for BM25, identical for documents and queries."""

    def __init__(self, user_words: Iterable[str] = (), stopwords: Iterable[str] | None = None) -> None:
        try:
            import jieba
        except ImportError as e:  # pragma: no cover - dependency is declared
            raise ImportError("jieba is required for the tokenizer: pip install jieba") from e
        jieba.setLogLevel(logging.WARNING)  # jieba logs every dictionary load at DEBUG to stderr
        self.user_words: list[str] = sorted({normalize(w).strip() for w in user_words if w.strip()})
        if stopwords is None:
            stopwords = read_word_list(STOPWORDS_FILE)
        self.stopwords: frozenset[str] = frozenset(normalize(w).strip() for w in stopwords if w.strip())
        self._jieba: Any = _fresh_jieba()
        for w in self.user_words:
            self._jieba.add_word(w)
        h = hashlib.sha256()
        for part in (TOKENIZER_VERSION, jieba.__version__, "\n".join(self.user_words),
                     "\n".join(sorted(self.stopwords))):
            h.update(part.encode("utf-8"))
            h.update(b"\x1f")
        self.dict_hash: str = h.hexdigest()[:16]
        self._expand = lru_cache(maxsize=65536)(self._expand_uncached)
        self._words = lru_cache(maxsize=8192)(self._words_uncached)  # passages are cut again and again
        self._pos: Any = None
        self._tagged = lru_cache(maxsize=1024)(self._tagged_uncached)
        log.debug("tokenizer ready: %d user words, %d stopwords, dict_hash=%s",
                  len(self.user_words), len(self.stopwords), self.dict_hash)

    def _keep(self, token: str) -> bool:
        return bool(_HAS_WORD_CHAR.search(token)) and token not in self.stopwords

    def _expand_uncached(self, token: str) -> tuple[str, ...]:
        """The token plus every dictionary word strictly inside it (search-mode recall)."""
        out = [token]
        n = len(token)
        if n > 2 and not token.isascii():
            freq = self._jieba.FREQ
            for size in range(2, min(n - 1, _MAX_SUBWORD) + 1):
                for i in range(n - size + 1):
                    piece = token[i:i + size]
                    if freq.get(piece) and self._keep(piece):
                        out.append(piece)
        return tuple(out)

    def words(self, text: str) -> list[str]:
        """Plain jieba words (no stopword removal, no expansion): for question analysis."""
        return list(self._words(text))

    def _words_uncached(self, text: str) -> tuple[str, ...]:
        return tuple(w for w in self._jieba.lcut(text, HMM=True) if w.strip())

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) with the same dictionary plus jieba's POS table; the
        table (~0.3 s to read) is loaded on first use or by :meth:`warm`.  Cached: a question
        is tagged by several readers (its situation, its understanding)."""
        return list(self._tagged(text))

    def _tagged_uncached(self, text: str) -> tuple[tuple[str, str], ...]:
        if self._pos is None:
            import jieba.posseg as pseg

            self._pos = pseg.POSTokenizer(self._jieba)
        # jieba's HMM guesses words among characters its dictionary lacks, at ~17 ms a
        # character: worth it for a name or two, never for a run of rare characters
        unknown = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" and ch not in self._jieba.FREQ)
        hmm = unknown <= MAX_HMM_UNKNOWN
        out: list[tuple[str, str]] = []
        for p in self._pos.lcut(text, HMM=hmm):
            if not p.word.strip():
                continue
            if p.word[0] == "年" and len(p.word) > 1 and out and re.fullmatch(r"\d{4}", out[-1][0]) \
                    and p.word not in _YEAR_WORDS:
                # 2027年老小区 cut as 2027 年老 小区: the year's 年 opens no word (年底 does)
                out.append(("年", "m"))
                out += [(x.word, x.flag) for x in self._pos.lcut(p.word[1:], HMM=False)]
            elif len(p.word) == 2 and p.word[0] in _MODALS and not self._jieba.FREQ.get(p.word):
                # a word only the HMM guessed (FREQ also holds prefixes, at 0), opening with a
                # modal (能轮 of 什么时候能轮到): 能 + 轮
                out += [(p.word[0], "v"), (p.word[1], "v")]
            else:
                out.append((p.word, p.flag))
        return tuple(out)

    def warm(self) -> None:
        """Load everything question analysis needs, so the first question is fast."""
        self.tagged("预热")

    def __call__(self, text: str) -> list[str]:
        tokens: list[str] = []
        for token in self._jieba.cut(normalize(text), HMM=True):
            token = token.strip()
            if token and self._keep(token):
                tokens.extend(self._expand(token))
        return tokens

    def to_dict(self) -> dict[str, Any]:
        """What the index stores so ``from_dict`` rebuilds the identical tokenizer."""
        return {"user_words": self.user_words, "stopwords": sorted(self.stopwords),
                "dict_hash": self.dict_hash}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tokenizer:
        tok = cls(d.get("user_words", ()), d.get("stopwords", ()))
        if d.get("dict_hash") and d["dict_hash"] != tok.dict_hash:
            raise ValueError(f"tokenizer dict_hash {tok.dict_hash} != stored {d['dict_hash']}")
        return tok


def _unit_variants(name: str) -> list[str]:
    """A canonical unit name and the same name without its 市/县/区 prefix."""
    name = name.strip()
    if not name:
        return []
    bare = _UNIT_PREFIX.sub("", name)
    return [name] if bare == name else [name, bare]


def corpus_terms(documents: Sequence[Document]) -> list[str]:
    """Words the tokenizer must keep whole: the corpus' own names plus domain_terms.txt.

    Canonical unit names (with and without the 市/县 prefix), issuers, clause titles,
    section titles, and the 主要措施 / 重点任务 labels of task rows.
    """
    terms: set[str] = set(read_word_list(DOMAIN_TERMS_FILE))
    for doc in documents:
        for issuer in doc.meta.issuers:
            terms.update(_unit_variants(issuer))
        for task in doc.tasks:
            for unit in (*task.lead_units, *task.participating_units):
                terms.update(_unit_variants(unit))
            terms.update((task.key_task, task.measure))
        terms.update(c.title for c in doc.clauses)
        terms.update(s.title for s in doc.sections)
    cleaned = {_NUMBERING.sub("", normalize(t)).strip() for t in terms}
    return sorted(t for t in cleaned if _JIEBA_WORD.fullmatch(t))
