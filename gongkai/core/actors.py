"""Who is acting: a person (a User) or the system (the command line, the demo, an import).

Services accept either. People are checked against the permissions; the system is trusted, since
only an administrator with access to the server can run it.
"""

from .errors import UserError
from .models import Agency
from .permissions import can_write


def is_person(actor) -> bool:
    return getattr(actor, "pk", None) is not None


def actor_name(actor) -> str:
    if is_person(actor):
        return actor.full_name or actor.username
    return str(actor or "系统")


def require_write(actor, agency: Agency, what: str) -> None:
    if is_person(actor) and not can_write(actor, agency):
        raise UserError(f"您没有权限修改“{agency.name}”的{what}。")
