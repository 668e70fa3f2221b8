"""The words by which questions ask: who leads, a unit's tasks, a target, a deadline, a header
fact, a quantity, and how askers speak of themselves and of lists.  Plain language of asking,
keyed to no document (a document's own vocabulary comes from the loaded documents)."""

from __future__ import annotations

LEAD_WORDS = ("牵头", "谁负责", "哪个部门负责", "哪个单位负责", "哪些部门负责", "哪些单位负责", "归谁管", "谁来抓",
              "谁管", "由谁", "哪个部门", "哪个单位", "哪家单位", "主责", "责任单位", "牵头单位", "谁主抓", "谁来负责",
              "领头", "带头")
DUTY_WORDS = ("哪些责任", "什么责任", "啥责任", "责任有哪些", "哪些条目", "条目")  # 城管局有哪些责任: its tasks
#: asking what someone does (做什么, 干啥); one list for the unit-task intent, the task-word
#: signal and the unknown-unit check
DOING_WORDS = ("做什么", "做啥", "做些什么", "干什么", "干啥", "管些什么", "管些啥")
#: the pieces of work themselves, asked colloquially (哪些活, 啥事)
CHORE_WORDS = ("哪些事", "什么事", "哪些活", "什么活", "啥活", "啥事", "活儿", "事项", "有活", "有没有活")
UNIT_TASK_WORDS = ("哪些任务", "什么任务", "哪些工作", "什么工作", "要做什么", *DOING_WORDS, *CHORE_WORDS,
                   "承担", "负责哪些", "啥任务", "的活有", "的活", "管哪些", "管什么", "管啥", "任务有哪些", "工作有哪些",
                   "职责", "分工", "有哪些", "涉及", *DUTY_WORDS)
TARGET_WORDS = ("多少", "目标", "达到", "比例", "占比", "指标", "几成", "百分之", "要求是", "控制在", "不高于", "不低于",
                "覆盖率", "利用率", "处置率", "几公里", "多大", "几个", "多长", "提高到", "降低", "下降")
DEADLINE_WORDS = ("什么时候", "何时", "时限", "截止", "期限", "哪一年", "哪年", "完成时间", "几月", "时间节点", "之前",
                  "时间要求", "什么时间", "啥时候", "多久", "多长时间")
WHEN_WORDS = tuple(w for w in DEADLINE_WORDS if w not in ("多久", "多长时间", "之前"))  # a time, not how long
FACT_WORDS = {"doc_number": ("文号", "发文字号", "字号"),
              "issuers": ("印发单位", "发文单位", "哪些单位印发", "谁印发", "谁发布", "发文机关", "联合印发", "哪些部门印发", "哪些部门联合",
                          "联合发文", "署名", "盖章"),
              "date": ("印发日期", "发布日期", "印发时间", "发布时间", "哪天印发", "什么时候印发", "什么时候发布", "成文日期", "哪天发布"),
              "attachments": ("附件",),
              "recipients": ("下发给", "主送", "发给哪些", "发给了哪些", "印发给", "下发到", "发送给"),
              "title": ("文件名称", "标题", "叫什么"),
              "disclosure": ("公开属性", "公开方式", "是否公开", "公开吗", "能不能公开", "可以公开", "公开范围", "主动公开",
                             "依申请公开", "公开类型", "不公开")}
QUANTITY_WORDS = ("多少", "几", "百分之", "比例", "占比", "多大", "多长", "多高", "多远", "数量", "个数", "数目")

#: how people speak of themselves and of lists (我在X上班，我们局…全部列出来): asking, not what is asked
SPEAKER_WORDS = ("我在", "我是", "我们局", "我们单位", "我们部门", "我们", "咱们", "本局", "本单位", "上班", "工作",
                 "分工表", "责任表", "表里", "表中", "凡是", "所有", "全部", "列出来", "列一下", "列出", "加上", "加",
                 "一共", "总共", "分别", "请", "帮我", "查一下", "看看", "我", "局里",
                 "咱局", "新来的", "列个清单", "列清单", "列个单子", "分开列", "分开", "我科室", "我处", "科室", "所在的",
                 "梳理", "逐项", "逐条", "列明", "罗列", "列举", "汇总", "报送", "分工安排", "任务分工", "具体任务", "根据",
                 "按照", "依据", "落实", "接手", "台账", "核对", "出现在", "出现", "序号", "全拉", "拉一遍", "过一遍",
                 "捋一遍", "一遍", "不管", "还是", "我们中心", "我们厅", "我们委", "本中心", "找出来", "找出", "挑出来")
