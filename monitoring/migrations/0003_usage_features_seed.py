# Data migration: the usage features AquaFarm counts, named in both languages (editable in the admin).

from django.db import migrations

from monitoring.definitions import USAGE_FEATURE_DEFAULTS


def seed(apps, schema_editor) -> None:
    feature = apps.get_model("monitoring", "UsageFeature")
    for order, (key, name_en, name_ar) in enumerate(USAGE_FEATURE_DEFAULTS):
        feature.objects.get_or_create(key=key, defaults={"name_en": name_en, "name_ar": name_ar, "order": order})


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_usage_health")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
