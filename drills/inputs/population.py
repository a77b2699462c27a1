"""Who is where when the drill starts: miners by shift, residents by household and time of day.

Each miner is a party of one (they are warned and move one by one); a household is one party
that moves together at its slowest member's pace, by car if it has one; a school moves in classes
(:data:`SCHOOL_CLASS`); people in a field move one by one.
"""

from __future__ import annotations

import zlib

import numpy as np

from drills.inputs.scenario import EntrySpec, ScenarioBody
from drills.inputs.site import ResidentsSpec, SiteBody
from drills.model import residents as rdef
from drills.model.spec import Party, Person

#: pupils of a class, who leave together with their teacher: GB 50099-2011 中小学校设计规范 §3.0.1, 30 a class in an
#: incomplete primary school (非完全小学, the village school below a dam; 45 in a complete primary school, 50 in a
#: middle school)
SCHOOL_CLASS = 30


def build_population(site: SiteBody, scen: ScenarioBody, idx: dict[str, int]) -> tuple[list[Person], list[Party]]:
    people: list[Person] = []
    parties: list[Party] = []
    shifts = [(scen.shift, 0.0)] if scen.shift is not None else []
    shifts += [(e.shift, e.at_s) for e in in_the_drill(scen)]
    numbered: dict[str, int] = {}  # people of a crew so far: two entries of one crew go on numbering, not again
    for shift, enters in shifts:
        tag = "" if enters == 0 else f"{shift}@{enters:g}s:"
        for c in site.shifts[shift]:
            crew = c.crew or c.at
            n_paging = round(c.count * c.paging_lamp_share)
            first = numbered.get(tag + crew, 0)
            numbered[tag + crew] = first + c.count
            for j in range(c.count):
                i = len(people)
                people.append(Person(i, f"{tag}{crew}-{first + j + 1:02d}", idx[c.at], c.profile, crew,
                                     radio=j < c.radio_carriers, paging=j < n_paging, party=len(parties),
                                     phone=False, group="miner"))
                parties.append(Party(len(parties), people[-1].id, (i,), idx[c.at], c.profile, "walk", crew, "crew",
                                     enters_s=enters))
    kinds = {n.id: n.kind for n in site.nodes}
    for r in site.residents:
        _residents(r, scen.time_of_day, idx, kinds[r.at], people, parties, numbered)
    return people, parties


def headcount(site: SiteBody, scen: ScenarioBody) -> int:
    """How many people :func:`build_population` places, without placing them (shifts the site does not have count
    none: that is a problem of its own)."""
    shifts = ([scen.shift] if scen.shift is not None else []) + [e.shift for e in in_the_drill(scen)]
    n = sum(c.count for s in shifts for c in site.shifts.get(s, ()))
    return n + sum(present(r, scen.time_of_day) for r in site.residents)


def in_the_drill(scen: ScenarioBody) -> list[EntrySpec]:
    """The later shifts that go down before the drill ends: one due at or after its end never goes down (the run
    stops first), so it is not in the drill at all. Kept in, it stood at its workplace to the end, never warned
    and never safe, and lowered every share (the plausibility check warns of such an entry)."""
    return [e for e in scen.entries if e.at_s < scen.duration_s]


def present(r: ResidentsSpec, tod: str) -> int:
    """How many of the residents at a place are there at the time of day."""
    if r.households is not None:
        assert r.members is not None
        return round(r.households * (r.members.day if tod == "day" else r.members.night))
    assert r.occupants is not None
    return round(r.occupants.day if tod == "day" else r.occupants.night)


def _profiles(r: ResidentsSpec, total: int) -> list[str]:
    n_help = round(total * r.needs_help_share)
    n_old = min(round(total * r.elderly_share), total - n_help)
    n_child = min(round(total * r.child_share), total - n_help - n_old)
    out = ["assisted"] * n_help + ["elderly"] * n_old + ["child"] * n_child
    out += ["adult"] * (total - len(out))
    rng = np.random.default_rng(zlib.crc32(r.at.encode("utf-8")))  # fixed: the census does not change per run
    return [out[j] for j in rng.permutation(total)]


def _slowest(profiles: list[str]) -> str:
    return min(profiles, key=rdef.PACE_ORDER.index)


def _residents(r: ResidentsSpec, tod: str, idx: dict[str, int], kind: str, people: list[Person],
               parties: list[Party], numbered: dict[str, int]) -> None:
    """The residents of one entry of the site; ``numbered`` holds how many households and people earlier entries at
    the same place have had, so that the ids go on from there."""
    node = idx[r.at]
    first_h, first_p = numbered.get(r.at + ":h", 0), numbered.get(r.at + ":p", 0)
    total = present(r, tod)
    if r.households is not None:
        sizes = [total // r.households + (1 if h < total % r.households else 0) for h in range(r.households)]
        groups = [s for s in sizes if s > 0]
    else:
        size = SCHOOL_CLASS if kind == "school" else 1
        groups = [min(size, total - a) for a in range(0, total, size)]
    profiles = _profiles(r, total)
    n_phone = round(total * r.phone_share)
    rng = np.random.default_rng(zlib.crc32(("cars:" + r.at).encode("utf-8")))
    n_car = round(len(groups) * r.car_share) if r.households is not None else 0
    cars = set(rng.permutation(len(groups))[:n_car].tolist())
    pos = 0
    for h, size in enumerate(groups):
        members = []
        for m in range(size):
            i = len(people)
            prof = profiles[pos]
            has_phone = pos < n_phone and prof != "child"
            label = (f"{r.at}-h{first_h + h + 1:03d}-{m + 1}" if r.households is not None
                     else f"{r.at}-{first_p + pos + 1:03d}")
            people.append(Person(i, label, node, prof, r.at, radio=False, paging=False, party=len(parties),
                                 phone=has_phone, group="resident"))
            members.append(i)
            pos += 1
        slow = _slowest([people[i].profile for i in members])
        name = f"{r.at}-h{first_h + h + 1:03d}" if r.households is not None else people[members[0]].id
        mode = "drive" if h in cars else "walk"
        parties.append(Party(len(parties), name, tuple(members), node, slow, mode, r.at, "neighbours",
                             upper_floor=r.upper_floor,
                             needs_help=all(people[i].profile == "assisted" for i in members)))
    numbered[r.at + ":h"] = first_h + len(groups)
    numbered[r.at + ":p"] = first_p + pos
