"""Schemathesis against the API's own OpenAPI document, on the demo content: every operation,
with generated path and query parameters, answers without a server error, and every answer
matches the document (status codes, content types, bodies)."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from werkplaats.rest import ClientRateThrottle

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def connection_kept():
    """The WSGI application closes the database connection after each request, which would end
    the test's transaction; Django's own test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_keeps_to_the_document(monkeypatch, settings, connection_kept):
    # Hundreds of generated requests from one client: the rate limit has its own test.
    monkeypatch.setattr(ClientRateThrottle, "allow_request", lambda self, request, view: True)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # schemathesis' own host
    call_command("load_demo", verbosity=0)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "every collection and every object"
    for operation in operations:
        check_operation(operation)


def check_operation(operation):
    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def keeps_to_the_document(case):
        # A filter's slug is a string in the document (the values are the site's content,
        # which the document does not list); an unknown one is a documented 400 problem.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    keeps_to_the_document()
