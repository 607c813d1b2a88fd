"""What the audit log (``werkplaats.audit``) hears from Django, allauth and the admin: signing
in and out, failed sign-ins, passwords, email addresses, second factors (wrong codes
included), groups and permissions, and the staff, superuser and active flags of accounts.
Connected in ``AccountsConfig.ready``. Decisions about koppelingen and deelnames are recorded
by their services."""

import hashlib

from allauth.account import signals as account_signals
from allauth.account.utils import filter_users_by_email
from allauth.mfa import signals as mfa_signals
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from werkplaats import audit
from werkplaats.models import User

# --- Signing in and out, passwords, email addresses ------------------------------------------


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    audit.record("login.success", user=user, request=request)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    """The address typed is not logged, only a short hash of it (the same address gives the
    same hash, so repeated attempts show), and the account when there is one."""
    email = (credentials.get("email") or credentials.get("username") or "").strip().lower()
    users = filter_users_by_email(email) if email else []
    audit.record(
        "login.failure",
        user=users[0].pk if users else None,
        request=request,
        email_sha256=hashlib.sha256(email.encode()).hexdigest()[:16] if email else None,
    )


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    audit.record("logout", user=user, request=request)


def _password_event(event):
    def password_event(sender, request, user, **kwargs):
        audit.record(event, user=user, request=request)

    return password_event


for _signal, _event in [
    (account_signals.password_changed, "password.changed"),
    (account_signals.password_set, "password.set"),
    (account_signals.password_reset, "password.reset"),
]:
    _signal.connect(_password_event(_event), dispatch_uid=f"audit-{_event}")


@receiver(account_signals.email_added)
def email_added(sender, request, user, email_address, **kwargs):
    audit.record("email.added", user=user, request=request, email_address=email_address.pk)


@receiver(account_signals.email_changed)
def email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    audit.record(
        "email.changed",
        user=user,
        request=request,
        from_email_address=getattr(from_email_address, "pk", None),
        to_email_address=to_email_address.pk,
    )


@receiver(account_signals.email_confirmed)
def email_confirmed(sender, request, email_address, **kwargs):
    audit.record(
        "email.confirmed",
        user=email_address.user_id,
        request=request,
        email_address=email_address.pk,
    )


@receiver(account_signals.email_removed)
def email_removed(sender, request, user, email_address, **kwargs):
    audit.record("email.removed", user=user, request=request, email_address=email_address.pk)


# --- Second factors ------------------------------------------------------------------------


def _authenticator_event(event):
    def authenticator_event(sender, request, user, authenticator, **kwargs):
        audit.record(event, user=user, request=request, authenticator=authenticator.type)

    return authenticator_event


for _signal, _event in [
    (mfa_signals.authenticator_added, "mfa.added"),
    (mfa_signals.authenticator_removed, "mfa.removed"),
    (mfa_signals.authenticator_reset, "mfa.reset"),
    (mfa_signals.authentication_failed, "mfa.failure"),  # a wrong code after the password
]:
    _signal.connect(_authenticator_event(_event), dispatch_uid=f"audit-{_event}")


# --- Groups, permissions and the flags of accounts ------------------------------------------

# through model: (event prefix, owner field, item field, detail key)
RELATIONS = {
    User.groups.through: ("user.groups", "user", "group", "groups"),
    User.user_permissions.through: ("user.permissions", "user", "permission", "permissions"),
    Group.permissions.through: ("group.permissions", "group", "permission", "permissions"),
}


def _label(item) -> str:
    if isinstance(item, Permission):
        return f"{item.content_type.app_label}.{item.codename}"
    return item.name


def rights_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Groups or permissions given (after the fact: only those that were new) or taken (before
    the fact: only those that were there), from either side of the relation."""
    if action not in {"post_add", "pre_remove", "pre_clear"}:
        return
    prefix, owner, item, key = RELATIONS[sender]
    mine, theirs = (item, owner) if reverse else (owner, item)
    rows = sender.objects.filter(**{mine: instance.pk})
    if pk_set is not None:
        rows = rows.filter(**{f"{theirs}__in": pk_set})
    related = [owner, item, *([f"{item}__content_type"] if item == "permission" else [])]
    changes = {}
    for row in rows.select_related(*related):
        changes.setdefault(getattr(row, owner), []).append(_label(getattr(row, item)))
    event = f"{prefix}.{'added' if action == 'post_add' else 'removed'}"
    for changed, labels in changes.items():
        if isinstance(changed, Group):
            audit.record(event, group=changed.name, **{key: sorted(labels)})
        else:
            audit.record(event, user=changed, **{key: sorted(labels)})


for _through in RELATIONS:
    m2m_changed.connect(rights_changed, sender=_through, dispatch_uid=f"audit-{_through.__name__}")

FLAGS = ("is_active", "is_staff", "is_superuser")
NEW_ACCOUNT = {"is_active": True, "is_staff": False, "is_superuser": False}


def _record_flags(user: User, before: dict) -> None:
    changed = {flag: getattr(user, flag) for flag in FLAGS if getattr(user, flag) != before[flag]}
    if changed:
        audit.record("user.flags.changed", user=user, **changed)


@receiver(pre_save, sender=User)
def flags_changing(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding:
        return
    if update_fields is not None and not set(FLAGS) & set(update_fields):
        return  # signing in saves last_login only: no query
    before = User.objects.filter(pk=instance.pk).values(*FLAGS).first()
    if before is not None:
        _record_flags(instance, before)


@receiver(post_save, sender=User)
def account_created(sender, instance, created, raw=False, **kwargs):
    """A new account that starts as staff, superuser or inactive (``createsuperuser``)."""
    if created and not raw:
        _record_flags(instance, NEW_ACCOUNT)
