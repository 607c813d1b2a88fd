"""Dutch full-text search on PostgreSQL: accent folding, a weighted vector kept current by
triggers (on the publicatie, its authors and their names) and a GIN index.

Other databases skip this migration's work; publicaties.search falls back to substrings there.
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'dutch_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = pg_catalog.dutch);
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
      END IF;
    END $$
    """,
    # Title above summary above body and authors (weights A, B, C).
    """
    CREATE OR REPLACE FUNCTION publicatie_search_document(pub publicaties_publicatie)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
      SELECT setweight(to_tsvector('dutch_unaccent', coalesce(pub.titel, '')), 'A')
          || setweight(to_tsvector('dutch_unaccent', coalesce(pub.samenvatting, '')), 'B')
          || setweight(to_tsvector('dutch_unaccent', coalesce(pub.inhoud, '')), 'C')
          || setweight(to_tsvector('dutch_unaccent', coalesce((
               SELECT string_agg(coalesce(persoon.naam, auteur.naam), ' ')
               FROM publicaties_auteurschap auteur
               LEFT JOIN werkplaats_persoon persoon ON persoon.id = auteur.persoon_id
               WHERE auteur.publicatie_id = pub.id), '')), 'C')
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION publicatie_search_refresh(ids bigint[])
    RETURNS void LANGUAGE sql AS $$
      UPDATE publicaties_publicatie pub
      SET search_vector = publicatie_search_document(pub)
      WHERE pub.id = ANY(ids)
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION publicatie_search_before_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := publicatie_search_document(NEW);
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER publicatie_search_before_write
    BEFORE INSERT OR UPDATE OF titel, samenvatting, inhoud ON publicaties_publicatie
    FOR EACH ROW EXECUTE FUNCTION publicatie_search_before_write()
    """,
    """
    CREATE OR REPLACE FUNCTION auteurschap_search_after_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM publicatie_search_refresh(ARRAY[OLD.publicatie_id]);
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM publicatie_search_refresh(ARRAY[NEW.publicatie_id]);
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER auteurschap_search_after_change
    AFTER INSERT OR UPDATE OR DELETE ON publicaties_auteurschap
    FOR EACH ROW EXECUTE FUNCTION auteurschap_search_after_change()
    """,
    """
    CREATE OR REPLACE FUNCTION persoon_search_after_rename() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.naam IS DISTINCT FROM OLD.naam THEN
        PERFORM publicatie_search_refresh(ARRAY(
          SELECT publicatie_id FROM publicaties_auteurschap WHERE persoon_id = NEW.id));
      END IF;
      RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER persoon_search_after_rename
    AFTER UPDATE OF naam ON werkplaats_persoon
    FOR EACH ROW EXECUTE FUNCTION persoon_search_after_rename()
    """,
    "CREATE INDEX publicatie_search_gin ON publicaties_publicatie USING gin (search_vector)",
    "UPDATE publicaties_publicatie pub SET search_vector = publicatie_search_document(pub)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS publicatie_search_gin",
    "DROP TRIGGER IF EXISTS persoon_search_after_rename ON werkplaats_persoon",
    "DROP TRIGGER IF EXISTS auteurschap_search_after_change ON publicaties_auteurschap",
    "DROP TRIGGER IF EXISTS publicatie_search_before_write ON publicaties_publicatie",
    "DROP FUNCTION IF EXISTS persoon_search_after_rename()",
    "DROP FUNCTION IF EXISTS auteurschap_search_after_change()",
    "DROP FUNCTION IF EXISTS publicatie_search_before_write()",
    "DROP FUNCTION IF EXISTS publicatie_search_refresh(bigint[])",
    "DROP FUNCTION IF EXISTS publicatie_search_document(publicaties_publicatie)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0002_activiteiten"),
        ("werkplaats", "0002_voorwaarden"),
    ]

    operations = [migrations.RunPython(run_on_postgresql(FORWARDS), run_on_postgresql(BACKWARDS))]
