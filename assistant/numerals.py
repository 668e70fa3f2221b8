"""Numbers as people say them, read as the documents write them.

Clause numbers, counts and years in Chinese numerals (十五, 二〇二五), a year or date said
short or aloud (25年, 三零年, 六月二十七日), and English number words (row nine, twenty
twenty-five, thirty percent): the documents write 第十五, 2025年, 6月27日, 30%.  Pure
functions, no imports of the rest of the package (text.py builds on them).
"""

from __future__ import annotations

import re

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def small_cn(s: str) -> int | None:
    """一 … 九千九百九十九 and digit strings (二〇二五), or None: the numerals of clause
    numbers, counts and years, read without importing cn2an (~0.4 s on first use)."""
    if s and all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, digit, last_unit = 0, None, 10_000
    for c in s:
        if c in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[c] != 0:
                return None  # 二三: not a numeral
            digit = _CN_DIGITS[c] or None
        elif c in _CN_UNITS and _CN_UNITS[c] < last_unit:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit, last_unit = None, _CN_UNITS[c]
        else:
            return None
    return total + (digit or 0) if s else None


def cn_to_int(s: str) -> int:
    """Chinese numeral to int: 一 -> 1, 十五 -> 15, 二十二 -> 22, 两 -> 2, 二〇二五 -> 2025."""
    if s.isdecimal():
        return int(s)
    if (small := small_cn(s)) is not None:
        return small
    import cn2an  # ~0.4 s to import: only for numerals beyond the thousands

    try:
        return int(cn2an.cn2an(s.replace("○", "〇"), "smart"))
    except ValueError:
        raise ValueError(f"not a Chinese numeral: {s!r}") from None


#: a count an answer writes in its own templates (共25项（…, 共3个：, 牵头2项、参与1项, 市住建局25项、, （11项，…,
#: 各2项）, 的33项任务中, 分为5类：, 有2个参与单位): no figure of a plan, set aside where only those are wanted (the
#: English outline, the figures-in-citations check); a plan's 20项工程, 共15个街道, 为5项, 分为4类 are not these
COUNT_SAID_RE = re.compile(r"(?<=共)\d+(?=[项条个类](?:[（(：:，,、）)]|任务|$))|(?<=牵头|参与|恰好|另有)\d+(?=项)|"
                           r"(?<=[（(])\d+(?=项[，,）)]|个单位)|(?<=各)\d+(?=项[）)])|(?<=[局厅部委会心府司办条])\d+(?=项[、。；;])|"
                           r"(?<=的)\d+(?=项任务中)|(?<=有)\d+(?=项未|个(?:附件|参与|配合))|(?<=分为)\d+(?=(?:类|个部分)[：:])")


def count_said(n: int) -> str:
    """A count of things as an answer writes it: in figures (25项, 2个), as GB/T 15835 writes
    counts and as a clerk copies them into a report; clause numbers stay Chinese (:func:`int_to_cn`)."""
    return str(int(n))


def int_to_cn(n: int) -> str:
    """int to the Chinese numeral of clause numbers: 15 -> 十五, 22 -> 二十二, 105 -> 一百零五."""
    n = int(n)
    if not 0 <= n < 10_000:
        import cn2an

        return str(cn2an.an2cn(n))
    if n < 10:
        return "零一二三四五六七八九"[n]
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            out += ("零" if zero and out else "") + "零一二三四五六七八九"[d] + unit
            zero = False
        elif out:
            zero = True
        if not n:
            break
    return out[1:] if out.startswith("一十") else out


# a year written in Chinese digits (二〇二五年) or shortened ('25年, 到25年, 25年底): the
# documents write 2025年; a two-digit number is a year only where a duration cannot stand
_CN_YEAR_RE = re.compile(r"(?<![〇○零一二三四五六七八九十百千万])([一二][〇○零一二三四五六七八九]{3})(?=年)")
# a year said aloud by its last two digits (三零年, 到二五年, 二八年底, 二七年全省): 零 for a tens'
# digit is never a count of years, nor a pair no one says for a rough span; 二三, 三四 and 三五
# only after 到/比 or before 年底/年末/年初, where a duration cannot stand (在三五年之内,
# 不少于三五年, 二三年前 stay durations)
_CN_PAIR = r"[二三][一二三四五六七八九]"
_CN_NOT_YEAR = r"(?!代|间|来|以上|以下|多|左右|内|里|之内|以内|时间|的时间|之后|以后)"
_CN_SHORT_YEAR_RE = re.compile(r"(?<![〇○零一二三四五六七八九十百千万两几\d])"
                               rf"(?:([二三][〇○零])|(?<=[到比])({_CN_PAIR})|({_CN_PAIR})(?=年(?:底|末|初))|"
                               r"(?<!大于)(?<!小于)(?<!低于)(?<!高于)(?<!多于)(?<!少于)(?<!超过)(?<!等于)(?<![满近约])"
                               r"(二[一二四五六七八九]|三[一二六七八九]))"  # never a span said roughly (二三年, 三四年, 三五年)
                               rf"(?=年{_CN_NOT_YEAR})")
# … and one listed beside a year (二五年和三零年, 二五年、二八年和三零年: read until none is left)
_LISTED = r"[和跟同与及或到至、—-]|以及"
_CN_LISTED_YEAR_RE = re.compile(rf"(?<![〇○零一二三四五六七八九十百千万两几\d])({_CN_PAIR})(?=年(?:{_LISTED})20\d\d年)|"
                                rf"(?<=20\d\d年)((?:{_LISTED}){_CN_PAIR})(?=年)")
_SHORT_YEAR_RE = re.compile(r"(?:[’'‘`](\d\d)|(?<=[到至比在于])([2-3]\d)|(?<![\d.])([2-3]\d)(?=年(?:底|末|前|初)))"
                            r"(?=年(?!代|间|来|以上|以下|多|左右))")
#: a year typed with two digits where a question puts one: opening the question or a clause
#: (25年完整居住社区覆盖率目标, 25年、30年分别), before what a year is asked with (面积30年目标是多少)
#: or listed with another year (利用率25年和30年), or before a verb of a target or an English word
#: (漏损率30年要控制到多少, 装配式30年的ratio);
#: not a span of time (建成20年的小区, 30年一遇, 保修期20年, 近30年, 25年以上)
_LOOSE_YEAR_RE = re.compile(r"(?:(?<=^)|(?<=[\s，,。？?：:；;、（(和与及]))([2-3]\d)(?=\s?年(?:[，,、和与及到至]|\s|[^\W\d_]))"
                            r"(?!\s?年(?:代|间|来|以上|以下|多|左右|内|后|里|期|之|的?时间|前后|龄|份|以内|以后|以前|一遇))|"
                            r"(?<![\d.%近满约共计每第多了用后再达有经历几十这那过去逾超成期限龄役])(?<!质保)(?<!运行)(?<!以来)(?<!未来)(?<!年来)([2-3]\d)"
                            r"(?!\s?年(?:内|期|间|来|以内|之内|以上|以下|左右|多|后|以后))"
                            r"(?=\s?年(?:的)?[\u4e00-\u9fa5]{0,4}?(?:目标|指标|占比|比例)|\s?年(?:的)?(?:要求|任务|计划|要达到|达到|要完成|完成|底|末|前|上限|下限|覆盖率"
                            r"|要(?:控制|降|减|提|增|新增|累计|实现|建|改|完成|达)|(?:控制|降|减|提高|提升|新增|累计)到?(?:多少|几|啥|什么)"
                            r"|的?[A-Za-z])"
                            r"|\s?年\s?[和与及、到至]\s?(?:20)?[2-3]\d\s?年)")


#: 廿 and 卅 (twenty, thirty) as the numerals they stand for (第廿八项 -> 第二十八项)
_OLD_TENS = str.maketrans({"廿": "二十", "卅": "三十"})
_CN_MD = "一二三四五六七八九十"
#: a month or day said in Chinese numerals beside a date (六月二十七日, 2023年十一月底): the documents write 6月27日
_CN_MONTH_RE = re.compile(rf"(?<![第几\d〇零一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])(?=月(?:[{_CN_MD}\d]{{1,3}}[日号]|底|末|份|初|中旬|上旬|下旬|前|\d))|"
                          rf"(?<=年)(十[一二]?|[一二三四五六七八九])(?=月)")
_CN_DAY_RE = re.compile(r"(?<=\d月)([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])")


def _said_year(m: re.Match[str]) -> str:
    """20 + the two digits said (三零 -> 2030), after any listing word the match holds (和二五 -> 和2025)."""
    said = next(g for g in m.groups() if g)
    return said[:-2] + "20" + "".join(str(_CN_DIGITS[c]) for c in said[-2:])


#: a document number with its number said (建标〔2024〕第三十五号, 〔二〇二四〕9号): 建标〔2024〕35号
_DOC_NO_RE = re.compile(r"([〔\[［【(（]\s*)((?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3})(\s*[〕\]］】)）])\s*第?\s*"
                        r"(\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号")
#: …said aloud after its 字 (聊建字2023年第31号): written with the year in brackets
_SAID_DOC_NO_RE = re.compile(r"(?<=字)\s*((?:19|20)\d\d)\s*年?\s*(第\s*[一二三四五六七八九十百零〇\d]{1,6}|\d{1,4})\s*号")
#: a share said in words (百分之五十, 百分之七点九, 六成, 七成以上): the documents write 50%, 7.9%, 60%
_PER_HUNDRED_RE = re.compile(r"百分之([零一二三四五六七八九十百]{1,4})(?:点([零一二三四五六七八九]{1,3}))?")
_TENTHS_RE = re.compile(r"(?<![几一二三四五六七八九十百千万两])([一二三四五六七八九两])成"
                        r"(?!为|效|果|本|立|功|熟|绩|员|交|型|片|套|规模|网|长|就|不变|品|分|份|年)")


def _per_hundred(m: re.Match[str]) -> str:
    whole = small_cn(m[1])
    if whole is None:
        return m.group()
    return f"{whole}{'.' + ''.join(str(_CN_DIGITS[c]) for c in m[2]) if m[2] else ''}%"


#: unit signs as the documents write them (4亿㎡ -> 4亿平方米)
_UNIT_SIGNS = str.maketrans({"㎡": "平方米", "㎢": "平方公里", "㎞": "公里", "㎥": "立方米"})


def _doc_no(m: re.Match[str]) -> str:
    year, no = (x if x.isdigit() else small_cn(x) for x in (m[2], m[4]))
    return m.group() if year is None or no is None else f"{m[1]}{year}{m[3]}{no}号"  # 十十: a slip, left as typed


def as_written(text: str) -> str:
    """Numbers as the documents write them: :func:`english_numbers`, :func:`dates_as_written`,
    a share said in words as a percentage, a document number's year and number in digits,
    unit signs in words."""
    text = dates_as_written(english_numbers(text).translate(_UNIT_SIGNS))
    text = _TENTHS_RE.sub(lambda m: f"{10 * _CN_DIGITS[m[1]]}%", _PER_HUNDRED_RE.sub(_per_hundred, text))
    return _DOC_NO_RE.sub(_doc_no, _SAID_DOC_NO_RE.sub(r"〔\1〕\2号", text))


def dates_as_written(text: str) -> str:
    """Years and dates as the documents write them: 二〇二五年, '25年, 25年, 三零年 -> 20xx年;
    六月二十七日 -> 6月27日; 廿八 -> 二十八."""
    text = text.translate(_OLD_TENS)
    text = _CN_YEAR_RE.sub(lambda m: str(small_cn(m[1])), text)
    text = _CN_MONTH_RE.sub(lambda m: str(small_cn(m[1] or m[2])), text)
    text = _CN_DAY_RE.sub(lambda m: str(small_cn(m[1])), text)
    text = _CN_SHORT_YEAR_RE.sub(_said_year, text)
    while (listed := _CN_LISTED_YEAR_RE.sub(_said_year, text)) != text:
        text = listed
    text = _SHORT_YEAR_RE.sub(lambda m: "20" + (m[1] or m[2] or m[3]), text)
    return _LOOSE_YEAR_RE.sub(lambda m: "20" + (m[1] or m[2]), text)


_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_WORD = "|".join([*_EN_UNITS, *_EN_TENS, "hundred", "thousand"])
_EN_RUN_RE = re.compile(rf"\b(?:{_EN_WORD})(?:(?:[ -]+|\s+and\s+)(?:{_EN_WORD}))*\b", re.IGNORECASE)
#: a lone number word is a number only where a number stands: after what is numbered
#: (row nine, item 3, clause two) or before what is counted (thirty percent, five households)
_EN_NUMBERED_RE = re.compile(r"\b(?:rows?|items?|entry|entries|no\.|number|clauses?|articles?|parts?|tasks?|sections?|"
                             r"paragraphs?|points?|serial(?: number)?|phases?|stages?)\s*$|#\s*$", re.IGNORECASE)
_EN_COUNTED_RE = re.compile(r"^\s*(?:percent|per cent|percentage points?|%|km|kilomet|households?|square|sq\b|metres?|meters?|"
                            r"tons?|tonnes?|years?|months?|days?|million|billion|units?|projects?|counties|cities)",
                            re.IGNORECASE)
_PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent)\b(?!age)", re.IGNORECASE)


def _english_value(words: list[str]) -> int | None:
    """The value of number words (thirty-three, two thousand twenty-five), or None when they
    are not one number (two three).  A year said in pairs (twenty twenty-five) is 2025."""
    if len(words) >= 2 and words[0] in ("nineteen", "twenty") and (words[1] in _EN_TENS or words[1] in _EN_UNITS[10:]):
        rest = _english_value(words[1:])
        return None if rest is None or rest >= 100 else (19 if words[0] == "nineteen" else 20) * 100 + rest
    total, cur, last = 0, 0, ""
    for w in words:
        if w in _EN_UNITS:
            v = _EN_UNITS.index(w)
            if last in _EN_UNITS or (last in _EN_TENS and v >= 10):
                return None
            cur += v
        elif w in _EN_TENS:
            if last in _EN_UNITS or last in _EN_TENS:
                return None
            cur += 10 * (_EN_TENS.index(w) + 2)
        elif w == "hundred":
            if last not in _EN_UNITS or cur >= 100:
                return None
            cur *= 100
        else:  # thousand
            total, cur = total + (cur or 1) * 1000, 0
        last = w
    return total + cur


def english_numbers(text: str) -> str:
    """English number words in digits where they are numbers (row nine -> row 9, twenty
    twenty-five -> 2025, thirty-three -> 33, thirty percent -> 30%); \"no one\" stays."""
    def said(m: re.Match[str]) -> str:
        words = [w.lower() for w in re.split(r"[ -]+", m.group()) if w.lower() != "and"]
        value = _english_value(words)
        if value is None or (len(words) == 1 and not (_EN_NUMBERED_RE.search(text[:m.start()])
                                                      or _EN_COUNTED_RE.match(text[m.end():]))):
            return m.group()
        return str(value)

    if not re.search(r"[A-Za-z]", text):
        return text
    return _PERCENT_RE.sub(r"\1%", _EN_RUN_RE.sub(said, text))
