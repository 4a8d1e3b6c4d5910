"""Report-like documents written for the reader tests: the same text as .txt, PDF (reportlab) and .docx.

The texts are invented (no real bureau's sentences); each is a list of lines, one paragraph or
heading per line, exactly as a .txt report holds them. ``make_pdf`` typesets them the way an
office's PDF export does: paragraphs wrapped at the page width with a two-character first-line
indent, headings unindented, a running header and a "— n —" page number on every page.
"""
from __future__ import annotations

REPORTS = {
    "qingshan": [
        "青山区生态环境局2023年工作总结",
        "一、环境质量状况",
        "2023年，全区环境空气质量持续改善，PM2.5平均浓度为35.2微克/立方米，同比下降4.9%，空气质量优良天数为301天，优良天数比率为82.5%，较上年提高3.1个百分点。全区地表水国控断面水质优良比例为100%，集中式饮用水水源地水质达标率保持100%，主要河流水质稳定达到III类标准，总磷平均浓度为0.08毫克/升。",
        "二、主要工作开展情况",
        "（一）大气污染防治",
        "深入开展扬尘污染专项整治行动，全年共检查建筑工地412个次，督促整改问题236个，完成餐饮油烟治理设施安装98家，淘汰老旧车辆1250辆，对重点企业实施错峰生产，确保重污染天气应急减排措施落实到位。",
        "（二）环境执法监管",
        "全年共立案查处环境违法案件57件，处罚金额共计386.5万元，移送公安机关案件4件，办理群众信访投诉件621件，办结率100%。",
        "三、存在的问题",
        "一是环境监测能力与新形势要求还有差距，部分街道网格员业务水平不高，发现问题不够及时。二是基层执法力量薄弱，执法装备配备不足，难以适应日益繁重的监管任务。",
        "四、下一步工作计划",
        "2024年，力争PM2.5平均浓度控制在34微克/立方米以内，优良天数比率达到83%以上，继续巩固水环境质量，确保国控断面水质优良比例保持100%。",
    ],
    "hexi": [
        "河西县生态环境局2022年上半年工作总结",
        "一、环境质量",
        "上半年，全县空气质量优良天数为158天，优良率为87.3%，PM10平均浓度为52微克/立方米，同比下降7.1%，PM2.5平均浓度为28微克/立方米，同比持平，二氧化硫平均浓度为9微克/立方米。县城集中式饮用水水源地水质达标率为100%，地表水考核断面水质优良比例为91.7%。",
        "二、重点工作推进情况",
        "（一）水污染防治",
        "完成12个乡镇污水处理设施提标改造，新建污水管网38.6公里，排查入河排污口164个，完成整治131个，全县畜禽粪污综合利用率达到92%以上。",
        "（二）固体废物管理",
        "开展危险废物规范化管理评估，检查涉危企业73家，发现问题89个，已全部完成整改，医疗废物集中处置率保持100%。",
        "三、存在的困难和问题",
        "一是部分乡镇污水处理设施运行不稳定，进水浓度偏低，管网配套建设滞后于主体工程建设进度。二是环保专业技术人才缺乏，监测站仪器设备老化，无法满足新增监测项目的需要。",
        "四、下半年工作打算",
        "确保全年空气质量优良率不低于86%，PM2.5平均浓度控制在30微克/立方米以内，完成省市下达的各项减排任务。",
    ],
    "nanhu": [
        "南湖市生态环境局2021年工作总结和2022年工作计划",
        "一、2021年工作总结",
        "（一）环境质量持续向好",
        "全市环境空气质量综合指数为3.95，PM2.5平均浓度为31微克/立方米，同比下降8.8%，优良天数比率为88.2%，同比上升2.5个百分点，臭氧平均浓度为146微克/立方米，重污染天数为0天。全市13个国考断面水质优良比例为92.3%，无劣V类水体，城市集中式饮用水水源地水质达标率为100%。",
        "（二）污染减排成效明显",
        "全年完成化学需氧量减排1860吨、氨氮减排215吨，完成重点行业挥发性有机物综合治理项目46个，关停取缔散乱污企业83家，新增清洁取暖改造2.3万户。",
        "二、存在的问题",
        "环境基础设施建设仍有短板，城镇污水收集率不高，部分工业园区污水集中处理设施尚未建成投运，农村环境综合整治任务依然繁重。",
        "三、2022年工作计划",
        "力争PM2.5平均浓度降至30微克/立方米，优良天数比率稳定在88%以上，国考断面水质优良比例达到92.3%以上，全面完成年度减排目标任务。",
    ],
    "beishan": [
        "北山县生态环境分局2023年上半年工作总结",
        "一、环境质量情况",
        "1-6月，全县优良天数为162天，优良天数比率为89.5%，同比上升1.7个百分点，PM2.5平均浓度为24.6微克/立方米，同比下降3.2%，PM10平均浓度为45微克/立方米。全县5个省控断面水质均达到II类标准，化学需氧量平均浓度为11.2毫克/升。",
        "二、工作开展情况",
        "（一）生态环境保护督察整改",
        "中央生态环境保护督察反馈问题15项，已完成整改12项，剩余3项正在按序时进度推进；交办信访件47件，已办结45件，办结率95.7%。",
        "（二）环评审批服务",
        "上半年共审批建设项目环评文件36个，涉及总投资18.7亿元，办理排污许可登记218家，为重点项目开辟绿色通道，平均审批时限压缩至法定时限的一半以内。",
        "三、存在的问题",
        "一是臭氧污染问题逐步凸显，夏季臭氧超标天数占超标总天数的比例较高，挥发性有机物治理仍需加力。二是生态环境监管执法队伍人员不足，专业人才短缺，执法监管覆盖面有待进一步扩大。",
    ],
}


def _styles(size=12):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont("STSong-Light")
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=size, leading=size * 1.6,
                          firstLineIndent=2 * size, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=size * 0.6)
    title = ParagraphStyle("title", parent=body, fontSize=size * 1.6, leading=size * 2.4,
                           firstLineIndent=0, alignment=1, spaceAfter=size)
    return body, heading, title


def is_heading(line: str) -> bool:
    import re

    return bool(re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", line)) and len(line) < 40


def make_pdf(path, lines, *, header="青山区生态环境局文件", page_footer="— {n} —", size=12, tables=(),
             columns=1):
    """Typeset ``lines`` (title first) into a PDF at ``path``; returns the number of pages.

    ``tables``: [(after_line_index, rows)] drawn as ruled tables after that line.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

    body, heading, title = _styles(size)
    width, height = A4
    margin = 72
    pages = []

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        if header:
            canvas.drawCentredString(width / 2, height - 40, header)
        if page_footer:
            canvas.drawCentredString(width / 2, 30, page_footer.format(n=doc.page))
        canvas.restoreState()
        pages.append(doc.page)

    doc = BaseDocTemplate(str(path), pagesize=A4)
    gap = 18
    fw = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + i * (fw + gap), margin, fw, height - 2 * margin, id=f"c{i}",
                    leftPadding=0, rightPadding=0) for i in range(columns)]
    doc.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=decorate)])
    story = []
    after = dict(tables)
    for i, line in enumerate(lines):
        style = title if i == 0 else heading if is_heading(line) else body
        story.append(Paragraph(line, style))
        if i in after:
            rows = [[Paragraph(c, heading) for c in row] for row in after[i]]
            t = Table(rows)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)
    doc.build(story)
    return len(pages)
