"""The directory's models now belong to the `directory` app: state only, nothing in the database.

Foreign keys point at `directory.Organisation` (and the routing rule and rights); the
tables and their rows stay as they are (see directory 0001).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0005_complaint_crime_reference_and_affected_person"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='statuschange',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.organisation', verbose_name='organisation at the time'),
                ),
                migrations.AlterField(
                    model_name='complaint',
                    name='named_organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.organisation', verbose_name='organisation named by the complainant'),
                ),
                migrations.AlterField(
                    model_name='outboundemail',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='directory.organisation'),
                ),
                migrations.AlterField(
                    model_name='complaint',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='directory.organisation', verbose_name='handled by'),
                ),
                migrations.AlterField(
                    model_name='complaint',
                    name='routing_rule',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.routingrule'),
                ),
                migrations.AlterField(
                    model_name='complaint',
                    name='rights_not_met',
                    field=models.ManyToManyField(blank=True, to='directory.victimscoderight', verbose_name='rights not met'),
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='escalation_body',
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='routingrule',
                    name='chosen_organisation',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='routingrule',
                    name='target_organisation',
                ),
                migrations.RemoveField(
                    model_name='staffmembership',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='VictimsCodeRight',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
                migrations.DeleteModel(
                    name='RoutingRule',
                ),
                migrations.DeleteModel(
                    name='StaffMembership',
                ),
    
            ],
        ),
    ]
