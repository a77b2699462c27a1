"""Sub-commands of ``drill`` kept in their own modules; each exposes ``register(app)``."""

#: exit code for bad input (files, options, a cluster that cannot be used): nothing was run or written
EXIT_INPUT = 2
