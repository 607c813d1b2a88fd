"""The last seat under parallel requests (PostgreSQL, as in production: row locks)."""

import secrets
import threading
import time
from collections import Counter
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from django.db import connection
from django.test import Client

from bijeenkomsten import services
from bijeenkomsten.models import Aanmelding

CSRF_TOKEN = secrets.token_hex(16)  # 32 characters: Django accepts the secret itself as token


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_waiting_place(
    live_server, make_bijeenkomst, make_user, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are what production (PostgreSQL) relies on; CI runs this there")
    bijeenkomst = make_bijeenkomst(capaciteit=2)
    services.aanmelding_create(bijeenkomst=bijeenkomst, user=make_user())  # one seat left
    sessions = [session_of(make_user()), session_of(make_user())]

    # Both requests count the seats, then wait a while before saving: without the lock on the
    # bijeenkomst both would see one free seat and both would take it.
    full_clean = Aanmelding.full_clean

    def slow_full_clean(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(Aanmelding, "full_clean", slow_full_clean)
    start = threading.Barrier(len(sessions))
    statuses = []

    def register(session):
        request = Request(
            live_server.url + bijeenkomst.get_absolute_url(),
            data=urlencode({"csrfmiddlewaretoken": CSRF_TOKEN}).encode(),
            headers={"Cookie": f"sessionid={session}; csrftoken={CSRF_TOKEN}"},
        )
        start.wait()
        with urlopen(request, timeout=30) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=register, args=(session,)) for session in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200, 200]
    counted = Counter(
        Aanmelding.objects.filter(bijeenkomst=bijeenkomst).values_list("status", flat=True)
    )
    assert counted == {"aangemeld": 2, "wachtlijst": 1}
