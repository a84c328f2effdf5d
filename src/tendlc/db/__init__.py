"""Storage: SQLAlchemy tables, repositories, the unit of work, the outbox and migrations."""
