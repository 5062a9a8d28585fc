"""Reads for enterprises."""

from django.db.models import Q, QuerySet

from clusterdesk.accounts.models import User
from clusterdesk.accounts.roles import Role

from .models import Enterprise

__all__ = ["enterprise_choices", "enterprise_list", "secretary_choices"]


def enterprise_list(*, user, action: str = "view") -> QuerySet[Enterprise]:
    """Enterprises on which ``user`` may perform ``action``."""
    return Enterprise.objects.restrict(user, action)


def enterprise_choices() -> QuerySet[Enterprise]:
    """Every enterprise, as the choices of a form field; `ScopedModelForm` narrows them to the user's scope."""
    return Enterprise.objects.all()


def secretary_choices(*, user) -> QuerySet[User]:
    """Work secretaries a user may assign: those already serving an enterprise the user may see.

    Administrators see every secretary (they hand out the first assignment). Assigning a secretary gives them
    the enterprise, so offering a neighbouring district's secretary would be a way to leak it.
    """
    secretaries = User.objects.filter(role=Role.SECRETARY, is_active=True)
    if user.is_administrator:
        return secretaries
    visible = Enterprise.objects.restrict(user, "view")
    assigned = User.scope_enterprises.through.objects.filter(enterprise__in=visible).values("user")
    return secretaries.filter(Q(served_enterprises__in=visible) | Q(pk__in=assigned)).distinct()
