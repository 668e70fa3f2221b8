"""Chinese for gradio's own strings (上传区 "将文件拖放到此处 - 或 - 点击上传", 清除, 错误 …),
whatever language the visitor's browser is set to.

gradio 6 picks the language of its built-in strings in the browser, from
``navigator.language`` (svelte-i18n ``getLocaleFromNavigator``), when its bundle starts;
``gr.I18n`` only adds keys of our own and cannot override the built-in English ones,
and ``head=``/``js=`` run after that choice is made (changing the locale afterwards
leaves mounted components in English).  So this ASGI middleware, passed through
``launch(app_kwargs={"middleware": ...})``, puts one small script first in the page's
``<head>``: it reports ``zh-CN`` as the browser language to the page before gradio reads it.
Only HTML responses are touched; the API and files pass through as they are.
"""

from __future__ import annotations

from typing import Any

LOCALE = "zh-CN"

SCRIPT = (
    "<script>(function(){function v(x){return {configurable:true,get:function(){return x;}};}"
    "try{Object.defineProperty(Navigator.prototype,'language',v('LOCALE'));"
    "Object.defineProperty(Navigator.prototype,'languages',v(['LOCALE','zh']));}catch(e){}})();</script>"
).replace("LOCALE", LOCALE).encode()

Message = dict[str, Any]


class ChineseLocale:
    """ASGI middleware: the page's HTML gets :data:`SCRIPT` right after ``<head>`` and
    ``lang="zh-CN"``; every other response is streamed through untouched."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _Rewriter(send).send)


class _Rewriter:
    """Holds back an HTML response until its body is complete, then rewrites it."""

    def __init__(self, send: Any) -> None:
        self._send = send
        self._start: Message | None = None
        self._html = False
        self._chunks: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = {k.lower(): v for k, v in message.get("headers") or ()}
            self._html = headers.get(b"content-type", b"").startswith(b"text/html") \
                and b"content-encoding" not in headers
            if self._html:
                self._start = message
                return
        if not self._html or message["type"] != "http.response.body":
            await self._send(message)
            return
        self._chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        body = rewrite(b"".join(self._chunks))
        assert self._start is not None
        kept = [(k, v) for k, v in self._start.get("headers") or () if k.lower() != b"content-length"]
        await self._send({**self._start, "headers": [*kept, (b"content-length", str(len(body)).encode())]})
        await self._send({"type": "http.response.body", "body": body})


def rewrite(body: bytes) -> bytes:
    """The page with the locale script first in ``<head>`` and its ``lang`` set."""
    if b"<head>" not in body:
        return body
    body = body.replace(b"<head>", b"<head>" + SCRIPT, 1)
    return body.replace(b'lang="en"', f'lang="{LOCALE}"'.encode(), 1)
