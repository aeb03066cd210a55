"""The customer admin's team: add a member (who sets a password from an e-mailed link), deactivate one.
Runs in the customer's schema (the portal's request)."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from tenants.roles import CUSTOMER_ADMIN, CUSTOMER_MEMBER


def customer_member_add(*, email: str) -> User:
    """A new account in the Customer member group. Its password is random and told to nobody: the owner
    sets one from the e-mailed reset link (Django's reset form skips accounts without a usable password)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    users = get_user_model().objects
    if users.filter(username=email).exists():
        raise ValidationError({"email": [_("This person already has an account.")]})
    with transaction.atomic():
        user = users.create_user(username=email, email=email, password=secrets.token_urlsafe(32))
        user.groups.add(Group.objects.get(name=CUSTOMER_MEMBER))
    return user


def customer_member_deactivate(*, user: User, by: User) -> User:
    """Members only: an admin account (the caller's included) is the vendor's to change."""
    if user.pk == by.pk or user.groups.filter(name=CUSTOMER_ADMIN).exists():
        raise ValidationError({"user": [_("Only member accounts can be deactivated here.")]})
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user
