from django import forms

from gongkai.core.forms import NoColonLabels

from .models import AssessmentWeights


class WeightsForm(NoColonLabels, forms.Form):
    published = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("published").verbose_name,
        min_value=0,
        max_value=100,
    )
    submitted = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("submitted").verbose_name,
        min_value=0,
        max_value=100,
    )
    timely = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("timely").verbose_name, min_value=0, max_value=100
    )
    requests = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("requests").verbose_name, min_value=0, max_value=100
    )
    report = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("report").verbose_name, min_value=0, max_value=100
    )
    inspection = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("inspection").verbose_name,
        min_value=0,
        max_value=100,
    )
    catalogue = forms.IntegerField(
        label=AssessmentWeights._meta.get_field("catalogue").verbose_name,
        min_value=0,
        max_value=100,
    )
    published_target = forms.IntegerField(label="主动公开数量目标（每年，件）", min_value=1)


class ReminderForm(forms.Form):
    subject = forms.CharField(label="督办事项", max_length=200)
    message = forms.CharField(label="督办内容", widget=forms.Textarea(attrs={"rows": 2}))
