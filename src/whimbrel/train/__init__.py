"""Training whimbrel's models from the annotated corpus (``whimbrel train``)."""
