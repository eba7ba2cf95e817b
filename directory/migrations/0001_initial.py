"""The directory's models, moved from `complaints`: state only, the tables keep their names.

`complaints` 0004 takes them out of its own state. No table, row or foreign key changes.
The content types (and so permissions already given to groups) move with the models.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["organisation", "routingrule", "victimscoderight", "staffmembership"]


def content_types_forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="directory", model=model).exists():
            ContentType.objects.filter(app_label="complaints", model=model).update(
                app_label="directory"
            )


def content_types_backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="complaints", model=model).exists():
            ContentType.objects.filter(app_label="directory", model=model).update(
                app_label="complaints"
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The tables exist already: complaints created them.
        ("complaints", "0003_rate_limit_counter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='VictimsCodeRight',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(unique=True, verbose_name='number')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                    ],
                    options={
                        'verbose_name': "Victims' Code right",
                        'db_table': 'complaints_victimscoderight',
                        'ordering': ['number'],
                    },
                ),
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                        ('org_type', models.CharField(choices=[('police_force', 'Police force'), ('local_policing_body', 'Police and crime commissioner or equivalent'), ('victims_service', "Local victims' support service"), ('witness_care', 'Witness Care Unit'), ('cps', 'Crown Prosecution Service'), ('courts', 'HM Courts & Tribunals Service'), ('probation', 'Probation Service'), ('prisons', 'HM Prison Service'), ('parole_board', 'Parole Board'), ('cica', 'Criminal Injuries Compensation Authority'), ('youth_offending', 'Youth offending team'), ('council', 'Council social services'), ('iopc', 'Independent Office for Police Conduct'), ('iac', 'Independent Assessor of Complaints'), ('phso', 'Parliamentary and Health Service Ombudsman'), ('lgsco', 'Local Government and Social Care Ombudsman'), ('jcio', 'Judicial Conduct Investigations Office'), ('ppo', 'Prisons and Probation Ombudsman'), ('this_service', 'This website'), ('central_triage', 'Central triage team')], max_length=32, verbose_name='type')),
                        ('area', models.CharField(blank=True, help_text="For example 'Avon and Somerset'.", max_length=200, verbose_name='area covered')),
                        ('time_limit_months', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='usual time limit to complain (months)')),
                        ('acknowledge_working_days', models.PositiveSmallIntegerField(default=10, verbose_name='acknowledge within (working days)')),
                        ('response_working_days', models.PositiveSmallIntegerField(default=20, verbose_name='respond within (working days)')),
                        ('response_policy', models.TextField(blank=True, help_text='Stages and reply times, in plain words, as shown to the public.', verbose_name='complaints policy in brief')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='public email')),
                        ('inbox_email', models.EmailField(blank=True, help_text='Told when a complaint is routed or transferred here. Never shown publicly.', max_length=254, verbose_name='staff inbox email')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('escalation_body', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='directory.organisation', verbose_name='where to go next')),
                        ('parent', models.ForeignKey(blank=True, help_text='For a police force, its police and crime commissioner or equivalent.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='directory.organisation', verbose_name='overseeing body')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisations',
                        'db_table': 'complaints_organisation',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='RoutingRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('priority', models.PositiveSmallIntegerField(default=100, verbose_name='priority')),
                        ('org_type', models.CharField(choices=[('police_force', 'Police force'), ('local_policing_body', 'Police and crime commissioner or equivalent'), ('victims_service', "Local victims' support service"), ('witness_care', 'Witness Care Unit'), ('cps', 'Crown Prosecution Service'), ('courts', 'HM Courts & Tribunals Service'), ('probation', 'Probation Service'), ('prisons', 'HM Prison Service'), ('parole_board', 'Parole Board'), ('cica', 'Criminal Injuries Compensation Authority'), ('youth_offending', 'Youth offending team'), ('council', 'Council social services'), ('iopc', 'Independent Office for Police Conduct'), ('iac', 'Independent Assessor of Complaints'), ('phso', 'Parliamentary and Health Service Ombudsman'), ('lgsco', 'Local Government and Social Care Ombudsman'), ('jcio', 'Judicial Conduct Investigations Office'), ('ppo', 'Prisons and Probation Ombudsman'), ('this_service', 'This website'), ('central_triage', 'Central triage team')], max_length=32, verbose_name='complaint is about this type')),
                        ('subject', models.CharField(blank=True, help_text='Blank matches any subject.', max_length=40, verbose_name='and this subject')),
                        ('target', models.CharField(choices=[('chosen', 'The organisation the person chose'), ('chosen_parent', 'The overseeing body of the organisation chosen'), ('fixed', 'A fixed organisation')], max_length=20, verbose_name='send to')),
                        ('reason', models.CharField(help_text="Plain words. '{organisation}' is replaced by the chosen organisation.", max_length=300, verbose_name='reason shown to staff')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('chosen_organisation', models.ForeignKey(blank=True, help_text='Blank matches any.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='directory.organisation', verbose_name='and this chosen organisation')),
                        ('target_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.organisation', verbose_name='fixed organisation')),
                    ],
                    options={
                        'verbose_name': 'routing rule',
                        'db_table': 'complaints_routingrule',
                        'ordering': ['priority', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='StaffMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='directory.organisation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'staff membership',
                        'db_table': 'complaints_staffmembership',
                    },
                ),
                migrations.AddIndex(
                    model_name='organisation',
                    index=models.Index(fields=['org_type', 'name'], name='complaints__org_typ_9bbc1d_idx'),
                ),
                migrations.AddConstraint(
                    model_name='staffmembership',
                    constraint=models.UniqueConstraint(fields=('user', 'organisation'), name='unique_membership'),
                ),
    
            ],
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
