"""Small helpers for the site's forms."""


def posted(request, part="POST"):
    """The submitted ``request.POST`` (or ``FILES``) of a POST, even an empty one, and None
    for any other method: a form is bound exactly when it was sent, so an empty submission
    shows its errors instead of a fresh form."""
    return getattr(request, part) if request.method == "POST" else None
