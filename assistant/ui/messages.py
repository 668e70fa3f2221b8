"""Chinese for the one-line errors the backend raises in English.

The command line and the Python API keep their English messages (scripts and logs match
on them); a clerk using the web page reads Chinese.  So the page translates at its edge:
a file name stays as written, each known reason becomes Chinese, and a message this table
does not know passes through unchanged rather than being hidden.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

#: (pattern of an English reason, Chinese template using the pattern's groups)
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p + r"$", re.I), cn) for p, cn in (
    (r"empty document \(no pages\)", "文件是空的（没有页面）"),
    (r"empty document", "文件是空的"),
    (r"not a valid PDF", "不是有效的 PDF 文件（可能已损坏或只是改了扩展名）"),
    (r"encrypted PDF", "PDF 已加密，请先解除密码保护"),
    (r"no text layer.*", "PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）"),
    (r"not a valid DOCX.*", "不是有效的 Word（DOCX）文件"),
    (r"not a text document \(binary data\)", "不是文本文件（内容是二进制数据）"),
    (r"not a text document \(bad UTF-16\)", "不是文本文件（UTF-16 编码有误）"),
    (r"not a text document \(unknown encoding.*\)", "无法识别文本编码，请另存为 UTF-8"),
    (r"unsupported file type (.*?) \(use .*\)", r"不支持的文件类型 \1（只接受 PDF、DOCX、TXT）"),
    (r"not a document name the corpus accepts.*", "不支持的文件类型（只接受 PDF、DOCX、TXT）"),
    (r"file too large \((\d+) MB; at most (\d+) MB\)", r"文件太大（\1 MB，上限 \2 MB）"),
    (r"cannot read file.*", "无法读取文件"),
    (r"no text found", "文件中没有可读的文字"),
    (r"a different file with this name is already in the corpus", "文件库中已有同名但内容不同的文件，请改名后再上传"),
    (r"same content as (.+) \(duplicate\)", r"与文件库中的 \1 内容相同（重复文件）"),
    (r"cannot parse.*", "无法解析文件结构"),
    (r"python-docx is missing.*", "服务器缺少读取 DOCX 的组件（python-docx）"),
    (r"empty question", "问题是空的，请输入问题"),
    (r"question too long \((\d+) characters; at most (\d+)\)", r"问题太长（\1 个字，最多 \2 个字）"),
    (r"the question holds bytes that are not valid UTF-8", "问题中含有无法识别的字符"),
    (r"empty unit name", "单位名称是空的"),
    (r"unknown unit: (.+?) \(closest known: (.+)\)", r"没有找到单位“\1”。最接近的已知单位：\2"),
    (r"year must be between 1900 and 2100 \(got (-?\d+)\)", r"年份应在 1900 到 2100 之间（收到：\1）"),
    (r"unknown document: (.+?) \(known: .*\)", r"没有找到文件“\1”"),
    (r"unknown level '?(.+?)'? \(use .*\)", r"未知的文件层级“\1”"),
    (r"role must be one of .*", "角色只能是：全部、牵头、参与"),
))

_FILE_PREFIX_RE = re.compile(r"^(?P<name>[^:：]+\.(?:pdf|docx|txt|doc|[a-z0-9]{1,5})): (?P<rest>.+)$", re.I)
_NOT_ADDED_RE = re.compile(r"^not added \((?P<why>.+)\)$")
_CLOSEST_RE = re.compile(r"closest known: (.+)\)\s*$")


def reason_cn(reason: str) -> str:
    """One English reason in Chinese; an unknown one unchanged."""
    text = reason.strip()
    m = _NOT_ADDED_RE.match(text)
    if m:
        text = m.group("why")
    for pattern, template in _REASONS:
        hit = pattern.match(text)
        if hit:
            return hit.expand(template)
    return text


def to_chinese(message: str) -> str:
    """A backend error for the page: ``坏文件.pdf：不是有效的 PDF 文件…``.

    A leading file name (``name.pdf: reason``) is kept as written; the reason is translated."""
    m = _FILE_PREFIX_RE.match(message.strip())
    if m:
        return f"{m.group('name')}：{reason_cn(m.group('rest'))}"
    return reason_cn(message)


def closest_from_error(message: str) -> list[str]:
    """The closest known units an 'unknown unit' error names (the facade computed them)."""
    m = _CLOSEST_RE.search(message)
    return [u for u in re.split(r"[、,，]\s*", m.group(1)) if u] if m else []


def closest_units(name: str, known: Sequence[str], n: int = 3) -> list[str]:
    """Known units nearest to ``name`` by shared characters (difflib ratio), best first.

    Used when the facade resolves a name it knows of (市交通运输局) that no task of the
    corpus names: the page must still point to units that do have tasks."""
    core = re.sub(r"^[市县省区]", "", name.strip())
    scored = sorted(known, key=lambda u: -difflib.SequenceMatcher(None, core, re.sub(r"^[市县省区]", "", u)).ratio())
    return scored[:n]
