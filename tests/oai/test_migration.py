"""Publicaties that existed before the timestamps were added get the day they appeared, not
the moment of the migration (which would make harvesters fetch them all again)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("publicaties", "0004_auteurs_en_handle")]
AFTER = [("publicaties", "0005_tijdstempels_en_grafstenen")]


@pytest.mark.django_db(transaction=True)
def test_existing_publicaties_get_noon_of_the_day_they_appeared():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        check_migration(executor)
    finally:  # the next tests need the whole schema again
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def check_migration(executor):
    old = executor.loader.project_state(BEFORE).apps.get_model("publicaties", "Publicatie")
    old.objects.create(
        titel="Werken aan bestaanszekerheid",
        slug="werken-aan-bestaanszekerheid",
        soort="handreiking",
        samenvatting="Een handreiking.",
        gepubliceerd_on=datetime.date(2022, 6, 1),
        status="gepubliceerd",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("publicaties", "Publicatie")
    publicatie = new.objects.get()
    noon = datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC)
    assert (publicatie.aangemaakt_at, publicatie.gewijzigd_at) == (noon, noon)
