"""Background work for the public side, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from complaints import services


@task()
def progress_link_request(reference: str, email: str) -> None:
    """Look up the complaint and email a progress link if the details match.

    The progress-check page only enqueues this, the same single write whether or not the
    details match, so not even the response time tells a stranger a reference exists.
    """
    services.progress_link_create(reference=reference, email=email)
