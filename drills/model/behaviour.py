"""Human response defaults underground, with their status.

No published distribution of miners' response time to an evacuation order was found. Interviews
with 48 miners who escaped mine fires show why it matters: people at first perceive the problem
inadequately, and their diagnosis depends on the wording of the warning (Brnich, Kowalski-Trakofler,
Mallett, Vaught, Wiehagen & Cole, NIOSH Pittsburgh Research Laboratory, "Philosophy of Mine Escape",
Mine Escape Planning and Emergency Shelters Workshop, 2006 [V, presentation slides]). The defaults
below are therefore **the project's own assumptions** [E], a starting point that a mine replaces with
its own drill records (``drill fit`` turns them into the distribution to write in the site):

* Response delay of a miner after receiving the order: log-normal, median **90 s**, 95th
  percentile **600 s** — stop the machine, gather the crew, don the self-rescuer (project assumption).
* Crew relay (a warned miner tells the crew at the same workplace): log-normal, median **30 s**,
  95th percentile **120 s** (project assumption).
* Water seen on the floor warns people where they are: depth **0.05 m** (project assumption, the
  depth at which the floor is visibly wet, as in :data:`drills.model.movement.WET_DEPTH_M`).
"""

from __future__ import annotations

from drills.model.movement import WET_DEPTH_M
from drills.model.variability import LogNormal

DEFAULT_RESPONSE_DELAY = LogNormal(median=90.0, p95=600.0)
DEFAULT_CREW_RELAY = LogNormal(median=30.0, p95=120.0)
DEFAULT_WATER_CUE_DEPTH_M = WET_DEPTH_M
