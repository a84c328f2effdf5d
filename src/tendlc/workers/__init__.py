"""Background workers. Each has a ``run_once`` that tests call directly and a loop that ``serve`` runs."""
