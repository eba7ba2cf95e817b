import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_rights_and_triage")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last changed"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="routingrule",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last changed"
            ),
            preserve_default=False,
        ),
    ]
