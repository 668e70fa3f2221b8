"""A fake vocabulary for coverage tests: every word is a word of the documents, all weigh the same."""

from __future__ import annotations


class AllKnownVocabulary:
    """Every word is a word of the documents, all weigh the same, none is a field term left unwritten."""

    def weight(self, term: str) -> float:
        return 1.0

    def known(self, term: str) -> bool:
        return True

    def unwritten_term(self, term: str) -> bool:
        return False
