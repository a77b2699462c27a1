"""Sub-commands of ``drill`` kept in their own modules; each exposes ``register(app)``."""

#: exit code for bad input (files, options, a cluster that cannot be used): nothing was run or written
EXIT_INPUT = 2

#: help texts shared by the commands, so that an option says the same thing wherever it means the same thing
PLAN_HELP = "plan YAML to run instead of the scenario's; default: the scenario's own"
REPLICATIONS_HELP = "replications (at least 1); default: the scenario's"
SEED_HELP = "random seed (0 or more); default: the scenario's"
WORKERS_HELP = "processes to run the replications in on this machine; the results are the same with any number"
LANG_HELP = "language of report.pdf, the figures and what the command prints: en or zh"
#: --lang of the commands that write no report (validate, examples, fit)
PRINT_LANG_HELP = "language of what the command prints: en or zh"
MAX_FAULTS_HELP = ("at most this many single faults for M6, taken in this order: mains power, the mobile network, "
                   "each hoist, each warning channel, each post's holder absent, each passage on the plan's routes")
