"""Every word the reports and figures show, in English and Chinese, in one table.

The Chinese follows the standards' own wording: 应急预案 (GB/T 29639-2020), 演练评估 and the finding
classes 不足项 / 整改项 / 改进项 (AQ/T 9009-2015 practice), 预警与信息报告, 应急通讯 and 人员保护 (its
Annex A areas), 撤离 and 避险 (AQ 2033-2011 「撤离优先，避险就近」), 头顶库 (应急〔2020〕15号).

Look a phrase up with :class:`Text`; a key missing in Chinese falls back to English, and a test checks
that no key is missing. Event descriptions written by the drill (``water at xc_river``) are translated by
the patterns in :data:`EVENT_PATTERNS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any, Protocol

from drills.experiment.units import fill, fmt_value
from drills.model.lethality import SWEPT_OFF_DV_M2PS
from drills.model.movement import WADING_LIMIT_M
from drills.model.running import DRIFT_MANNING_N

LANGS = ("en", "zh")

EN: dict[str, str] = {
    # ---- document
    "report_title": "Drill evaluation report",
    "report_kind": "Simulated flood-season emergency drill — evaluation of the emergency plan",
    "season_title": "Annual flood-season exercise — consolidated evaluation report",
    "page_of": "page {k} of {n}",
    "days_after_start": "+{days}d",
    "footer": "{scenario} · seed {seed} · {n} replications · drill {version}",
    "season_footer": "suite {suite} · seed {seed} · {runs} runs · drill {version}",
    "contents": "Contents",
    # ---- cover
    "site": "Site",
    "plan": "Emergency plan",
    "plan_value": "{id}, version {version}",
    "unit": "Unit",
    "scenario": "Scenario",
    "scenario_start": "Scenario start",
    "time_of_day": "Time of day, weather",
    "drill_length": "Drill length",
    "drill_length_value": "{h} h {m:02d} min simulated",
    "people": "People",
    "people_value": "{n} ({groups})",
    "miners": "{n} underground",
    "miners_later": "{n} underground at the start, {later} more of a later shift ({kept} of them kept on the surface, "
                    "on average)",
    "residents": "{n} residents",
    "replications": "Replications",
    "replications_settled": "{n} ({asked} asked for, then run on until the grade was settled; looks at {steps}, "
                            "ceiling {ceiling})",
    "replications_ceiling": "{n} ({asked} asked for, then run on to the ceiling; looks at {steps}; unsettled "
                            "life-safety checks left: {k})",
    "replications_too_close": "{n} ({asked} asked for, then run on; looks at {steps}, ceiling {ceiling}; the "
                              "life-safety checks left ({k}) are too close to the tolerated tail to tell)",
    "seed": "Seed",
    "tool": "Tool",
    "input_files": "Input files",
    "input_warnings": "Plausibility warnings",
    "input_warnings_value": (
        "{n}: values that look like data-entry slips, listed under “Plausibility of the input values”"),
    "input_warnings_heading": "Plausibility of the input values",
    "input_warnings_intro": (
        "Values that passed validation but lie outside their plausible range, each with the range and its "
        "source: each may be a data-entry slip. The drill ran them as written; check each one before relying "
        "on this report."
    ),
    "grade": "Grade",
    "grade_none": "–  (not graded: the grading rules follow with the scoring step)",
    "grade_line": "Grade:  {grade}",
    "day": "day",
    "night": "night",
    "rain_none": "no rain",
    "rain_moderate": "moderate rain",
    "rain_heavy": "heavy rain",
    "flood_estimate": (
        "The failure of {dam} floods the valley as the tool's built-in screening estimate ({source}): no hydraulic "
        "study of the dam was supplied, and the grade rests on this estimate. Give the dam's hydraulic study in the "
        "scenario (hazard.dam_break.study: a CSV of place, arrival_min, peak_depth_m, peak_velocity_mps) to grade "
        "the plan against it."
    ),
    "cover_note": (
        "This report evaluates the emergency plan named above by simulating the drill {n} times under "
        "varied conditions (AQ/T 9009-2015: a drill's main purpose is to find the plan's problems). "
        "Every number can be traced to a parameter of the site, plan or scenario file, or to a cited "
        "default (see Assumptions and sources). The same seed gives the same report."
    ),
    # ---- summary
    "summary": "Summary",
    "summary_intro": (
        "The exercise in one page. Figures are means over the {n} replications unless marked; the full "
        "scorecard and the table {by} follow."
    ),
    "key_results": "Key results",
    "confidence": "Not settled by this number of replications",
    "settle_how_n": (
        "To settle them, run the same command again with --until-settled {n}: the estimates above ask for {span} "
        "replications in all; it runs on in steps and stops as soon as they are settled."
    ),
    "settle_how": (
        "To settle them, run the same command again with --until-settled N (N: the most replications in all): it "
        "runs on in steps and stops as soon as they are settled."
    ),
    "recommend_settle_how_n": (
        "To settle them, run drill recommend again with -n {n}: the estimates above ask for {span} replications in "
        "all, and every plan it tries is then run as many times; or settle the plan as it is alone first with drill "
        "run --until-settled {n}, which runs on in steps and stops as soon as they are settled."
    ),
    "recommend_settle_how": (
        "To settle them, run drill recommend again with more replications (-n N), every plan it tries then run N "
        "times; or settle the plan as it is alone first with drill run --until-settled N, which runs on in steps and "
        "stops as soon as they are settled."
    ),
    "settle_how_ceiling_n": (
        "This run went on to its ceiling of {ceiling} replications (--until-settled {ceiling}); the estimates above "
        "ask for {span}."
    ),
    "settle_how_ceiling": "This run went on to its ceiling of {ceiling} replications (--until-settled {ceiling}).",
    "settle_how_too_close": (
        "This run stopped at {n} replications (--until-settled {ceiling}): the checks left are too close to the "
        "tolerated tail for more replications to settle them in practice."
    ),
    "worst_places": "Where the plan is weakest",
    "worst_places_intro_mine": "The levels with the lowest share of people safe from the water:",
    "worst_places_intro_valley": "The places with the lowest share of people safe from the water:",
    "worst_places_intro_both": "The levels or places with the lowest share of people safe from the water:",
    "worst_place_line": (
        "{zone} ({people} people): {warned}{safe} safe from the water; everyone there warned by the order: "
        "{t100} (median){never}{fat}."
    ),
    "warned_part": "of those the water reached, {warned} warned by the order first; ",
    "warned_part_none": "the water reached nobody there; ",
    "never_part": "; {share} not warned by it first",
    "fat_part": ", {f:.1f} expected fatalities",
    "fat_upstairs_part": ", {f:.1f} of them among the people sheltering upstairs{lost}",
    "upstairs_lost_part": ": in {k} of {n} replications the water there was fast and deep enough that an upper floor "
                          "sheltered no one, as a house comes down where depth × velocity is 7 m²/s or more at 2 m/s "
                          "or more (the lethality rule); only leaving before the water comes protects them",
    "worst_findings": "The three most serious findings",
    "best_revisions": "The three most effective revisions",
    "no_findings_yet": (
        "Not available yet: findings (deficiency 不足项 / must-correct 整改项 / improvement 改进项) are drawn from "
        "the scorecard by the scoring step, which this version does not have. The evidence they will rest on is in "
        "this report."
    ),
    # ---- what to change for each finding (drills.experiment.proposals)
    "prop_head": "What to change — proposed, not yet proven (“drill recommend” tests each by re-simulation):",
    "prop_head_some": "What to change:",
    "prop_change": "{change} ({clauses})",
    "prop_clause_sep": "; ",
    "prop_item": "• {change}",
    "prop_unproven": " [proposed, not yet proven]",
    "summary_change": "What to change: {change}",
    "prop_same_as": "What to change: the same as for finding {k}",
    "prop_decide_same_as": "What the planner must decide: the same as for finding {k}",
    "summary_decide_same_as": "What to decide: the same as for finding {k}",
    "prop_see_also_one": "See also finding {ks}, on the people of the same place.",
    "prop_see_also": "See also findings {ks}, on the people of the same place.",
    "summary_decide": "What to decide: {decision} [no plan edit proposed]",
    "prop_proved": " [proven by re-simulation: {label}]",
    "prop_on_paper": " [made on paper, as the rules require: {label}]",
    "prop_tried": " [re-simulated, not chosen: see recommendations.md]",
    "prop_tried_here": " [re-simulated, not chosen: see “Revisions, ranked” below]",
    "prop_more_here": "• and {n} more candidate changes, each re-simulated: see “Revisions, ranked” below",
    "prop_more_one_here": "• and 1 more candidate change, re-simulated: see “Revisions, ranked” below",
    "prop_more_tried": "• and {n} more candidate changes, each re-simulated: see recommendations.md",
    "prop_more_one_tried": "• and 1 more candidate change, re-simulated: see recommendations.md",
    "prop_more": "• and {n} more candidate changes, which “drill recommend” tries too",
    "prop_more_one": "• and 1 more candidate change, which “drill recommend” tries too",
    "prop_decide": "What the planner must decide (no plan edit is proposed):",
    "prop_decide_gate": ("the plan as a whole fails this gate; the changes proposed under the places' findings "
                         "answer it"),
    "prop_decide_gate_at": ("the plan as a whole fails this gate; the changes proposed under the places' findings "
                            "answer it (findings {findings})"),
    "prop_decide_refuge_water": ("where to site the refuge chamber, or how to seal it, out of the water's reach, or "
                                 "whether its people go to the surface or to another refuge instead; the drill "
                                 "proposes no siting of a chamber"),
    "prop_decide_exits": ("which second exit, far enough from the first, the plan names (plan.evacuation.exits); the "
                          "drill proposes no new shaft or adit"),
    "prop_decide_refuge_reach": ("a refuge chamber within the self-rescuer's time of the place, or a shorter way out: "
                                 "no refuge of the site is within reach"),
    "prop_decide_approved": "have the plan approved and write the date into it (plan.approved_on)",
    "prop_decide_evaluation": "have the plan evaluated again and write the new date into it (plan.approved_on)",
    "prop_decide_not_recorded": "write the drill interval and the date the contacts were last checked into the plan",
    "prop_decide_pond": ("set each red threshold of the pond's monitoring no less strict than the design value "
                         "(plan.warning.monitoring)"),
    "prop_decide_monitoring": "add the pond's online monitoring items and their thresholds (plan.warning.monitoring)",
    "prop_decide_teams": "name the teams that carry the warning and the rescue (plan.teams)",
    "prop_decide_no_way": ("how to have its people set out sooner (an earlier order, or a quicker response): no way "
                           "on foot from there stays {safety} ahead of the water for its people setting out when "
                           "they do, so no new route can help them; only setting out sooner does"),
    "prop_decide_route_kept": ("how to have its people set out sooner (an earlier order, or a quicker response): the "
                               "plan's route from there already is the quickest way on foot that stays {safety} ahead "
                               "of the water for its people setting out when they typically do (medians over the "
                               "replications), so no new route is proposed; those who turned back set out later, or "
                               "met the water sooner, than that"),
    "prop_decide_source": ("how to have the people where the water breaks in withdrawn before it does: there no order "
                           "and no route comes in time, only acting on its signs (a new inflow point, a sudden rise "
                           "of the inflow) does, as the rules' immediate withdrawal at the signs of an accident "
                           "(事故征兆紧急撤人) requires"),
    "prop_decide_scripted": ("whether to drill the plan's own triggers too (a scenario without an order), to test "
                             "them: this drill's order is given by the scenario, not by the plan's triggers, so no "
                             "revision of the triggers or of who gives the order can act in it, and the other "
                             "revisions that would answer it find nothing to change"),
    "prop_decide_other": "how to correct it: no kind of plan revision the drill can make applies",
    "prop_decide_none": ("how to correct it: the revisions that would answer it ({kinds}) find nothing to change in "
                         "the plan as written"),
    "no_revisions_yet": (
        "No revision of the plan was tested in this run: the changes proposed under each finding are not yet proven. "
        "“drill recommend” tests candidate revisions by "
        "re-simulating the drill on the same random numbers; its report lists those that proved effective."
    ),
    "no_revisions_chosen": "None: no revision improved the plan significantly within the budget.",
    "rev_alone": "alone, against the plan as it is",
    "rev_on_top": "on top of {prev}",
    "rev_together": "{first}–{last} together",
    "rev_together_basis": "against the plan as it is",
    "rev_under": "under the single fault {fault}",
    "rev_sep": "; ",
    "rev_title": "{title} ({basis})",
    "rev_static": "on paper: a requirement, not chosen for a simulated gain",
    "rev_not_significant": " (no significant change)",
    "rev_basis_note": (
        "The chosen revisions in the order chosen, each with what it adds to those chosen before it: R1 against the "
        "plan as it is (\"alone\"), R2 against the plan with R1 (\"on top of R1\"), and so on; each row is the "
        "trial that chose the revision, so the rows lead from the plan as it is to the plan as revised. "
        "\"Together\": the plan with every chosen revision against the plan as it is. Before and after: means per "
        "replication, over the same {n} paired replications (seed {seed}), of the metric the row improves most (of "
        "those significantly better, the largest relative change); the change is the mean paired difference with its "
        "95 % confidence interval. A revision proved under a single fault is compared under that fault. Each "
        "revision alone against the plan as it is is in the table of every revision tried."
    ),
    "headline_warned": "warned before the water reached them",
    "headline_safe": "safe from the water",
    # the one definition of "safe from the water", wherever a page or the terminal explains it, in the site's words
    "safe_def_both": (
        "Safe from the water means neither caught by the water nor left in its way: a person whose starting place "
        "the water reached is safe from it only at a place of safety (surface, refuge or assembly point) when the "
        "drill ends, not still underground or in a home it reached, upstairs or down; people whose place it never "
        "reached count as safe."
    ),
    "safe_def_mine": (
        "Safe from the water means neither caught by the water nor left in its way: a person whose starting place "
        "the water reached is safe from it only on the surface or in a refuge when the drill ends, not still "
        "elsewhere underground; people whose place it never reached count as safe."
    ),
    "safe_def_valley": (
        "Safe from the water means neither caught by the water nor left in its way: a person whose starting place "
        "the water reached is safe from it only at an assembly point when the drill ends, not still in a home it "
        "reached, upstairs or down; people whose place it never reached count as safe."
    ),
    "headline_all_warned": "everyone warned by the order (median)",
    "headline_all_safe": "everyone safe (median)",
    "headline_caught": "caught by the water (mean)",
    "headline_fatal": "expected fatalities (mean)",
    "headline_fatal_where": "of which, where the water found them",
    "headline_margin": "safety margin, 5th percentile (median)",
    "headline_order": "evacuation order (median)",
    "headline_order_underground": "evacuation order underground (median)",
    "headline_order_downstream": "evacuation order downstream (median)",
    # ---- scorecard
    "scorecard": "Scorecard",
    "scorecard_intro": (
        "Each metric is measured in every replication and summarised over the {n} replications: the mean "
        "with its 95 % confidence interval, the 5th and 95th percentiles, and the number of replications "
        "in which it was never reached (left out of the mean). Times are hours:minutes:seconds after "
        'the scenario start. A P95 of "never" means the time was not reached in more than 5 % of the '
        "replications. A mean marked * is of the other replications only, so it looks better than the "
        "drill was: read the percentiles. Warning times count the order only (its channels and the people "
        "who pass it on); someone who saw the water before the order reached them is not counted as warned by "
        "the order (the drill keeps each person's first warning only; 'never warned' elsewhere in this report "
        "means that nothing reached them, not even the water). A safety margin runs to when a place "
        "became impassable to them (the water deeper than they wade, or fast enough to sweep them off), not to "
        "the water's first arrival, which 'warned before the water reached them' uses: someone who left a place "
        "with water already on its floor can still have a margin. A smallest margin of "
        '"not all safe" means someone was caught or left in the water\'s way. {safe_def}{fatal}'
    ),
    "scorecard_fatal_both": (
        " Expected fatalities are estimated for people in the valley only: no lethality rule applies underground, "
        "where the people caught are the count."
    ),
    "grade_basis": "How the grade was reached",
    "grade_basis_intro": (
        "Each metric is graded A–D on its tail over the {n} replications: the value below is that tail (for "
        "example the 95th percentile of a time, or the 5th of a margin), graded against the bands beside it; "
        "[P] marks thresholds that are the project's own, where no standard gives one. The gates (M2, M3, "
        "M6) must hold in at least 95 % of replications; a gate that fails is a deficiency (不足项). The "
        "overall score is the weighted mean of the points of the grades (A 100, B 85, C 70, D 40) over the "
        "metrics that apply, the weights shared out again when one does not; M7 and M8 give findings only. "
        "The overall grade follows the score ({bands}, below that 差; 优秀 needs also at most {most} "
        "must-correct items), and any deficiency makes it 差 whatever the score. Robustness to single faults "
        "(M6) counts only when single-fault runs were made (drill run --fault-replications N, or drill "
        "recommend)."
    ),
    "col_graded": "what is graded",
    "col_grade_ad": "grade",
    "col_bands": "bands",
    "col_weight": "weight",
    "gate_held": "gate held",
    "gate_failed": "gate failed",
    "weight_none": "findings only",
    "grade_scored": "Score {score} of 100 → {grade}. Findings: {d} (不足项), {m} must-correct (整改项), {i} (改进项).",
    "grade_capped": "Score {score} of 100, but with {d} (不足项) the grade is {grade}. Findings: {m} must-correct "
                    "(整改项), {i} (改进项).",
    "col_metric": "metric",
    "col_mean": "mean",
    "mean_partial": "* mean of the replications in which it was reached or applies; the others are left out.",
    "warned_order_note": ("90 % warned by the order reads later than everyone warned: each is the mean of the "
                          "replications in which it was reached ({k90} and {k100} of {n}), and those in which "
                          "everyone was warned were the quicker ones."),
    "mean_withheld": ("A mean and interval shown as \"–\" beside a count under \"not reached\": more than half "
                      "the replications did not reach it or it did not apply, so a mean of the rest would describe "
                      "the few, not the drill; read the percentiles."),
    "fatalities_from": "Expected fatalities {total}: {parts}. Those sheltering or still at home are not counted as "
                       "caught, so the deaths can exceed the people caught.",
    "fat_caught": "{v} among the people caught by the water",
    "fat_sheltered": "{v} among those sheltering on upper floors",
    "fat_at_home": "{v} among those still downstairs at home, in a house the water reached without catching them",
    "headline_fatal_whom": "of whom",
    "col_ci": "95 % CI",
    "col_p5": "P5",
    "col_p95": "P95",
    "col_not_reached": "not reached",
    "never": "never",
    # ---- zones
    "zones_mine": "By level",
    "zones_valley": "By place",
    "zones_both": "By level and place",
    "zones_by_mine": "by level",
    "zones_by_valley": "by place",
    "zones_by_both": "by level and place",
    "zones_intro": (
        "{what}, over the {n} replications: of its people the water reached (apart from those at its source, "
        "whom no plan can warn first), the share the order warned first (mean of the replications in which the "
        "water reached someone there; – if it never did); the share safe from the water (means); the time by which "
        "the order had reached everyone there (median; never = someone was not reached in most "
        "replications); the smallest safety margin (median); the share of person-replications the order "
        "did not warn first (nothing warned them, or they saw the water before the order reached them: "
        "the drill keeps each person's first warning only); and the expected fatalities ({fatal})."
    ),
    "zones_fatal_mine": "– underground, where no lethality rule applies and the people caught are the count",
    "zones_fatal_valley": "mean",
    "zones_fatal_both": "mean; – underground, where no lethality rule applies and the people caught are the count",
    "zones_order_mine": "Levels are listed from the shallowest to the deepest.",
    "zones_order_valley": (
        "Places are listed by when the water first reached them (median over the replications), the first reached "
        "first; places it did not reach in most replications come last."
    ),
    "zones_order_both": (
        "The mine's levels come first, from the shallowest to the deepest, then the valley's places by when the "
        "water first reached them (median over the replications), the first reached first; places it did not "
        "reach in most replications come last."
    ),
    "zones_what_mine": "Each mining level",
    "zones_what_valley": "Each place of the valley",
    "zones_what_both": "Each mining level and each place of the valley",
    "col_zone_mine": "level",
    "col_zone_valley": "place",
    "col_zone_both": "level or place",
    "col_people": "people",
    "col_warned_before": "warned before the water reached them",
    "col_all_warned": "everyone warned",
    "col_safe_before": "safe from the water",
    "col_margin": "smallest margin",
    "col_not_first": "not first warned by the order",
    "col_fatal": "expected fatalities",
    "zone_level": "level {level}",
    "zones_kept_out": (
        "Not in the table: a later shift kept on the surface, which never went down ({levels}; the most in one "
        "replication). A level's people are those who were on it."
    ),
    "zone_kept": "{zone}: {k}",
    "safe_kept_out": "Safe and safe from the water count as safe a later shift whom the plan kept on the surface (at "
                     "most {k} in one replication).",
    "running_water": (
        "The water running down from {source} to {end} is in the drill, beside the pool it fills. At the peak inflow "
        "as written, {peak} m³/h, it runs along {passages} (Manning's formula, n {n} for a blasted drift, Chow "
        "1959): depth × velocity up to {dv} m²/s, where {swept} m²/s sweeps people off their feet (Jonkman & "
        "Penning-Rowsell 2008), or deeper than the {wade} m anyone wades. The drill stops people there once the "
        "water's front, running down at the water's own speed, has come, with each replication's inflow; the times "
        "given are when the inflow at the source first runs that strong."),
    "running_water_passage": "{link} {depth} m deep at {v} m/s from {t} into the inrush",
    "running_water_sep": "; ",
    # ---- timeline
    "timeline": "Timeline: from the first sign to the last person safe",
    "timeline_intro": (
        "Every event of the drill across the {n} replications (figure), then the events of a typical "
        "replication in clock time (table): no. {r}, the one nearest the middle of the replications at once in "
        "when the order was given, when everyone was safe, the share safe from the water and the share safe. "
        "In it: {order}, {t90}, {t100}, {safe} ({share} safe, {caught} caught by the water)."
    ),
    "tl_order_at": "order given at {t}",
    "tl_order_never": "no order given",
    "tl_t90_at": "90 % warned at {t}",
    "tl_t90_never": "the order never reached 90 %",
    "tl_t100_at": "everyone warned at {t}",
    "tl_t100_never": "the order never reached everyone",
    "tl_safe_at": "everyone safe at {t}",
    "tl_safe_never": "not everyone safe by the end",
    "col_clock": "clock",
    "col_after_start": "after start",
    "col_kind": "kind",
    "col_event": "event",
    # ---- figures
    "figure_n": "Figure {k}. {title}",
    "progress": "Warning and evacuation against the water",
    "site_maps": "The site: water and clearance",
    "fig_section_title": "The mine in vertical section: water, clearance and bottlenecks",
    "fig_map_title": "The valley in plan view: flood arrival, people safe and bottlenecks",
    "channels_section": "Warning channels (应急通讯)",
    "channels_cage_section": "Warning channels (应急通讯) and the cage",
    "cage_section": "The cage",
    "channels_cages_section": "Warning channels (应急通讯) and the cages",
    "cages_section": "The cages",
    # ---- findings and revisions
    "findings": "Findings",
    "findings_intro": (
        "AQ/T 9009-2015 practice sorts what a drill finds into three classes: 不足项 (deficiency — the "
        "preparedness could fail to protect life), 整改项 (must be corrected before the next drill) and "
        "改进项 (improvement). Each finding names its evidence in this report, the requirements it concerns by their "
        "tags (S1, S2, …) in the list below, and the clause of the plan it concerns (GB/T 29639-2020 structure). "
        "Under each, what to change (改进意见和建议, AQ/T 9009-2015): the "
        "plan edits “drill recommend” would try for it, each with the plan clauses it changes. They are proposals, "
        "not yet proven: “drill recommend” tests them by re-simulating the drill on the same random numbers and "
        "keeps those that help. Where no plan edit follows, the line says what the planner must decide. The "
        "findings are numbered, most serious first; changes shared by several findings are written out under the "
        "first of them, and the others refer to it by its number."
    ),
    "col_class": "class",
    "col_finding": "finding",
    "col_evidence": "evidence",
    "col_clause": "plan clause",
    "findings_requirements": "Requirements the findings cite",
    "findings_requirements_intro": (
        "Each requirement once, with the tag the findings cite it by: national standards and documents (GB, AQ, the "
        "State's and ministries' documents, regional practice) first; international and foreign practice after them, "
        "as background only."
    ),
    "col_tag": "tag",
    "col_requirement": "requirement",
    "revisions": "Revisions",
    "revisions_intro": (
        "Changes to the plan, each re-simulated with the same random numbers as the plan under test, with "
        "the metric it is meant to improve before and after (预案管理办法 第三十六条(五): a drill that "
        "reveals a major problem requires the plan to be revised)."
    ),
    "sf_heading": "Single faults (M6)",
    "sf_intro": (
        "Each single fault was run on the random numbers of the first {n} replications, from {start} (the first "
        "trigger met or the first water, median over the replications) to the end of the drill. Under it: whether "
        "the reach (M2) and safety (M3) gates held, and what it changed against the plan without it, paired "
        "replication by replication (with the fault − without, mean and 95 % CI). A fault that breaks the plan is "
        "also a finding (deficiency, 不足项). {left}"
    ),
    "sf_left_out": "Left out by the cap on the number of faults (--max-faults): {names}.",
    "sf_gates": "M2 {m2} · M3 {m3}",
    "sf_ok": "ok",
    "sf_fail": "FAIL",
    "sf_breaks": "breaks the plan",
    "sf_withstood": "withstood",
    "sf_nothing": "changed nothing",
    "sf_note": (
        "Without a fault, on the same {n} replications: {base} (the grades above read all the replications, so a "
        "gate may hold there and fail here, or the reverse). Breaks the plan: a gate that held fails under the fault, "
        "or significantly more "
        "people are not safe or warned late (CI above zero). People changed: those whose warning, departure or end "
        "(or its time) differs from the drill without the fault, mean per replication; a fault that changed no one "
        "tested nothing (a bridge no one crosses, a channel that reached no one first).{rise}"
    ),
    "sf_rise_none": (
        " Rise of the last warning \"–\": without the fault the P95 of the last warning is already never (someone is "
        "never warned by the order in more than 5 % of the replications), so no fault can raise it; the people "
        "warned late show what the fault does."
    ),
    "col_fault": "fault",
    "col_sf_changed": "people changed",
    "col_sf_gates": "gates under it",
    "col_sf_unsafe": "Δ people not safe",
    "col_sf_late": "Δ warned late or never",
    "col_sf_rise": "rise of the last warning",
    "col_sf_verdict": "verdict",
    "cli_single_faults_done": (
        "  single faults (M6): {n} tried on {r} replications each: {breaks} break the plan, {withstood} withstood, "
        "{nothing} changed nothing (each in report.pdf)"
    ),
    "col_revision": "revision",
    "col_before": "before",
    "col_after": "after",
    "col_change_ci": "change, 95 % CI",
    # ---- assumptions
    "assumptions": "Assumptions and parameters, with their sources",
    "assumptions_intro": (
        "First the parameters this drill takes from the plan and scenario files (source: the file named), "
        "then the model's defaults and simplifications, quoted from the documentation of the model "
        "modules, where each number carries its source."
    ),
    "params_plan": "From the emergency plan ({file})",
    "params_scenario": "From the scenario ({file})",
    "col_parameter": "parameter",
    "col_value": "value",
    "col_source": "source",
    "role_delay": "{title}: decision delay",
    "role_present": "{title}: present when needed",
    "role_backups": "{title}: backups",
    "role_backups_value": "{backups}; handover {handover}",
    "none": "none",
    "hoist_row": "cage of {id}",
    "hoist_deck_one": "1 deck",
    "hoist_decks": "{n} decks",
    "hoist_value": (
        "{capacity} people a trip ({decks}); winding at {v:.1f} m/s, {a:.2f} m/s²; {signal} s signal"
    ),
    "breach_row": "breach time and released volume",
    "breach_value": "breach {breach}; volume factor {volume}",
    "inflow_row": "inrush inflow",
    "inflow_value": (
        "from {start}: {q0:,.0f} → {qmax:,.0f} m³/h within {rise} (hydrograph of {k} points), times a factor "
        "{factor}; {pumps}"
    ),
    "storm_inflow_row": "the storm's inflow to the mine",
    "storm_inflow_value": (
        "from {start}: {q0:,.0f} → {qmax:,.0f} m³/h within {rise}, beyond the usual inflow (the rain's recharge "
        "and any river over an entrance, as the site's mine water gives them); {pumps}"
    ),
    "inflow_pumping": "pumping {pump:,.0f} m³/h",
    "inflow_mine_pumps": "the mine's pumps {pump:,.0f} m³/h against its usual inflow of {usual:,.0f} m³/h",
    "trigger_row": "trigger {id} ({condition}; declares {level})",
    "trigger_at_level": "{quantity} {level} or higher",
    "trigger_depth": "water depth at {node} ≥ {threshold:g} m",
    "trigger_inflow_change": "mine inflow changed by ≥ {share:g} % of its usual flow",
    "trigger_at_top": "{quantity} {level}",
    "trigger_at_least": "{quantity} ≥ {threshold:g}",
    "trigger_value": "detection delay {delay}; owner {owner}",
    "channel_row": "channel {id} ({type})",
    "channel_value": "activation {delay}; reliability {rel:.0%}; {reach}{power}",
    "reach_sound": (
        "sounds at {places}: {aud:.0%} of the households within {radius:g} m can hear it ({when}{rain}), and each "
        "of them catches it with {hear:.0%} on each {cycle:g} s cycle"
    ),
    "reach_rain": "; ×{f:g} for the rain included",
    "reach_sms": (
        "{coverage}: {phones:.0%} of the residents have a phone, delivered after {delivery}; each notices it with "
        "{notice:.0%} ({when})"
    ),
    "reach_vehicle": "heard by {hear:.0%} of the households within {radius:g} m of each place it passes ({when}); "
                     "{coverage}",
    "reach_door": "tells every household still at home, one visit each ({visit}); {coverage}",
    "reach_phone_tree": "{callers} caller(s); a household at home answers with {answer:.0%}; {coverage}",
    "reach_runner": "tells everyone at each place passed; {coverage}",
    "reach_phones": "answered where someone is beside the phone; {coverage}",
    "reach_once": "noticed by {hear:.0%} of those it reaches, once; {coverage}",
    "reach_message": "heard by {hear:.0%} of those in reach on each message, every {cycle:g} s; {coverage}",
    "coverage_all": "covers everyone",
    "coverage_n": "covers {n} places",
    "coverage_air": "covers {n} places, carried by the ventilation air at {v:g} m/s from {start}",
    "mains_power": "; mains power, backup {h:g} h",
    "param_duration": "drill length",
    "param_time": "time of day, weather",
    "param_hazard": "hazard",
    "param_mc": "replications, seed",
    "plan_file": "plan file",
    "scenario_file": "scenario file",
    "model_defaults": "{topic}: model defaults",
    # what the report calls each part of the model it quotes or refers to, in place of the code's module names
    "topic_movement": "Walking and crowding",
    "topic_hoist": "Cage hoisting",
    "topic_behaviour": "Response of people underground",
    "topic_inrush": "Water inrush",
    "topic_running": "Water running down from an inrush",
    "topic_residents": "People of the valley and their warning channels",
    "topic_traffic": "Cars on the valley's roads",
    "topic_dam_break": "Tailings dam break",
    "topic_lethality": "Flood lethality",
    "topic_warning": "Warning channels",
    "topic_decision": "Decisions and orders",
    "topic_readings": "Readings for the grade",
    "topic_hydraulic_study": "Hydraulic study",
    "topic_drill": "One replication",
    # the line under a part's heading where its docstring's summary speaks of the code (report.lead)
    "lead_hoist": "Cage hoisting: trip times from depth, speed and acceleration, and the order in which the cage "
                  "serves the stations.",
    "lead_warning": "Warning channels: whom each channel reaches, how surely and how often, and how long it works "
                    "without mains power.",
    "provenance_legend": "How sure each default is: the tags in square brackets",
    "tag_seen": (
        "[V] (or [S]): seen — the value was read in a copy of the source named (for Chinese standards and "
        "notices often a third-party reprint, not the official edition)."
    ),
    "tag_knowledge": (
        "[K]: from the published literature named, as known to the project's authors; the number was not "
        "re-read in the source. [K?]: the same with low confidence — verify the number or clause before "
        "relying on it."
    ),
    "tag_engineering": (
        "[E]: the project's own assumption, derived number or calibration, with no published source; "
        "replace it with the site's own data where they exist."
    ),
    "tag_proposal": (
        "[P]: the project's own proposal (a threshold, weight or grade band); no standard gives it."
    ),
    "dropped_glyphs": (
        'Characters shown as "…" are Chinese text that no installed font can draw; reinstall the project '
        "(it brings the font package paperang-p2-fonts-cjk) to print them."
    ),
    # ---- method
    "method": "Appendix: method",
    "method_text": (
        "Each drill is a discrete-event simulation (SimPy): the hazard, the triggers and decisions, {actors} are "
        "processes on one simulated clock, and the drill records one frozen record {records}. The exercise repeats "
        "the drill "
        "{n} times from seed {seed}, each replication with its own random streams, so the result does not "
        "depend on the number of worker processes; this report only reads those records and never "
        "re-simulates. Figures show medians over replications with 5th–95th percentile bands."
    ),
    "method_actors": "every warning channel and every person",
    "method_actors_hoist": "every warning channel, every person and every cage",
    "method_records": "per person and per event",
    "method_records_hoist": "per person, per hoist and per event",
    "method_docs_note": "The exercise and the scorecard, as documented in their modules:",
    "method_settling": (
        "The number of replications was not fixed in advance: the exercise began with {asked} and, while a "
        "life-safety check of the grade could not be told from the tolerated tail, ran on in steps (looks at "
        "{steps} replications, ceiling {ceiling}). The result is that of {n} replications from seed {seed}, the "
        "same as drill run -n {m} gives; as the decision to go on was taken after looking at the result, its "
        "95 % bounds are somewhat less sure than stated (Armitage, McPherson & Rowe 1969)."
    ),
    # ---- figure texts
    "fig_minutes": "time since scenario start (min)",
    "fig_clock": "clock time",
    "fig_share_people": "share of people (%)",
    "fig_warned": "warned first by the order",
    "fig_safe": "safe",
    "fig_water": "water at their starting place",
    "fig_median_band": "line: median over replications; shaded band: P5–P95",
    "fig_order_line": "{order}\nmedian {at}{never}",
    "fig_order_never": "\nnever in {k} of {n} replications",
    "fig_order_s": "evacuation order underground",
    "fig_downstream_order_s": "evacuation order downstream",
    "fig_warned_safe_title": "Warned by the order and safe, against the rising water",
    "fig_elevation": "elevation (m)",
    "fig_section_x": "horizontal position along the section (m)",
    "fig_section_x_bearing": "horizontal position along the section, towards bearing {deg:03d}° (m)",
    "fig_east": "east (m)",
    "fig_north": "north (m)",
    "fig_water_arrives": "water arrives (median, min)",
    "fig_last_safe": "last person safe (median, min)",
    "fig_section_a": "(a) Passages by when the water reached them (median over replications)",
    "fig_section_b": "(b) Starting places by when the last person from there was safe",
    "fig_map_a": "(a) Flood arrival at each place (median over replications)",
    "fig_map_b_safe": "(b) Share of the people from each place who were safe from the water",
    "fig_map_zoom": "{letter} Close-up round {place}, colours as (b)",
    "fig_place_safe_bar": "safe from the water (% of the people from there, mean)",
    "fig_place_safe": "{s} safe",
    "fig_place_outcome": "{s} safe · {f} deaths",
    "fig_dry": "dry in most replications",
    "fig_not_flooded": "not reached by the flood",
    "fig_nobody": "nobody started here",
    "fig_cleared": "cleared (colour = median time)",
    "fig_not_cleared": "not cleared in most replications",
    "fig_k_of_n": "(k/{n}): replications in which someone who started there was never safe",
    "fig_bottleneck": "bottleneck (peak queue)",
    "fig_queue": "queue {q}",
    "fig_cage_queue": "cage queue: median {med}, largest {q} of {n} replications",
    "fig_dam": "dam",
    "fig_bridge": "bridge",
    "fig_assembly": "assembly point",
    "fig_mine_exit": "mine exit (shaft collar, portal, raise)",
    "fig_household": "homes / school (people at start)",
    "fig_road": "road",
    "fig_footpath": "footpath",
    "fig_channel_first": "Channel that warned each person first",
    "fig_share_pr": "share of person-replications (%)",
    "fig_when_warned": "When people were warned, by starting place (as in the table {by}{more})",
    "fig_when_warned_more": ", the {k} warned latest of {n}",
    "fig_when_warned_none": "nobody the order is for but where the water breaks in, whom it cannot warn first",
    "fig_not_first_share": "  {p} not first",
    "fig_warned_median": "warned by the order, median",
    "fig_warned_range": "warned by the order, P5–P95 (arrow: P95 never)",
    "fig_water_median": "water arrives, median",
    "fig_order_median": "{order}, median",
    "fig_cage_util": "Cage utilisation",
    "fig_cage_util_x": "busy share, first call to last landing (%)",
    "fig_cage_queue_t": "Longest cage queue in a replication",
    "fig_cage_queue_x": "persons waiting, all stations",
    "fig_cage_wait": "Mean wait for the cage",
    "fig_cage_wait_x": "min (people who boarded)",
    "unit_min": "min",
    "fig_replications": "replications",
    "fig_median_of": "(median {v})",
    "fig_median_largest": "(median {v}, largest {top} of {n} replications)",
    "fig_timeline_title": "Events of the drill across replications",
    "fig_tl_left_out": ("{k} later or lesser events not drawn ({kinds});\n"
                        "the typical replication's table lists every event"),
    "fig_timeline_x": "time since scenario start (min)",
    "fig_tl_median": "median over replications",
    "fig_tl_range": "P5–P95 (arrow: later or never in some)",
    "fig_tl_some": "  in {k}/{n}",
    "fig_tl_never": "never reached in the drill ({k} of {n} replications)",
    "kind_hazard": "hazard",
    "kind_water": "water",
    "kind_trigger": "trigger",
    "kind_decision": "decision",
    "kind_absence": "absence",
    "kind_fault": "fault",
    "kind_rule": "rule",
    "kind_movement": "movement",
    "kind_order": "order",
    "kind_channel": "channel",
    "kind_action": "action",
    "kind_result": "result",
    "kind_warning": "warning",
    "kind_forecast": "forecast",
    "kind_monitoring": "monitoring",
    "result_t90": "90 % warned by the order",
    "result_t100": "everyone warned by the order",
    "result_safe": "everyone safe",
    "channel_crew": "crew mate (relay)",
    "channel_water": "none: saw the water itself",
    "channel_neighbour": "neighbour (relay)",
    "channel_word": "word of mouth (neighbours)",
    "margin_not_all": "not all safe",
    "margin_no_water": "no water reached them in the drill (≥ {v})",
    "headline_not_reached": "  (not reached {k}/{n})",
    "margin_no_water_note": ("Safety margin ≥ {v}: no water reached them within the drill, which lasts {v}: a lower "
                             "bound, not a measured margin."),
    "margin_not_all_note": ("Safety margin \"not all safe\": someone was caught or left in the water's way; the "
                            "replications in which that happened are counted under \"not reached\"."),
    "at_least": "≥ {v}",
    "hazard_inrush": "water inrush at {node}",
    "hazard_storm_water": "the storm's water rising in the mine, from {node}",
    "hazard_dam": "failure of {dam} at {t} after the start; flood arrival, depth and velocity from {source}",
    "hazard_source_estimate": "estimate ({relation})",
    "hazard_source_study": "{file}",
    "list_sep": ", ",
    "clause_sep": "; ",
    "label_sep": ": ",
    "channel_never": "never warned",
    "fig_footer": "scenario {scenario} · seed {seed} · {n} replications",
    # ---- captions
    "cap_timeline": (
        "Each row is one event of the drill: the hazard, the water reaching a place, a plan trigger met, a post "
        "found absent (absence: the chain hands over to its backup, if it has one), a decision, the evacuation "
        "order, a warning channel switched on, a plan action done, people who turned back or were sent elsewhere on "
        "their way out (movement), and (result) the times 90 % and all people were warned and all were safe. The "
        "dot is the median time over the replications in which the event happened, the bar the 5th–95th "
        "percentiles; \"in k/n\" counts the replications in which it happened when that was not all of them, and a "
        "result reached in none of them is listed last as never reached. Rows are in order of the median time. At "
        "most {max} rows are drawn, as many as the page holds at a size that can be read: results, orders, the "
        "hazard and the water reaching places where people still were come first, then triggers, decisions, "
        "absences, movements and the water at the other places people started from, earlier before later, and the "
        "figure says how many it leaves out."
    ),
    "cap_warned_safe": (
        "{share_of} warned first by the order, through its channels or a relay (solid "
        "line; seeing the water is not a warning, and someone who saw the water before any warning is not "
        "counted even if the order reached them later: the drill records each person's first warning), "
        "safe ({safe}; dashed) and whose starting place "
        "the water had reached (dash-dot), against time since the scenario start (clock time on the top "
        "axis). Lines are the median over the {n} replications and bands the 5th–95th percentiles; the "
        "vertical lines are the median times each evacuation order was given, each labelled ({orders}). Safety "
        "should rise "
        "well ahead of the water. A safe band below 100 % shows replications in which some people were never safe; "
        "the warned line stays below 100 % wherever someone was not warned first by the order, including anyone "
        "who saw the water break in at their place before any warning."
    ),
    "cap_orders_mine": "underground dashed",
    "cap_orders_valley": "downstream dotted",
    "cap_orders_both": "underground dashed, downstream dotted",
    "cap_share_all": "Share of all {people} people",
    "cap_share_there": (
        "Share of the people who went underground or were there from the start (of {people}; a later shift kept on "
        "the surface, at most {kept} in one replication, is left out here, while the scorecard counts it safe)"
    ),
    "cap_section": (
        "The mine as a vertical section (horizontal position against elevation; the two scales differ). "
        "(a) Each passage is coloured by the median time the water reached the earlier of its two ends; grey "
        "passages stayed dry in most replications; the line style gives the passage kind. (b) Each starting "
        "place is coloured by the median time the last person who started there was safe; a red cross marks "
        "a place not cleared in most replications, and (k/{n}) after a name counts the replications in which "
        "someone from there was never safe. Red rings mark the bottlenecks: the passages with the longest "
        "queue at their entrance (largest over replications) and the cage's longest queue in a replication "
        "(its median and the largest over replications, as labelled)."
    ),
    "cap_map": (
        "The valley in plan view (east and north, equal scales; the flood runs from the dam down the "
        "valley). (a) Each place and each road is coloured by the median time the flood reached it (roads: "
        "the earlier of their two ends); white places were not reached. (b) Each place where people started "
        "is coloured by the share of its people who were safe from the water, the mean over the {n} "
        "replications, as in the table {by} (safe from the water as the scorecard defines it). The label "
        "gives the place, its people, that share "
        "and the expected deaths (the lethality rule's expected "
        "fatalities, mean over the replications). Places where nobody started are white. Red rings mark the "
        "bottlenecks: the roads and paths with the longest queue of people or vehicles at their entrance "
        "(largest over replications)."
    ),
    "cap_map_bridges": "The bridge sign (two parapets, their ends flared) marks the roads that are bridges, which a "
                       "flood can take.",
    "cap_map_zoom": (
        "Dashed frames mark groups of places too close together to be read at the scale of the whole valley; each "
        "is drawn again close up under the map, from panel (c) on, coloured as (b), and its places are named there."
    ),
    "cap_no_bottlenecks": (
        "No passage had a queue of {q} or more at its entrance in any replication, so none is ringed."
    ),
    "cap_channels_base": "the {people} × {n} person-replications",
    "cap_channels_base_kept": (
        "the {total} person-replications: {people} people × {n} replications, less {kept} of a later shift kept on "
        "the surface, which never went down"
    ),
    "cap_channels": (
        "Top: the channel by which each person first received the warning, as a share of {base}; {crew}"
        "\"none: saw the water itself\" means nothing warned them before they saw the "
        "water, and \"never warned\" that neither the warning nor the water reached them: the two together "
        "are those the order did not warn first (\"not first warned by the order\" in the table {by}, "
        "which leaves out people at the hazard's source{kept}). "
        "Bottom: for each starting place, in the order of the table {by}, the median "
        "time the order (its channels and the relays passing it on) reached people there (dot; seeing the "
        "water is not a warning, and people at the hazard's source, whom no plan can warn first, are left "
        "out, as in the table {by}) with the 5th–95th percentile range (an arrow: P95 never), the "
        "share the order did not warn first (\"not first\"), the "
        "median time the water reached the place (triangle) and the "
        "median time of each order ({orders}). A dot to the right of its triangle "
        "means people there were warned "
        "after the water came."
    ),
    "cap_channels_crew": "\"crew mate\" is a warned member of the same crew passing it on at the same place, ",
    "cap_channels_kept": " and a later shift kept on the surface",
    "cap_cage": (
        "Distributions over the {n} replications of the cage's busy time as a share of its evacuation "
        "window (from the first call to the last landing), of the longest queue waiting for it (all "
        "stations together) and of the mean wait of the people who boarded; dashed lines are the medians. "
        "A long queue with a low utilisation points to "
        "late arrivals at the station or to the cage's station order rather than to its capacity."
    ),
    "cap_cages": (
        "Distributions over the {n} replications, for each of the {k} cages, of its busy time as a share of its "
        "evacuation window (from the first call to the last landing), of the longest queue waiting for it (all its "
        "stations together) and of the mean wait of the people who boarded it; dashed lines are the medians, in "
        "each cage's colour. A long queue with a low utilisation points to late arrivals at the station or to the "
        "cage's station order rather than to its capacity."
    ),
    # ---- season
    "suite": "Suite",
    "runs": "Runs",
    "season_date": "Exercise season",
    "season_intro": (
        "The plan was drilled against every scenario and variation of the suite, each {n} times. The "
        "matrix gives each run's key metrics, coloured by how bad they are; the worst cases and the "
        "revisions that help across the suite follow, then one page per run."
    ),
    "matrix": "Scenario × metric matrix",
    "matrix_intro": (
        "One row per run (scenario and variation), one column per key metric: means over replications "
        "except \"everyone warned\" (median) and \"margin P5\" (median over replications of the 5th "
        "percentile of the people's margins over the water, anyone not safe counting as none: \"not all safe\" "
        "when more than 5 % were not, so a margin can be green while a few were caught). "
        "Colours: green good, yellow fair, orange poor, red failing, "
        "by the bands in the appendix (project proposals [P], not a standard). The grade is the plan's overall "
        "grade in that run (the project's proposed scoring model [P]), without single faults: robustness (M6) is not "
        "assessed here."
    ),
    "worst_cases": "The worst cases",
    "worst_cases_intro": (
        "Runs ranked by expected fatalities, then people caught, then the share safe from the water:"
    ),
    "worst_case_line": "{run}: {detail}",
    "suite_revisions": "Revisions that help across the suite",
    "suite_revisions_intro": (
        "Findings that recur in several runs, with the kinds of revision that address them. These are "
        "suggested by the findings, not proven across the suite: “drill recommend” proves a revision for one "
        "scenario by re-simulating it on the same random numbers."
    ),
    "suite_revision_line": "[{fkey}] {title} — in {n} of {total} runs ({runs}); revisions: {kinds}",
    "suite_revision_line_all": "[{fkey}] {title} — in all {n} runs; revisions: {kinds}",
    "runs_all_of_scenario": "{scenario}: all {k}",
    "no_recurring_findings": "No finding with a revision recurs in more than one run.",
    "more_in_appendix": "… {n} more: all {total} in “{appendix}” at the end of this report.",
    "findings_appendix": "Appendix: every finding",
    "season_unsettled_intro": (
        "The grades of {k} of the {total} runs rest on life-safety checks that their number of replications cannot "
        "settle: with more replications a gate could hold or fail, or a finding change class, and the grade with it. "
        "Each run's page says which."
    ),
    "col_unsettled_checks": "life-safety checks not settled",
    "col_replications": "replications",
    "col_settle_with": "replications that would settle them",
    "season_settle_none": ("–: no estimate: at the shares seen it would take more than {most} replications (a share "
                           "at the tail the grading tolerates)"),
    "season_unsettled_run": "{run}: {k} life-safety checks not settled by {n} replications{more}",
    "season_unsettled_more": "; {m} replications would settle them",
    "season_unsettled_run_one": "{run}: 1 life-safety check not settled by {n} replications{more}",
    "season_unsettled_more_one": "; {m} replications would settle it",
    "season_settle_how_n": (
        "To settle them, run the season again with more replications (-n {n}: the most the estimates ask for), or "
        "one scenario alone with drill run --until-settled {n}: it runs on in steps and stops as soon as its checks "
        "are settled."
    ),
    "season_settle_how": (
        "To settle them, run the season again with more replications (-n N), or one scenario alone with drill run "
        "--until-settled N: it runs on in steps and stops as soon as its checks are settled."
    ),
    "findings_appendix_intro": (
        "Every finding of the season, as season.json holds them: first those that recur in several runs, with the "
        "kinds of revision that address them, then each run's own, most serious first. The summary and the run "
        "pages show the first of each list."
    ),
    "recurring_all": "Findings that recur across the suite ({n})",
    "appendix_run_findings": "Run {k}: {run} ({n} findings)",
    "run_page": "Run {k}: {run}",
    "run_findings": "Findings in this run ({n}, most serious first)",
    "scenario_as_written": "Scenario as written",
    "grade_by_gate": "deficiencies (不足项) in {gates}: {n}",
    "grade_by_gate_short": "deficiency (不足项) {gates}",
    "grade_by_score": "score {score}",
    "grade_untried": "{reason}; untried: the water reached no one",
    "grade_untried_short": "{reason}, untried (no water)",
    "matrix_grade_note": (
        "Under each grade, what decided it: \"deficiency (不足项)\" names the metrics with a deficiency (M2 reach "
        "and M3 safety are gates; a deficiency can also come from a plan check, M8), which caps the grade at 差 "
        "(poor); otherwise the weighted score, graded 差 below {fair}, "
        "一般 (fair) from {fair}, 良好 (good) from {good}, 优秀 (excellent) from {excellent} with at most {most} "
        "must-correct items (the project's proposed scoring model [P], not a standard)."
    ),
    "chg_time_of_day": "time of day",
    "chg_shift": "shift underground",
    "chg_start_time": "start",
    "chg_rain": "rain",
    "chg_storm": "design storm",
    "chg_entries": "shifts going underground",
    "chg_fault": "fault",
    "idle_faults": "Faults that tested nothing",
    "idle_fault": "{run}: fault {fault} ({when}) started after the evacuation was over in {k} of {n} "
                  "replications: it tested nothing",
    "fault_effect": "{run}: against {twin}, the same drill without fault {fault}, on the same random numbers (means "
                    "over {n} replications): {warned} people a replication were warned otherwise (at another time, "
                    "by another channel or not at all), {departed} left at another time, {ended} ended otherwise "
                    "(another outcome or place, or at another time)",
    "fault_effect_paired": "; people not safe before the water {unsafe}, warned after the water or never {late} "
                           "(with the fault − without, 95 % CI)",
    "variation_effect": "{run}: against {base}, the scenario as written, on the same random numbers ({changes}; "
                        "means over {n} replications): {warned} people a replication were warned otherwise (at "
                        "another time, by another channel or not at all), {departed} left at another time, {ended} "
                        "ended otherwise (another outcome or place, or at another time)",
    "variation_effect_counts": "{run}: against {base}, the scenario as written, on the same seed ({changes}; {n} "
                               "replications; other people are present, so the runs are compared by counts only)",
    "variation_effect_paired": "; people not safe before the water {unsafe}, warned after the water or never {late} "
                               "(this run − as written, 95 % CI)",
    "same_fates": ". The same {total} people a replication were in the water's way in both runs, each at the same "
                  "fatality rate ({parts}); whoever the change moved was out of the water's way in both, so caught "
                  "and fatalities read the same",
    "same_fates_water": "{k} warned by no channel before the water came",
    "same_fates_stayed": "{k} warned before it but never setting out",
    "same_fates_rest": "{k} setting out and meeting the water",
    "idle_fault_same": "{run}: fault {fault} ({when}) changed nothing: in all {n} replications everyone was warned, "
                       "left and ended exactly as in {twin}, the same drill without it: it tested nothing",
    "run_no_findings": "No findings in this run.",
    "col_run": "run",
    "col_variation": "variation",
    "col_scenario_file": "scenario file",
    "col_grade": "grade",
    "m_all_warned": "everyone warned",
    "m_never_warned": "never warned",
    "m_warned_before": "warned before water",
    "m_safe_before": "safe from the water",
    "m_caught": "caught",
    "m_fatal": "expected fatalities",
    "m_margin": "margin P5",
    "bands": "Colour bands of the matrix [P]",
    "bands_intro": (
        "Project proposals, after the gates of the project's proposed scoring model (in which everyone "
        "warned and safe before the water is a gate; margin bands A ≥ 15 min, B ≥ 5 min, C ≥ 0):"
    ),
    "band_rows": (
        "warned before / safe from the water: green 100 %, yellow ≥ 99 %, orange ≥ 95 %, red below;\n"
        "never warned (people per replication whom nothing warned), caught, expected fatalities: green 0, "
        "orange < 1, red ≥ 1;\n"
        "margin P5: green ≥ 15 min, yellow ≥ 5 min, orange ≥ 0, red < 0 or never safe;\n"
        "everyone warned: green when reached in every replication, red when not."
    ),
    "variation_as_written": "as written",
    "suite_definition": "The suite as run",
    "fig_matrix_title": "Flood-season suite: key metrics by run",
    "cap_matrix": (
        "The matrix of the previous page as a picture: each cell coloured by the bands of the appendix."
    ),
    # ---- animation
    "anim_not_warned": "not warned",
    "anim_warned": "warned",
    "anim_moving": "moving",
    "anim_safe": "safe",
    "anim_caught": "caught",
    "anim_sheltered": "sheltered / stayed",
    "anim_flooded": "flooded",
    "anim_seed": "seed {seed} · replication {r}",
    "anim_caption": (
        "Positions are reconstructed from each person's record (at the start until they left, then moved "
        "at an even pace along the shortest passage path to where they ended), not recorded by the drill."
    ),
    # ---- the terminal: what drill run, season and recommend print (their --lang)
    "cli_workers_one": "1 worker",
    "cli_workers": "{n} workers",
    "cli_workers_over": "{workers}, more than this machine's {cores} cores: no faster than {cores}, and each holds "
                        "a copy of the drill in memory",
    "cli_cluster": "Dask cluster at {address} ({workers})",
    "cli_run_head": "plan {plan} v{version} · site {site} · {n} people",
    "cli_seed_line": "seed {seed} · {n} replications · {where}",
    "cli_single_faults": "single faults: {n} replications each",
    "cli_scorecard": "Scorecard — {n} replications, seed {seed}",
    "cli_zones": "{zones} (means over replications; everyone warned: the median)",
    "cli_zones_mine": "By level",
    "cli_zones_valley": "By place",
    "cli_zones_both": "By level and place",
    "cli_col_deaths": "expected deaths",
    "cli_zones_note": (
        "  warned before the water reached them: of the people the water reached there, in the replications in "
        "which it reached someone (– never); not first warned by the order: nothing warned them, or they saw the "
        "water before the order reached them (people at the hazard's source left out)"
    ),
    "cli_grade": "grade: {grade} · {d} (不足项), {m} must-correct (整改项), {i} (改进项)",
    "untested_grade": ("The water reached no one in any replication: this grade says nothing of the evacuation "
                       "ahead of it (M2 and M3 pass without having been tried)."),
    "cli_more_findings": "  … and {n} more in report.pdf",
    "cli_m6_not_assessed": (
        "  robustness to single faults (M6) not assessed: add --fault-replications 10, or run drill recommend"
    ),
    "cli_not_settled": "  not settled: {note}",
    "cli_settle_hint": "  drill run --until-settled N runs on, up to N replications in all, until these are settled",
    "cli_settle_hint_n": "; the estimates above ask for {span} replications in all: drill run --until-settled {n} "
                         "(it stops sooner once they are settled)",
    "settle_span": "about {low} to {high}",
    "settle_span_one": "about {low}",
    "settle_span_open": "at least about {low} (about {n} at the shares seen, more the nearer a share is to the tail)",
    "settle_span_open_same": "at least about {low} (more the nearer a share is to the tail)",
    "cli_settling": "not settled after {n} replications (unsettled life-safety checks: {k}): running on to {to} "
                    "(ceiling {ceiling})",
    "cli_settled_settled": "settled after {n} replications (seed {seed}: the same as -n {m})",
    "cli_settled_ceiling": "still not settled at the ceiling of {n} replications (unsettled life-safety checks: {k}; "
                           "seed {seed}: the same as -n {m})",
    "cli_settled_too_close": "stopped after {n} replications: the life-safety checks left ({k}) are too close to the "
                             "tolerated tail to tell (seed {seed}: the same as -n {m})",
    "cli_wrote_run": "wrote {n} files to {out}/ (report.pdf, scorecard.json, outcomes.csv, figures/{extra})",
    "cli_season_line": "seed {seeds} · {reps} replications · {runs} runs · {where}",
    "cli_season_line_seeds": "seeds {seeds} · {reps} replications · {runs} runs · {where}",
    "cli_season": "Season {id}: never warned, warned before the water, safe from it, caught, expected fatalities "
                  "(means), margin P5 (median)",
    "cli_col_run": "run",
    "cli_col_unwarned": "unwarned",
    "cli_col_warned": "warned",
    "cli_col_safe": "safe",
    "cli_col_caught": "caught",
    "cli_col_season_deaths": "deaths",
    "cli_col_margin": "margin",
    "cli_col_decided": "grade (decided by)",
    "cli_season_grade": "unwarned: people a replication whom nothing warned, not even the water (mean). grade: the "
                        "run's overall grade without single faults (robustness, M6, not assessed). ",
    "cli_wrote_season": "wrote {n} files to {out}/ (report.pdf, season.json, figures/)",
    "cli_season_unsettled": "not settled: the grades of {k} of the {total} runs rest on life-safety checks their "
                            "replications cannot settle (each run's page in report.pdf says which):",
    "cli_rec_head": "plan {plan} v{version} · seed {seed} · {n} replications per plan · budget {budget:g} · {where}",
    "cli_evaluating": "evaluating the plan",
    "cli_writing": "writing the report",
    "cli_grades": "Grades (tail over replications; [P] bands are the project's own)",
    "cli_before": "before",
    "cli_after": "after",
    "cli_gate_ok": " gate ok",
    "cli_gate_fail": " gate FAIL",
    "cli_overall": "overall",
    "cli_overall_cell": "{label} S={score:.1f} (deficiencies (不足项): {d})",
    "cli_overall_both": "overall without {metrics}",
    "out_of_reach_dam": (
        "No revision of the warning can reach {place} before the water (median {lead} after {after}): only a trigger "
        "before the breach (seepage, displacement or pond level from the online monitoring) or moving the people out "
        "of {place} protects them."
    ),
    "out_of_reach": (
        "No revision of the warning can reach {place} before the water (median {lead} after {after}): only a trigger "
        "met sooner, or nobody staying at {place}, protects them."
    ),
    "no_way": (
        "In the revised plan the people at {place} set out a median {dep} after the start of the scenario, and no "
        "way on foot from there reaches {dest} at least {safety} ahead of the water: no new route can help them, "
        "only setting out sooner."
    ),
    "no_way_miner": "the surface or a refuge",
    "no_way_resident": "an assembly point",
    "after_breach": "the breach",
    "after_first_trigger": "the first trigger is met",
    "graded_for_one": (
        "{metric} is graded for {graded} only ({other}: –, {why}): the overall row counts its findings for {graded} "
        "alone, so the two do not compare like with like; the row \"overall without …\" leaves {metric} out for both"
    ),
    "why_not_assessed": "not assessed",
    "why_not_assessable": "not assessable: it fails M2 and M3 without any fault",
    "why_not_applicable": "does not apply",
    "cli_grades_note": (
        "† not settled: the share of replications that failed this gate cannot yet be told from the 5 % tail the "
        "grading tolerates at this number of replications (a gate that never fails needs 59); `drill run` says how "
        "many would settle it"
    ),
    "cli_top_findings": "Top findings ({total} in all)",
    "cli_revisions": "Revisions, ranked (paired differences, 95 % CI)",
    "cli_col_cost": "cost",
    "cli_col_verdict": "verdict",
    "cli_col_verdict_objective": "verdict (objective)",
    "cli_col_unsafe": "Δ not safe",
    "cli_col_late": "Δ warned late",
    "cli_col_objective": "Δ objective",
    "cli_under": " [under {fault}]",
    "cli_more_revisions": "… {n} more in recommendations.md",
    "cli_on_paper": "{label} {title} · cost {cost:g} · on paper: a correction the rules require, made whatever "
                    "the budget, not chosen for a simulated gain",
    "cli_wrote_rec": "{summary}; wrote {names} to {out}/",
    "cli_cmp_running": "running both plans",
    "cli_cmp_seed_line": "seed {seed} · {n} paired replications · {where}",
    "cli_cmp_diffs": "Same random numbers: B − A (mean, 95 % CI; times h:mm:ss, shares in percentage points)",
    "cli_wrote_cmp": "wrote {names} to {out}/",
    # ---- the status line while recommend and compare run (told by the experiment as a Progress)
    "progress_baseline": "baseline: {n} replications",
    "progress_faults": "single faults: up to {faults} × {n} replications",
    "progress_trying": "trying {candidate}",
    "progress_search": "searching for the best set within the budget",
    "progress_revised": "grading the revised plan",
    "verdict_better": "better",
    "verdict_worse": "worse",
    "verdict_negligible": "negligible",
    "verdict_no_significant_change": "no significant change",
    "verdict_no_change": "no change",
    "verdict_invalid": "invalid",
    # ---- what the revised plan holds (Recommendation.summary)
    "rec_spent": "spent {spent:g} of {budget:g}",
    "rec_spent_over": "spent {spent:g}, over the budget of {budget:g}: the corrections the rules require are made "
                      "whatever the budget",
    "rec_none": "No revision in the revised plan (none improved the plan within the budget); {spent}",
    # ---- the comment at the head of the revised plan (drills.experiment.recommendation)
    "hdr_revised": ("# Revised by `drill recommend` (drill {version}) from {plan}: scenario {scenario}, seed {seed}, "
                    "{n} replications."),
    "hdr_evidence": ("# Each revision below not marked \"on paper\" was re-simulated on the same random numbers as "
                     "the plan\n# it revises; the evidence (paired differences with 95 % confidence intervals) is in "
                     "recommendations.md."),
    "hdr_budget": "# Budget {budget:g} cost units [project's own costs], spent {spent:g}",
    "hdr_over": ", over it: the corrections the rules require are made whatever the budget.",
    "hdr_end": ".",
    "hdr_paper": ", on paper: a requirement, not chosen for a simulated gain",
    "hdr_item": "#   {label} {revision} (cost {cost:g}{how}): {title}",
    "hdr_unchanged": "#   (no revision improved the plan within the budget: the plan below is unchanged)",
    "rec_proved": "{labels} proved by re-simulation",
    "rec_under": "{label} (under {fault})",
    "rec_none_proved": "none proved by re-simulation within the budget",
    "rec_on_paper": "{labels} on paper (a correction the rules require, not chosen for a simulated gain)",
    "rec_one": "1 revision in the revised plan: {parts}; {spent}",
    "rec_many": "{n} revisions in the revised plan: {parts}; {spent}",
    "rec_part_sep": "; ",
    # ---- recommendations.md (drill recommend; drills.experiment.revision_report)
    "md_title": "# Plan revision: {plan} v{version}",
    "md_head": "Scenario **{title}** ({id}) · site {site} · seed {seed} · {n} replications per plan · single faults "
               "{faults} replications each · drill {version}.",
    "md_method": (
        "Every revision below was re-simulated with the baseline's seed: replication *r* of both plans meets the "
        "same people, water and channel luck, so each effect is a paired difference with a Student-t 95 % "
        "confidence interval. Grades use the worst 5 % of replications. Thresholds marked [P] are the project's "
        "own (no standard gives them); costs are the project's own cost units."
    ),
    "md_grade": "## Grade",
    "md_findings": "## Findings of the plan as it is",
    "md_col_metric": "metric",
    "md_before": "before",
    "md_after": "after",
    "md_gate_ok": " gate ✓",
    "md_gate_fail": " gate ✗",
    "md_overall": "| **overall** |",
    "rev_overall": "overall",
    "rev_overall_cell": "{label} S = {score:.1f}; deficiencies (不足项) {d}, must-correct (整改项) {m}",
    "rev_grades": "Grades of the plan as it is and as revised",
    "rev_trials": "Every revision tried",
    "rev_trials_intro": ("Each revision drill recommend re-simulated, in the order tried, against the plan as it was "
                         "then: its verdict on the search objective and the paired differences (revised − before, "
                         "95 % CI) in people not safe, people warned late and the objective itself; the other "
                         "metrics are in recommendations.md."),
    "rev_trial_under": " (under {fault})",
    "col_cost": "cost",
    "col_verdict": "verdict",
    "col_d_unsafe": "Δ not safe",
    "col_d_late": "Δ warned late",
    "col_d_objective": "Δ objective",
    "col_chosen": "chosen",
    "md_overall_both": "| **overall without {metrics}** |",
    "md_overall_cell": " **{label}** S = {score:.1f}; deficiencies (不足项) {d}, must-correct (整改项) {m} |",
    "md_finding": "{k}. **{cls}** · {metric} — {title}",
    "md_evidence": "   - Evidence: {text}",
    "md_requirement": "   - Requirement: {text}",
    "md_clause": "   - Plan clause: `{text}`",
    "md_addressed": "   - Addressed by: {text}",
    "md_outside": "— (outside the plan: site works or data to record)",
    "md_bn": "## Bottlenecks",
    "md_bn_late": "Who is warned late or never, and why (person-replications over {n} replications; causes in the "
                  "order they are tested). Late counts the people the water reached before the order did; never "
                  "warned by the order counts everyone there whom the order did not warn first (nothing warned them, "
                  "or they saw the water first), whether the water reached them or not, so it can exceed late:",
    "md_bn_late_cols": "| place | zone | people | late | in replications | never warned by the order (water or not) | "
                       "causes | channels reaching it |",
    "md_none": "none",
    "md_bn_roles": "Whose decision takes the time between the first trigger and the order:",
    "md_bn_roles_cols": "| role | step | order | median | P95 | replications | absent in |",
    "md_bn_unsafe": "Who was not safe when the water came, and where it found them:",
    "md_bn_unsafe_cols": "| place | zone | route | person-replications | replications | where | why |",
    "md_bn_queues": "Where people queue (P95 over replications):",
    "md_bn_queues_cols": "| where | kind | P95 queue | note |",
    "md_cage": "cage",
    "md_cage_note": "mean wait {wait} (median over replications), busy {busy:.0%} (P95)",
    "md_queue_note": "queue in {n} replications",
    "md_people": "{n:.0f} people",
    "md_capacity": "capacity {n}",
    "md_ranked": "## Revisions, ranked (budget {budget:g}, spent {spent:g})",
    "md_ranked_cols": "| # | revision | cost | under fault | verdict (objective) | Δ people not safe | Δ warned late "
                      "| Δ objective | in the revised plan |",
    "md_invalid": "invalid: {error}",
    "md_verdicts": (
        "The verdict is read on the search objective (Δ objective): a revision can change the people not safe or "
        "warned late significantly and still be of *no significant change*, or *worse*, when the objective's other "
        "terms move the other way (its weights are under “Thresholds and their sources”). "
        "A verdict of *no change* means every paired replication came out identical: the revision does nothing in "
        "this scenario. *No significant change* means the 95 % CI includes zero; *negligible* means significant but "
        "smaller than a hundredth of a person (or a minute of warning) per replication and cost unit [P]. Revisions "
        "tried only on top of earlier choices (found on the revised plan's own bottlenecks) are compared with that "
        "revised plan."
    ),
    "md_chosen": "## The chosen set",
    "md_chosen_none": "No revision improved the plan significantly within the budget; the revised plan is unchanged.",
    "md_chosen_one": "- **R{k}** {title} (cost {cost:g}{proved}); {basis}: objective {ci}. Answers: {answers}.",
    "md_answers_finding": "finding {k}",
    "md_answers_findings": "findings {ks}",
    "md_answers_revised": "finding {k} of the revised plan",
    "md_proved_under": ", proved under {fault}",
    "md_static_one": "- **R{k}** {title} (cost {cost:g}; a correction on paper that the rules require, made "
                     "whatever the budget, not chosen for a simulated gain). "
                     "Answers: {answers}.",
    "md_list_sep": ", ",
    "md_steps": ("What each chosen revision adds to those chosen before it, in the order chosen: R1 against the plan "
                 "as it is, R2 against the plan with R1, and so on (the trial that chose it, on the same random "
                 "numbers), then all of them together; each row with the metric it improves most:"),
    "md_steps_cols": "| revision | metric | before | after | difference, 95 % CI |",
    "md_combined": "All chosen revisions together against the plan as it is (no fault):",
    "md_combined_under": "The same under the single fault {fault}:",
    "md_diff_cols": "| metric | {a} | {b} | difference, 95 % CI | verdict |",
    "capped_note": "To difference two plans replication by replication, a time never reached counts as the drill's "
                   "length ({duration}) and a smallest margin with someone not safe as minus it: \"never\" or \"not "
                   "all safe\" where every replication was so, ‡ on a mean where some were.",
    "caught_note": "People caught by the water rose while the expected fatalities did not: the count takes in the "
                   "people the water found on their way or downstairs at home, but not those sheltering upstairs nor "
                   "those still at home in water too shallow to catch them, so people moved between these can raise "
                   "it without more deaths. The expected fatalities weigh everyone the water found by where it found "
                   "them (the lethality rule): read the two together.",
    "md_baseline": "baseline",
    "md_revised": "revised",
    "md_revised_plan": "## Revised plan",
    "md_revised_intro": "`{name}` (validated with the same loader as `drill validate`); the changes against the "
                        "original are in `{diff}`. Its findings:",
    "md_thresholds": "## Thresholds and their sources",
    "md_min": "min",
    "md_band_sep": ", ",
    "md_m1": "- M1 order latency (P95): {bands}",
    "md_m2": "- M2 gate: everyone at risk warned by the order before the water, in ≥ 95 % of replications (2023 "
             "Opinions); grade on the last warning after the order (P95): {bands}",
    "md_m3": "- M3 gate: nobody caught or left in the water, in ≥ 95 % of replications (AQ 2033-2011 4.2, 4.6); grade "
             "on the smallest margin (P5): {bands}",
    "md_m4": "- M4 county report within the plan's deadline and 1 h (条例 第九条); trigger reports within {limit:g} "
             "min [P]",
    "md_m5": "- M5 steps on time (P5): {bands}",
    "md_m6": "- M6 gate: no single fault makes M2/M3 fail or significantly worsens them (AQ/T 2052-2016 5.4.3; AQ/T "
             "9009 4.6); grade on the rise of the last warning: {bands}",
    "md_overall_rule": (
        "- Overall S = 25 % M2 + 25 % M3 + 15 % M1 + 10 % M4 + 15 % M5 + 10 % M6 (A 100, B 85, C 70, D 40), over "
        "the metrics that apply; 优秀 ≥ 90 with no deficiency (不足项) and ≤ 2 must-correct "
        "(整改项), 良好 ≥ 80, 一般 ≥ 65, else 差; any deficiency (不足项) caps the grade at 差 [P]"
    ),
    "md_objective": "- Objective of the revision search [P]: {weights}",
    "md_weight": "{term} × {w:g}",
    "md_weight_min": "{term} × {w:g}",
    # ---- comparison.md (drill compare)
    "md_cmp_title": "# Plan comparison: {a} vs {b}",
    "md_cmp_plan": "{k}: {name}",
    "md_cmp_head": "Scenario **{title}** · seed {seed} · {n} paired replications (common random numbers) · "
                   "drill {version}.",
    "md_cmp_grades": "## Grades",
    "md_cmp_diffs": "## Paired differences (B − A)",
    "md_cmp_findings": "## Findings of {k}",
}

ZH: dict[str, str] = {
    "report_title": "演练评估报告",
    "report_kind": "汛期应急演练（模拟）— 应急预案评估",
    "season_title": "年度汛期演练 — 综合评估报告",
    "page_of": "第 {k} 页 共 {n} 页",
    "days_after_start": "+{days} 天",
    "footer": "{scenario} · 随机种子 {seed} · {n} 次重复 · drill {version}",
    "season_footer": "演练组 {suite} · 随机种子 {seed} · {runs} 个演练情景 · drill {version}",
    "contents": "目录",
    "site": "场所",
    "plan": "应急预案",
    "plan_value": "{id}，版本 {version}",
    "unit": "编制单位",
    "scenario": "演练情景",
    "scenario_start": "情景开始时间",
    "time_of_day": "昼夜、天气",
    "drill_length": "演练时长",
    "drill_length_value": "模拟 {h} 小时 {m:02d} 分",
    "people": "人员",
    "people_value": "{n}（{groups}）",
    "miners": "井下 {n} 人",
    "miners_later": "开始时井下 {n} 人，后续班次 {later} 人（平均其中 {kept} 人被留在地面）",
    "residents": "居民 {n} 人",
    "replications": "重复次数",
    "replications_settled": "{n}（先运行 {asked} 次，其后继续运行直至评级可判定；各次查看时的重复次数 {steps}，上限 "
                            "{ceiling}）",
    "replications_ceiling": "{n}（先运行 {asked} 次，其后继续运行至上限；各次查看时的重复次数 {steps}；仍有 {k} "
                            "项生命安全检查未能判定）",
    "replications_too_close": "{n}（先运行 {asked} 次，其后继续运行；各次查看时的重复次数 {steps}，上限 {ceiling}；"
                              "余下 {k} 项生命安全检查过于接近允许的尾部，实际上无法判定）",
    "seed": "随机种子",
    "tool": "工具",
    "input_files": "输入文件",
    "input_warnings": "合理性警告",
    "input_warnings_value": "{n} 项：疑似录入错误的数值，详见“输入数值的合理性”",
    "input_warnings_heading": "输入数值的合理性",
    "input_warnings_intro": (
        "以下数值通过了格式校验，但超出其合理范围（附范围及出处），可能是录入错误。"
        "本次演练按所填数值运行；使用本报告前请逐项核对。"
    ),
    "grade": "评估结论",
    "grade_none": "–（未评级：评级规则随评分步骤提供）",
    "grade_line": "评估结论：{grade}",
    "day": "白天",
    "night": "夜间",
    "rain_none": "无雨",
    "rain_moderate": "中雨",
    "rain_heavy": "大雨",
    "flood_estimate": (
        "{dam} 溃坝洪水采用本工具内置的筛查估算（{source}）：未提供该坝的溃坝洪水分析（水力计算）成果，评估等级以此"
        "估算为依据。可在演练情景中提供该坝的分析成果（hazard.dam_break.study：CSV 文件，列为 place、arrival_min、"
        "peak_depth_m、peak_velocity_mps），按其评估预案。"
    ),
    "cover_note": (
        "本报告对上述应急预案进行评估：在不同条件下将演练模拟 {n} 次（AQ/T 9009-2015：演练以发现预案问题"
        "为主要目的）。报告中的每个数字都可追溯到场所、预案或演练情景文件中的参数，或有出处的默认值（见"
        "“假设、参数及来源”）。相同的随机种子得到相同的报告。"
    ),
    "summary": "评估摘要",
    "summary_intro": "一页概览。除另有说明外，数字为 {n} 次重复的平均值；完整的评估指标表和{by}见后文。",
    "key_results": "主要结果",
    "confidence": "本次重复次数尚不足以判定的项",
    "settle_how_n": ("如需判定，请在同一命令后加 --until-settled {n} 重新运行：按上述估计，"
                     "所需重复总数为{span}；程序分步继续运行，一旦可判定即停止。"),
    "settle_how": "如需判定，请在同一命令后加 --until-settled N（N：重复次数总数的上限）重新运行：程序分步继续运行，"
                  "一旦可判定即停止。",
    "recommend_settle_how_n": ("如需判定，请以 -n {n} 重新运行 drill recommend：按上述估计，所需重复总数为{span}，"
                               "所试的每个预案都将运行同样次数；也可先用 drill run --until-settled {n} "
                               "单独判定现行预案：程序分步继续运行，一旦可判定即停止。"),
    "recommend_settle_how": ("如需判定，请以更多重复次数（-n N）重新运行 drill recommend，所试的每个预案都将运行 "
                             "N 次；也可先用 drill run --until-settled N 单独判定现行预案：程序分步继续运行，"
                             "一旦可判定即停止。"),
    "settle_how_ceiling_n": "本次运行已继续至上限 {ceiling} 次重复（--until-settled {ceiling}）；按上述估计，所需"
                            "重复总数为{span}。",
    "settle_how_ceiling": "本次运行已继续至上限 {ceiling} 次重复（--until-settled {ceiling}）。",
    "settle_how_too_close": "本次运行在 {n} 次重复后停止（--until-settled {ceiling}）：余下各项过于接近允许的尾部，"
                            "增加重复次数实际上无法判定。",
    "worst_places": "预案最薄弱之处",
    "worst_places_intro_mine": "未被水困人员比例最低的水平：",
    "worst_places_intro_valley": "未被水困人员比例最低的地点：",
    "worst_places_intro_both": "未被水困人员比例最低的水平或地点：",
    "worst_place_line": (
        "{zone}（{people} 人）：{warned}未被水困 {safe}；撤离命令到达该处全部"
        "人员的时间 {t100}（中位数）{never}{fat}。"
    ),
    "warned_part": "水到达的人员中先收到撤离命令的 {warned}；",
    "warned_part_none": "水未到达该处任何人；",
    "never_part": "；{share} 未先收到撤离命令",
    "fat_part": "，预期死亡 {f:.1f} 人",
    "fat_upstairs_part": "，其中楼上避险人员 {f:.1f} 人{lost}",
    "upstairs_lost_part": "：{n} 次重复中有 {k} 次该处水流急而深，楼上也无法避险，因为水深 × 流速达到 7 m²/s 且流速"
                          "达到 2 m/s 时房屋倒塌（致死率规则）；只有在洪水到达前撤离才能保护他们",
    "worst_findings": "最严重的三项评估发现",
    "best_revisions": "最有效的三项预案修订",
    "no_findings_yet": (
        "暂无：评估发现（不足项／整改项／改进项）由评分步骤根据评估指标生成，本版本尚未提供该步骤。"
        "其所依据的证据见本报告。"
    ),
    "prop_head": "整改建议（尚未验证，“drill recommend” 逐项重新模拟检验）：",
    "prop_head_some": "整改建议：",
    "prop_change": "{change}（{clauses}）",
    "prop_clause_sep": "；",
    "prop_item": "• {change}",
    "prop_unproven": "〔建议，尚未验证〕",
    "summary_change": "整改建议：{change}",
    "prop_same_as": "整改建议：同第 {k} 项",
    "prop_decide_same_as": "需由预案编制人决定：同第 {k} 项",
    "summary_decide_same_as": "需由预案编制人决定：同第 {k} 项",
    "prop_see_also_one": "另见第 {ks} 项（同一地点的人员）。",
    "prop_see_also": "另见第 {ks} 项（同一地点的人员）。",
    "summary_decide": "需由预案编制人决定：{decision}〔未提出预案修改〕",
    "prop_proved": "〔已重新模拟验证：{label}〕",
    "prop_on_paper": "〔按规定书面修订：{label}〕",
    "prop_tried": "〔已重新模拟，未选用：见 recommendations.md〕",
    "prop_tried_here": "〔已重新模拟，未选用：见下文“预案修订，按效果排序”〕",
    "prop_more_here": "• 另有 {n} 项备选修改，均已重新模拟：见下文“预案修订，按效果排序”",
    "prop_more_one_here": "• 另有 1 项备选修改，已重新模拟：见下文“预案修订，按效果排序”",
    "prop_more_tried": "• 另有 {n} 项备选修改，均已重新模拟：见 recommendations.md",
    "prop_more_one_tried": "• 另有 1 项备选修改，已重新模拟：见 recommendations.md",
    "prop_more": "• 另有 {n} 项备选修改，“drill recommend” 一并检验",
    "prop_more_one": "• 另有 1 项备选修改，“drill recommend” 一并检验",
    "prop_decide": "需由预案编制人决定（本模拟不提出预案修改）：",
    "prop_decide_gate": "预案整体未满足该门槛；各地点评估发现下的整改建议即针对此项",
    "prop_decide_gate_at": "预案整体未满足该门槛；各地点评估发现（第 {findings} 项）下的整改建议即针对此项",
    "prop_decide_refuge_water": ("避险硐室如何选址或密闭以避开水淹，或其人员改为升井、转往其他避险硐室；"
                                 "本模拟不提出硐室选址"),
    "prop_decide_exits": ("预案指定哪一个与现有出口相距足够远的第二安全出口（plan.evacuation.exits）；"
                          "本模拟不提出新建井筒或平硐"),
    "prop_decide_refuge_reach": "在自救器有效时间内可到达的避险硐室，或更短的撤离路线：矿井现有避险硐室均不可及",
    "prop_decide_approved": "预案经批准后在其中写明批准日期（plan.approved_on）",
    "prop_decide_evaluation": "重新评估预案并写明新的日期（plan.approved_on）",
    "prop_decide_not_recorded": "在预案中写明演练周期和通讯录最近核对日期",
    "prop_decide_pond": "将尾矿库在线监测的各红色阈值设为不低于设计值的要求（plan.warning.monitoring）",
    "prop_decide_monitoring": "补充尾矿库在线监测项目及其预警阈值（plan.warning.monitoring）",
    "prop_decide_teams": "明确负责通知和救援的队伍（plan.teams）",
    "prop_decide_no_way": ("如何让该处人员更早出发（更早下达撤离命令，或更快响应）：按该处人员实际出发的时间，"
                           "没有任何步行路线能比水提前 {safety} 以上，新的撤离路线无济于事；只有更早出发才有用"),
    "prop_decide_route_kept": ("如何让该处人员更早出发（更早下达撤离命令，或更快响应）：按该处人员通常的出发时间"
                               "（各次重复的中位数），预案中该处的撤离路线已是比水提前 {safety} 以上的最快步行路线，"
                               "故不提出新的路线；途中折返的人员出发得更晚，或遇水更早"),
    "prop_decide_source": ("如何让突水点处的人员在突水前撤出：该处任何撤离命令和撤离路线都来不及，只有依据事故征兆"
                           "（出现新的出水点、涌水量突然增大）立即撤人才有用，即规定的事故征兆紧急撤人"),
    "prop_decide_scripted": ("是否另以不含 order 的情景演练，以检验预案自身的触发条件：本次演练的撤离命令由情景"
                             "直接下达，而非由预案的触发条件下达，因此对触发条件或下令岗位的修订在本次演练中不起作用，"
                             "其他可针对此项的修订在现行预案中亦无可修改之处"),
    "prop_decide_other": "如何整改：本模拟可作的预案修订均不适用",
    "prop_decide_none": "如何整改：可针对此项的修订（{kinds}）在现行预案中无可修改之处",
    "no_revisions_yet": (
        "本次未测试预案修订：各项发现下的整改建议尚未经验证。“drill recommend” 以相同随机数重新模拟演练来测试候选修订，"
        "其报告列出经验证有效的修订。"
    ),
    "no_revisions_chosen": "无：在预算内没有修订能显著改进预案。",
    "rev_alone": "单独采用，与原预案比较",
    "rev_on_top": "在 {prev} 之上",
    "rev_together": "{first}–{last} 合计",
    "rev_together_basis": "与原预案比较",
    "rev_under": "在单一故障 {fault} 下",
    "rev_sep": "；",
    "rev_title": "{title}（{basis}）",
    "rev_static": "书面修订：按规定要求采用，并非因模拟效果而选",
    "rev_not_significant": "（无显著变化）",
    "rev_basis_note": (
        "所选修订按选定顺序逐项列出，每项为其在先前所选修订之上带来的变化：R1 与原预案比较（“单独采用”），R2 与含 "
        "R1 的预案比较（“在 R1 之上”），依此类推；每行即选中该修订的那次试验，各行由原预案逐步到修订后的预案。"
        "“合计”指含全部所选修订的预案与原预案比较。修订前后数值为同一组 {n} 次配对重复（随机种子 {seed}）中该行改进"
        "最大的指标（显著改进者中相对变化最大者）的每次重复平均值；变化为配对差值的平均值及其 95 % 置信区间。在单一"
        "故障下验证的修订在该故障下比较。各修订单独与原预案比较的结果见所试的全部修订一表。"
    ),
    "headline_warned": "水到达前收到撤离命令",
    "headline_safe": "未被水困",
    "safe_def_both": (
        "未被水困指既未被水困住，也未留在水的去路上：初始位置被水到达的人员，只有演练结束时在安全地点（地面、避险"
        "硐室、集合点），而不是仍在井下或仍在被水淹到的住房内（无论楼上楼下），才计为未被水困；初始位置水始终未到达的"
        "人员计为未被水困。"
    ),
    "safe_def_mine": (
        "未被水困指既未被水困住，也未留在水的去路上：初始位置被水到达的人员，只有演练结束时已升井或在避险硐室内，"
        "而不是仍在井下其他地方，才计为未被水困；初始位置水始终未到达的人员计为未被水困。"
    ),
    "safe_def_valley": (
        "未被水困指既未被水困住，也未留在水的去路上：初始位置被水到达的人员，只有演练结束时在集合点，而不是仍在被水"
        "淹到的住房内（无论楼上楼下），才计为未被水困；初始位置水始终未到达的人员计为未被水困。"
    ),
    "headline_all_warned": "全部人员收到撤离命令（中位数）",
    "headline_all_safe": "全部人员到达安全地点（中位数）",
    "headline_caught": "被水困住（平均）",
    "headline_fatal": "预期死亡人数（平均）",
    "headline_fatal_where": "其中按被水困住时所处位置",
    "headline_margin": "安全裕度第 5 百分位（中位数）",
    "headline_order": "撤离命令下达（中位数）",
    "headline_order_underground": "井下撤离命令下达（中位数）",
    "headline_order_downstream": "下游撤离命令下达（中位数）",
    "scorecard": "评估指标",
    "scorecard_intro": (
        "每项指标在每次重复中测量，并在 {n} 次重复上汇总：平均值及其 95 % 置信区间、第 5 和第 95 百分位数，"
        "以及未达到该指标的重复次数（不计入平均值）。时间为情景开始后的“时:分:秒”。P95 为“从未”表示超过 5 % "
        "的重复中未达到。标 * 的平均值只计其余重复，因而比演练实际情况好看，请看百分位数。预警时间只计撤离命令"
        "（其通讯渠道及转告的人）；在撤离命令到达之前已看到来水的人不计为收到撤离命令（演练只记录每人最先收到的"
        "预警；本报告他处的“未收到预警”指什么都未到达其人，连来水也没有）。安全裕度计算到某处对其变得无法通行之时（水深超过其涉水限度，或水流足以把人冲倒），而不是来水"
        "最初到达之时（“水到达前收到撤离命令”按后者计）：离开时地面已有积水的人，裕度仍可能为正。最小裕度为“有人未到达"
        "安全地点”表示有人"
        "被水困住或仍处于水的去路上。{safe_def}{fatal}"
    ),
    "scorecard_fatal_both": "预期死亡只对下游人员估计：井下没有适用的致死率规则，井下以被水困人数计。",
    "grade_basis": "评级依据",
    "grade_basis_intro": (
        "每项指标按其在 {n} 次重复上的尾部值评为 A–D：下表的数值即该尾部值（如时间的第 95 百分位、裕度的第 5 "
        "百分位），并与右侧分档对照；[P] 表示无标准可依、由本项目提出的阈值。门槛指标（M2、M3、M6）须在至少 95 % "
        "的重复中满足，不满足即为不足项。总分为各适用指标等级分（A 100，B 85，C 70，D 40）的加权平均，某项不适用时"
        "其权重按比例分配给其余指标；M7、M8 只产生评估发现。总体评级按总分确定（{bands}，以下为差；优秀还须整改项"
        "不超过 {most} 项），存在任何不足项即评为差。单一故障下的稳健性（M6）只在进行了单一故障模拟时计入"
        "（drill run --fault-replications N，或 drill recommend）。"
    ),
    "col_graded": "评价内容",
    "col_grade_ad": "等级",
    "col_bands": "分档",
    "col_weight": "权重",
    "gate_held": "门槛满足",
    "gate_failed": "门槛未满足",
    "weight_none": "仅产生发现",
    "grade_scored": "总分 {score}/100 → {grade}。评估发现：不足项 {d} 项，整改项 {m} 项，改进项 {i} 项。",
    "grade_capped": "总分 {score}/100，但有不足项 {d} 项，评级为 {grade}。评估发现：整改项 {m} 项，改进项 {i} 项。",
    "col_metric": "指标",
    "col_mean": "平均值",
    "mean_partial": "* 仅为达到该指标或该指标适用的重复的平均值，其余重复不计入。",
    "warned_order_note": ("“90 % 人员收到撤离命令”的均值晚于“全部人员收到撤离命令”：二者分别为达到该指标的重复"
                          "（{n} 次中的 {k90} 次和 {k100} 次）的平均值，而全部人员收到命令的那些重复本身较快。"),
    "mean_withheld": "平均值和置信区间为“–”且“未达到”列有计数者：超过半数的重复未达到该指标或该指标不适用，其余重复的"
                     "平均值只反映少数重复，不代表演练结果，请看百分位数。",
    "fatalities_from": "预期死亡人数 {total}：{parts}。楼上避险和仍在家中的人员不计入被水困住，"
                       "故预期死亡人数可高于被水困住人数。",
    "fat_caught": "被水困住的人员中 {v}",
    "fat_sheltered": "楼上避险人员中 {v}",
    "fat_at_home": "仍在家中楼下（水已到达但未困住）的人员中 {v}",
    "headline_fatal_whom": "其中",
    "col_ci": "95 % 置信区间",
    "col_p5": "P5",
    "col_p95": "P95",
    "col_not_reached": "未达到",
    "never": "从未",
    "zones_mine": "分水平结果",
    "zones_valley": "分地点结果",
    "zones_both": "分水平、分地点结果",
    "zones_by_mine": "分水平表",
    "zones_by_valley": "分地点表",
    "zones_by_both": "分水平、分地点表",
    "zones_intro": (
        "{what}在 {n} 次重复上的结果：水到达的人员（水源处人员除外，任何预案都无法先于来水通知他们）中先收到撤离命令"
        "的比例（仅计水到达该处有人的重复的平均；从未到达为“–”）、未被水困的人员比例（平均）、撤离命令到达该处全部"
        "人员的时间（中位数；“从未”表示多数重复中有人未收到）、最小安全裕度"
        "（中位数）、未先收到撤离命令的人次比例（从未收到，或看到来水之后才收到：演练只记录每人最先收到的"
        "预警）和预期死亡人数（{fatal}）。"
    ),
    "zones_fatal_mine": "井下为“–”：井下没有适用的致死率规则，以被水困人数计",
    "zones_fatal_valley": "平均",
    "zones_fatal_both": "平均；井下为“–”：井下没有适用的致死率规则，以被水困人数计",
    "zones_order_mine": "各水平按由浅到深排列。",
    "zones_order_valley": (
        "各地点按水最先到达的时间（各次重复的中位数）排列，先到达者在前；多数重复中水未到达的地点列在最后。"
    ),
    "zones_order_both": (
        "先列矿井各水平（由浅到深），再列下游各地点，后者按水最先到达的时间（各次重复的中位数）排列，先到达者在前；"
        "多数重复中水未到达的地点列在最后。"
    ),
    "zones_what_mine": "每个开采水平",
    "zones_what_valley": "下游每个地点",
    "zones_what_both": "每个开采水平和下游每个地点",
    "col_zone_mine": "水平",
    "col_zone_valley": "地点",
    "col_zone_both": "水平或地点",
    "col_people": "人数",
    "col_warned_before": "水到达前收到撤离命令",
    "col_all_warned": "全部收到撤离命令",
    "col_safe_before": "未被水困",
    "col_margin": "最小安全裕度",
    "col_not_first": "未先收到撤离命令",
    "col_fatal": "预期死亡",
    "zone_level": "{level} 水平",
    "zones_kept_out": (
        "表中未计入未获准下井、留在地面的下一班人员（{levels}；单次重复中的最多人数）。各水平的人数只计在该水平的人员。"
    ),
    "zone_kept": "{zone} {k} 人",
    "safe_kept_out": "到达安全地点的比例和未被水困的比例将预案留在地面、未下井的下一班 {k} 人（单次重复中的最多"
                     "人数）计为安全。",
    "running_water": (
        "演练已模拟从 {source} 流向 {end} 途中的水流，与其汇成的积水一并计算。按所填的峰值涌水量 {peak} m³/h，水沿 "
        "{passages}流过（曼宁公式，爆破巷道糙率 n 取 {n}，Chow 1959）：水深×流速最大 {dv} m²/s，而 {swept} m²/s "
        "即可将人冲倒（Jonkman & Penning-Rowsell 2008），或水深超过人员涉水极限 {wade} m。水流前锋按水流自身的流速"
        "向下推进，到达后演练即在这些巷道阻挡人员（各次重复的涌水量按其涌水系数计）；所列时间为水源处涌水量首次"
        "达到该流量的时间。"),
    "running_water_passage": "{link}（水深 {depth} m、流速 {v} m/s，突水后 {t} 起）",
    "running_water_sep": "、",
    "timeline": "时间线：从最初征兆到最后一人到达安全地点",
    "timeline_intro": (
        "图为 {n} 次重复中演练的全部事件，表为一次典型重复的事件（钟点时间）：第 {r} 次，即在撤离命令下达时间、"
        "全部人员到达安全地点时间、免于被水困的比例和到达安全地点的比例上同时最接近各次重复中间位置的一次。该次"
        "重复中：{order}，{t90}，{t100}，{safe}（到达安全地点 {share}，被水困住 {caught} 人）。"
    ),
    "tl_order_at": "撤离命令下达于 {t}",
    "tl_order_never": "未下达撤离命令",
    "tl_t90_at": "90 % 人员收到撤离命令于 {t}",
    "tl_t90_never": "撤离命令始终未送达 90 % 的人员",
    "tl_t100_at": "全部人员收到撤离命令于 {t}",
    "tl_t100_never": "撤离命令始终未送达全部人员",
    "tl_safe_at": "全部人员到达安全地点于 {t}",
    "tl_safe_never": "至演练结束仍有人未到达安全地点",
    "col_clock": "时刻",
    "col_after_start": "开始后",
    "col_kind": "类别",
    "col_event": "事件",
    "figure_n": "图 {k}　{title}",
    "progress": "预警与撤离进程对比水害到达",
    "site_maps": "场所：水害与人员撤离",
    "fig_section_title": "矿井竖直剖面：水害、撤离与瓶颈",
    "fig_map_title": "下游河谷平面图：洪水到达、人员未被水困比例与瓶颈",
    "channels_section": "应急通讯：预警渠道",
    "channels_cage_section": "应急通讯：预警渠道；罐笼提升",
    "cage_section": "罐笼提升",
    "channels_cages_section": "应急通讯：预警渠道；罐笼提升",
    "cages_section": "罐笼提升",
    "findings": "评估发现",
    "findings_intro": (
        "按 AQ/T 9009-2015 的实践，演练发现分为三类：不足项（应急准备可能无法保护生命）、整改项（下次演练前"
        "必须整改）和改进项。每项发现注明其在本报告中的证据、所依据的要求（以下列编号 S1、S2 等引用）"
        "及所涉及的预案条款（按 GB/T 29639-2020 结构）。"
        "每项发现下列出整改建议（AQ/T 9009-2015 所要求的改进意见和建议）：“drill recommend” 针对该项将尝试的预案修改，"
        "并注明所修改的预案条款。这些建议尚未经验证：“drill recommend” 以相同随机数重新模拟演练来检验，保留有效者。"
        "无预案修改可循的，注明需由预案编制人决定的事项。各项发现按严重程度编号；多项发现共用的整改建议只在其中第一项下列出，"
        "其余各项按编号引用。"
    ),
    "col_class": "类别",
    "col_finding": "发现",
    "col_evidence": "证据",
    "col_clause": "预案条款",
    "findings_requirements": "评估发现所依据的要求",
    "findings_requirements_intro": (
        "每项要求列出一次，评估发现以其编号引用：国家标准和文件（GB、AQ、国家及部门文件、各地做法）在前；国际及国外"
        "做法在后，仅供参考。"
    ),
    "col_tag": "编号",
    "col_requirement": "要求",
    "revisions": "预案修订",
    "revisions_intro": (
        "对预案的修改，每项均以与被测预案相同的随机数重新模拟，给出其拟改进指标在修订前后的数值（《生产安全事故"
        "应急预案管理办法》第三十六条第（五）项：演练发现重大问题的，应当修订预案）。"
    ),
    "sf_heading": "单一故障（M6）",
    "sf_intro": (
        "每种单一故障都使用前 {n} 次重复的随机数运行，从 {start}（首个触发条件满足或水首次出现的时间，各次重复的"
        "中位数）持续到演练结束。表中列出：该故障下通知覆盖（M2）和疏散安全（M3）门槛是否满足，以及与无该故障的预案逐次重复配对"
        "比较的变化（有该故障减无该故障，均值及 95 % 置信区间）。使预案失效的故障同时列为评估发现（不足项）。{left}"
    ),
    "sf_left_out": "受故障数量上限（--max-faults）限制未运行：{names}。",
    "sf_gates": "M2 {m2} · M3 {m3}",
    "sf_ok": "满足",
    "sf_fail": "未满足",
    "sf_breaks": "使预案失效",
    "sf_withstood": "预案经受住",
    "sf_nothing": "未改变任何结果",
    "sf_note": (
        "无故障时（同样 {n} 次重复）：{base}（上文评级依据全部重复，故某一门槛可能在彼处满足而在此未满足，或相反）。"
        "使预案失效：原本满足的门槛在该故障下未满足，或未处于安全地点、迟到预警的人数显著增加（置信区间"
        "高于零）。受影响人数：收到预警、出发或最终去向（或其时间）与无该故障时不同的人数，每次重复的平均；不影响任何人的"
        "故障没有检验任何东西（无人经过的桥、未首先通知任何人的渠道）。{rise}"
    ),
    "sf_rise_none": (
        "最后一人收到预警时间推迟为“–”：无故障时该时间的 P95 已为“从未”（超过 5 % 的重复中有人始终未先收到撤离"
        "命令），任何故障都无法使其再推迟；故障的影响见迟到预警人数。"
    ),
    "col_fault": "故障",
    "col_sf_changed": "受影响人数",
    "col_sf_gates": "该故障下的门槛",
    "col_sf_unsafe": "未处于安全地点人数之差",
    "col_sf_late": "迟到或未收到预警人数之差",
    "col_sf_rise": "最后收到预警时间的推迟",
    "col_sf_verdict": "结论",
    "cli_single_faults_done": (
        "  单一故障（M6）：共 {n} 种，各运行 {r} 次重复：{breaks} 种使预案失效，{withstood} 种预案经受住，{nothing} 种"
        "未改变任何结果（均见 report.pdf）"
    ),
    "col_revision": "修订",
    "col_before": "修订前",
    "col_after": "修订后",
    "col_change_ci": "变化，95 % 置信区间",
    "assumptions": "假设、参数及来源",
    "assumptions_intro": (
        "先列出本次演练取自预案和演练情景文件的参数（来源：所列文件），再列出模型的默认值和简化假设，"
        "依据模型各模块的文档译出，其中每个数值均注明出处（外文文献保留原题名）。"
    ),
    "params_plan": "取自应急预案（{file}）",
    "params_scenario": "取自演练情景（{file}）",
    "col_parameter": "参数",
    "col_value": "取值",
    "col_source": "来源",
    "role_delay": "{title}：决策延迟",
    "role_present": "{title}：需要时在岗概率",
    "role_backups": "{title}：替补",
    "role_backups_value": "{backups}；交接 {handover}",
    "none": "无",
    "hoist_row": "{id} 罐笼",
    "hoist_deck_one": "1 层",
    "hoist_decks": "{n} 层",
    "hoist_value": "每次 {capacity} 人（{decks}）；提升速度 {v:.1f} m/s，加速度 {a:.2f} m/s²；信号 {signal} s",
    "breach_row": "溃决时间与下泄量",
    "breach_value": "溃决 {breach}；下泄量系数 {volume}",
    "inflow_row": "突水涌水量",
    "inflow_value": (
        "自 {start} 起：{rise} 内由 {q0:,.0f} 增至 {qmax:,.0f} m³/h（过程线 {k} 点），乘以系数 {factor}；"
        "{pumps}"
    ),
    "storm_inflow_row": "暴雨进入矿井的水量",
    "storm_inflow_value": (
        "自 {start} 起：{rise} 内由 {q0:,.0f} 增至 {qmax:,.0f} m³/h，为正常涌水量以外的部分（降雨入渗补给及漫过"
        "井口的河水，按场地的矿井水参数算出）；{pumps}"
    ),
    "inflow_pumping": "排水 {pump:,.0f} m³/h",
    "inflow_mine_pumps": "矿井水泵排水能力 {pump:,.0f} m³/h，正常涌水量 {usual:,.0f} m³/h",
    "trigger_row": "触发条件 {id}（{condition}；宣布{level}预警）",
    "trigger_at_level": "{quantity}达{level}及以上",
    "trigger_depth": "{node} 处水深 ≥ {threshold:g} m",
    "trigger_inflow_change": "矿井涌水量变化达正常涌水量的 {share:g} % 及以上",
    "trigger_at_top": "{quantity}达{level}",
    "trigger_at_least": "{quantity} ≥ {threshold:g}",
    "trigger_value": "发现延迟 {delay}；责任人 {owner}",
    "channel_row": "渠道 {id}（{type}）",
    "channel_value": "启动 {delay}；可靠度 {rel:.0%}；{reach}{power}",
    "reach_sound": "设于 {places}：半径 {radius:g} m 内 {aud:.0%} 的住户能听到（{when}{rain}），其中每户在每个 "
                   "{cycle:g} s 循环中听到的概率为 {hear:.0%}",
    "reach_rain": "；已计入降雨系数 ×{f:g}",
    "reach_sms": "{coverage}：{phones:.0%} 的居民有手机，送达需 {delivery}；每人注意到的概率 {notice:.0%}（{when}）",
    "reach_vehicle": "途经各地点半径 {radius:g} m 内 {hear:.0%} 的住户能听到（{when}）；{coverage}",
    "reach_door": "逐户通知仍在家的住户，每户一次（{visit}）；{coverage}",
    "reach_phone_tree": "{callers} 名拨打人；在家住户接听概率 {answer:.0%}；{coverage}",
    "reach_runner": "沿途每处的人员均被告知；{coverage}",
    "reach_phones": "电话旁有人时接听；{coverage}",
    "reach_once": "所到之处 {hear:.0%} 的人员察觉（一次）；{coverage}",
    "reach_message": "覆盖范围内每条消息收听到的概率 {hear:.0%}，每 {cycle:g} s 一次；{coverage}",
    "coverage_all": "覆盖全部人员",
    "coverage_n": "覆盖 {n} 处",
    "coverage_air": "覆盖 {n} 处，由风流自 {start} 以 {v:g} m/s 带到",
    "mains_power": "；市电供电，备用电源 {h:g} 小时",
    "param_duration": "演练时长",
    "param_time": "昼夜、天气",
    "param_hazard": "灾害",
    "param_mc": "重复次数、随机种子",
    "plan_file": "预案文件",
    "scenario_file": "情景文件",
    "model_defaults": "{topic}：模型默认值",
    "topic_movement": "步行与人流拥挤",
    "topic_hoist": "罐笼提升",
    "topic_behaviour": "井下人员反应",
    "topic_inrush": "突水",
    "topic_running": "突水沿巷道下泄的水流",
    "topic_residents": "下游居民及其预警渠道",
    "topic_traffic": "下游道路车辆",
    "topic_dam_break": "尾矿坝溃坝",
    "topic_lethality": "洪水致死率",
    "topic_warning": "预警渠道",
    "topic_decision": "决策与命令",
    "topic_readings": "评级所用判定",
    "topic_hydraulic_study": "水力计算成果",
    "topic_drill": "单次重复",
    "lead_hoist": "罐笼提升：由深度、速度和加速度计算的提升时间，以及罐笼停靠各车场的顺序。",
    "lead_warning": "预警渠道：各渠道通知到哪些人员、收到的可能性与重复间隔，以及停电后能工作多久。",
    "provenance_legend": "各默认值的可靠程度：方括号中的来源标记",
    "tag_seen": (
        "[V]（或 [S]）：已查阅——数值读自所列来源的文本（中国标准和通知多为第三方转载本，并非官方正式版本）。"
    ),
    "tag_knowledge": (
        "[K]：出自所列公开文献，系项目编写者所知，数值未对照原文复核。[K?]：同上，但把握较低——"
        "引用前须核实数值或条款。"
    ),
    "tag_engineering": (
        "[E]：项目自身的假定、推算值或标定值，无公开出处；有本矿（库）数据时应予替换。"
    ),
    "tag_proposal": "[P]：项目自身的建议（阈值、权重或评级分档），非任何标准规定。",
    "dropped_glyphs": (
        "显示为“…”的字符是已安装字体无法显示的中文；请重新安装本项目（会安装字体包 paperang-p2-fonts-cjk）。"
    ),
    "method": "附录：方法",
    "method_text": (
        "每次演练是一个离散事件模拟（SimPy）：灾害、触发与决策、{actors}都是同一模拟"
        "时钟上的进程，演练为{records}记录一条不可变记录。本次评估从随机种子 {seed} 起"
        "将演练重复 {n} 次，每次重复有各自的随机数流，因此结果与并行进程数无关；本报告只读取这些记录，"
        "不重新模拟。图中曲线为各次重复的中位数，阴影为第 5 至第 95 百分位。"
    ),
    "method_actors": "每个预警渠道和每个人",
    "method_actors_hoist": "每个预警渠道、每个人和每个罐笼",
    "method_records": "每个人和每个事件",
    "method_records_hoist": "每个人、每台提升机和每个事件",
    "method_docs_note": "重复试验与评估指标的说明（依据模块文档译出）：",
    "method_settling": (
        "重复次数并非事先确定：本次评估先运行 {asked} 次；只要评级中有生命安全检查尚不能与允许的尾部区分开，就分步继续"
        "运行（各次查看时的重复次数 {steps}，上限 {ceiling}）。结果即为从随机种子 {seed} 起 {n} 次重复的结果，与 drill "
        "run -n {m} 相同；由于是否继续是在查看结果之后决定的，其 95 % 界限的把握略低于所标明的水平（Armitage、"
        "McPherson 与 Rowe 1969）。"
    ),
    "fig_minutes": "情景开始后时间（分钟）",
    "fig_clock": "钟点时间",
    "fig_share_people": "人员比例（%）",
    "fig_warned": "先收到撤离命令",
    "fig_safe": "到达安全地点",
    "fig_water": "水到达其初始位置",
    "fig_median_band": "线：各次重复的中位数；阴影带：P5–P95",
    "fig_order_line": "{order}\n中位数 {at}{never}",
    "fig_order_never": "\n{n} 次重复中 {k} 次未下达",
    "fig_order_s": "井下撤离命令",
    "fig_downstream_order_s": "下游撤离命令",
    "fig_warned_safe_title": "收到撤离命令和到达安全地点的人员比例对比水害上涨",
    "fig_elevation": "标高（m）",
    "fig_section_x": "沿剖面水平位置（m）",
    "fig_section_x_bearing": "沿剖面水平位置，剖面方位角 {deg:03d}°（m）",
    "fig_east": "东（m）",
    "fig_north": "北（m）",
    "fig_water_arrives": "水到达时间（中位数，分钟）",
    "fig_last_safe": "最后一人到达安全地点（中位数，分钟）",
    "fig_section_a": "(a) 各巷道水到达时间（各次重复的中位数）",
    "fig_section_b": "(b) 各初始位置最后一人到达安全地点的时间",
    "fig_map_a": "(a) 洪水到达各地点的时间（各次重复的中位数）",
    "fig_map_b_safe": "(b) 各地点人员中未被水困者的比例",
    "fig_map_zoom": "{letter} {place} 一带放大，颜色同 (b)",
    "fig_place_safe_bar": "未被水困（占该处人员的百分比，均值）",
    "fig_place_safe": "未被水困 {s}",
    "fig_place_outcome": "未被水困 {s} · 死亡 {f} 人",
    "fig_dry": "多数重复中未进水",
    "fig_not_flooded": "洪水未到达",
    "fig_nobody": "无人员",
    "fig_cleared": "已撤空（颜色 = 中位时间）",
    "fig_not_cleared": "多数重复中未撤空",
    "fig_k_of_n": "(k/{n})：该处有人始终未到达安全地点的重复次数",
    "fig_bottleneck": "瓶颈（最长排队）",
    "fig_queue": "排队 {q}",
    "fig_cage_queue": "罐笼排队：中位数 {med}，{n} 次重复中最大 {q}",
    "fig_dam": "尾矿坝",
    "fig_bridge": "桥梁",
    "fig_assembly": "集合点（避险点）",
    "fig_mine_exit": "矿井出口（井口、硐口、天井口）",
    "fig_household": "住户／学校（初始人数）",
    "fig_road": "道路",
    "fig_footpath": "小路",
    "fig_channel_first": "每人最先收到预警的渠道",
    "fig_share_pr": "占人次的比例（%）",
    "fig_when_warned": "各初始位置人员收到预警的时间（顺序同{by}{more}）",
    "fig_when_warned_more": "，{n} 处中最晚收到预警的 {k} 处",
    "fig_when_warned_none": "除突水点处的人员（命令无法先于水到达）外，没有该命令需通知的人员",
    "fig_not_first_share": "  {p} 未先收到",
    "fig_warned_median": "收到撤离命令，中位数",
    "fig_warned_range": "收到撤离命令，P5–P95（箭头：P95 从未）",
    "fig_water_median": "水到达，中位数",
    "fig_order_median": "{order}，中位数",
    "fig_cage_util": "罐笼利用率",
    "fig_cage_util_x": "运行时间占比，首次呼叫至末次到井口（%）",
    "fig_cage_queue_t": "每次重复中罐笼最长排队",
    "fig_cage_queue_x": "等候人数（全部车场）",
    "fig_cage_wait": "罐笼平均等候时间",
    "fig_cage_wait_x": "分钟（已乘罐人员）",
    "unit_min": "分钟",
    "fig_replications": "重复次数",
    "fig_median_of": "（中位数 {v}）",
    "fig_median_largest": "（中位数 {v}，{n} 次重复中最大 {top}）",
    "fig_timeline_title": "各次重复中的演练事件",
    "fig_tl_left_out": "另有 {k} 个较晚或次要的事件未绘出（{kinds}）；\n典型重复的事件表列出全部事件",
    "fig_timeline_x": "情景开始后时间（分钟）",
    "fig_tl_median": "各次重复的中位数",
    "fig_tl_range": "P5–P95（箭头：部分重复更晚或未发生）",
    "fig_tl_some": "  {k}/{n} 次",
    "fig_tl_never": "演练期间始终未达到（{n} 次重复中 {k} 次）",
    "kind_hazard": "灾害",
    "kind_water": "水害",
    "kind_trigger": "触发",
    "kind_decision": "决策",
    "kind_absence": "缺岗",
    "kind_fault": "故障",
    "kind_movement": "人员移动",
    "kind_order": "命令",
    "kind_channel": "渠道",
    "kind_action": "行动",
    "kind_result": "结果",
    "kind_warning": "预警",
    "kind_forecast": "预报",
    "kind_monitoring": "监测",
    "kind_rule": "违规",
    "result_t90": "90 % 人员收到撤离命令",
    "result_t100": "全部人员收到撤离命令",
    "result_safe": "全部人员到达安全地点",
    "channel_crew": "同班组人员（传递）",
    "channel_water": "无：看到来水本身",
    "channel_neighbour": "邻居（传递）",
    "channel_word": "口头传递（邻里）",
    "margin_not_all": "有人未到达安全地点",
    "margin_no_water": "演练期间水未到达人员所在处（≥ {v}）",
    "headline_not_reached": "（未达到 {k}/{n}）",
    "margin_no_water_note": "安全裕度 ≥ {v}：演练期间（共 {v}）水未到达人员所在处；此为下限，并非实测的裕度。",
    "margin_not_all_note": ("安全裕度“有人未到达安全地点”：有人被水困住或仍处于水的去路上；出现这种情况的重复计入"
                            "“未达到”。"),
    "at_least": "≥ {v}",
    "hazard_inrush": "{node} 突水",
    "hazard_storm_water": "暴雨来水在矿井内自 {node} 上涨",
    "hazard_dam": "{dam} 于开始后 {t} 溃决；洪水到达时间、水深和流速取自{source}",
    "hazard_source_estimate": "本工具内置的筛查估算（{relation}）",
    "hazard_source_study": "溃坝洪水分析成果 {file}",
    "list_sep": "，",
    "clause_sep": "；",
    "label_sep": "：",
    "channel_never": "未收到预警",
    "fig_footer": "演练情景 {scenario} · 随机种子 {seed} · {n} 次重复",
    "cap_timeline": (
        "每行是演练中的一个事件：灾害发生、水到达某处、预案触发条件满足、岗位缺岗（缺岗：如有后备人员则移交给后备人员）、"
        "决策、撤离命令、预警渠道启动、预案行动完成、人员撤离途中折返或改去别处（人员移动），以及（结果）90 % 和全部"
        "人员收到预警、全部人员到达安全地点的时间。圆点为发生该事件的各次重复的中位时间，横线为第 5 至第 95 百分位；"
        "未在全部重复中发生的事件标注“k/n 次”，在任何一次重复中都未达到的结果列于最后，标注“始终未达到”。各行按中位"
        "时间排序。图中最多绘出 {max} 行（以本页在可读字号下所能容纳者为限）：结果、撤离命令、灾害以及水到达仍有人员"
        "所在的地点优先，其次为触发条件、决策、缺岗、人员移动以及水到达其他人员初始位置，较早者优先；未绘出的"
        "事件数在图中注明。"
    ),
    "cap_warned_safe": (
        "{share_of}中先经渠道或传递收到撤离命令（实线；看到来水不计为预警，看到来水在先者即使其后收到命令"
        "也不计入：演练只记录每人最先收到的预警）、到达安全地点（{safe}；虚线）以及初始位置已被水淹到"
        "（点划线）的"
        "人员比例随情景开始后时间的变化（上方横轴为钟点时间）。曲线为 {n} 次重复的中位数，阴影为第 5 至"
        "第 95 百分位；竖直线为各撤离命令下达的中位时间，均有标注（{orders}）。"
        "到达安全地点的曲线应远早于水害曲线上升。到达安全地点的"
        "阴影低于 100 % 表示有些重复中有人始终未到达安全地点；只要有人不是先收到撤离命令（包括在撤离命令之前"
        "就看到本地点突水的人员），收到命令的曲线就低于 100 %。"
    ),
    "cap_orders_mine": "井下为虚线",
    "cap_orders_valley": "下游为点线",
    "cap_orders_both": "井下为虚线，下游为点线",
    "cap_share_all": "全部 {people} 人",
    "cap_share_there": (
        "开始时在场或其后下井的人员（共 {people} 人；留在地面、未下井的下一班人员单次重复中最多 {kept} 人，此处"
        "不计，记分卡则将其计为安全）"
    ),
    "cap_section": (
        "矿井竖直剖面图（水平位置对标高，两轴比例不同）。(a) 各巷道按水到达其较早一端的中位时间着色；灰色"
        "巷道在多数重复中未进水；线型表示巷道类型。(b) 各初始位置按该处最后一人到达安全地点的中位时间着色；"
        "红色叉号表示多数重复中未撤空，名称后的 (k/{n}) 为该处有人始终未到达安全地点的重复次数。红圈标出"
        "瓶颈：入口排队最长的巷道（各次重复的最大值）和每次重复中罐笼最长排队（如标注，给出其中位数和各次重复的"
        "最大值）。"
    ),
    "cap_map": (
        "下游河谷平面图（东向和北向，比例相同；洪水自尾矿坝沿河谷向下游演进）。(a) 各地点和道路按洪水到达的"
        "中位时间着色（道路取两端中较早者）；白色地点洪水未到达。(b) 各有人员的地点按该处人员中未被水困者的"
        "比例着色，为 {n} 次重复的均值，与{by}一致"
        "（未被水困的定义见“评估指标”）。标注给出地点、人数、该比例和预期死亡人数（致死"
        "规则给出的预期死亡人数，各次重复的均值）。无人员的地点为白色。红圈标出瓶颈：入口处人员或车辆排队最长"
        "的道路和小路（各次重复的最大值）。"
    ),
    "cap_map_bridges": "桥梁符号（两侧护栏，两端外撇）标出桥梁路段，洪水可能冲毁桥梁。",
    "cap_map_zoom": (
        "虚线框标出在整个河谷的比例下过于密集、难以辨读的地点群；各群在图下方自 (c) 起的放大图中重画，"
        "颜色同 (b)，其地点在放大图中标注。"
    ),
    "cap_no_bottlenecks": "任何重复中都没有入口处排队达到 {q} 人（辆）的通道，故图中没有红圈。",
    "cap_channels_base": " {people} × {n} 人次",
    "cap_channels_base_kept": " {total} 人次（{people} 人 × {n} 次重复，不计未下井的下一班人员 {kept} 人次）",
    "cap_channels": (
        "上：每人最先收到预警的渠道，占{base}的比例；"
        "{crew}“无：看到来水本身”表示看到来水之前没有任何渠道向其预警，“未收到预警”表示预警和来水都未到达其"
        "处：两者之和即撤离命令未能先于来水到达的人员（{by}中的“未先收到撤离命令”，该表不计灾害源处人员"
        "{kept}）。下：各初始位置（顺序同{by}）"
        "撤离命令（经其渠道及传递）到达该处人员的中位时间（圆点；看到来水不计为预警，无法预先预警的灾害源处"
        "人员不计，与{by}一致）及第 5 至第 95 百分位范围（箭头：P95 从未收到），未先收到撤离命令的"
        "比例（“未先收到”），水到达该处的中位时间（三角）和各撤离命令的中位时间（{orders}）。"
        "圆点在三角右侧表示该处人员在水到达"
        "之后才收到预警。"
    ),
    "cap_channels_crew": "“同班组人员”为同一地点已收到预警的同班组人员传递，",
    "cap_channels_kept": "和未下井的下一班人员",
    "cap_cage": (
        "{n} 次重复中罐笼运行时间占其撤离时段（首次呼叫至末次到达井口）的比例、等候罐笼的最长排队人数"
        "（全部车场合计）以及已乘罐人员的平均等候时间的分布；虚线为中位数。排队长而利用率低，说明问题在于人员到达车场较晚或罐笼停靠顺序，"
        "而不在于罐笼能力。"
    ),
    "cap_cages": (
        "{n} 次重复中 {k} 台罐笼各自的运行时间占其撤离时段（首次呼叫至末次到达井口）的比例、等候该罐笼的最长排队人数"
        "（其全部车场合计）以及乘该罐笼人员的平均等候时间的分布；虚线为各罐笼的中位数，颜色与该罐笼相同。"
        "排队长而利用率低，说明问题在于人员到达车场较晚或罐笼停靠顺序，而不在于罐笼能力。"
    ),
    "suite": "演练组",
    "runs": "演练情景",
    "season_date": "演练季",
    "season_intro": (
        "预案针对演练组中的每个情景及其变化各模拟 {n} 次。矩阵给出每次运行的关键指标，并按严重程度着色；"
        "随后是最差情形、对整个演练组都有效的修订，以及每次运行一页。"
    ),
    "matrix": "情景 × 指标矩阵",
    "matrix_intro": (
        "每行为一次运行（情景及其变化），每列为一项关键指标：除“全部收到预警”（中位数）和“安全裕度 P5”"
        "（各次重复中人员对水的安全裕度第 5 百分位的中位数，不安全者按无裕度计：超过 5 % 的人员不安全时为"
        "“有人未到达安全地点”，因此少数人被水困住时裕度仍可能为绿色）"
        "外均为各次重复的平均值。颜色：绿色良好，黄色一般，"
        "橙色较差，红色不合格，分档见附录（项目建议 [P]，非标准规定）。“评估结论”为该次运行中预案的"
        "总体评级（项目建议的评分模型 [P]），不含单一故障：此处不评估稳健性（M6）。"
    ),
    "worst_cases": "最差情形",
    "worst_cases_intro": "按预期死亡人数、被水困住人数、未被水困人员比例排序：",
    "worst_case_line": "{run}：{detail}",
    "suite_revisions": "对整个演练组有效的修订",
    "suite_revisions_intro": (
        "在多次运行中重复出现的评估发现，以及针对它们的修订类型。这些修订由评估发现提出，并未在整个演练组中"
        "得到验证：“drill recommend” 以相同随机数重新模拟，对单个情景验证修订。"
    ),
    "suite_revision_line": "[{fkey}] {title} — 出现于 {total} 次运行中的 {n} 次（{runs}）；修订类型：{kinds}",
    "suite_revision_line_all": "[{fkey}] {title} — 出现于全部 {n} 次运行；修订类型：{kinds}",
    "runs_all_of_scenario": "{scenario}：全部 {k} 次",
    "no_recurring_findings": "没有带修订建议的评估发现在多于一次运行中出现。",
    "more_in_appendix": "… 另有 {n} 项：全部 {total} 项见本报告末尾“{appendix}”。",
    "findings_appendix": "附录：全部评估发现",
    "season_unsettled_intro": (
        "{total} 次运行中有 {k} 次的评级取决于其重复次数尚不能判定的生命安全检查：增加重复次数后，门槛可能满足或"
        "未满足，评估发现可能改变类别，评级亦随之改变。各运行页列出具体项目。"
    ),
    "col_unsettled_checks": "尚不能判定的生命安全检查",
    "col_replications": "重复次数",
    "col_settle_with": "可判定所需的重复总数",
    "season_settle_none": "–：无法估计：按当前比例需超过 {most} 次重复（该比例处于评分所允许的尾部）",
    "season_unsettled_run": "{run}：{k} 项生命安全检查在 {n} 次重复下尚不能判定{more}",
    "season_unsettled_more": "；所需重复总数为{m}",
    "season_unsettled_run_one": "{run}：1 项生命安全检查在 {n} 次重复下尚不能判定{more}",
    "season_unsettled_more_one": "；所需重复总数为{m}",
    "season_settle_how_n": (
        "如需判定，请以更多重复次数重新运行演练季（-n {n}：按上述估计至多需要的次数），或用 drill run "
        "--until-settled {n} 单独运行某一情景：程序分步继续运行，一旦可判定即停止。"
    ),
    "season_settle_how": (
        "如需判定，请以更多重复次数重新运行演练季（-n N），或用 drill run --until-settled N 单独运行某一情景："
        "程序分步继续运行，一旦可判定即停止。"
    ),
    "findings_appendix_intro": (
        "本次演练季的全部评估发现，与 season.json 所载相同：先列在多次运行中重复出现的评估发现及相应的修订类型，"
        "再按运行逐一列出各自的评估发现（按严重程度排列）。摘要页与各运行页只列出各清单的前几项。"
    ),
    "recurring_all": "在多次运行中重复出现的评估发现（{n} 项）",
    "appendix_run_findings": "运行 {k}：{run}（{n} 项评估发现）",
    "run_page": "运行 {k}：{run}",
    "run_findings": "本次运行的评估发现（{n} 项，按严重程度排列）",
    "scenario_as_written": "情景（原文）",
    "grade_by_gate": "不足项 {gates}：{n} 项",
    "grade_by_gate_short": "不足项 {gates}",
    "grade_by_score": "得分 {score}",
    "grade_untried": "{reason}；未经检验：水未到达任何人",
    "grade_untried_short": "{reason}，未经检验（无水）",
    "matrix_grade_note": (
        "每个评级下方注明其依据：\"不足项\"列出存在不足项的指标（M2 通知覆盖、M3 疏散安全为门槛指标；不足项也可能来自"
        "预案检查 M8），"
        "此时评级最高为差；否则为加权得分：低于 {fair} 为差，{fair} 起为一般，{good} 起为良好，{excellent} 起且整改项"
        "不多于 {most} 项为优秀（项目建议的评分模型 [P]，非标准规定）。"
    ),
    "chg_time_of_day": "时段",
    "chg_shift": "井下班次",
    "chg_start_time": "开始时间",
    "chg_rain": "降雨",
    "chg_storm": "设计暴雨",
    "chg_entries": "入井班次",
    "chg_fault": "故障",
    "idle_faults": "未起检验作用的故障",
    "idle_fault": "{run}：故障 {fault}（{when}）在 {n} 次重复中有 {k} 次于疏散结束后才开始：它没有检验任何东西",
    "fault_effect": "{run}：与没有故障 {fault} 的同一演练 {twin} 相比（相同随机数，{n} 次重复的平均），每次重复有 "
                    "{warned} 人收到预警的情况不同（时间、渠道不同或未收到），{departed} 人出发时间不同，{ended} 人最终"
                    "去向、地点或到达时间不同",
    "fault_effect_paired": "；水到达前未处于安全地点的人数 {unsafe}，水到达后才收到或未收到预警的人数 {late}"
                           "（有该故障减无该故障，95 % 置信区间）",
    "variation_effect": "{run}：与按原文运行的演练情景 {base} 相比（相同随机数；{changes}；{n} 次重复的平均），每次重复"
                        "有 {warned} 人收到预警的情况不同（时间、渠道不同或未收到），{departed} 人出发时间不同，"
                        "{ended} 人最终去向、地点或到达时间不同",
    "variation_effect_counts": "{run}：与按原文运行的演练情景 {base} 相比（相同随机数种子；{changes}；{n} 次重复；"
                               "在场人员不同，故只比较人数）",
    "variation_effect_paired": "；水到达前未处于安全地点的人数 {unsafe}，水到达后才收到或未收到预警的人数 {late}"
                               "（本次运行减按原文运行，95 % 置信区间）",
    "same_fates": "。两次运行中每次重复处于水的去路上的都是同样的 {total} 人，各自死亡概率也相同（{parts}）；受这一变化"
                  "影响的人员两次都不在水的去路上，故被水困住人数和预期死亡人数相同",
    "same_fates_water": "{k} 人在水到来前未收到任何渠道的预警",
    "same_fates_stayed": "{k} 人在水到来前已收到预警但始终未动身",
    "same_fates_rest": "{k} 人动身后遇水",
    "idle_fault_same": "{run}：故障 {fault}（{when}）没有改变任何结果：全部 {n} 次重复中，每个人收到预警、出发和最终"
                       "去向都与没有该故障的同一演练 {twin} 完全相同：它没有检验任何东西",
    "run_no_findings": "本次运行没有评估发现。",
    "col_run": "运行",
    "col_variation": "变化",
    "col_scenario_file": "情景文件",
    "col_grade": "评估结论",
    "m_all_warned": "全部收到预警",
    "m_never_warned": "未收到预警",
    "m_warned_before": "水到达前收到预警",
    "m_safe_before": "未被水困",
    "m_caught": "被水困住",
    "m_fatal": "预期死亡",
    "m_margin": "安全裕度 P5",
    "bands": "矩阵颜色分档 [P]",
    "bands_intro": (
        "项目建议，参照拟议评分模型的否决项（该模型中，全部人员在水到达前收到预警并到达安全地点为"
        "否决项；安全裕度分档 A ≥ 15 分钟、B ≥ 5 分钟、C ≥ 0）："
    ),
    "band_rows": (
        "水到达前收到预警／到达安全地点：绿色 100 %，黄色 ≥ 99 %，橙色 ≥ 95 %，其余红色；\n"
        "未收到预警（每次重复中任何渠道和来水都未警示到的人数）、被水困住、预期死亡：绿色 0，橙色 < 1，红色 ≥ 1；\n"
        "安全裕度 P5：绿色 ≥ 15 分钟，黄色 ≥ 5 分钟，橙色 ≥ 0，红色 < 0 或未到达安全地点；\n"
        "全部收到预警：每次重复都达到为绿色，否则红色。"
    ),
    "variation_as_written": "按原情景",
    "suite_definition": "本次运行的演练组",
    "fig_matrix_title": "汛期演练组：各次运行的关键指标",
    "cap_matrix": "上一页矩阵的图示：各单元格按附录的分档着色。",
    "anim_not_warned": "未收到预警",
    "anim_warned": "已收到预警",
    "anim_moving": "撤离中",
    "anim_safe": "已到达安全地点",
    "anim_caught": "被水困住",
    "anim_sheltered": "就地避险／留在原地",
    "anim_flooded": "已淹",
    "anim_seed": "随机种子 {seed} · 第 {r} 次重复",
    "anim_caption": (
        "位置由每人的记录重建（离开前在初始位置，之后沿最短巷道／道路路径匀速移动到终点），并非演练直接记录。"
    ),
    # ---- 终端输出
    "cli_workers_one": "1 个工作进程",
    "cli_workers": "{n} 个工作进程",
    "cli_workers_over": "{workers}，多于本机的 {cores} 个核心：不会比 {cores} 个更快，且每个进程各占一份演练数据的内存",
    "cli_cluster": "Dask 集群 {address}（{workers}）",
    "cli_run_head": "预案 {plan} v{version} · 场所 {site} · {n} 人",
    "cli_seed_line": "随机种子 {seed} · {n} 次重复 · {where}",
    "cli_single_faults": "单一故障：每个故障 {n} 次重复",
    "cli_scorecard": "评估指标 — {n} 次重复，随机种子 {seed}",
    "cli_zones": "{zones}（各次重复的平均值；全部收到撤离命令：中位数）",
    "cli_zones_mine": "分水平结果",
    "cli_zones_valley": "分地点结果",
    "cli_zones_both": "分水平、分地点结果",
    "cli_col_deaths": "预期死亡",
    "cli_zones_note": (
        "  水到达前收到撤离命令：水到达该处的人员中先收到撤离命令的比例，按水到达该处某人的重复统计（– 表示水从未"
        "到达）；未先收到撤离命令：没有任何渠道通知到他们，或撤离命令到达前他们已看到来水（水源处人员不计）"
    ),
    "cli_grade": "评估结论：{grade} · 不足项 {d} 项，整改项 {m} 项，改进项 {i} 项",
    "untested_grade": "各次重复中水均未到达任何人员所在地点：本评估结论不反映水到达前的撤离（M2、M3 未经检验即通过）。",
    "cli_more_findings": "  … 另有 {n} 项，见 report.pdf",
    "cli_m6_not_assessed": "  未评估单一故障稳健性（M6）：加上 --fault-replications 10，或运行 drill recommend",
    "cli_not_settled": "  尚不能判定：{note}",
    "cli_settle_hint": "  drill run --until-settled N 会继续运行（总数至多 N 次重复），直至上述各项可判定",
    "cli_settle_hint_n": "；按上述估计，所需重复总数为{span}：drill run --until-settled {n}（一旦可判定即提前停止）",
    "settle_span": "约 {low} 至 {high} 次",
    "settle_span_one": "约 {low} 次",
    "settle_span_open": "至少约 {low} 次（按当前比例约 {n} 次，比例越接近允许的尾部所需越多）",
    "settle_span_open_same": "至少约 {low} 次（比例越接近允许的尾部所需越多）",
    "cli_settling": "{n} 次重复后尚不能判定（{k} 项生命安全检查）：继续运行至 {to} 次（上限 {ceiling}）",
    "cli_settled_settled": "{n} 次重复后已可判定（随机种子 {seed}：与 -n {m} 相同）",
    "cli_settled_ceiling": "到达上限 {n} 次重复仍不能判定（{k} 项生命安全检查；随机种子 {seed}：与 -n {m} 相同）",
    "cli_settled_too_close": "{n} 次重复后停止：余下 {k} 项生命安全检查过于接近允许的尾部，实际上无法判定（随机种子 "
                             "{seed}：与 -n {m} 相同）",
    "cli_wrote_run": "已写入 {n} 个文件到 {out}/（report.pdf、scorecard.json、outcomes.csv、figures/{extra}）",
    "cli_season_line": "随机种子 {seeds} · {reps} 次重复 · {runs} 次运行 · {where}",
    "cli_season_line_seeds": "随机种子 {seeds} · {reps} 次重复 · {runs} 次运行 · {where}",
    "cli_season": "汛期演练 {id}：未收到预警、水到达前收到预警、未被水困、被水困住、预期死亡（平均值），"
                  "安全裕度第 5 百分位（中位数）",
    "cli_col_run": "运行",
    "cli_col_unwarned": "未预警",
    "cli_col_warned": "收到预警",
    "cli_col_safe": "未被水困",
    "cli_col_caught": "被水困住",
    "cli_col_season_deaths": "死亡",
    "cli_col_margin": "裕度",
    "cli_col_decided": "评级（决定因素）",
    "cli_season_grade": "未预警：每次重复中任何渠道和来水都未警示到的人数（均值）。评级：各次运行不计单一故障的总评级"
                        "（单一故障稳健性 M6 未评估）。",
    "cli_wrote_season": "已写入 {n} 个文件到 {out}/（report.pdf、season.json、figures/）",
    "cli_season_unsettled": "尚不能判定：{total} 次运行中有 {k} 次的评级取决于其重复次数尚不能判定的生命安全检查"
                            "（report.pdf 的各运行页列出具体项目）：",
    "cli_rec_head": "预案 {plan} v{version} · 随机种子 {seed} · 每个预案 {n} 次重复 · 预算 {budget:g} · {where}",
    "cli_evaluating": "正在评估预案",
    "cli_writing": "正在写报告",
    "cli_grades": "评级（各次重复的尾部值；标 [P] 的分档为本项目自定）",
    "cli_before": "修订前",
    "cli_after": "修订后",
    "cli_gate_ok": " 门槛满足",
    "cli_gate_fail": " 门槛未满足",
    "cli_overall": "总评",
    "cli_overall_cell": "{label} 得分 {score:.1f}（不足项 {d} 项）",
    "cli_overall_both": "总评（不计 {metrics}）",
    "out_of_reach_dam": (
        "任何预警方面的修订都无法在水到达 {place} 之前通知到那里的人员（水在{after}后中位数 {lead} 到达）：只有溃坝之前"
        "即满足的触发条件（在线监测的渗流、位移或库水位），或将人员迁出 {place}，才能保护他们。"
    ),
    "out_of_reach": (
        "任何预警方面的修订都无法在水到达 {place} 之前通知到那里的人员（水在{after}后中位数 {lead} 到达）：只有更早满足"
        "的触发条件，或 {place} 无人停留，才能保护他们。"
    ),
    "no_way": (
        "修订后的预案中，{place} 的人员在情景开始后（中位数）{dep} 动身，没有任何步行路线能比水早至少 {safety} 到达"
        "{dest}：改变路线无济于事，只有更早动身才能保护他们。"
    ),
    "no_way_miner": "地面或避难硐室",
    "no_way_resident": "集合点",
    "after_breach": "溃坝",
    "after_first_trigger": "首个触发条件满足",
    "graded_for_one": (
        "{metric} 仅对 {graded} 评级（{other} 为 –，{why}）：总评一行只对 {graded} 计入其评估发现，两者不可直接比较；"
        "“总评（不计 …）”一行对两个预案均不计 {metric}"
    ),
    "why_not_assessed": "未评估",
    "why_not_assessable": "不可评估：无任何故障时即未满足 M2 和 M3",
    "why_not_applicable": "不适用",
    "cli_grades_note": (
        "† 尚不能判定：在此重复次数下，未满足该门槛的重复比例尚不能与评分所允许的 5 % 尾部区分开（从未失败的门槛需 59 "
        "次重复）；`drill run` 会给出判定所需的重复次数"
    ),
    "cli_top_findings": "主要评估发现（共 {total} 项）",
    "cli_revisions": "预案修订，按效果排序（配对差值，95 % 置信区间）",
    "cli_col_cost": "成本",
    "cli_col_verdict": "结论",
    "cli_col_verdict_objective": "结论（搜索目标）",
    "cli_col_unsafe": "Δ 未安全人数",
    "cli_col_late": "Δ 迟到预警人数",
    "cli_col_objective": "Δ 搜索目标",
    "cli_under": "（在单一故障 {fault} 下）",
    "cli_more_revisions": "… 另有 {n} 项，见 recommendations.md",
    "cli_on_paper": ("{label} {title} · 成本 {cost:g} · 书面修订：按规定要求的更正，不论预算多少都须采用，"
                     "并非因模拟效果而选"),
    "cli_wrote_rec": "{summary}；已写入 {names} 到 {out}/",
    "cli_cmp_running": "正在运行两个预案",
    "cli_cmp_seed_line": "随机种子 {seed} · {n} 次配对重复 · {where}",
    "cli_cmp_diffs": "相同随机数下的差值 B − A（平均值，95 % 置信区间；时间为“时:分:秒”，比例之差以百分点 pp 计）",
    "cli_wrote_cmp": "已写入 {names} 到 {out}/",
    "progress_baseline": "基准模拟：{n} 次重复",
    "progress_faults": "单一故障：最多 {faults} 个，每个 {n} 次重复",
    "progress_trying": "正在试验修订 {candidate}",
    "progress_search": "正在预算内寻找最佳的修订组合",
    "progress_revised": "正在评级修订后的预案",
    "verdict_better": "改善",
    "verdict_worse": "变差",
    "verdict_negligible": "可忽略",
    "verdict_no_significant_change": "无显著变化",
    "verdict_no_change": "无变化",
    "verdict_invalid": "无效",
    "rec_spent": "已用预算 {spent:g}／{budget:g}",
    "rec_spent_over": "已用 {spent:g}，超出预算 {budget:g}：按规定要求的更正不论预算多少都须采用",
    "rec_none": "修订后的预案未含修订（预算内没有修订能改善预案）；{spent}",
    "hdr_revised": ("# 由 `drill recommend`（drill {version}）据 {plan} 修订：情景 {scenario}，随机种子 {seed}，"
                    "{n} 次重复。"),
    "hdr_evidence": ("# 下列修订凡未标“书面修订”的，均已在与所修订预案相同的随机数下重新模拟；\n"
                     "# 证据（配对差值及其 95 % 置信区间）见 recommendations.md。"),
    "hdr_budget": "# 预算 {budget:g} 个成本单位〔本项目自定成本〕，已用 {spent:g}",
    "hdr_over": "，超出预算：按规定要求的更正不论预算多少都须采用。",
    "hdr_end": "。",
    "hdr_paper": "，书面修订：按规定要求，并非因模拟效果而选",
    "hdr_item": "#   {label} {revision}（成本 {cost:g}{how}）：{title}",
    "hdr_unchanged": "#   （预算内没有修订能改善预案：以下预案未作改动）",
    "rec_proved": "{labels} 经重新模拟证实",
    "rec_under": "{label}（在 {fault} 下）",
    "rec_none_proved": "预算内没有经重新模拟证实的修订",
    "rec_on_paper": "{labels} 为书面修订（按规定要求的更正，并非因模拟效果而选）",
    "rec_one": "修订后的预案含 1 项修订：{parts}；{spent}",
    "rec_many": "修订后的预案含 {n} 项修订：{parts}；{spent}",
    "rec_part_sep": "；",
    # ---- recommendations.md
    "md_title": "# 预案修订：{plan} v{version}",
    "md_head": "情景 **{title}**（{id}）· 场所 {site} · 随机种子 {seed} · 每个预案 {n} 次重复 · 单一故障每个 "
               "{faults} 次重复 · drill {version}。",
    "md_method": (
        "下列每项修订均以原预案的随机种子重新模拟：两个预案的第 *r* 次重复遇到相同的人员、来水和通讯渠道随机情况，"
        "因此每项效果都是配对差值，附 Student-t 95 % 置信区间。评级取最差的 5 % 重复。标 [P] 的阈值为本项目自定"
        "（无标准规定）；成本为本项目自定的成本单位。"
    ),
    "md_grade": "## 评级",
    "md_findings": "## 现行预案的评估发现",
    "md_col_metric": "指标",
    "md_before": "修订前",
    "md_after": "修订后",
    "md_gate_ok": " 门槛满足",
    "md_gate_fail": " 门槛未满足",
    "md_overall": "| **总评** |",
    "rev_overall": "总评",
    "rev_overall_cell": "{label} 得分 {score:.1f}；不足项 {d} 项，整改项 {m} 项",
    "rev_grades": "修订前后预案的评级",
    "rev_trials": "所试的全部修订",
    "rev_trials_intro": ("drill recommend 按尝试顺序重新模拟的每项修订（与当时的预案相比）：按搜索目标判定的"
                         "结论，以及未安全人数、迟到预警人数和搜索目标本身的配对差（修订后 − 修订前，95 % 置信区间）；"
                         "其他指标见 recommendations.md。"),
    "rev_trial_under": "（在 {fault} 下）",
    "col_cost": "成本",
    "col_verdict": "结论",
    "col_d_unsafe": "Δ 未安全人数",
    "col_d_late": "Δ 迟到预警人数",
    "col_d_objective": "Δ 搜索目标",
    "col_chosen": "选用",
    "md_overall_both": "| **总评（不计 {metrics}）** |",
    "md_overall_cell": " **{label}** 得分 {score:.1f}；不足项 {d} 项，整改项 {m} 项 |",
    "md_finding": "{k}. **{cls}** · {metric} — {title}",
    "md_evidence": "   - 证据：{text}",
    "md_requirement": "   - 要求：{text}",
    "md_clause": "   - 预案条款：`{text}`",
    "md_addressed": "   - 对应修订：{text}",
    "md_outside": "—（不在预案范围内：需工程整改或记录数据）",
    "md_bn": "## 瓶颈",
    "md_bn_late": "谁迟收到或始终未收到预警，原因何在（{n} 次重复合计的人次；原因按检验顺序排列）。迟到只计洪水先于撤离"
                  "命令到达的人；始终未收到撤离命令计该地点所有未先由撤离命令预警的人（无任何预警，或先看到来水），不论洪水"
                  "是否到达，因此可多于迟到：",
    "md_bn_late_cols": "| 地点 | 水平或区域 | 人数 | 迟到 | 涉及重复次数 | 始终未收到撤离命令（不论洪水是否到达） | "
                       "原因 | 覆盖该地点的通讯渠道 |",
    "md_none": "无",
    "md_bn_roles": "首个触发条件满足到下达命令之间，谁的决策耗时：",
    "md_bn_roles_cols": "| 岗位 | 步骤 | 命令 | 中位数 | P95 | 重复次数 | 不在岗次数 |",
    "md_bn_unsafe": "水到来时谁未处于安全地点，水在何处困住他们：",
    "md_bn_unsafe_cols": "| 地点 | 水平或区域 | 撤离路线 | 人次 | 重复次数 | 被困地点 | 原因 |",
    "md_bn_queues": "何处排队（各次重复的 P95）：",
    "md_bn_queues_cols": "| 位置 | 类型 | 排队人数 P95 | 说明 |",
    "md_cage": "罐笼",
    "md_cage_note": "平均等待 {wait}（各次重复的中位数），利用率 {busy:.0%}（P95）",
    "md_queue_note": "{n} 次重复中出现排队",
    "md_people": "{n:.0f} 人",
    "md_capacity": "容量 {n}",
    "md_ranked": "## 预案修订，按效果排序（预算 {budget:g}，已用 {spent:g}）",
    "md_ranked_cols": "| # | 修订 | 成本 | 单一故障 | 结论（搜索目标） | Δ 未安全人数 | Δ 迟到预警人数 | Δ 搜索目标 | "
                      "修订后的预案 |",
    "md_invalid": "无效：{error}",
    "md_verdicts": (
        "结论按搜索目标（Δ 搜索目标）判定：某项修订即使使未安全人数或迟到预警人数显著变化，若搜索目标的其他各项"
        "反向变化，结论仍可能为*无显著变化*或*变差*（各项权重见“阈值及其来源”）。"
        "结论为*无变化*，表示每对重复的结果完全相同：该修订在本情景中不起作用。*无显著变化*表示 95 % 置信区间包含"
        "零；*可忽略*表示显著，但每次重复、每个成本单位不足百分之一人（或一分钟预警）[P]。仅在先前选定修订基础上试验的"
        "修订（由修订后预案自身的瓶颈发现）与该修订后的预案比较。"
    ),
    "md_chosen": "## 选定的修订",
    "md_chosen_none": "预算内没有修订能显著改善预案；修订后的预案未作改动。",
    "md_chosen_one": "- **R{k}** {title}（成本 {cost:g}{proved}）；{basis}：搜索目标 {ci}。对应评估发现：{answers}。",
    "md_answers_finding": "第 {k} 项",
    "md_answers_findings": "第 {ks} 项",
    "md_answers_revised": "修订后预案的第 {k} 项",
    "md_proved_under": "，在单一故障 {fault} 下证实",
    "md_static_one": ("- **R{k}** {title}（成本 {cost:g}；按规定要求的书面修订，不论预算多少都须采用，"
                      "并非因模拟效果而选）。对应评估发现：{answers}。"),
    "md_list_sep": "、",
    "md_steps": ("各选定修订按选定顺序在先前所选修订之上带来的变化：R1 与现行预案比较，R2 与含 R1 的预案比较，依此类推"
                 "（即选中该修订、以相同随机数进行的那次试验），最后为全部修订合计；每行列出其改进最大的指标："),
    "md_steps_cols": "| 修订 | 指标 | 修订前 | 修订后 | 差值，95 % 置信区间 |",
    "md_combined": "全部选定修订合并后与现行预案比较（无故障）：",
    "md_combined_under": "在单一故障 {fault} 下的同一比较：",
    "md_diff_cols": "| 指标 | {a} | {b} | 差值，95 % 置信区间 | 结论 |",
    "caught_note": "被水困住的人数上升，而预期死亡人数没有上升：该数计入洪水在途中或在家中底层找到的人，"
                   "但不计楼上避险的人，也不计仍在家中、水太浅未能困住的人；人员在这几类之间转移，可使其上升而死亡不增加。"
                   "预期死亡人数按洪水找到每个人时的处境（致死率规则）计入所有被洪水找到的人：两者应一并阅读。",
    "capped_note": "为使两个预案逐次重复相减，未达到的时间按演练时长（{duration}）计，有人不安全时的最小安全余量"
                   "按其负值计：全部重复均如此时写作“从未”或“有人未到达安全地点”，部分重复如此的平均值标 ‡。",
    "md_baseline": "现行预案",
    "md_revised": "修订后",
    "md_revised_plan": "## 修订后的预案",
    "md_revised_intro": "`{name}`（已用与 `drill validate` 相同的加载程序校验）；与原预案的差异见 `{diff}`。"
                        "其评估发现：",
    "md_thresholds": "## 阈值及其来源",
    "md_min": "分钟",
    "md_band_sep": "，",
    "md_m1": "- M1 撤离命令时滞（P95）：{bands}",
    "md_m2": "- M2 门槛：至少 95 % 的重复中全部有风险人员在水到达前收到撤离命令（2023 年《意见》）；等级按命令下达后"
             "最后一人收到命令的时间（P95）：{bands}",
    "md_m3": "- M3 门槛：至少 95 % 的重复中无人被水困住或留在水的去路上（AQ 2033-2011 4.2、4.6）；等级按最小安全裕度"
             "（P5）：{bands}",
    "md_m4": ("- M4 县级报告在预案时限和 1 小时内（《生产安全事故报告和调查处理条例》第九条）；触发报告在 {limit:g} "
              "分钟内 [P]"),
    "md_m5": "- M5 步骤按时完成比例（P5）：{bands}",
    "md_m6": "- M6 门槛：没有单一故障使 M2/M3 不满足或显著变差（AQ/T 2052-2016 5.4.3；AQ/T 9009 4.6）；等级按最后一人"
             "收到预警时间的增幅：{bands}",
    "md_overall_rule": (
        "- 总评得分 S = 25 % M2 + 25 % M3 + 15 % M1 + 10 % M4 + 15 % M5 + 10 % M6（A 100，B 85，C 70，D 40），"
        "只计适用的指标；优秀 ≥ 90 且无不足项、整改项不超过 2 项，良好 ≥ 80，一般 ≥ 65，低于此为差；有任何不足项即"
        "评为差 [P]"
    ),
    "md_objective": "- 修订搜索的目标函数 [P]：{weights}",
    "md_weight": "{term} × {w:g}",
    "md_weight_min": "{term}（每分钟）× {w:g}",
    "md_cmp_title": "# 预案比较：{a}与 {b}",
    "md_cmp_plan": "{k}（{name}）",
    "md_cmp_head": "情景 **{title}** · 随机种子 {seed} · {n} 次配对重复（两个预案使用相同的随机数）· drill {version}。",
    "md_cmp_grades": "## 评级",
    "md_cmp_diffs": "## 配对差值（B − A）",
    "md_cmp_findings": "## 预案 {k} 的评估发现",
}

#: Scorecard metric labels in Chinese that depend on who is in the drill, by their English label (the scorecard's
#: SAFE_LABELS): the share safe names only the places of safety the drill has, as the English does; and on its
#: hoists (CAGES_LABELS).
LABEL_ZH: dict[str, str] = {
    "Safe (on the surface or in a refuge)": "到达安全地点的比例（地面或避险硐室）",
    "Safe (at an assembly point)": "到达安全地点的比例（集合点）",
    "Safe (surface, refuge or assembly point)": "到达安全地点的比例（地面、避险硐室、集合点）",
    # the cage metrics where the mine has more than one hoist (the scorecard's CAGES_LABELS)
    "Cage utilisation, the busiest cage (evacuation window)": "罐笼利用率，最繁忙的罐笼（撤离时段）",
    "Longest cage queue in a replication, at any cage (people waiting)": "每次重复中罐笼最长排队人数（任一罐笼）",
}

#: Scorecard metric labels in Chinese, by metric key (English labels come from the scorecard itself).
METRIC_ZH: dict[str, str] = {
    "order_s": "井下撤离命令下达",
    "downstream_order_s": "下游撤离命令下达",
    "t90_warned_s": "90 % 人员收到撤离命令",
    "t100_warned_s": "全部人员收到撤离命令",
    "share_warned_before_water": "水到达前收到撤离命令的比例",
    "t_all_safe_s": "全部人员到达安全地点",
    "share_safe": "到达安全地点的比例（地面、避险硐室、集合点）",
    "share_safe_before_water": "未被水困的比例",
    "margin_min_s": "安全裕度，最小",
    "margin_p5_s": "安全裕度，第 5 百分位",
    "caught": "被水困住的人数",
    "sheltering": "楼上避险人数（非安全地点）",
    "expected_fatalities": "预期死亡人数",
    "cage_utilisation": "罐笼利用率（撤离时段）",
    "cage_max_queue": "每次重复中罐笼最长排队人数",
    # paired metrics of drills.experiment.paired (revisions' before and after)
    "objective": "搜索目标 [P]：未安全人数 + 每名迟到预警者计 ¼ + …",
    "unsafe": "水到达前未到达安全地点的人数",
    "late_warned": "水到达后才收到预警或从未收到预警的人数",
    "turned_back": "途中遇水折返的人数",
    "t100_after_order_s": "命令下达后最后一人收到预警",
    "order_latency_s": "首个触发条件满足后下达命令",
    "entered_during_red": "红色预警期间下井人数",
    "steps_failed": "未按时完成的预案步骤数",
}

#: The graded metrics' names in Chinese (drills.experiment.grading words them in English).
GRADED_ZH: dict[str, str] = {"M1": "预警触发时滞", "M2": "通知覆盖", "M3": "疏散安全裕度", "M4": "报告合规",
                             "M5": "预案执行符合度", "M6": "单一故障稳健性", "M7": "法规检查", "M8": "预案完整性"}

#: The overall grades in Chinese with what they mean (AQ/T 9009 达到 / 基本达到 / 未达到).
GRADES_ZH: dict[str, str] = {"优秀": "优秀（达到预期目标）", "良好": "良好（达到）", "一般": "一般（基本达到）",
                             "差": "差（未达到：修订预案后重新演练）"}

#: Names of channel types, outcomes and event kinds in Chinese.
TERMS_ZH: dict[str, str] = {
    "mine_pa": "井下广播（扩播）",
    "cap_lamp_paging": "矿灯寻呼",
    "station_phones": "车场电话",
    "leaky_feeder": "漏泄通信",
    "stench_gas": "臭味剂",
    "runner": "派人通知",
    "siren": "警报器",
    "village_loudspeaker": "村村响广播",
    "sms": "短信／小区广播",
    "phone_tree": "电话逐级通知",
    "door_to_door": "入户通知",
    "loudspeaker_vehicle": "广播车",
    "drift": "平巷",
    "ramp": "斜坡道",
    "incline": "斜井",
    "ladderway": "梯子间",
    "shaft": "竖井",
    "road": "道路",
    "footpath": "小路",
    "red": "红色",
    "orange": "橙色",
    "yellow": "黄色",
    "blue": "蓝色",
    "surface": "地面",
    "refuge": "避险硐室",
    "assembly": "集合点",
    "assembly_point": "集合点",
    "sheltered": "楼上避险",
    "caught": "被水困住",
    "underground": "仍在井下",
    "in_place": "留在原地",
    "kept_out": "未下井（禁止入井）",
    "water_depth_m": "水深（m）",
    "inrush_inflow_m3ph": "突水涌水量（m³/h）",
    "elapsed_s": "开始后时间（s）",
    "dam_breach": "溃坝",
    "met_warning": "气象预警",
    "monitoring_level": "在线监测预警等级",
    "mine_inflow_change": "矿井涌水量变化（占正常涌水量的比例）",
    "rainfall_24h_mm": "24 小时降雨量（mm）",
    "overtopping": "库水位达坝顶",
    "in_open": "室外",
    "in_vehicle": "车内",
    "in_building": "家中（底层）",
    "upper_floor": "楼上避险",
    "add_battery": "备用电池",
    "extend_coverage": "扩大渠道覆盖",
    "move_siren": "迁移警报器",
    "add_siren": "增设警报器",
    "add_channel": "增设通讯渠道",
    "add_door_to_door": "入户通知小组",
    "lower_threshold": "降低触发阈值",
    "pre_authorise": "预先授权撤离命令",
    "add_order": "补充撤离命令",
    "make_automatic": "自动预警",
    "delegate_order": "下放撤离命令权限",
    "name_backup": "指定替补",
    "change_route": "更换撤离路线",
    "ladderway_route": "经梯子间撤离",
    "add_refuge": "增加避险硐室座位",
    "hoist_priority": "罐笼停靠顺序",
    "change_assembly_point": "更换集合点",
    "stop_entry_earlier": "提前停止入井",
    "add_report_deadline": "报告时限",
}

#: English names of the outcomes and channel types where the identifier is not plain English.
TERMS_EN: dict[str, str] = {
    "kept_out": "kept out of the mine",
    "in_place": "stayed in place",
    "mine_pa": "mine PA",
    "cap_lamp_paging": "cap-lamp paging",
    "station_phones": "station phones",
    "leaky_feeder": "leaky-feeder radio",
    "stench_gas": "stench gas",
    "village_loudspeaker": "village loudspeaker",
    "sms": "SMS / cell broadcast",
    "phone_tree": "phone tree",
    "door_to_door": "door to door",
    "loudspeaker_vehicle": "loudspeaker vehicle",
    # revision kinds (drills.experiment.revisions.KINDS)
    "add_battery": "backup battery",
    "extend_coverage": "wider channel coverage",
    "move_siren": "move a siren",
    "add_siren": "new siren",
    "add_channel": "new channel",
    "add_door_to_door": "door-to-door team",
    "lower_threshold": "lower trigger threshold",
    "pre_authorise": "pre-authorised order",
    "add_order": "missing evacuation order",
    "make_automatic": "automatic warning",
    "delegate_order": "delegate the order",
    "name_backup": "name a backup",
    "change_route": "new route",
    "ladderway_route": "route by the ladderway",
    "add_refuge": "refuge seats",
    "hoist_priority": "cage station order",
    "change_assembly_point": "other assembly point",
    "stop_entry_earlier": "stop entry earlier",
    "add_report_deadline": "report deadline",
    # where the water found people (PersonRecord.situation)
    "in_open": "in the open",
    "in_vehicle": "in a vehicle",
    "in_building": "at home, ground floor",
    "upper_floor": "sheltering upstairs",
    # trigger quantities (plan.warning.triggers[].quantity)
    "water_depth_m": "water depth (m)",
    "inrush_inflow_m3ph": "inrush inflow (m³/h)",
    "elapsed_s": "time after the start (s)",
    "dam_breach": "dam breach",
    "met_warning": "weather warning",
    "monitoring_level": "online monitoring level",
    "mine_inflow_change": "change of the mine inflow (share of its usual flow)",
    "rainfall_24h_mm": "24-hour rainfall (mm)",
    "overtopping": "pond at the dam crest",
}

#: Drill event texts (English, from the model) → Chinese; ``{0}``, ``{1}`` are the groups, warning
#: colours among them translated.
EVENT_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^water at (.+)$", "水到达 {0}"),
    (r"^(\d+) sent from (\S+) to (\S+): the cage could not lift them before the water$",
     "{0} 人由 {1} 改去 {2}：罐笼来不及在车场被淹前将其提升"),
    (r"^sent from (\S+) to (\S+): the cage could not lift them before the water$",
     "有人由 {0} 改去 {1}：罐笼来不及在车场被淹前将其提升"),
    (r"^(\d+) turned back on the way from (\S+) to (\S+): the water closed the way$",
     "{0} 人在由 {1} 前往 {2} 途中遇水折返：通路已被水淹"),
    (r"^turned back on the way from (\S+) to (\S+): the water closed the way$",
     "有人在由 {0} 前往 {1} 途中遇水折返：通路已被水淹"),
    (r"^inrush at (.+)$", "{0} 突水"),
    (r"^(.+) met \((\w+)\)$", "触发条件 {0} 满足（{1}）"),
    (r"^(.+) declares (\w+)$", "{0} 宣布{1}预警"),
    (r"^(.+) absent$", "{0} 不在岗"),
    (r"^nobody to decide on (.+)$", "无人对 {0} 作出决策"),
    (r"^nobody to carry out (.+)$", "无人执行 {0}"),
    (r"^nobody with the authority to give (.+)$", "无人有权下达 {0}"),
    (r"^(.+) may not order an evacuation$", "{0} 无权下达撤离命令"),
    (r"^(\w+) declared automatically by (.+)$", "{1} 自动宣布{0}预警"),
    (r"^(.+) cannot send \(down, no power or no network\)$", "{0} 无法发出（故障、停电或无网络）"),
    (r"^(.+): stopped \(no network or no power\)$", "{0}：停止（无网络或停电）"),
    (r"^(.+): waits at (\S+) for the cage (\S+), which is stopped$", "{0}：在 {1} 等候停运的罐笼 {2}"),
    (r"^(.+) could not reach (\S+): the water closes its way there from (\S+), and no other way is open$",
     "{0} 无法到达 {1}：从 {2} 去该处的通路被水淹，且没有其他通路"),
    (r"^(.+) could not reach (\S+): a cut passage closes its way there from (\S+), and no other way is open$",
     "{0} 无法到达 {1}：从 {2} 去该处的通路中断，且没有其他通路"),
    (r"^(.+) could not set out from (\S+): the water there is too deep for it$",
     "{0} 无法从 {1} 出发：该处水深已无法通行"),
    (r"^(.+) could not set out from (\S+): every way out of it is closed by the water$",
     "{0} 无法从 {1} 出发：由该处外出的通路均被水淹"),
    (r"^(.+) could not set out from (\S+): every way out of it is cut$",
     "{0} 无法从 {1} 出发：由该处外出的通路均已中断"),
    (r"^(.+) could not set out from (\S+): every way out of it is closed by the water or cut$",
     "{0} 无法从 {1} 出发：由该处外出的通路均被水淹或中断"),
    (r"^(.+) could not go on from (\S+): the water there is too deep for it$",
     "{0} 无法从 {1} 继续前行：该处水深已无法通行"),
    (r"^(.+) stopped knocking at (\S+): the water there is too deep for it$",
     "{0} 在 {1} 停止入户通知：该处水深已无法通行"),
    (r"^(.+) went underground while the no-entry rule held$", "{0} 在禁止入井期间下井"),
    (r"^refuge (.+) flooded$", "避险硐室 {0} 被淹"),
    (r"^mains_power$", "市电停电"),
    (r"^mobile_network$", "移动网络中断"),
    (r"^monitoring_down$", "在线监测中断"),
    (r"^channel_down: (.+)$", "{0} 故障"),
    (r"^link_cut: (.+)$", "{0} 通路中断"),
    (r"^role_absent: (.+)$", "{0} 不在岗"),
    (r"^sensor_failed: (.+)$", "传感器 {0} 失效"),
    (r"^hoist_out: (.+)$", "{0} 停运"),
    (r"^evacuation order \(underground\) given by (.+)$", "{0} 下达井下撤离命令"),
    (r"^evacuation order \(downstream\) given by (.+)$", "{0} 下达下游撤离命令"),
    (r"^evacuation order given by (.+)$", "{0} 下达撤离命令"),
    (r"^evacuation order \(underground\) passed on by (.+): (.+)$", "{0} 转达井下撤离命令：{1}"),
    (r"^evacuation order \(downstream\) passed on by (.+): (.+)$", "{0} 转达下游撤离命令：{1}"),
    (r"^evacuation order \(scenario\)$", "撤离命令（情景设定）"),
    (r"^entry underground stopped by (.+)$", "{0} 下令停止入井"),
    (r"^rainstorm (\w+) warning issued$", "气象部门发布暴雨{0}预警"),
    (r"^online monitoring at (\w+)$", "在线监测达到{0}预警"),
    (r"^pond reaches the dam crest$", "库水位达到坝顶"),
    (r"^river over the mine entrance$", "河水漫过井口"),
    (r"^dam breach$", "尾矿坝溃决"),
    (r"^(.+) breaches$", "{0} 溃决"),
    (r"^(.+) failed$", "{0} 故障"),
    (r"^(.+) on$", "{0} 启动"),
    (r"^(.+) off$", "{0} 停止"),
    (r"^notify_county by (.+)$", "{0} 报告县级应急管理部门"),
    (r"^notify_township by (.+)$", "{0} 通知乡镇"),
    (r"^notify_village_heads by (.+)$", "{0} 通知村干部"),
    (r"^evacuate_underground by (.+)$", "{0} 组织井下撤离"),
    (r"^evacuate_downstream by (.+)$", "{0} 组织下游撤离"),
    (r"^stop_entry by (.+)$", "{0} 下令停止入井"),
)
COLOURS = ("red", "orange", "yellow", "blue")
#: A season run's settings as drills.inputs.suite words them (storm, shifts going underground, a fault's start) →
#: Chinese, applied in turn: "50-year" → "50 年一遇", "night at 20:00 (+14:00:00)" → "night 班次 20:00 入井
#: （+14:00:00）", "mains_power from 21:30 (+3:30:00) for 1:00:00" → "mains_power，21:30 起（+3:30:00），持续 1:00:00".
SETTING_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^none$", "无"),
    (r"\b(\d+(?:\.\d+)?)-year\b", r"\1 年一遇"),
    (r"(\S+) at (\d\d:\d\d) \(\+([\d:]+)\)", r"\1 班次 \2 入井（+\3）"),
    (r" from (\d\d:\d\d) \(\+([\d:]+)\)", r"，\1 起（+\2）"),
    (r" for ([\d:]+)$", r"，持续 \1"),
    (r"）, ", "）；"),
)


class Progress(Protocol):
    """Told what a long run is doing, as a phrase of :data:`EN` and its facts, so that the experiment names no
    language and the command words it in its own: ``progress("progress_baseline", n=60)`` is shown as
    ``t("progress_baseline", n=60)``."""

    def __call__(self, key: str, /, **facts: Any) -> None: ...


#: the plural the English phrases write after a count ("{n} replications", "covers {n} places"), where the count
#: is one; not after a decimal ("0.1 places"), a longer number ("21 runs") or in a product ("2 × 1 runs")
_ONE_OF = re.compile(r"(?<![\d.,])(?<!× )1 (replication|person-replication|place|file|run|time|revision|point|"
                     r"worker|core|resident)s\b")
#: the one plural that is not the singular with an s: "{n} people" of one person
_ONE_PERSON = re.compile(r"(?<![\d.,])(?<!× )1 people\b")


class Text:
    """The phrases of one language.

    Args:
        lang: "en" or "zh".
    """

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
        self.lang = lang
        self._table = ZH if lang == "zh" else EN

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    def __call__(self, key: str, **fmt: Any) -> str:
        text = self._table.get(key, EN[key])
        if not fmt:
            return text
        said = fill(text, **fmt)
        return said if self.zh else _ONE_PERSON.sub("1 person", _ONE_OF.sub(r"1 \1", said))

    def value(self, value: float, unit: str) -> str:
        """A metric value as :func:`drills.experiment.units.fmt_value` writes it, "never" in this language."""
        out = fmt_value(value, unit)
        return self("never") if out == "never" else out

    def metric(self, key: str, label: str) -> str:
        """The label of a scorecard metric (``label`` is the scorecard's English one)."""
        return LABEL_ZH.get(label, METRIC_ZH.get(key, label)) if self.zh else label

    def graded(self, metric: str, name: str) -> str:
        """The name of a graded metric (M1 … M8; ``name`` is the grading's English one)."""
        return GRADED_ZH.get(metric, name) if self.zh else name

    def grade(self, label: str) -> str:
        """An overall grade as the scoring step words it ("差 (poor — 未达到: …)", or just "差"), in this
        language: in Chinese with what it means, from its first word."""
        return GRADES_ZH.get(label.split(" ")[0], label) if self.zh else label

    def term(self, word: str) -> str:
        """A channel type, outcome or warning level."""
        return TERMS_ZH.get(word, word) if self.zh else TERMS_EN.get(word, word)

    def event(self, what: str) -> str:
        """A drill event's description."""
        if not self.zh:
            return what
        for pattern, template in EVENT_PATTERNS:
            m = re.match(pattern, what)
            if m:
                return template.format(*(TERMS_ZH[g] if g in COLOURS else g for g in m.groups()))
        return what

    def setting(self, value: str) -> str:
        """A season run's setting as the suite loader words it (a storm, the shifts going underground, a fault and
        its start), in this language."""
        if not self.zh:
            return value
        for pattern, replacement in SETTING_PATTERNS:
            value = re.sub(pattern, replacement, value)
        return value

    def kind(self, kind: str) -> str:
        """An event kind (hazard, trigger, order …)."""
        key = f"kind_{kind}"
        return self(key) if key in EN else kind

    def finding_counts(self, d: int, m: int, i: int) -> dict[str, Any]:
        """The facts of a line counting findings by class (grade_scored, grade_capped, cli_grade): in English
        each count with its noun, singular for one ("1 deficiency", "2 improvements"); in Chinese the counts
        (the phrase puts 项 after them)."""
        if self.zh:
            return {"d": d, "m": m, "i": i}
        return {"d": f"{d} {'deficiency' if d == 1 else 'deficiencies'}", "m": m,
                "i": f"{i} {'improvement' if i == 1 else 'improvements'}"}

    def words(self, key: str, site: str, **fmt: Any) -> str:
        """A phrase in the words of the drill's site (:attr:`~drills.experiment.scorecard.Scorecard.site`): the
        key ending ``_mine`` (a mine's levels), ``_valley`` (a valley's places) or ``_both``, which also serves a
        site not known."""
        return self(f"{key}_{site if site in ('mine', 'valley') else 'both'}", **fmt)

    def zones_note(self, card: Any) -> str:
        """The note under the table by level or place: the order of its rows, then a later shift kept on the
        surface, which the table leaves out (:meth:`kept_out`)."""
        site = getattr(card, "site", "both")
        return " ".join(x for x in (self.words("zones_order", site), self.kept_out(card.zones)) if x)

    def kept_out(self, zones: Iterable[Any]) -> str:
        """The note under the table by level and place: a later shift kept on the surface, which the table leaves
        out, by level (:attr:`~drills.experiment.scorecard.ZoneSummary.kept_out`); "" if nobody was kept out."""
        kept = [self("zone_kept", zone=self.zone(z.zone), k=z.kept_out) for z in zones if z.kept_out]
        return self("zones_kept_out", levels=self("list_sep").join(kept)) if kept else ""

    def fatality_parts(self, card: Any) -> str:
        """The expected fatalities by how the people ended (caught, sheltering upstairs, downstairs at home), or ""
        where all of them are among the people caught (the two scorecard rows then tell the whole story)."""
        by = getattr(card, "fatalities_by_outcome", {})
        if not any(v >= 0.05 for k, v in by.items() if k != "caught"):
            return ""
        parts = [self(f"fat_{k}", v=f"{v:.1f}") for k, v in by.items() if k == "caught" or v >= 0.05]
        return self("list_sep").join(parts)

    def fatalities_from(self, card: Any) -> str:
        """The note under the scorecard: where the expected fatalities come from, when not all of them are among
        the people caught (so that more deaths than people caught reads as what it is); "" otherwise."""
        parts = self.fatality_parts(card)
        if not parts:
            return ""
        s = card.get("expected_fatalities")
        return self("fatalities_from", total=f"{s.mean:.1f}", parts=parts)

    def settle_span(self, span: tuple[int, int | None] | None, fallback: int | None = None) -> str:
        """About how many replications would settle the unsettled checks (the scorecard's ``settle_span``: fewest,
        most or None), as a range: "about 41 to 860", "at least about 41, …"; ``fallback`` (the estimate at the
        shares observed) alone where no range was made."""
        from drills.experiment.tail import about  # the rounding the notes use

        if span is None:
            return self("settle_span_one", low=about(fallback)) if fallback else ""
        low, high = span
        if high is None:
            if not fallback or about(fallback) == about(low):
                return self("settle_span_open_same", low=about(low))
            return self("settle_span_open", low=about(low), n=about(fallback))
        if about(low) == about(high):
            return self("settle_span_one", low=about(low))
        return self("settle_span", low=about(low), high=about(high))

    def settle_ceiling(self, card: Any) -> int | None:
        """The ``N`` of ``--until-settled N`` to suggest: the most replications the range asks for, else the
        estimate at the shares observed."""
        span = getattr(card, "settle_span", None)
        return span[1] if span is not None and span[1] is not None else card.settle_with

    def margin(self, value: float, duration_s: float | None = None) -> str:
        """A safety margin: "not all safe" when someone was caught or left in the water's way (-inf); "≥ the
        drill's length" when no water reached them within the drill (their margin is capped there: a lower bound,
        not a measurement); else the margin itself."""
        if value == -math.inf:
            return self("margin_not_all")
        if duration_s is not None and math.isfinite(value) and value >= duration_s:
            return self("at_least", v=self.value(duration_s, "s"))
        return self.value(value, "s")

    def margin_range(self, low: float, high: float, duration_s: float | None = None) -> str:
        """A safety margin's confidence interval; one bound when both ends are the drill's length (no water
        reached anyone counted within the drill: there is no interval of a measurement to give)."""
        if math.isnan(low) or math.isnan(high):
            return "–"
        if duration_s is not None and low >= duration_s:
            return self.margin(low, duration_s)
        return f"{self.margin(low, duration_s)} – {self.margin(high, duration_s)}"

    def margin_notes(self, metrics: Iterable[Any], duration_s: float | None) -> list[str]:
        """The notes under the scorecard on its safety margins, the same on the terminal and in the report: what
        "≥ the drill's length" and "not all safe" stand for, when a margin row shows them."""
        shown = [v for s in metrics if s.key.startswith("margin")
                 for v in (s.mean, s.ci_low, s.ci_high, s.p5, s.p50, s.p95)]
        notes = []
        if duration_s is not None and any(math.isfinite(v) and v >= duration_s for v in shown):
            notes.append(self("margin_no_water_note", v=self.value(duration_s, "s")))
        if any(v == -math.inf for v in shown):
            notes.append(self("margin_not_all_note"))
        return notes

    def warned_order_note(self, metrics: Iterable[Any]) -> str:
        """The note under the scorecard when "90 % warned" reads later than "everyone warned": each is the mean of
        the replications in which it was reached, and those in which everyone was are the quicker ones; "" else."""
        by = {s.key: s for s in metrics}
        p90, p100 = by.get("t90_warned_s"), by.get("t100_warned_s")
        if p90 is None or p100 is None or not (math.isfinite(p90.mean) and math.isfinite(p100.mean)):
            return ""
        if p90.mean <= p100.mean or 2 * p100.not_reached > p100.n:  # (a mean of so few is not shown at all)
            return ""
        return self("warned_order_note", k90=p90.n - p90.not_reached, k100=p100.n - p100.not_reached, n=p90.n)

    def running_water(self, card: Any) -> str:
        """The note under the scorecard: where the water running down from an inrush (:mod:`drills.model.running`)
        runs deep or fast enough to stop people on its way (:class:`~drills.model.spec.RunningWater`); "" where it
        does not."""
        rw = getattr(card, "running_water", None)
        if rw is None:
            return ""
        passages = self("running_water_sep").join(
            self("running_water_passage", link=link, depth=f"{depth:.2f}", v=f"{v:.1f}", t=self.value(t, "s"))
            for link, depth, v, t in rw.passages)
        return self("running_water", source=rw.source, end=rw.end, peak=f"{rw.peak_m3ph:,.0f}".replace(",", " "),
                    passages=passages, n=f"{DRIFT_MANNING_N:g}", dv=f"{rw.dv_m2ps:.2f}",
                    swept=f"{SWEPT_OFF_DV_M2PS:g}", wade=f"{WADING_LIMIT_M:g}")

    def safe_kept_out(self, zones: Iterable[Any]) -> str:
        """The note under the scorecard: its safe shares count a later shift kept on the surface as safe (the plan
        kept them out of the water's way); "" if nobody was kept out."""
        k = sum(z.kept_out for z in zones)
        return self("safe_kept_out", k=k) if k else ""

    def zone(self, zone: str) -> str:
        """A zone's name: a mine level ("level -360") as the language says it, any other zone as written."""
        m = re.match(r"^level (.+)$", zone)
        return self("zone_level", level=m.group(1)) if m else zone
