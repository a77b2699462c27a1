"""What to change for each finding: the plan edits :mod:`drills.experiment.revisions` would try, told beside it.

An evaluation report under AQ/T 9009-2015 carries its suggestions for improvement (改进意见和建议): each 不足项 and
整改项 must come with a corrective action a regulator can check. ``drill run`` does not re-simulate a revision, so
it proposes: for each finding, the candidate revisions the revision generator makes from that finding's remedies
(:func:`drills.experiment.revisions.generate`, the same candidates ``drill recommend`` proves), each in the planner's
words with the plan clauses its edits touch (``file:line plan.path``, as ``drill validate`` names them). They are
proposals, not yet proven; ``drill recommend`` re-simulates each on the same random numbers and keeps those that
help. In its report, the revisions it chose are marked proven by their label (R1, R2, …), and those it tried and
did not choose are marked so.

Where no revision kind applies (an approval date, a refuge's siting, a second shaft) or none can be derived from the
plan as written, the finding says what the planner must decide instead (:data:`DECIDE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from drills.experiment.finding_text import PHRASES
from drills.experiment.findings import GATE_PLACE_KINDS, PLACE_KINDS, Finding, ref
from drills.experiment.i18n import Text
from drills.experiment.plan_edit import Edit, matches
from drills.experiment.revisions import (
    DECISION_CHAIN_KINDS,
    ROUTE_SAFETY_S,
    Candidate,
    Context,
    current_path,
    generate,
    safe_way,
)
from drills.inputs.loaded import Loaded

#: [P] at most this many changes are told for one finding (first one of each kind of revision, in the order the
#: finding lists its remedies); the rest are counted, and ``drill recommend`` tries them all
SHOWN = 2
#: finding kinds no revision kind answers, each with what the planner must decide (a phrase of :mod:`i18n`)
DECIDE = {
    "gate_failed": "prop_decide_gate", "refuge_water": "prop_decide_refuge_water", "exits": "prop_decide_exits",
    "refuge_reach": "prop_decide_refuge_reach", "approved": "prop_decide_approved",
    "evaluation": "prop_decide_evaluation", "not_recorded": "prop_decide_not_recorded", "pond": "prop_decide_pond",
    "monitoring": "prop_decide_monitoring", "teams": "prop_decide_teams",
}


@dataclass(frozen=True)
class Change:
    """One proposed change: a candidate revision and the plan clauses its edits touch.

    Attributes:
        proved: the label ``drill recommend`` gave it in the revised plan (R1, R2, …) when it chose it; empty for
            a proposal not yet proven.
        on_paper: chosen as a correction the rules require, not for a simulated gain.
        tried: re-simulated by ``drill recommend`` and not chosen (its trial is in recommendations.md).
    """

    candidate: Candidate
    clauses: tuple[str, ...]
    proved: str = ""
    on_paper: bool = False
    tried: bool = False

    def words(self, lang: str = "en") -> str:
        """The change in ``lang``, with the clauses it touches."""
        t = Text(lang)
        return t("prop_change", change=self.candidate.words(lang), clauses=t("prop_clause_sep").join(self.clauses))

    def to_json(self) -> dict:
        return {"key": self.candidate.key, "kind": self.candidate.kind, "change": self.candidate.title,
                "clauses": list(self.clauses), "proven": self.proved or None, "on_paper": self.on_paper,
                "tried_not_chosen": self.tried}


@dataclass(frozen=True)
class Proposed:
    """What the report proposes for one finding: its changes (at most :data:`SHOWN`), how many more candidates
    there are, or what the planner must decide where no change follows.

    Attributes:
        kinds: the revision kinds the finding names (its remedies), to say which found nothing to change.
        answered_by: for a failed gate, the numbers (1, 2, … in the list of findings) of the places' findings whose
            changes answer it.
        see_also: the numbers of the other findings of the same place, where this one or they leave the planner to
            decide (:func:`see_also`): each says what alone helps its own people, and the planner reads them together.
    """

    changes: tuple[Change, ...] = ()
    more: int = 0
    decide: str = ""
    kinds: tuple[str, ...] = ()
    answered_by: tuple[int, ...] = ()
    see_also: tuple[int, ...] = ()

    def words(self, lang: str = "en", here: bool = False) -> str:
        """Lines (joined by newlines): a head saying whether the changes are proven, then each change, or what the
        planner must decide. ``here``: told in recommendations.md itself, whose ranked revisions follow (a change
        tried and not chosen points there, not to the file it is in)."""
        t = Text(lang)
        if not self.changes:
            return t("prop_decide") + "\n" + self.decision(lang)
        some = any(c.proved or c.tried for c in self.changes)
        lines = [t("prop_head_some" if some else "prop_head")]
        for c in self.changes:
            mark = (t("prop_on_paper" if c.on_paper else "prop_proved", label=c.proved) if c.proved
                    else t("prop_tried_here" if here else "prop_tried") if c.tried
                    else t("prop_unproven") if some else "")
            lines.append(t("prop_item", change=c.words(lang)) + mark)
        if self.more:  # once drill recommend has re-simulated them (it tries every candidate), they are told so
            more = "prop_more_one" if self.more == 1 else "prop_more"
            lines.append(t(more + "_here" if here else more + "_tried" if some else more, n=self.more))
        return "\n".join(lines)

    def first(self, lang: str = "en") -> str:
        """One line for the summary page and the terminal: the first change's title, marked as proven (or tried)
        or not yet proven, or what the planner must decide where no change is proposed."""
        t = Text(lang)
        if not self.changes:
            return t("summary_decide", decision=self.decision(lang))
        c = self.changes[0]
        mark = (t("prop_on_paper" if c.on_paper else "prop_proved", label=c.proved) if c.proved
                else t("prop_tried") if c.tried else t("prop_unproven"))
        return t("summary_change", change=c.candidate.words(lang)) + mark

    @staticmethod
    def firsts(proposed: Iterable[Proposed | None], lang: str = "en") -> list[str]:
        """:meth:`first` of each finding of a numbered list (1, 2, …), as the summary page and the terminal show them
        ("" where none is proposed): a line that would repeat an earlier finding's says "the same as for finding k"
        instead (several places, one change)."""
        return Proposed._once(list(proposed), lambda p: p.first(lang), "summary_decide_same_as", lang)

    def also(self, lang: str = "en") -> str:
        """The findings of the same place to read with this one (:attr:`see_also`), in a line; "" if none."""
        if not self.see_also:
            return ""
        return Text(lang)("prop_see_also_one" if len(self.see_also) == 1 else "prop_see_also",
                          ks=PHRASES[lang]["sep"].join(map(str, self.see_also)))

    @staticmethod
    def told(proposed: Sequence[Proposed | None], lang: str = "en", here: bool = False, also: bool = True
             ) -> list[str]:
        """:meth:`words` of each finding of a numbered list (1, 2, …; "" where none is proposed), one that would
        repeat an earlier finding's whole words in full said as "the same as for finding k" instead: several places
        share one change, and the list tells it once. ``also``: the findings of the same place to read with it follow
        on a line of their own (:meth:`also`). ``here`` as for :meth:`words`."""
        out = Proposed._once(proposed, lambda p: p.words(lang, here), "prop_decide_same_as", lang)
        if also:
            for k, p in enumerate(proposed):
                if p is not None and p.see_also:
                    out[k] = "\n".join(x for x in (out[k], p.also(lang)) if x)
        return out

    @staticmethod
    def _once(proposed: Sequence[Proposed | None], say: Callable[[Proposed], str], decide_same: str,
              lang: str) -> list[str]:
        """``say`` of each finding of a numbered list, where it repeats an earlier finding's the number of the first
        (``decide_same`` for a decision left to the planner, "What to change: …" for changes)."""
        t, out = Text(lang), []
        first: dict[str, int] = {}  # what was said → the number of the first finding it was said for
        for k, p in enumerate(proposed, 1):
            words = say(p) if p is not None else ""
            if words and words in first:
                out.append(t("prop_same_as" if p is not None and p.changes else decide_same, k=first[words]))
            else:
                out.append(words)
                first.setdefault(words, k)
        return out

    def decision(self, lang: str = "en") -> str:
        """What the planner must decide, where no change is proposed (empty where one is)."""
        if self.changes:
            return ""
        t = Text(lang)
        if self.decide == "prop_decide_gate" and self.answered_by:
            return t("prop_decide_gate_at", findings=PHRASES[lang]["sep"].join(map(str, self.answered_by)))
        if self.decide:  # (a route's lead over the water for the one phrase that names it)
            return t(self.decide, safety=t.value(ROUTE_SAFETY_S, "s"))
        return t("prop_decide_none", kinds=t("list_sep").join(t.term(k) for k in self.kinds))

    def to_json(self) -> dict:
        return {"changes": [c.to_json() for c in self.changes], "more_candidates": self.more,
                "decide": self.decision() or None, "see_also_findings": list(self.see_also)}


def _holds(node: Any, part: Any) -> bool:
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return isinstance(node, dict) and isinstance(part, str) and part in node


def _resolved(plan: Any, path: Sequence[Any]) -> tuple[Any, ...]:
    """The part of an edit's path written in the plan, selectors turned into list indices: the clause it
    changes (a key the edit adds is written under the clause that holds it)."""
    node, out = plan, []
    for part in path:
        if isinstance(part, dict) and isinstance(node, list):
            k = next((i for i, x in enumerate(node) if matches(x, part)), None)
            if k is None:
                break
            node, part = node[k], k
        elif _holds(node, part):
            node = node[part]
        else:
            break
        out.append(part)
    return tuple(out)


def clauses(edits: Iterable[Edit], loaded: Loaded) -> tuple[str, ...]:
    """The plan clauses ``edits`` change, ``file:line plan.path`` as ``drill validate`` names them: the entry of a
    list an edit changes (``plan.roles[4]``), else the section or list itself (``plan.evacuation.hoist_priority``),
    each once, a clause left out where another names a part of it."""
    plan = loaded.plan_doc.data.get("plan", {})
    locs: list[tuple[Any, ...]] = []
    for e in edits:
        path = tuple(e[1])[1:]  # every edit's path starts at "plan"
        if e[0] == "remove" and isinstance(e[2], dict):
            path = (*path, e[2])  # the list item removed
        loc = _resolved(plan, path)
        items = [k for k, part in enumerate(loc) if isinstance(part, int)]
        loc = loc[:items[-1] + 1] if items else loc  # an entry of a list (a post, a channel), not its keys
        if loc not in locs:
            locs.append(loc)
    kept = [a for a in locs if not any(b != a and b[:len(a)] == a for b in locs)]
    return tuple(ref(loaded, loc)[0] for loc in kept)


def _first_of_each_kind(cands: list[Candidate]) -> list[Candidate]:
    """The first candidate of each kind, then the others, each in the order given."""
    seen: set[str] = set()
    first = []
    for c in cands:
        if c.kind not in seen:
            seen.add(c.kind)
            first.append(c)
    return first + [c for c in cands if c not in first]


def propose(findings: Sequence[Finding], ctx: Context, proved: dict[str, tuple[str, bool]] | None = None,
            candidates: Sequence[Candidate] | None = None, tried: frozenset[str] = frozenset()
            ) -> dict[str, Proposed]:
    """What to change for each finding, by its key.

    Args:
        findings: the evaluation's findings.
        ctx: what the revision generator needs (the plan, the drill, the baseline's water).
        proved: candidate key → (label, on paper) for the revisions ``drill recommend`` chose.
        candidates: the candidates already generated from ``findings`` (``drill recommend``'s); made here if None.
        tried: keys of the candidates ``drill recommend`` re-simulated and did not choose.
    """
    cands = list(candidates) if candidates is not None else generate(list(findings), ctx)
    proved = proved or {}
    out = {}
    for f in findings:
        mine = _first_of_each_kind([c for c in cands if f.key in c.addresses])
        # a proven change first: what the revised plan already holds
        mine.sort(key=lambda c: c.key not in proved)
        shown = tuple(Change(c, clauses(c.edits, ctx.loaded), *proved.get(c.key, ("", False)),
                             tried=c.key in tried and c.key not in proved) for c in mine[:SHOWN])
        decide = DECIDE.get(f.kind, "" if f.remedies else "prop_decide_other")
        if not mine and not decide and ctx.spec.order_at_s is not None and set(f.remedies) & set(DECISION_CHAIN_KINDS):
            decide = "prop_decide_scripted"  # the scenario gives the order: the plan's triggers are not in this drill
        elif not mine and not decide and f.kind == "turned_back":
            decide = _turned_back_decision(f, ctx)
        elif not mine and not decide and f.kind == "m3_place" and f.facts.get("source"):
            decide = "prop_decide_source"  # the water broke in where they were: no order or route comes in time
        # a failed gate is answered by its metric's places' findings, named by their numbers in the list
        at = tuple(k for k, g in enumerate(findings, 1) if g.metric == f.metric and g.kind in GATE_PLACE_KINDS) \
            if f.kind == "gate_failed" else ()
        out[f.key] = Proposed(shown, max(len(mine) - SHOWN, 0), decide, tuple(f.remedies), at)
    return see_also(findings, out)


def see_also(findings: Sequence[Finding], proposed: dict[str, Proposed]) -> dict[str, Proposed]:
    """``proposed`` with the findings of one place referring to each other (:attr:`Proposed.see_also`, by their
    numbers in ``findings``) where one of them proposes no change but leaves the planner to decide.

    A decision says what alone helps the people it is about (only setting out sooner, where no way on foot stays
    ahead of the water; only withdrawal at the signs of an inrush, where the water breaks in), and another finding
    of the same people may say something else, as true: read apart, the two would seem to contradict each other."""
    at: dict[str, list[int]] = {}  # place → the numbers of its findings
    for k, f in enumerate(findings, 1):
        places = f.targets.get("places", ())
        if f.kind in PLACE_KINDS and len(places) == 1 and f.key in proposed:
            at.setdefault(places[0], []).append(k)
    out = dict(proposed)
    for ks in at.values():
        decided = {k for k in ks if not proposed[findings[k - 1].key].changes}
        for k in ks:
            others = tuple(j for j in ks if j != k and (k in decided or j in decided))
            if others:
                key = findings[k - 1].key
                out[key] = replace(out[key], see_also=others)
    return out


def _turned_back_decision(f: Finding, ctx: Context) -> str:
    """Why no new route is proposed for people who turned back: no way on foot stays ahead of the water for them
    (as drill recommend says it, Recommendation.no_way), or the plan's route already is that way; "" if neither."""
    places = [p for p in f.targets.get("places", ()) if p in ctx.spec.network.index]
    ways = [safe_way(ctx, p) for p in places]
    if any(w is None for w in ways):
        return "prop_decide_no_way"
    if ways and all(w == current_path(ctx, p) for p, w in zip(places, ways, strict=True)):
        return "prop_decide_route_kept"
    return ""


def with_proposals(found: Sequence[Any], proposed: dict[str, Proposed]) -> tuple[Any, ...]:
    """Report findings (:class:`~drills.experiment.graded.ReportFinding`) with what to change for each."""
    return tuple(replace(f, proposed=proposed.get(f.source.key)) if f.source is not None else f for f in found)
