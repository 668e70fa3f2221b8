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

#: a unit's name ending (局, 委, 厅, 中心…): a helper or the one helped must be a unit; just after
#: one (not 全部, 怎么办)
_UNIT_END = r"(?:局|委|厅|部|办|中心|政府|公司)"
_AFTER_UNIT = r"(?:(?<=局)|(?<=委)|(?<=厅)|(?<=中心)|(?<=政府)|(?<=公司)|(?<=[^全内外局细干大]部)|(?<=[^么]办))"
#: (pattern, as the plans write it): the lead said otherwise (谁主抓, 主办单位, 谁说了算, 是主力吗);
#: not the plans' own 带头 (党政机关要带头), nor 主抓手, 主力能源, 数据说了算
_LEAD = (
    (re.compile(r"(?:主办|主抓(?!手)|挑头|抓总|牵总|总牵头|领衔|挑大梁|打头阵|唱主角|当主角)(?!协调|统筹|推进|调度)"), "牵头"),
    (re.compile(r"(?<=谁)(?:来)?(?:主管|主导|说了算|拍板|领头|带头)|(?<=由谁)(?:主管|主导)"), "牵头"),
    (re.compile(r"主管单位|第一责任(?:单位|部门)|(?<=[是谁当])主力(?:单位|部门)?(?!军|能源|电源)|(?<=[是谁当])主角"), "牵头单位"),
)
#: a part in the work said otherwise, either role (谁来张罗, 由谁操办)
_EITHER = ((re.compile(r"张罗|操办|操持"), "负责"),)
#: taking part said otherwise (打配合, 打下手, 跟着做, 协办, 当配角)
_PART = (
    (re.compile(r"打配合|搭把手|打下手|跟着(?:做|干|一起做|一起干)|帮衬|协办|唱配角|当配角|配角"), "配合"),
    # 谁来帮忙, 住建局帮忙的: a unit helping, not the asker asking for help (帮忙查一下…, 请全部帮忙列一下)
    (re.compile(rf"(?<=谁)(?:来)?帮(?:着)?忙|{_AFTER_UNIT}帮(?:着)?忙|帮(?:着)?忙的(?=单位|部门)"), "配合"),
    (re.compile(r"(?:支持|协作)单位"), "配合单位"),
    # X给Y打配合: X配合Y, both units (not 请给出住建局配合的任务, 帮查一下城管局配合哪些)
    (re.compile(rf"{_AFTER_UNIT}(?:给|帮|替)(?P<u>[^，,。？?给帮替我出列查看忙助]{{1,12}}?{_UNIT_END})(?:配合|协助)"), r"配合\g<u>"),
)
#: a unit's share of the work said otherwise (压在X身上的担子, 分给X的活, 有份, 沾边): its tasks, either role
_ANY = (
    (re.compile(r"压在(?P<u>[^，,。？?]{2,16}?)(?:身上|肩上|头上)的(?:担子|活|任务|工作)"), r"\g<u>的任务"),
    (re.compile(rf"(?:分给|分配给|派给|交给)(?P<u>[^，,。？?]{{1,16}}?{_UNIT_END})(?:头上)?的(?:活儿?|担子|事儿?|任务|工作)"),
     r"\g<u>的任务"),
    (re.compile(r"担子"), "任务"),
    (re.compile(r"(?<![占])有份(?!文件|通知|额|材料|方案|报告|[\u4e00-\u9fa5]{0,2}文)|沾边|沾上边"), "涉及"),
)


def roles_as_written(text: str) -> str:
    """A question with its role words as the plans write them (谁主抓 -> 谁牵头, 打下手 -> 配合,
    压在城管局身上的担子 -> 城管局的任务); English and the plans' own words pass unchanged."""
    for pattern, written in (*_ANY, *_LEAD, *_EITHER, *_PART):
        text = pattern.sub(written, text)
    return text
