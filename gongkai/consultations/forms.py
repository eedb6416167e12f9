from django import forms

from gongkai.core.forms import ServiceProblemsMixin
from gongkai.core.models import Agency

from .choices import ConsultationKind

CONSENT_LABEL = "同意在答复后公开本问答（不公开个人信息）"


class ConsultationForm(ServiceProblemsMixin, forms.Form):
    """The public form. It only parses; services.intake_problems checks the rest (the same checks
    consultation_submit_online runs), and its problems go next to the fields."""

    kind = forms.ChoiceField(
        label="类别", choices=ConsultationKind.choices, widget=forms.RadioSelect
    )
    agency = forms.ModelChoiceField(
        label="受理机关", queryset=Agency.objects.exclude(level="unit"), empty_label="请选择"
    )
    question = forms.CharField(
        label="问题",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明事项、时间、地点；不要在这里填写身份证号码、电话等个人信息",
    )
    name = forms.CharField(
        label="姓名", max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact = forms.CharField(
        label="联系方式",
        max_length=100,
        help_text="手机号码、带区号的固定电话（如0398-7000000）或电子邮箱，只用于答复您，不公开",
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    consent_publish = forms.BooleanField(label=CONSENT_LABEL, required=False)

    PROBLEM_FIELDS = {
        "受理机关": "agency",
        "类别": "kind",
        "问题": "question",
        "姓名": "name",
        "联系方式": "contact",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}"
        self.fields["agency"].error_messages["required"] = "请选择受理机关"
        for key in ("required", "invalid_choice"):
            self.fields["kind"].error_messages[key] = "请选择咨询、投诉或建议"
        self.fields["agency"].error_messages["invalid_choice"] = "请从列表中选择受理机关"

    def clean(self):
        from .services import intake_problems

        data = super().clean()
        self.place_problems(intake_problems(**data))
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
