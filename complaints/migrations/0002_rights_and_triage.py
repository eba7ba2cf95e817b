"""The 12 Victims' Code rights and the central triage team, which routing always needs."""

from django.db import migrations

RIGHTS = [
    "To be able to understand and to be understood",
    "To have the details of the crime recorded without unjustified delay",
    "To be provided with information when reporting the crime",
    "To be referred to services that support victims and have services and support tailored to your needs",
    "To be provided with information about compensation",
    "To be provided with information about the investigation and prosecution",
    "To make a Victim Personal Statement",
    "To be given information about the trial, the trial process and your role as a witness",
    "To be given information about the outcome of the case and any appeals",
    "To be paid expenses and have property returned",
    "To be given information about the offender following a conviction",
    "To make a complaint about your rights not being met",
]


def forwards(apps, schema_editor):
    Right = apps.get_model("complaints", "VictimsCodeRight")
    Organisation = apps.get_model("complaints", "Organisation")
    for number, title in enumerate(RIGHTS, start=1):
        Right.objects.update_or_create(number=number, defaults={"title": title})
    Organisation.objects.update_or_create(
        slug="central-triage",
        defaults={
            "name": "Central triage team",
            "org_type": "central_triage",
            "response_policy": "Reads complaints that could not be matched to an organisation "
            "and sends each one to the right place.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
