"""The JSON endpoints scripts call with gradio_client: ``/ask``, ``/tasks``, ``/targets``.

They return data, not the page's HTML, and keep no state between calls: ``/ask`` takes
the earlier questions explicitly (the shared spec's "Web UI API").  gr.api derives each
endpoint's schema from the type hints, so this module does not use postponed annotations
(``from __future__ import annotations`` would turn the return types into strings that
gradio cannot read).
"""

import logging
from typing import Any

from assistant.config import AssistantError
from assistant.ui.handlers import UI, _gr
from assistant.ui.messages import to_chinese
from assistant.ui.render import esc

log = logging.getLogger(__name__)


def _fail(e: Exception) -> Exception:
    """A gr.Error in Chinese for a bad request; never a traceback.  gradio renders an
    error's message as HTML, so the message (it may quote the request) is escaped."""
    gr = _gr()
    if isinstance(e, AssistantError):
        return gr.Error(esc(to_chinese(str(e))), title="请求有误", print_exception=False)
    log.exception("API call failed")
    return gr.Error(f"内部错误：{type(e).__name__}", title="内部错误")


def register(ui: UI) -> None:
    """Add the endpoints to the Blocks being built (call inside ``with gr.Blocks()``)."""
    gr = _gr()

    def ask(question: str, history: list[str] | None = None, doc: str | None = None,
            level: str | None = None) -> dict[str, Any]:
        """Answer one question: Answer.to_dict() (answer, found, intent, citations, retrieved,
        tasks, conflicts, timings_ms).  history: the earlier questions of the conversation,
        oldest first ([] for none); nothing is remembered between calls."""
        try:
            return ui.ask(question, history or [], doc, level)
        except Exception as e:
            raise _fail(e) from None

    def tasks(unit: str | None = None, role: str = "any", keyword: str | None = None,
              year: int | None = None) -> list[dict[str, Any]]:
        """Task dicts of the responsibility tables and inline tasks (as qa.tasks()); role is
        any | lead | participating."""
        try:
            return ui.find_tasks(unit, role, keyword, year)
        except Exception as e:
            raise _fail(e) from None

    def targets(year: int | None = None, doc: str | None = None, keyword: str | None = None) -> list[dict[str, Any]]:
        """Quantitative targets (indicator, value, year, text, clause_no, row_no, doc_id, doc_title)."""
        try:
            return ui.find_targets(year, doc, keyword)
        except Exception as e:
            raise _fail(e) from None

    gr.api(ask, api_name="ask")
    gr.api(tasks, api_name="tasks")
    gr.api(targets, api_name="targets")
