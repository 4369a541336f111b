"""The backstop against double booking on PostgreSQL: an exclusion constraint that no two
confirmed bookings of one resource overlap. SQLite has no such constraint; there the
booking service's IMMEDIATE transaction (one writer at a time) is what guarantees it."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings_booking ADD CONSTRAINT booking_no_overlap
  EXCLUDE USING gist (resource_id WITH =, tstzrange(start, "end", '[)') WITH &&)
  WHERE (status = 'confirmed');
"""
DROP = "ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_resources_rules_bookings")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
