from django import forms

from gongkai.applications.forms import date_field, note_field
from gongkai.core.forms import ServiceProblemsMixin
from gongkai.core.models import Agency

from .models import AppealKind, AppealResult


class AppealRegisterForm(ServiceProblemsMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="机关", queryset=Agency.objects.none(), empty_label="请选择"
    )
    number = forms.CharField(label="编号", max_length=60, help_text="如复议决定书或案号")
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices, widget=forms.RadioSelect)
    filed_on = date_field("立案日期")
    application_number = forms.CharField(
        label="关联申请编号", max_length=40, required=False, help_text="本机关申请的编号，可留空"
    )
    note = note_field("备注")

    PROBLEM_FIELDS = {
        "编号": "number",
        "类型": "kind",
        "立案日期": "filed_on",
        "关联申请": "application_number",
    }

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if agencies.count() == 1:
                self.fields["agency"].initial = agencies.first()


class AppealResultForm(ServiceProblemsMixin, forms.Form):
    result = forms.ChoiceField(
        label="结果",
        choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING],
        widget=forms.RadioSelect,
    )
    closed_on = date_field("结案日期", required=False)
    note = note_field("备注")

    PROBLEM_FIELDS = {"结果": "result", "结案日期": "closed_on"}
