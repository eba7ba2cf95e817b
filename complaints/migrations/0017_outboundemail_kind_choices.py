"""An email's kind gains its choices (OutboundEmail.Kind): state only.

The stored values are the ones written before; choices do not change the column.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0016_rate_limit_counter_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="outboundemail",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("received", "Complaint received"),
                            ("acknowledged", "Complaint acknowledged"),
                            ("transferred", "Complaint transferred"),
                            ("response_sent", "Response sent"),
                            ("closed", "Complaint closed"),
                            ("passed_on", "Complaint passed on"),
                            ("merged", "Complaint merged into another"),
                            ("staff_file_shared", "Document shared with the complainant"),
                            ("information_requested", "Question for the complainant"),
                            ("information_chased", "Reminder of a question"),
                            ("progress_link", "Progress page link"),
                            ("inbox_routed", "To an organisation's inbox: new complaint"),
                            ("inbox_transferred", "To an organisation's inbox: transferred to it"),
                            ("staff_enrolment", "Staff authenticator set-up link"),
                        ],
                        max_length=40,
                    ),
                ),
            ],
        ),
    ]
