"""Check a round-54 question file: python3 check.py seed|layouts FILE  -> prints OK or problems."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"lead", "unit_tasks", "target", "general", "refuse"}
THEME = {"homophone", "lookalike", "dropped", "extra", "swapped", "spacing", "pinyin",
         "english_typo", "mixed_script"}
TAGS = THEME | {"slip", "plain", "across_plans", "role_lead",
        "role_participating", "role_any", "number", "year", "deadline", "english", "traditional",
        "unit_alias", "colloquial", "first_person", "near_miss", "combination", "short", "off_topic"}


def squeeze(s):
    return re.sub(r"\s+", "", s)


def main():
    kind, path = sys.argv[1], Path(sys.argv[2])
    prefix = {"seed": "se", "layouts": "te"}[kind]
    gold_all = json.loads((HERE / ("seed_gold.json" if kind == "seed" else "synth_gold.json")).read_text("utf-8"))
    problems, qs, ids = [], [], set()
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not JSON ({e})")
            continue
        qs.append(q)
        where = f"line {n} ({q.get('id')})"
        if not re.fullmatch(prefix + r"\d{3}", str(q.get("id", ""))):
            problems.append(f"{where}: id must be {prefix}001, {prefix}002, ...")
        if q.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(q.get("id"))
        if q.get("type") not in TYPES:
            problems.append(f"{where}: type must be one of {sorted(TYPES)}")
        if not isinstance(q.get("question"), str) or not q["question"].strip():
            problems.append(f"{where}: empty question")
        style = q.get("style")
        if not isinstance(style, list) or not style:
            problems.append(f"{where}: style must be a non-empty list")
            style = []
        for s in style:
            if s not in TAGS:
                problems.append(f"{where}: unknown tag {s!r}")
        n_theme = len(THEME.intersection(style))
        if ("slip" in style) == ("plain" in style):
            problems.append(f"{where}: tag slip or plain (exactly one)")
        elif "slip" in style and n_theme not in (1, 2):
            problems.append(f"{where}: a slip question carries one or two slip tags, found {n_theme}")
        elif "plain" in style and n_theme:
            problems.append(f"{where}: a plain question carries no slip tag")
        gold = q.get("gold")
        if not isinstance(gold, dict):
            problems.append(f"{where}: gold must be an object")
            continue
        if kind == "layouts":
            doc = gold_all.get(q.get("doc"))
            if doc is None:
                problems.append(f"{where}: doc must be one of {sorted(gold_all)}")
                continue
            if q.get("layouts") not in ("all", "table"):
                problems.append(f"{where}: layouts must be 'all' or 'table'")
            if "deadline" in style and q.get("layouts") != "table":
                problems.append(f"{where}: a deadline question must have \"layouts\": \"table\"")
        else:
            doc = gold_all
        if q.get("type") == "refuse":
            if gold:
                problems.append(f"{where}: refuse gold must be {{}}")
            if "near_miss" not in style and "off_topic" not in style:
                problems.append(f"{where}: a refuse question needs near_miss or off_topic")
            continue
        mi, alt = gold.get("must_include", []), gold.get("must_include_alt", [])
        if not isinstance(mi, list) or not all(isinstance(m, str) for m in mi):
            problems.append(f"{where}: must_include must be a list of strings")
            mi = []
        if alt and (len(alt) != len(mi) or not all(isinstance(a, list) for a in alt)):
            problems.append(f"{where}: must_include_alt must be a list of lists, one per must_include entry")
        text = squeeze(doc["text"]) + "".join(u for t in doc["tasks"] for u in t["lead_units"] + t["participating_units"])
        for m in mi:
            if squeeze(m) not in text and not re.fullmatch(r"[\d一二三四五六七八九十两]+(项|个|条)", m):
                problems.append(f"{where}: must_include {m!r} does not occur in the document as written")
        if not mi and q.get("type") != "unit_tasks":
            problems.append(f"{where}: must_include is empty")
        if kind == "seed":
            rows, clauses = gold.get("rows", []), gold.get("clauses", [])
            if not rows and not clauses and not str(gold.get("passage", "")).startswith("header"):
                problems.append(f"{where}: give rows and/or clauses (or passage 'header: …')")
            bad = [r for r in rows if not (isinstance(r, int) and 1 <= r <= 33)]
            badc = [c for c in clauses if not (isinstance(c, int) and 1 <= c <= 22)]
            if bad or badc:
                problems.append(f"{where}: rows must be 1..33, clauses 1..22")
            tasks = doc["tasks"]
            key, listed = "row_no", set(rows)
        else:
            ids_ok = {t["task_id"] for t in doc["tasks"]}
            listed = set(gold.get("tasks", []))
            if "tasks" not in gold or "clauses" not in gold:
                problems.append(f"{where}: layouts gold needs tasks and clauses (may be [])")
            if listed - ids_ok:
                problems.append(f"{where}: unknown task ids {sorted(listed - ids_ok)}")
            tasks, key = doc["tasks"], "task_id"
        if q.get("type") == "unit_tasks":
            unit, role = gold.get("unit"), gold.get("role")
            units = {u for t in tasks for u in t["lead_units"] + t["participating_units"]}
            if unit not in units:
                problems.append(f"{where}: unit must be a canonical name from the task table")
                continue
            if role not in ("lead", "participating", "any"):
                problems.append(f"{where}: role must be lead / participating / any")
                continue
            whole = {t[key] for t in tasks if (role in ("lead", "any") and unit in t["lead_units"])
                     or (role in ("participating", "any") and unit in t["participating_units"])}
            if listed != whole and "combination" not in style:
                problems.append(f"{where}: the unit's complete set in role {role} is {sorted(whole)}, gold lists {sorted(listed)}")
    c = Counter(q.get("type") for q in qs)
    st = Counter(s for q in qs for s in q.get("style", []))
    styles = {t: st[t] for t in sorted(THEME)}
    print(f"{len(qs)} questions; types {dict(c)}; slip {st['slip']}, "
          f"plain {st['plain']}, styles {styles}, english {st['english']}, "
          f"traditional {st['traditional']}, near_miss {st['near_miss']}")
    if problems:
        print("\n".join(problems[:80]))
        print(f"{len(problems)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
