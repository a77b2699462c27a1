"""Sub-commands of ``drill`` kept in their own modules; each exposes ``register(app)``."""
