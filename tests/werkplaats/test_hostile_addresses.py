"""Addresses typed into the site's forms cannot reach an email's headers, and rate limits count
a mailbox and a visitor however they are dressed up."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from bijeenkomsten.forms import GuestRegistrationForm
from nieuwsbrief.forms import InschrijvingForm
from reacties.forms import ReactieForm
from werkplaats.ratelimit import address_key, client_key
from werkplaats.text import validate_plain_email

QUOTED = ['"foo\x0bbar"@example.org', '"an\x0cna"@example.nl', '"anna"@example.nl']


@pytest.mark.parametrize("address", QUOTED)
def test_django_alone_lets_a_quoted_address_through_the_site_does_not(address):
    assert forms.EmailField().clean(address) == address  # why the extra check is needed
    with pytest.raises(ValidationError):
        validate_plain_email(address)


@pytest.mark.parametrize("form_class", [GuestRegistrationForm, InschrijvingForm, ReactieForm])
def test_every_form_that_emails_a_typed_address_checks_it(form_class):
    assert validate_plain_email in form_class.base_fields["email"].validators


def test_a_mailbox_counts_once_whatever_its_tag():
    assert address_key("Anna+1@Example.nl ") == address_key("anna+2@example.nl")
    assert address_key("anna@example.nl") == address_key("anna+x@example.nl")
    assert address_key("anna@example.nl") != address_key("anne@example.nl")


@pytest.mark.parametrize(
    ("remote", "counted_as"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
    ],
)
def test_a_visitor_counts_by_address_and_ipv6_by_its_network(remote, counted_as):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    assert client_key(request) == counted_as
