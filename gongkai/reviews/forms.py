from django import forms


def note_field(label: str, *, required: bool = False, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class SubmitForm(forms.Form):
    note = note_field("说明（可不填）", rows=2)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="结论", choices=[("approve", "同意"), ("return", "退回修改")]
    )
    note = note_field("审核意见（退回时必填）")


class FirstReviewForm(ReviewForm):
    decision = forms.ChoiceField(choices=[("approve", "初审通过"), ("return", "退回修改")])
    note = note_field("审核意见（退回时必填）")


class SecrecyReviewForm(FirstReviewForm):
    secrecy_checked = forms.BooleanField(
        label="已完成保密审查（条例第十七条：先审查、后公开）", required=False
    )
    field_order = ["decision", "secrecy_checked", "note"]


class FinalReviewForm(ReviewForm):
    decision = forms.ChoiceField(choices=[("approve", "终审通过"), ("return", "退回修改")])
    note = note_field("审核意见（退回时必填）")


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label="发布日期", widget=forms.DateInput(attrs={"type": "date"}), required=False
    )


class WithdrawForm(forms.Form):
    note = note_field("撤回理由（将在原信息页面向公众显示）", required=True)


class ReviseForm(forms.Form):
    note = note_field("更正原因", required=True)
