from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class DemoAwareModelBackend(ModelBackend):
    """The normal backend, except that demo accounts log in only while the site runs in demo mode."""

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.GONGKAI_DEMO:
            return False
        return super().user_can_authenticate(user)
