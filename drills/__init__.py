"""drill — flood-season emergency-drill simulator for underground mines and tailings dams.

Tiers, imported one way: ``cli`` → ``experiment`` (replications, scoring, report) → ``model``
(site network, hazards, people, channels, one drill). ``inputs`` loads and validates YAML and
compiles it into the plain data the model runs on.
"""

__version__ = "0.1.0"
