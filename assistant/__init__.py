"""Policy Q&A assistant: exact, cited answers from Chinese government policy documents.

    import assistant
    qa = assistant.load()
    qa.ask("清洁取暖由哪个部门牵头？").to_dict()
    qa.tasks(unit="市城市管理局")

Importing the package is cheap; heavy libraries load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.config import AssistantError, Settings

if TYPE_CHECKING:
    from assistant.qa import QA

__version__ = "0.1.0"


def load(index_dir: Any = None, corpus_dir: Any = None, **settings: Any) -> QA:
    """Open (building when missing or stale) the index next to ``corpus/``; see :func:`assistant.qa.load`."""
    from assistant.qa import load as _load

    return _load(index_dir=index_dir, corpus_dir=corpus_dir, **settings)


__all__ = ["load", "AssistantError", "Settings", "__version__"]
