"""The SYNTHETIC test-document generator (tests/synthetic): deterministic files, gold that
agrees with what the files say, PDFs with and without a text layer.

These tests read the generated files back with independent little parsers (TAB lines,
inline parentheses, python-docx, pypdf), never with the assistant, so a gold error cannot
hide behind the code under test.
"""

from __future__ import annotations

import io
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tests.synthetic is imported as a package of the repository
    sys.path.insert(0, str(ROOT))

from tests.synthetic.content import BY_LEVEL, DOCUMENTS  # noqa: E402
from tests.synthetic.fonts import corpus_font  # noqa: E402
from tests.synthetic.generate import main  # noqa: E402
from tests.synthetic.layouts import INLINE_LAYOUTS, LAYOUTS, VALID_KINDS  # noqa: E402
from tests.synthetic.matrix import Cell, cells  # noqa: E402
from tests.synthetic.model import LEVELS, SYNTHETIC_NOTE, cn_number, tasks  # noqa: E402
from tests.synthetic.reader import write_reader_edition  # noqa: E402
from tests.synthetic.render_pdf import PdfLayout  # noqa: E402

needs_font = pytest.mark.skipif(corpus_font() is None, reason="no TrueType CJK font (fonts-wqy-microhei)")
FOOTER = re.compile(r"—\d+—")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def split_units(s: str) -> list[str]:
    """Split a list of units at 、 outside brackets (各县（市、区）人民政府 stays whole)."""
    out, cur, depth = [], "", 0
    for ch in s:
        depth += {"（": 1, "）": -1}.get(ch, 0)
        if ch == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [u for u in [*out, cur] if u]


def last_paren(p: str) -> tuple[str, str]:
    """(paragraph without its last balanced （…）, the bracket's content)."""
    end = p.rfind("）")
    depth = 0
    for i in range(end, -1, -1):
        depth += {"）": 1, "（": -1}.get(p[i], 0)
        if depth == 0:
            return p[:i] + p[end + 1:], p[i + 1:end]
    raise AssertionError(p)


@dataclass(frozen=True)
class Built:
    data: bytes
    layout: PdfLayout | None  # what the PDF renderer drew (text PDFs only)


@pytest.fixture(scope="module")
def built() -> dict[Cell, Built]:
    """Every cell except the scans, rendered once (the time is printed, not asserted)."""
    selected = cells(kinds=["txt", "pdf", "docx"]) if corpus_font() else cells(kinds=["txt", "docx"])
    start = time.perf_counter()
    out = {c: Built(*c.pdf()) if c.kind == "pdf" else Built(c.content(), None) for c in selected}
    print(f"\n[synthetic] {len(selected)} files (no scans) in {time.perf_counter() - start:.1f} s")
    return out


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def pdf_texts(built: dict[Cell, Built]) -> dict[Cell, str]:
    return {c: pdf_text(b.data) for c, b in built.items() if c.kind == "pdf"}


# ---------------------------------------------------------------- matrix and determinism


def test_cell_counts_and_validation() -> None:
    per_kind = {k: len(cells(kinds=[k])) for k in ("txt", "pdf", "scan", "docx")}
    assert per_kind == {"txt": 28, "pdf": 32, "scan": 32, "docx": 24}
    assert len({(c.folder, c.filename) for c in cells()}) == len(cells()) == 116
    with pytest.raises(ValueError, match="unknown layouts"):
        cells(layouts=["table_nope"])


def test_generator_is_deterministic(built: dict[Cell, Built]) -> None:
    """Every txt and docx, and one PDF per layout (levels in turn: each PDF costs ~0.25 s),
    comes out byte for byte the same again."""
    again = [c for c in built if c.kind != "pdf"]
    pdfs = [c for c in built if c.kind == "pdf"]
    again += [c for c in pdfs if c.level == LEVELS[LAYOUTS.index(c.layout) % len(LEVELS)]]
    assert {c.kind for c in again} == {c.kind for c in built}
    for cell in again:
        assert cell.content() == built[cell].data, cell


@needs_font
def test_scan_is_deterministic_and_has_no_text_layer() -> None:
    from pypdf import PdfReader

    cell = Cell("table_borderless", "scan", "county")
    data = cell.content()
    assert data == cell.content()
    reader = PdfReader(io.BytesIO(data))
    assert all(not (p.extract_text() or "").strip() for p in reader.pages)
    assert len(reader.pages) == cell.pdf()[1].pages
    assert all(p.images for p in reader.pages)


def test_every_file_says_it_is_synthetic(built: dict[Cell, Built], pdf_texts: dict[Cell, str]) -> None:
    import docx

    for cell, b in built.items():
        if cell.kind == "txt":
            text = b.data.decode("utf-8")
        elif cell.kind == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(b.data)).paragraphs)
        else:
            text = pdf_texts[cell]
        assert SYNTHETIC_NOTE in text, cell


# ---------------------------------------------------------------- content shape


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.level)
def test_content_shape(doc) -> None:  # type: ignore[no-untyped-def]
    ts = tasks(doc)
    assert 10 <= len(ts) <= 14
    assert sum(t.item_no is None for t in ts) >= 2  # item-less clauses that are tasks
    assert 0.35 <= sum(bool(t.targets) for t in ts) / len(ts) <= 0.75
    assert all(1 <= len(t.duty.lead) <= 2 and len(t.duty.partners) <= 4 for t in ts)
    assert all(t.text.endswith("。") and t.text.count("。") <= 2 for t in ts)
    last = doc.sections[-1]
    assert last.title == "保障措施" and all(c.duty is None and not c.items for c in last.clauses)
    years = {tg.year for t in ts for tg in t.targets}
    assert len(years) >= 3, years
    assert len({t.duty.deadline for t in ts}) >= 4


def test_task_ids_and_texts_identical_across_layouts() -> None:
    for level in LEVELS:
        seen = {layout: [(t["task_id"], t["clause_no"], t["requirement"]) for t in
                         Cell(layout, VALID_KINDS[layout][0], level).gold()["tasks"]] for layout in LAYOUTS}
        assert len({tuple(v) for v in seen.values()}) == 1, level


# ---------------------------------------------------------------- unit names

_ABBR = (("住房城乡建设", "住建"), ("发展改革", "发改"), ("城市管理", "城管"), ("委员会", "委"),
         ("国家机关事务管理局", "国管局"))


def unit_key(name: str, place_stem: str) -> str:
    """Same key <=> same unit under the contract's rule (place, level prefix, 和/与, 委/委员会,
    common abbreviations)."""
    s = name.replace(place_stem, "") if place_stem else name
    s = re.sub(r"^[省市县](?!场)", "", s).replace("和", "").replace("与", "")
    for full, short in _ABBR:
        s = s.replace(full, short)
    return s


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.level)
def test_unit_map_follows_the_canonical_rule(doc) -> None:  # type: ignore[no-untyped-def]
    groups: dict[str, set[str]] = {}
    for written, canonical in doc.units:
        assert unit_key(written, doc.place_stem) == unit_key(canonical, doc.place_stem), written
        groups.setdefault(canonical, set()).add(written)
    keys = [unit_key(c, doc.place_stem) for c in groups]
    assert len(keys) == len(set(keys)), "two canonical names for one unit"
    prefix = {"provincial": "省", "municipal": "市", "county": "县"}.get(doc.level)
    for canonical, forms in groups.items():
        stripped = [f.replace(doc.place_stem, "") if doc.place_stem else f for f in forms]
        assert canonical in stripped or canonical in forms, canonical  # never a form the doc lacks
        if not canonical.startswith(("各", "国网")):
            assert max(len(f) for f in stripped) == len(canonical), canonical  # the fullest form
            assert prefix is None or canonical.startswith(prefix), canonical
    used = {u for t in tasks(doc) for u in t.duty.units} | set(doc.header.issuers) | {doc.implied_unit}
    assert used <= set(dict(doc.units)), used - set(dict(doc.units))


def test_gold_names_occur_in_each_file_text() -> None:
    for cell in cells(kinds=["txt"]) + cells(layouts=["table_borderless", "table_docx"], kinds=["pdf", "docx"]):
        text = cell.text()
        stem = cell.doc.place_stem
        plain = text.replace(stem, "") if stem else text
        gold = cell.gold()
        for t in gold["tasks"]:
            for name in t["lead_units"] + t["participating_units"]:
                assert name in text or name in plain, (cell, name)
            for name in t["lead_units_as_written"] + t["participating_units_as_written"]:
                assert name in text, (cell, name)


# ---------------------------------------------------------------- gold agrees with the files


def _inline_reading(layout: str, inner: str, implied: str | None) -> tuple[list[str], list[str]]:
    """Lead and participants from one parenthesis, by the layout's convention."""
    head = inner.split("；")[0]
    if layout == "inline_resp_first":
        units = split_units(head.removeprefix("责任单位："))
        return units[:1], units[1:]
    if layout == "inline_all_duty":
        if head.endswith("按职责分工负责"):
            return [], split_units(head.removesuffix("按职责分工负责"))
        return [head.removesuffix("负责")], []
    if "牵头" not in head:
        lead, partners = [head.removesuffix("负责")], []
    else:
        lead_part, _, rest = head.partition("牵头")
        lead = split_units(lead_part)
        partners = split_units(rest.lstrip("，").removesuffix("配合").removesuffix("等按职责分工负责"))
    if implied and implied not in lead:
        partners.append(implied)
    return lead, partners


@pytest.mark.parametrize("layout", INLINE_LAYOUTS)
def test_inline_txt_agrees_with_gold(layout: str, built: dict[Cell, Built]) -> None:
    for level in LEVELS:
        cell = Cell(layout, "txt", level)
        paras = built[cell].data.decode("utf-8").split("\n\n")
        implied = None
        if layout == "inline_not_listed":
            implied = re.search(r"以下均需(.+?)落实，不再列出", built[cell].data.decode("utf-8")).group(1)
            assert implied == cell.doc.implied_unit
        if layout == "inline_resp_first":
            assert sum("列第一位的为牵头单位，下同" in p for p in paras) == 1
        for t in cell.gold()["tasks"]:
            hits = [p for p in paras if t["requirement"].rstrip("。") in p]
            assert len(hits) == 1, t["task_id"]
            body, inner = last_paren(hits[0])
            label = t["item"]
            assert hits[0].startswith(label if label.endswith("）") else label[label.index("）") + 1:] + ".")
            assert body.endswith(t["requirement"]), t["task_id"]
            lead, partners = _inline_reading(layout, inner, implied)
            assert (lead, partners) == (t["lead_units_as_written"], t["participating_units_as_written"])
            assert t["source"] == "text" and t["row_no"] is None and t["deadline"] is None


def _filled(rows: list[list[str]], col: int) -> list[str]:
    out, last = [], ""
    for r in rows:
        last = r[col] or last
        out.append(last)
    return out


def _check_rows(layout: str, rows: list[list[str]], gold: dict) -> None:  # type: ignore[type-arg]
    gts = gold["tasks"]
    assert [int(r[0]) for r in rows] == [t["row_no"] for t in gts]
    for r, key, t in zip(rows, _filled(rows, 1), gts):
        assert t["source"] == "table" and t["item"] == r[0] and key == t["key_task"]
        assert r[-1] == t["deadline"]
        if layout == "table_marked":
            units = split_units(r[3])
            if len(units) == 1:  # a single unit carries no mark and leads
                lead, partners = units, []
            else:
                lead = [u.removesuffix("（牵头）") for u in units if u.endswith("（牵头）")]
                partners = [u for u in units if not u.endswith("（牵头）")]
            assert r[2] == t["requirement"]
        else:
            lead, partners = split_units(r[4]), split_units(r[5])
            assert r[3] == t["requirement"]
        assert (lead, partners) == (t["lead_units_as_written"], t["participating_units_as_written"])


@pytest.mark.parametrize("layout", ["table_ruled", "table_marked"])
def test_table_txt_agrees_with_gold(layout: str, built: dict[Cell, Built]) -> None:
    for level in LEVELS:
        cell = Cell(layout, "txt", level)
        lines = built[cell].data.decode("utf-8").rstrip("\n").split("\n")
        start = next(i for i, ln in enumerate(lines) if ln.startswith("序号\t"))
        _check_rows(layout, [ln.split("\t") for ln in lines[start + 1:]], cell.gold())


def test_docx_agrees_with_text_and_gold(built: dict[Cell, Built]) -> None:
    import docx

    for cell in cells(kinds=["docx"]):
        d = docx.Document(io.BytesIO(built[cell].data))
        paras = [p.text for p in d.paragraphs if p.text]
        text_paras = [p for p in cell.text().rstrip("\n").split("\n\n") if "\t" not in p]
        assert paras == text_paras, cell
        if cell.layout == "table_docx":
            rows = [[c.text for c in row.cells] for row in d.tables[0].rows][1:]
            gold = cell.gold()
            assert [r[1] for r in rows] == [t["key_task"] for t in gold["tasks"]]  # merged cells
            _check_rows(cell.layout, rows, gold)


def test_header_and_targets_gold_agree_with_text() -> None:
    for level in LEVELS:
        cell = Cell("inline_lead_coop", "txt", level)
        text, gold = cell.text(), cell.gold()
        h = gold["header"]
        lines = text.split("\n\n")
        for value in (h["title"], h["notice_title"], h["doc_number"], h["date_as_written"], *h["issuers"]):
            assert value in lines, value
        assert h["place"] is None or all(i.startswith(h["place"]) for i in h["issuers"])
        reqs = {t["task_id"]: t["requirement"] for t in gold["tasks"]}
        for tg in gold["targets"]:
            where = reqs[tg["task_id"]] if tg["task_id"] else next(
                p for p in lines if p.startswith(f"（{cn_number(tg['clause_no'])}）"))
            for field in ("indicator", "value", "year_as_written"):
                assert tg[field] in where, (tg, field)
        covered = {tg["value"] for tg in gold["targets"]}
        for t in gold["tasks"]:
            for q in re.findall(r"\d+(?:\.\d+)?(?:%|万平方米|万千瓦|公里|户|亿平方米)(?:以上|以内)?", t["requirement"]):
                assert any(q in v or v in q for v in covered), (t["task_id"], q)


# ---------------------------------------------------------------- PDFs


@needs_font
def test_pdf_text_layer_has_every_task_text_and_footer(built: dict[Cell, Built], pdf_texts: dict[Cell, str]) -> None:
    for cell, text in pdf_texts.items():
        raw = squash(text)
        pages = built[cell].layout.pages  # type: ignore[union-attr]
        assert 2 <= pages <= 5, (cell, pages)
        assert all(f"—{n}—" in raw for n in range(1, pages + 1)), cell
        flat = FOOTER.sub("", raw)
        for t in cell.gold()["tasks"]:  # (the final 。 may sit after an inline parenthesis)
            assert squash(t["requirement"]).rstrip("。") in flat, (cell, t["task_id"])


@needs_font
def test_pdf_tables_and_line_breaks(built: dict[Cell, Built]) -> None:
    for level in LEVELS:
        layout = built[Cell("table_borderless", "pdf", level)].layout
        assert layout is not None and layout.split_rows, level  # a row continued without its 序号
        table_pages = {p for p, style, _ in layout.lines if style == "cell"}
        headers = [p for p, style, line in layout.lines if style == "cell" and line == "工作要求"]
        assert sorted(headers) == sorted(table_pages), level  # the header on every table page
        for name in INLINE_LAYOUTS:
            cell = Cell(name, "pdf", level)
            lines = [ln for _, style, ln in built[cell].layout.lines if style in ("body", "clause")]  # type: ignore[union-attr]
            joined = "\n".join(lines)
            units = {u for t in cell.gold()["tasks"] for u in t["lead_units_as_written"]
                     + t["participating_units_as_written"]}
            flat = joined.replace("\n", "")
            assert any(flat.count(u) > joined.count(u) for u in units), cell  # a unit name cut by a line end
            assert any(ln.count("（") > ln.count("）") for ln in lines), cell  # a parenthesis cut


@needs_font
def test_pdf_table_rulings(built: dict[Cell, Built]) -> None:
    """Ruled: cell borders; borderless: no lines at all; marked: one rule per table page."""
    import pdfplumber

    for level in LEVELS:
        drawn = {}
        for layout in ("table_ruled", "table_borderless", "table_marked"):
            with pdfplumber.open(io.BytesIO(built[Cell(layout, "pdf", level)].data)) as pdf:
                drawn[layout] = [(len(p.rects), len(p.lines)) for p in pdf.pages]
        assert drawn["table_ruled"][-1][0] > 0 and all(n == 0 for _, n in drawn["table_ruled"])
        assert all(r == n == 0 for r, n in drawn["table_borderless"])
        marked = built[Cell("table_marked", "pdf", level)].layout
        table_pages = {p for p, style, _ in marked.lines if style == "cell"}  # type: ignore[union-attr]
        assert [n for _, n in drawn["table_marked"]] == [int(i + 1 in table_pages) for i in range(len(drawn["table_marked"]))]
        assert all(r == 0 for r, _ in drawn["table_marked"])


# ---------------------------------------------------------------- outputs for people


def test_cli_and_reader_edition(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path / "m"), "--layouts", "inline_all_duty", "table_marked", "--kinds", "txt",
                 "--levels", "county", "--reader-edition", str(tmp_path / "r")]) == 0
    gold = json.loads((tmp_path / "m" / "table_marked-txt" / "gold.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in gold["documents"]] == [BY_LEVEL["county"].stem]
    assert (tmp_path / "m" / "inline_all_duty-txt" / f"{BY_LEVEL['county'].stem}.txt").is_file()
    md = (tmp_path / "r" / f"{BY_LEVEL['county'].stem}.md").read_text(encoding="utf-8")
    assert SYNTHETIC_NOTE in md and all(t.task_id in md for t in tasks(BY_LEVEL["county"]))
    assert len(write_reader_edition(tmp_path / "r2")) == 4
    assert main([]) == 2
