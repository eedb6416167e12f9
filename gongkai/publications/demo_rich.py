"""Demo rich items of 卢氏县人民政府, each drafted by its 信息员 and reviewed by its 办公室主任 and 分管领导
through the services (publications/demo.py's `_walk`): a 问答 解读 of the 营商环境 policy (卢政〔2025〕2号),
an item with a PDF attachment rendered by WeasyPrint at load time, and a 图文 item whose image (drawn with
Pillow) has its 替代文字. Idempotent: keyed by title."""

from __future__ import annotations

import datetime
import io

from .choices import AttachmentRole, ItemKind
from .models import Publication
from .rich_services import attachment_add, questions_set
from .services import publication_create

D = datetime.date
POLICY_TITLE = "卢氏县人民政府关于进一步优化营商环境的若干措施"
INTERPRETATION_TITLE = "《卢氏县人民政府关于进一步优化营商环境的若干措施》政策解读"
INTERPRETATION_QA = [
    (
        "出台《若干措施》的背景是什么？",
        "为贯彻《优化营商环境条例》，进一步降低企业办事成本，县政府制定了《若干措施》（卢政〔2025〕2号）。",
    ),
    (
        "《若干措施》主要有哪些内容？",
        "共五个方面二十条：压缩企业开办时间、推行“一件事一次办”、规范涉企收费、加强要素保障和保护市场主体权益。",
    ),
    (
        "企业遇到问题向哪里反映？",
        "可拨打县营商环境服务热线 0398-7812345，或到县政务服务中心“办不成事”反映窗口现场反映。",
    ),
]
PDF_TITLE = "卢氏县人民政府2025年第四季度政府采购意向公开"
PDF_NAME = "卢氏县人民政府2025年第四季度政府采购意向表.pdf"
PDF_ROWS = [
    ("1", "县政府机关办公设备购置", "办公电脑、打印机等", "38.5", "2025年10月"),
    ("2", "县政务服务中心自助终端运维服务", "自助终端全年运维", "12.0", "2025年11月"),
    ("3", "政府网站及政务公开平台安全检测服务", "等级保护测评、渗透测试", "9.8", "2025年12月"),
]
IMAGE_TITLE = "图解：卢氏县2025年政府预算"
IMAGE_NAME = "卢氏县2025年政府预算图解.png"
BUDGET = [("税收收入", 8.6), ("非税收入", 3.1), ("上级补助", 21.4)]  # 亿元
IMAGE_ALT = "柱状图：卢氏县2025年一般公共预算收入来源，" + "，".join(
    f"{name}{amount}亿元" for name, amount in BUDGET
)
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def procurement_pdf() -> bytes:
    """A one-page PDF with the procurement table (WeasyPrint, Noto Sans CJK SC)."""
    from gongkai.reportformat.render_pdf import html_to_pdf

    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in PDF_ROWS
    )
    return html_to_pdf(
        '<html lang="zh-CN"><head><meta charset="utf-8"><style>'
        'body{font-family:"Noto Sans CJK SC";font-size:11pt}'
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px}"
        f"</style></head><body><h1>{PDF_TITLE}</h1><table><tr><th>序号</th><th>采购项目名称</th>"
        f"<th>采购需求概况</th><th>预算金额（万元）</th><th>预计采购时间</th></tr>{rows}</table>"
        "<p>本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。</p>"
        "</body></html>"
    )


def budget_png() -> bytes:
    """A small bar chart of BUDGET (Pillow); labels in Noto Sans CJK when the font is installed."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, 16)
    except OSError:
        font = ImageFont.load_default()
    top = max(amount for _, amount in BUDGET)
    for i, (name, amount) in enumerate(BUDGET):
        x = 60 + i * 140
        height = int(200 * amount / top)
        draw.rectangle([x, 250 - height, x + 80, 250], fill=(178, 34, 34))
        draw.text((x, 255), name, fill="black", font=font)
        draw.text((x, 230 - height), f"{amount}亿元", fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _new(agency, clerk, title: str, **fields) -> Publication | None:
    """A new draft, or None when the demo already has the item."""
    if Publication.objects.filter(agency=agency, title=title).exists():
        return None
    return publication_create(
        actor=clerk, agency=agency, title=title, publisher=agency.name, **fields
    )


def load_rich_items(agencies, people) -> None:
    from .demo import _reviewers, _walk

    county = agencies["county"]
    actors = _reviewers("county", people)
    clerk = actors[0]
    policy = Publication.objects.get(agency=county, title=POLICY_TITLE)
    if pub := _new(
        county,
        clerk,
        INTERPRETATION_TITLE,
        column="政策解读",
        formed_on=D(2025, 4, 9),
        kind=ItemKind.QA,
        interprets=policy,
        body="<p>现就《卢氏县人民政府关于进一步优化营商环境的若干措施》解读如下。</p>",
    ):
        questions_set(actor=clerk, publication=pub, pairs=INTERPRETATION_QA)
        _walk(pub, actors, D(2025, 4, 9), D(2025, 4, 11))
    if pub := _new(
        county,
        clerk,
        PDF_TITLE,
        column="财政信息",
        formed_on=D(2025, 9, 22),
        body="<p>现将本单位2025年第四季度政府采购意向公开如下，详见附件。</p>",
    ):
        attachment_add(
            actor=clerk,
            publication=pub,
            role=AttachmentRole.FILE,
            name=PDF_NAME,
            data=procurement_pdf(),
        )
        _walk(pub, actors, D(2025, 9, 22), D(2025, 9, 26))
    if pub := _new(
        county,
        clerk,
        IMAGE_TITLE,
        column="财政信息",
        formed_on=D(2025, 2, 24),
        kind=ItemKind.IMAGES,
        body="<p>一图读懂卢氏县2025年一般公共预算收入来源。</p>",
    ):
        attachment_add(
            actor=clerk,
            publication=pub,
            role=AttachmentRole.IMAGE,
            name=IMAGE_NAME,
            data=budget_png(),
            alt_text=IMAGE_ALT,
        )
        _walk(pub, actors, D(2025, 2, 24), D(2025, 2, 27))
