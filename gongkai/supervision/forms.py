from django import forms

from .scores import INDICATORS


class WeightsForm(forms.Form):
    """One weight per assessment indicator, named as in the assessment's columns (`INDICATORS`)."""

    published_target = forms.IntegerField(label="主动公开数量目标（每年，件）", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields.pop("published_target")
        for indicator in INDICATORS:
            self.fields[indicator.key] = forms.IntegerField(
                label=indicator.label, min_value=0, max_value=100
            )
        self.fields["published_target"] = target


class ReminderForm(forms.Form):
    subject = forms.CharField(label="督办事项", max_length=200)
    message = forms.CharField(label="督办内容", widget=forms.Textarea(attrs={"rows": 2}))
