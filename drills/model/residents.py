"""People of the valley: how fast they walk, how long they take to leave, who never leaves.

Movement profiles:

* **adult** walks at **1.34 m/s**, coefficient of variation 0.19 (Weidmann 1993, ETH IVT 90:
  mean free walking speed 1.34 m/s, s.d. 0.26 m/s).
* **elderly** walk at **0.91 m/s**, the 3 ft/s the MUTCD uses where slower pedestrians routinely
  cross (FHWA MUTCD 2009 §4E.06 [K]); **children** with their family at **1.07 m/s**, the MUTCD
  casual walk 3.5 ft/s cited by LifeSim (TRM ch. 7 [V]), the project's choice for a family's pace (LifeSim
  gives it for casual walking, not for children).
* **assisted** (someone who cannot walk alone, helped by another): **0.5 m/s** — the project's own
  assumption; no source was found.
* Water a person on foot will not enter: **1.2 m** for adults (AIDR 7-3 hazard class H4, unsafe for
  people), **0.5 m** for children, the elderly and the assisted (H3, unsafe for children and the
  elderly, from 0.5 m; Smith et al. 2014 [K]).
* A school leaves in classes of **30** pupils, each class together at its slowest pupil's pace: the class size
  of an incomplete (village) primary school in GB 50099-2011 中小学校设计规范 §3.0.1 (45 in a complete primary
  school, 50 in a middle school [V]).

Warning response (USACE HEC-LifeSim 2 Technical Reference Manual v1.0, "LifeSim TRM"):

* Mobilisation delay from warning to leaving: log-normal, median **10 min**, 95th percentile
  **45 min** — the project's assumption, anchored on Confluence PA 1987, where door-to-door and
  loudspeaker warning had 986 residents out in about 45 min (Rogers & Sorensen 1989, in LifeSim TRM
  App. C [V]). LifeSim's own PAI curves are in figures only and were not digitised.
* Share who never act on the warning: **12.5 %**, the middle of LifeSim's "typically 5–20 %" (TRM
  ch. 6 [V; wording ambiguous]).
* Word of mouth: a warned household tells **2** other households at its place after a log-normal
  delay, median **5 min**, 95th percentile **20 min** — project assumption for the informal
  contagion process (JASSS 26(1):7, 2023, structure only [V]; informal first alerts were 24–78 %
  in floods, TRM App. C table 23 [V]).

Public warning channels in the valley (the defaults of :mod:`drills.model.warning`). Each warns households; a
household keeps the first warning it receives, its time and its channel:

* Siren audibility: a daytime test of 110 sirens was heard by **76.5 %** of people polled
  (Nanticoke PA, Sorensen 1992, in LifeSim TRM App. C [V]); at night, indoors, **45 %**, and a
  time constant of about **2 min** after activation [E]. With
  60 s cycles a time constant of 2 min means a chance of 1 − e^(−1/2) = 0.39 per cycle.
* Village loudspeakers (村村响): 0.6–0.9 within hearing range [E]; we take 0.75 by day, 0.5 at night.
* Heavy rain masks outdoor sound: audibility × 0.7, moderate rain × 0.85 (project assumption [E]).
* Cell broadcast / SMS: reaches 0.85–0.95 of phones within 2–5 min [E]: delivery log-normal,
  median 2 min, 95th percentile 5 min; noticed by **90 %** by day and **50 %** at night (phones off
  or unheard while asleep, project assumption [E]).
* Door-to-door: **1–3 min** per household per team [E], consistent with Confluence PA 1987 (above):
  triangular 60 / 120 / 180 s; teams walk at 1.34 m/s (Weidmann 1993, as for adults above).
* Loudspeaker vehicle: **15–25 km/h** along its route, heard by **0.6–0.8** within range [E]: we take
  20 km/h and 0.7 within 200 m.
* Phone tree: a call takes 30–120 s (triangular, mode 60 s) [E]; answered with the plan's day or night
  probability (defaults 0.9 / 0.7, project assumption [E]).
* Power: door-to-door teams and loudspeaker vehicles go on through a loss of the mains power unless the plan says
  they need it; sirens, village loudspeakers, cell broadcast and phone trees stop once the loss outlasts their
  battery. Whatever a channel gives while it cannot send (down, without power past its battery, or without the
  mobile network) is lost: a cycle of a siren or a loudspeaker, a message, a call, a visit, a drive past.
* Water and cut roads: a door-to-door team and a loudspeaker vehicle look at each street or road before they take
  it, as the people evacuating do: one cut, or with water deeper than one wades (by car, drives) or flowing fast
  enough to carry one away, is not taken; the channel takes the quickest way on by the ways open then, or, if the
  water or a cut has closed every way, passes that place of its route over and goes on to the next from where it
  is (the timeline says so). A team or a vehicle whose own place (a vehicle's depot) is already under water deeper
  than one wades (by car, drives) or flowing fast enough to carry one away when it is sent does not set out, and
  warns nobody; one whose every way out of its place the water or a cut has closed does not either, but a team
  knocks at the doors where it is. The timeline says which. One whose place on its way is under water as deep by
  the time it is to leave it goes no further (the timeline says so); a team stops knocking at a place once the water
  there is that deep, and the households there it has not yet come to are not warned by it.
"""

from __future__ import annotations

from drills.model.spec import Profile
from drills.model.variability import LogNormal

ADULT = Profile("adult", 1.34, 0.19, 0.105, 1.2)
ELDERLY = Profile("elderly", 0.91, 0.19, 0.105, 0.5)
CHILD = Profile("child", 1.07, 0.19, 0.105, 0.5)
ASSISTED = Profile("assisted", 0.5, 0.19, 0.105, 0.5)
RESIDENT_PROFILES = {p.id: p for p in (ADULT, ELDERLY, CHILD, ASSISTED)}

MOBILISATION_DELAY = LogNormal(median=600.0, p95=2700.0)
COMPLIANCE = 0.875  # 1 − 12.5 %, the middle of LifeSim's "typically 5–20 %" who never act (TRM ch. 6)
NEIGHBOUR_RELAY = LogNormal(median=300.0, p95=1200.0)
NEIGHBOURS_TOLD = 2

#: Slowest first: a household moves at the pace of its slowest member.
PACE_ORDER = ("assisted", "elderly", "child", "adult")
