"""Staff forms for publications. They only parse input; the service called with the cleaned data
checks the rules, and its UserError is shown next to the form (HTTP 400)."""

from django import forms

from gongkai.reviews.forms import SecrecyReviewForm

from .choices import DisclosureAttribute
from .models import CatalogueColumn


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
    body = forms.CharField(
        label="正文", required=False, widget=forms.Textarea(attrs={"rows": 10}), max_length=100_000
    )
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

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
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
