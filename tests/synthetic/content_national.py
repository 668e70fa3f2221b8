"""SYNTHETIC national-level plan (合成测试文件): invented text and figures, no real policy.

Units are named without a place, the way ministries are; the issuer list uses the full name
住房和城乡建设部 while the body abbreviates it (住房城乡建设部), and 国管局 / 国家机关事务管理局
appear in both forms on purpose.  国家发展改革委 is never written in full, so it stays so.
"""

from __future__ import annotations

from .model import Clause, Document, Duty, Header, Item, Section, Target

MOHURD = "住房城乡建设部"
NDRC = "国家发展改革委"
NEA = "国家能源局"
MIIT = "工业和信息化部"
MOF = "财政部"
MNR = "自然资源部"
SAMR = "市场监管总局"
MEE = "生态环境部"

HEADER = Header(
    issuers=("住房和城乡建设部", NDRC, NEA),
    doc_number="建标〔2024〕35号",
    title="城乡建设领域绿色低碳发展行动方案",
    recipients="各省、自治区、直辖市住房和城乡建设厅（委、管委）、发展改革委、能源局，"
               "新疆生产建设兵团住房和城乡建设局、发展改革委：",
    date="2024-01-22",
    preamble="为推动城乡建设领域绿色低碳发展，提升建筑能效和用能清洁化水平，促进城乡建设方式转型，"
             "按照国家关于碳达峰碳中和工作的总体部署，制定本行动方案。",
)

SECTIONS = (
    Section("总体要求", (
        Clause("总体思路", "坚持系统观念，统筹发展和减排，把绿色低碳要求贯穿城乡规划建设管理各环节，"
                           "以建筑节能和用能结构优化为重点，稳妥有序推进城乡建设领域降碳工作。"),
        Clause("行动目标", "到2025年，城镇新建建筑中星级绿色建筑占比达到30%以上；到2030年，"
                           "城乡建设领域碳排放达到峰值，建筑用能中电力消费比例超过65%。",
               targets=(Target("城镇新建建筑中星级绿色建筑占比", "30%以上", "2025年"),
                        Target("建筑用能中电力消费比例", "65%", "2030年"))),
    )),
    Section("提升建筑能效水平", (
        Clause("提高新建建筑节能标准", items=(
            Item("修订完善建筑节能强制性工程建设规范，进一步提高新建居住建筑和公共建筑的节能设计要求。",
                 Duty((MOHURD,), (SAMR,), "2025年底前")),
            Item("推动超低能耗建筑和近零能耗建筑规模化发展，到2027年累计建设超低能耗建筑5000万平方米以上。",
                 Duty((MOHURD,), (NDRC, MOF), "2027年底前"),
                 (Target("累计建设超低能耗建筑", "5000万平方米以上", "2027年"),)),
            Item("加强建筑节能工程施工质量监管，将节能验收作为竣工验收的重要内容，严禁擅自降低节能标准。",
                 Duty((MOHURD,), (SAMR,), "长期坚持")),
        )),
        Clause("推进既有建筑节能改造", items=(
            Item("结合城镇老旧小区改造和城市更新统筹推进既有居住建筑节能改造，“十四五”期间累计完成"
                 "既有建筑节能改造4亿平方米以上。",
                 Duty((MOHURD,), (NDRC, MOF, "各地区人民政府"), "2025年底前"),
                 (Target("累计完成既有建筑节能改造", "4亿平方米以上", "十四五"),)),
            Item("实施公共机构能效提升工程，推动政府机关、学校、医院开展节能诊断和改造，2030年前公共机构"
                 "单位建筑面积能耗比2020年下降10%。",
                 Duty(("国管局",), (MOHURD, "教育部", "国家卫生健康委"), "2030年底前"),
                 (Target("公共机构单位建筑面积能耗", "10%", "2030年前"),)),
        )),
        Clause("加快建筑用能电气化", "在城镇新建公共建筑中推广热泵、电炊具和电热水器等高效电气化设备，"
                                     "引导新建居住建筑采用全电厨房，逐步提高建筑终端用能电气化水平。",
               duty=Duty((NEA,), (MOHURD, NDRC), "持续推进")),
    )),
    Section("优化城乡用能结构", (
        Clause("推广可再生能源建筑应用", items=(
            Item("推动新建公共建筑和工业厂房屋顶安装光伏，到2027年城镇新建公共建筑屋顶光伏可安装面积"
                 "利用率达到45%以上。",
                 Duty((NEA,), (MOHURD, MIIT), "2027年底前"),
                 (Target("城镇新建公共建筑屋顶光伏可安装面积利用率", "45%以上", "2027年"),)),
            Item("因地制宜推广地源热泵、空气源热泵和太阳能热利用，鼓励以县域为单元整体推进可再生能源供暖。",
                 Duty((NEA,), (NDRC, MNR), "持续推进")),
        )),
        Clause("推进北方地区清洁取暖", items=(
            Item("巩固北方地区冬季清洁取暖成果，到2025年北方地区县城清洁取暖率达到90%以上。",
                 Duty((NEA, MOHURD), (MEE, MOF), "2025年底前"),
                 (Target("北方地区县城清洁取暖率", "90%以上", "2025年"),)),
            Item("推进城镇供热管网节能改造和智能化升级，持续降低供热管网热损失和单位面积供热能耗。",
                 Duty((MOHURD,), (NEA, "国家机关事务管理局"), "2030年底前")),
        )),
    )),
    Section("推动绿色低碳建造", (
        Clause("大力发展装配式建筑", items=(
            Item("完善装配式建筑标准体系和部品部件认证制度，到2027年装配式建筑占当年城镇新建建筑的比例"
                 "达到35%以上。",
                 Duty((MOHURD,), (MIIT, SAMR), "2027年底前"),
                 (Target("装配式建筑占当年城镇新建建筑的比例", "35%以上", "2027年"),)),
            Item("推广钢结构住宅和智能建造方式，培育一批智能建造骨干企业和产业基地。",
                 Duty((MOHURD,), (MIIT, "科技部"), "长期坚持")),
        )),
        Clause("推广绿色建材", "加快绿色建材产品认证和推广应用，政府采购工程优先采用绿色建材，"
                               "到2030年城镇新建建筑中绿色建材应用比例达到70%以上。",
               duty=Duty((MIIT, MOHURD), (MOF, SAMR), "2030年底前"),
               targets=(Target("城镇新建建筑中绿色建材应用比例", "70%以上", "2030年"),)),
    )),
    Section("保障措施", (
        Clause("加强组织实施", "各有关部门要按照职责分工，细化工作举措，加强协同配合，"
                               "每年对行动方案落实情况进行跟踪评估。"),
        Clause("强化政策支持", "统筹利用现有资金渠道支持建筑节能改造和可再生能源应用，"
                               "落实税收优惠政策，引导金融机构加大绿色信贷支持力度。"),
        Clause("加强宣传引导", "广泛宣传绿色低碳建筑的经验做法，引导社会公众自觉践行绿色生活方式。"),
    )),
)

UNITS = (
    ("住房和城乡建设部", "住房和城乡建设部"),
    (MOHURD, "住房和城乡建设部"),
    (NDRC, NDRC),
    (NEA, NEA),
    (MIIT, MIIT),
    (MOF, MOF),
    (MNR, MNR),
    (SAMR, SAMR),
    (MEE, MEE),
    ("国管局", "国家机关事务管理局"),
    ("国家机关事务管理局", "国家机关事务管理局"),
    ("教育部", "教育部"),
    ("国家卫生健康委", "国家卫生健康委"),
    ("科技部", "科技部"),
    ("各地区人民政府", "各地区人民政府"),
)

DOCUMENT = Document(
    key="nat", level="national", place=None, stem="synthetic_national_green_lowcarbon_2024",
    header=HEADER, sections=SECTIONS, units=UNITS, implied_unit="各地区人民政府", note_in_paren=True,
)
