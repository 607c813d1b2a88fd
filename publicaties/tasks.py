"""Background tasks (django-tasks) of the publicaties: a still of an external video."""

from django_tasks import task

from . import services


@task()
def fetch_video_still(publicatie_id: int) -> bool:
    """Store a still of the publicatie's YouTube or Vimeo video as its omslag."""
    return services.publicatie_fetch_video_still(publicatie_id=publicatie_id)
