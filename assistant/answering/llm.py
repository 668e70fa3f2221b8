"""Optional fluent rewrite of an extractive answer by a chat model (off by default).

The model sees only the question, the extractive answer and the cited passages.  Its
output is accepted only if every number, year and unit name in it occurs in the cited
text and every ``[n]`` marker points at a citation; otherwise the extractive answer
stands.  So the LLM can change the wording, never the facts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from assistant.text import NUM_RE, squeeze, without_markers
from assistant.types import Citation

log = logging.getLogger(__name__)

SYSTEM = ("你是政府政策文件问答助手。只根据给出的引文改写答案，使其通顺简洁；"
          "不得添加引文中没有的数字、年份、单位名称或事实；保留每个事实后的[n]引用标记；用中文回答。")
UNIT_RE = re.compile(r"[\u4e00-\u9fa5]{2,14}(?:局|委员会|政府|中心|办公室)")


def make_chat_model(base_url: str, model: str = "local", api_key: str = "not-needed") -> Any:
    """A LangChain chat model for an OpenAI-compatible server (llama.cpp, vLLM …)."""
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as e:
        raise ImportError("the optional LLM rewrite needs langchain-openai: pip install 'policy-assistant[llm]'") from e
    return ChatOpenAI(base_url=base_url, model=model, api_key=api_key, temperature=0, timeout=30)


def check_rewrite(text: str, citations: Sequence[Citation], extractive: str) -> list[str]:
    """Problems with a rewrite: figures, unit names or markers not backed by the citations."""
    cited = squeeze("\n".join(c.text for c in citations) + "\n" + extractive)
    problems = []
    body = without_markers(text)
    for num in NUM_RE.findall(squeeze(body)):
        if num not in cited:
            problems.append(f"number {num}")
    for match in UNIT_RE.findall(body):  # the regex may take words before the name: try its tails
        name = squeeze(match)
        if not any(name[i:] in cited for i in range(0, max(1, len(name) - 3))):
            problems.append(f"unit {match}")
    for m in re.findall(r"\[(\d+)\]", text):
        if not 1 <= int(m) <= len(citations):
            problems.append(f"marker [{m}]")
    if citations and not re.search(r"\[\d+\]", text):
        problems.append("no citation markers")
    return problems


def rewrite(chat_model: Any, question: str, extractive: str, citations: Sequence[Citation]) -> str:
    """The model's rewrite when it passes :func:`check_rewrite`, else ``extractive``."""
    from langchain_core.messages import HumanMessage, SystemMessage

    sources = "\n".join(f"[{i}] {c.text}" for i, c in enumerate(citations, 1))
    prompt = f"问题：{question}\n\n引文：\n{sources}\n\n摘录式答案：\n{extractive}\n\n请改写答案："
    try:
        reply = chat_model.invoke([SystemMessage(content=SYSTEM), HumanMessage(content=prompt)])
    except Exception as e:  # a model server that is down must not break answering
        log.warning("LLM rewrite failed (%s); keeping the extractive answer", e)
        return extractive
    text = str(getattr(reply, "content", reply)).strip()
    problems = check_rewrite(text, citations, extractive)
    if problems or not text:
        log.info("LLM rewrite rejected: %s", "; ".join(problems) or "empty")
        return extractive
    return text
