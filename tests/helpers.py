from io import StringIO

from django.core.management import call_command


def run_command(name, *args, **options):
    """Run a management command and return what it printed."""
    out = StringIO()
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()


def sign_in(client, email, password):
    """Sign in through allauth's form and confirm the password once more, as allauth asks
    before sensitive steps (deleting the account, changing the password)."""
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    return client
