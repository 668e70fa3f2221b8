"""Roles as people say them, read as the plans write them.

Staff rarely ask with the plans' own words 牵头 and 配合: they say who 主抓, 挑头, 主办 or 说了算,
who 打配合, 打下手 or 跟着做, what 担子 is 压在 a bureau's shoulders, which tasks it 有份 in.  The
plans write 牵头 (lead), 配合 / 参与 (take part) and 任务; a question is rewritten to them
before it is read, so every later rule sees one vocabulary.  These are words of everyday
Chinese about who does the work, never any document's own (its units, places or tasks);
words a plan may use in its content (主管部门, 支持, 主导产业) are left alone.  Pure functions,
no imports of the rest of the package.
"""

from __future__ import annotations

import re

#: (pattern, as the plans write it): the lead said otherwise (谁主抓, 主办单位, 谁说了算, 是主力吗)
_LEAD = (
    (re.compile(r"(?:主办|主抓|挑头|抓总|牵总|总牵头|领衔|挑大梁|打头阵|唱主角|当主角|领头|带头(?!人))(?!协调|统筹|推进|调度)"), "牵头"),
    (re.compile(r"(?<=谁)(?:来)?(?:主管|主导|说了算|拍板)|(?<=由谁)(?:主管|主导)|说了算"), "牵头"),
    (re.compile(r"主管单位|第一责任(?:单位|部门)|主力(?:单位|部门)?|主角"), "牵头单位"),
)
#: a part in the work said otherwise, either role (谁来张罗, 由谁操办)
_EITHER = ((re.compile(r"张罗|操办|操持|经办"), "负责"),)
#: taking part said otherwise (打配合, 打下手, 跟着做, 帮忙, 协办, 当配角)
_PART = (
    (re.compile(r"打配合|搭把手|打下手|跟着(?:做|干|一起做|一起干)|帮衬|协办|唱配角|当配角|配角"), "配合"),
    # 谁来帮忙, 住建局帮忙的: a unit helping, not the asker asking for help (帮忙查一下…)
    (re.compile(r"(?<=谁)(?:来)?帮(?:着)?忙|(?<=[局委厅部办心])帮(?:着)?忙|帮(?:着)?忙的(?=单位|部门|是|有)"), "配合"),
    (re.compile(r"(?:支持|协作)单位"), "配合单位"),
    # X给Y打配合: X配合Y (Y a unit, not 帮我看看谁配合)
    (re.compile(r"(?:给|帮|替)(?P<u>[^，,。？?给帮替我]{1,12}?(?:局|委|厅|部|办|中心|政府|公司))(?:配合|协助)"), r"配合\g<u>"),
)
#: a unit's share of the work said otherwise (压在X身上的担子, 分给X的活, 有份, 沾边): its tasks, either role
_ANY = (
    (re.compile(r"压在(?P<u>[^，,。？?]{2,16}?)(?:身上|肩上|头上)的(?:担子|活|任务|工作)"), r"\g<u>的任务"),
    (re.compile(r"(?:分给|分配给|派给|交给|落到)(?P<u>[^，,。？?]{2,16}?)(?:头上)?的(?:活儿?|担子|事儿?|任务|工作)"), r"\g<u>的任务"),
    (re.compile(r"担子"), "任务"),
    (re.compile(r"有份|沾边|沾上边"), "涉及"),
)


def roles_as_written(text: str) -> str:
    """A question with its role words as the plans write them (谁主抓 -> 谁牵头, 打下手 -> 配合,
    压在城管局身上的担子 -> 城管局的任务); English and the plans' own words pass unchanged."""
    for pattern, written in (*_ANY, *_LEAD, *_EITHER, *_PART):
        text = pattern.sub(written, text)
    return text
