class UserError(Exception):
    """A problem the user can fix, with a message in Chinese. CLI and views show it without a traceback.

    `problems` lists every individual problem (e.g. one per bad row) when there are several.
    """

    exit_status = 1

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        return "\n".join([self.message, *self.problems])


class NotFoundOrForbidden(UserError):
    """Raised by *_for_user selectors for both a missing and a forbidden object."""
