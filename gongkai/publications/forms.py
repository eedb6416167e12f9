"""Staff forms for publications. They only parse input; the service called with the cleaned data
checks the rules, and its UserError is shown next to the form (HTTP 400)."""

from django import forms

from gongkai.reviews.forms import SecrecyReviewForm

from .choices import AttachmentRole, DisclosureAttribute, ItemKind, Validity
from .editor import body_widget
from .models import CatalogueColumn, NormativeDocument, Publication, TopicCategory


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )


def note_field(label: str, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": rows})
    )


class PublicationForm(forms.Form):
    column = forms.ModelChoiceField(
        label="栏目", queryset=CatalogueColumn.objects.none(), required=False, empty_label="请选择"
    )
    new_column = forms.CharField(
        label="或新建栏目",
        max_length=50,
        required=False,
        help_text="目录中没有合适的栏目时填写，如“通知公告”“乡村振兴”。",
    )
    title = forms.CharField(label="标题", max_length=300)
    kind = forms.ChoiceField(
        label="信息形式", choices=ItemKind.choices, initial=ItemKind.TEXT, required=False
    )
    body = forms.CharField(label="正文", required=False, widget=body_widget(), max_length=200_000)
    doc_number = forms.CharField(label="文号", max_length=100, required=False)
    formed_on = date_field(
        "成文日期",
        required=False,
        help_text="条例第二十六条：自形成或者变更之日起20个工作日内予以公开。",
    )
    attribute = forms.ChoiceField(
        label="公开属性",
        choices=DisclosureAttribute.choices,
        initial=DisclosureAttribute.PROACTIVE,
        widget=forms.RadioSelect,
    )
    withheld_reason = forms.CharField(
        label="不予公开理由",
        max_length=200,
        required=False,
        help_text="公开属性为“不予公开”时必填。",
    )

    topic = forms.ModelChoiceField(
        label="主题分类",
        queryset=TopicCategory.objects.filter(active=True),
        required=False,
        empty_label="（不分类）",
    )
    validity = forms.ChoiceField(
        label="有效性", choices=Validity.choices, initial=Validity.VALID, required=False
    )
    normative_document = forms.ModelChoiceField(
        label="对应的规范性文件",
        queryset=NormativeDocument.objects.none(),
        required=False,
        empty_label="（不是规范性文件）",
    )
    interprets = forms.ModelChoiceField(
        label="解读的政策文件",
        queryset=Publication.objects.none(),
        required=False,
        empty_label="（不是解读）",
        help_text="本信息是某一政策文件的解读时选择；两边页面将互相链接。",
    )
    video_embed_url = forms.CharField(
        label="视频嵌入地址",
        max_length=500,
        required=False,
        help_text="信息形式为“视频”且不上传视频文件时填写；只接受允许的视频平台。",
    )

    RICH = ("kind", "topic", "validity", "normative_document", "interprets", "video_embed_url")

    def rich_values(self) -> dict:
        values = {k: self.cleaned_data[k] for k in self.RICH}
        values["kind"] = values["kind"] or ItemKind.TEXT
        values["validity"] = values["validity"] or Validity.VALID
        return values

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["normative_document"].queryset = NormativeDocument.objects.filter(agency=agency)
        self.fields["interprets"].queryset = Publication.objects.filter(
            agency=agency, revises__isnull=True
        ).order_by("-id")
        self.fields["column"].queryset = CatalogueColumn.objects.filter(agency=agency).order_by(
            "order", "name"
        )

    def clean(self):
        data = super().clean()
        if not data.get("column") and not (data.get("new_column") or "").strip():
            self.add_error("column", "请选择栏目，或填写新建栏目名称。")
        return data

    def column_value(self):
        data = self.cleaned_data
        return (data.get("new_column") or "").strip() or data["column"]


class FirstReviewWithScanForm(SecrecyReviewForm):
    """初审 of a publication: the 保密审查 confirmation, and why data the scan found may stay."""

    sensitive_reason = forms.CharField(
        label="敏感信息保留理由（扫描发现身份证号、手机号或银行卡号且确需公开时填写）",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["decision", "secrecy_checked", "sensitive_reason", "note"]


class AttachmentForm(forms.Form):
    role = forms.ChoiceField(label="用途", choices=AttachmentRole.choices)
    file = forms.FileField(label="文件")
    alt_text = forms.CharField(
        label="替代文字（图片必填）",
        max_length=300,
        required=False,
        help_text="用一句话说明图片内容，供读屏软件朗读。",
    )


class QuestionsForm(forms.Form):
    text = forms.CharField(
        label="问答（每组：以“问：”开头一行，下一行以“答：”开头）",
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=50_000,
    )

    def pairs(self) -> list[tuple[str, str]]:
        pairs: list[list[str]] = []
        for line in self.cleaned_data["text"].splitlines():
            line = line.strip()
            if line.startswith(("问：", "问:")):
                pairs.append([line[2:].strip(), ""])
            elif line.startswith(("答：", "答:")) and pairs:
                pairs[-1][1] = line[2:].strip()
            elif line and pairs:
                pairs[-1][1] = (pairs[-1][1] + "\n" + line).strip()
        return [(q, a) for q, a in pairs]
