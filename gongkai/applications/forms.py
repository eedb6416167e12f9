from django import forms

from gongkai.core.models import Agency

from .choices import ApplicantType, FormRequested


class OnlineApplicationForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="受理机关", queryset=Agency.objects.exclude(level="unit"), empty_label="请选择"
    )
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices)
    applicant_name = forms.CharField(label="姓名或名称", max_length=100)
    id_number = forms.CharField(
        label="身份证明",
        max_length=18,
        help_text="自然人填写18位身份证号码；法人或其他组织填写统一社会信用代码",
    )
    contact = forms.CharField(label="联系电话或电子邮箱", max_length=100)
    address = forms.CharField(label="通讯地址", max_length=200, required=False)
    content = forms.CharField(
        label="所需信息的名称、文号或特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )
    form_requested = forms.ChoiceField(
        label="获取信息的方式", choices=FormRequested.choices, initial=FormRequested.ELECTRONIC
    )


class LookupForm(forms.Form):
    query_code = forms.CharField(label="查询码", max_length=20)
    secret = forms.CharField(label="查询密码", max_length=40, widget=forms.PasswordInput)
