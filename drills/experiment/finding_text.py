"""A finding's words, in English and Chinese, from the facts it was built from.

A finding (:class:`drills.experiment.findings.Finding`) carries its ``kind`` and its ``facts``: places, posts,
counts, times, the tail check — plain data, with the planner's ids and titles as written. Its title and
evidence are rendered here, one function per kind, each composing the phrases of one language from
:data:`PHRASES`; the requirement it concerns comes from :data:`STANDARDS` and the plan clause from its
references. The same facts give the English of scorecard.json and the terminal and the Chinese of the
Chinese report, so the two always tell the same numbers.

The Chinese follows the terms of :mod:`drills.experiment.i18n`: 撤离 and 避险 (AQ 2033-2011), 不足项 / 整改项 /
改进项 (AQ/T 9009-2015 practice), 应急预案 (GB/T 29639-2020), 头顶库 (应急〔2020〕15号). Numbers stand apart from
the characters around them, as in the rest of the Chinese report (so that the season's recurring findings can
tell a number from a word in either language).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from drills.experiment.bottlenecks import CAUSE_TEXT, CAUSE_WORDS, PENDING, UNSAFE_REASONS
from drills.experiment.i18n import Text
from drills.experiment.tail import TailCheck, pct
from drills.experiment.units import fill, signed
from drills.model import lethality

#: the facts' stand-in for "an automatic trigger" where a post's title goes
AUTOMATIC = "@automatic"

#: The requirement each finding concerns, by name, in each language, as its sources (the standards' names and
#: clauses kept). :func:`standard` tells the national ones (GB, AQ, the State's and ministries' documents and the
#: regional practice under them) first and the international and foreign ones (:data:`BACKGROUND`) after them as
#: background, as a Chinese inspector reads a requirement.
STANDARDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "M1": (
            "GB/T 29639-2020 §3.1.2 信息处置与研判 (start automatically when the conditions are met)",
            "AQ/T 9009-2015 附录A 预警与信息报告",
            "NMSA 2023 及时撤人通知",
        ),
        "M2": (
            "2023 中办国办《关于进一步加强矿山安全生产工作的意见》: the emergency order reaches all people in the "
            "affected area at the first moment",
            "AQ/T 2052-2016 5.4.1",
            "GB/T 29639-2020 §5 通信与信息保障",
        ),
        "M2-valley": (
            "2023 Opinions (all people at the first moment)",
            "Res. ANM 95/2022 art. 2º LI (self-rescue zone: warning is the operator's job)",
            "GISTM 13.1",
            "GB/T 29639-2020 §3.1.1 public notification",
        ),
        "M3": (
            "AQ 2033-2011 4.2 (撤离优先，避险就近) and 4.6 (shelter for those who cannot reach safety in time)",
            "AQ/T 9009-2015 附录A 人员保护",
        ),
        "M4": (
            "《生产安全事故报告和调查处理条例》 第九条 (county within 1 h)",
            "GB/T 29639-2020 §3.1.1 信息接报 (time limit and responsible person)",
            "AQ/T 9009-2015 附录A 1.7",
        ),
        "M5": (
            "AQ/T 9009-2015 附录A 事故处置 (符合预案要求) and 指挥和协调 4.6 (back-ups for key posts)",
            "GB/T 29639-2020 §2 应急组织机构及职责",
        ),
        "M6": (
            "AQ/T 2052-2016 5.4.3 (backup power switches in on mains loss)",
            "AQ/T 9009-2015 附录A 应急通讯 and 4.6",
            "GISTM 13.2",
        ),
        "capacity": (
            "AQ 2033-2011 5.4 (capacity ≥ the headcount it serves)",
        ),
        "refuge_water": (
            "AQ 2033-2011 4.6 (shelter for those who cannot reach safety in time) and 5.3–5.5 (refuge where there is "
            "an inrush risk; floor ≥ 0.5 m above the roadway)",
        ),
        "no_entry": (
            "2023 Opinions: no entering the mine in extreme weather",
            "regional practice (宜昌市安监局 2016; 国家矿山安全监察局山西局 2025; 山西省应急管理厅 2023/2024 "
            "flood-season notices, coal): stop and withdraw at an orange warning",
        ),
        "no_entry_level": (
            "Regional practice (宜昌市安监局 2016; 国家矿山安全监察局山西局 2025; 山西省应急管理厅 2023/2024 "
            "flood-season notices, coal): no one underground at orange or red",
        ),
        "entry_red": (
            "2023 Opinions: no entering the mine in extreme weather",
            "煤矿防治水细则: withdraw everyone when a rainstorm threatens the mine",
        ),
        "entry_rule": (
            "2023 Opinions: no entering the mine in extreme weather",
        ),
        "exits": (
            "AQ 2033-2011 5.1 (GB 16423): ≥ 2 independent exits to surface, ≥ 30 m apart",
        ),
        "level_exits": (
            "AQ 2033-2011 5.2: ≥ 2 walkable exits from every production level",
        ),
        "refuge_reach": (
            "AQ 2033-2011 4.2, 4.4 (self-rescuer ≥ 30 min) and 4.6 (shelter for those who cannot reach safety in time)",
        ),
        "refuge_seats": (
            "AQ 2033-2011 5.3–5.4 (refuge on the lowest production level at inrush risk or > 300 m below the lowest "
            "exit, and on a level > 2 000 m from its exit; seats ≥ the level's headcount, ≤ 100 per chamber)",
        ),
        "approved": (
            "预案管理办法 第三十五条 (evaluation every 3 years)",
        ),
        "evaluation": (
            "预案管理办法 第三十五条 (evaluation every 3 years)",
            "第三十六条 (revision triggers)",
        ),
        "not_recorded": (
            "《生产安全事故应急条例》 第八条",
            "预案管理办法 第三十三条",
            "2023 Opinions",
        ),
        "pond": (
            "矿安〔2022〕88号 (freeboard or dry beach below design is a major hidden hazard)",
            "GB 39496-2020 5.5.2–5.5.4",
        ),
        "backups": (
            "AQ/T 9009-2015 附录A 指挥和协调 4.6 (back-ups for key posts)",
            "GB/T 29639-2020 §2",
        ),
        "county": (
            "条例 第九条",
            "GB/T 29639-2020 §3.1.1 信息接报",
        ),
        "county_deadline": (
            "条例 第九条 (within 1 h)",
            "GB/T 29639-2020 §3.1.1 (time limit and responsible person)",
        ),
        "public_channels": (
            "2023 Opinions",
            "GB/T 29639-2020 §3.1.1 (public notification)",
        ),
        "downstream_order": (
            "GB/T 29639-2020 §3.3–3.4",
            "2023 Opinions",
        ),
        "mine_channels": (
            "AQ/T 2052-2016 5.1.6, 5.4.1",
            "2023 Opinions",
        ),
        "mine_order": (
            "煤矿防治水细则 / NMSA 2023 事故征兆紧急撤人",
        ),
        "backup_power": (
            "AQ/T 2052-2016 5.4.3 (backup power switches in automatically)",
            "Res. ANM 95/2022 art. 7 (power redundancy)",
        ),
        "levels": (
            "GB/T 29639-2020 §3.2 预警 (启动, 响应准备)",
            "GB 39496-2020 5.5.4 (four levels)",
        ),
        "automatic": (
            "应急〔2020〕15号 (头顶库)",
            "GB/T 29639-2020 §3.1.2",
            "Res. ANM 95/2022 (automatic sirens)",
            "2023 Opinions (all people at the first moment)",
        ),
        "monitoring": (
            "GB 39496-2020 5.5.2–5.5.4",
        ),
        "teams": (
            "GB/T 29639-2020 §5 应急保障 (队伍)",
        ),
        "routes": (
            "GB/T 29639-2020 annexes (key routes and maps)",
            "AQ 2033-2011 5.2 (routes signed)",
        ),
    },
    "zh": {
        "M1": (
            "GB/T 29639-2020 §3.1.2 信息处置与研判（达到启动条件时自动启动）",
            "AQ/T 9009-2015 附录A 预警与信息报告",
            "国家矿山安全监察局 2023 及时撤人通知",
        ),
        "M2": (
            "2023 中办国办《关于进一步加强矿山安全生产工作的意见》：第一时间将应急指令传达到受影响区域的全部人员",
            "AQ/T 2052-2016 5.4.1",
            "GB/T 29639-2020 §5 通信与信息保障",
        ),
        "M2-valley": (
            "2023 中办国办《意见》（第一时间通知到全部人员）",
            "巴西 Res. ANM 95/2022 第 2 条 LI（自救区：预警由企业负责）",
            "GISTM 13.1",
            "GB/T 29639-2020 §3.1.1 向社会公众通报",
        ),
        "M3": (
            "AQ 2033-2011 4.2（撤离优先，避险就近）及 4.6（不能及时撤离人员的避险）",
            "AQ/T 9009-2015 附录A 人员保护",
        ),
        "M4": (
            "《生产安全事故报告和调查处理条例》第九条（1 h 内报告县级）",
            "GB/T 29639-2020 §3.1.1 信息接报（时限和责任人）",
            "AQ/T 9009-2015 附录A 1.7",
        ),
        "M5": (
            "AQ/T 9009-2015 附录A 事故处置（符合预案要求）及指挥和协调 4.6（关键岗位替补）",
            "GB/T 29639-2020 §2 应急组织机构及职责",
        ),
        "M6": (
            "AQ/T 2052-2016 5.4.3（主电源失电时备用电源投入）",
            "AQ/T 9009-2015 附录A 应急通讯及 4.6",
            "GISTM 13.2",
        ),
        "capacity": (
            "AQ 2033-2011 5.4（容量不小于服务人数）",
        ),
        "refuge_water": (
            "AQ 2033-2011 4.6（不能及时撤离人员的避险）及 5.3–5.5（有突水危险时设避险硐室；硐室地面高于巷道底板不小于 "
            "0.5 m）",
        ),
        "no_entry": (
            "2023 中办国办《意见》：极端天气禁止入井",
            "各地做法（宜昌市安监局 2016；国家矿山安全监察局山西局 2025；山西省应急管理厅 2023/2024 汛期通知，煤矿）："
            "橙色预警时停产撤人",
        ),
        "no_entry_level": (
            "各地做法（宜昌市安监局 2016；国家矿山安全监察局山西局 2025；山西省应急管理厅 2023/2024 汛期通知，煤矿）："
            "橙色、红色预警时井下不得有人",
        ),
        "entry_red": (
            "2023 中办国办《意见》：极端天气禁止入井",
            "《煤矿防治水细则》：暴雨威胁矿井时撤出全部人员",
        ),
        "entry_rule": (
            "2023 中办国办《意见》：极端天气禁止入井",
        ),
        "exits": (
            "AQ 2033-2011 5.1（GB 16423）：至少 2 个独立的通地面安全出口，间距不小于 30 m",
        ),
        "level_exits": (
            "AQ 2033-2011 5.2：每个生产水平至少 2 个可步行的安全出口",
        ),
        "refuge_reach": (
            "AQ 2033-2011 4.2、4.4（自救器额定防护时间不少于 30 min）及 4.6（不能及时撤离人员的避险）",
        ),
        "refuge_seats": (
            "AQ 2033-2011 5.3–5.4（最低生产水平有突水危险或低于最低安全出口 300 m 以上、或水平距其安全出口超过 2 000 "
            "m 时设避险硐室；额定人数不少于该水平人数，每个硐室不超过 100 人）",
        ),
        "approved": (
            "《生产安全事故应急预案管理办法》第三十五条（每 3 年评估一次）",
        ),
        "evaluation": (
            "《生产安全事故应急预案管理办法》第三十五条（每 3 年评估一次）",
            "第三十六条（修订情形）",
        ),
        "not_recorded": (
            "《生产安全事故应急条例》第八条",
            "《生产安全事故应急预案管理办法》第三十三条",
            "2023 中办国办《意见》",
        ),
        "pond": (
            "矿安〔2022〕88号（安全超高或干滩长度小于设计值属重大事故隐患）",
            "GB 39496-2020 5.5.2–5.5.4",
        ),
        "backups": (
            "AQ/T 9009-2015 附录A 指挥和协调 4.6（关键岗位替补）",
            "GB/T 29639-2020 §2",
        ),
        "county": (
            "《生产安全事故报告和调查处理条例》第九条",
            "GB/T 29639-2020 §3.1.1 信息接报",
        ),
        "county_deadline": (
            "《生产安全事故报告和调查处理条例》第九条（1 h 内）",
            "GB/T 29639-2020 §3.1.1（时限和责任人）",
        ),
        "public_channels": (
            "2023 中办国办《意见》",
            "GB/T 29639-2020 §3.1.1（向社会公众通报）",
        ),
        "downstream_order": (
            "GB/T 29639-2020 §3.3–3.4",
            "2023 中办国办《意见》",
        ),
        "mine_channels": (
            "AQ/T 2052-2016 5.1.6、5.4.1",
            "2023 中办国办《意见》",
        ),
        "mine_order": (
            "煤矿防治水细则 / 国家矿山安全监察局 2023 事故征兆紧急撤人",
        ),
        "backup_power": (
            "AQ/T 2052-2016 5.4.3（备用电源自动投入）",
            "巴西 Res. ANM 95/2022 第 7 条（电源冗余）",
        ),
        "levels": (
            "GB/T 29639-2020 §3.2 预警（启动，响应准备）",
            "GB 39496-2020 5.5.4（四级预警）",
        ),
        "automatic": (
            "应急〔2020〕15号（头顶库）",
            "GB/T 29639-2020 §3.1.2",
            "巴西 Res. ANM 95/2022（自动警报）",
            "2023 中办国办《意见》（第一时间通知到全部人员）",
        ),
        "monitoring": (
            "GB 39496-2020 5.5.2–5.5.4",
        ),
        "teams": (
            "GB/T 29639-2020 §5 应急保障（队伍）",
        ),
        "routes": (
            "GB/T 29639-2020 附件（重要路线和图纸）",
            "AQ 2033-2011 5.2（路线设置标识）",
        ),
    },
}

#: what marks a source of :data:`STANDARDS` as international or foreign: Brazil's Res. ANM 95/2022 and the Global
#: Industry Standard on Tailings Management (GISTM, ICMM/UNEP/PRI 2020)
BACKGROUND = ("Res. ANM", "GISTM")

#: The phrases findings are made of, in each language.
PHRASES: dict[str, dict[str, Any]] = {
    "en": {
        "background": "background (international and foreign practice): {sources}", "requirement_tag": "S{k}",
        "plan_clause": "Plan clause: {clause}",
        "sep": ", ", "semi": "; ", "and": " and ", "none": "none", "automatic": "an automatic trigger",
        "place_zone": "{place} ({zone})", "ref": "{head} ({label})",
        "when_every": "every one", "when_some": "{k}", "gap": " ", "stop": ".",
        "when": "In {share} of {n} replications ({pct}) {what}; when it happened, {many}.",
        "many": "{avg:.1f} people on average (up to {most})", "one_person": "1 person",
        "many_each": "{most} people each time",
        # M2
        "m2_head": "{place}: people at risk warned after the water",
        "m2_decision": "{head} — the order came after the water (first trigger met {trigger}, water {water}, order "
                       "{order}; medians)",
        "m2_never": "{head} — the order was never given, though a trigger was met before the water (first trigger "
                    "met {trigger}, water {water}; medians)",
        "m2_never_k": "{head} — in {k} of {n} replications the order was never given, though a trigger was met "
                      "before the water (first trigger met {trigger}, water {water}; medians)",
        "never_given": "never given",
        "never_sent": "never sent to the place",
        "never_given_or_sent": "never given, or never sent to the place",
        "m2_not_sent": "{head} — the order was given, but the step that sends it to the place was never taken, though "
                       "a trigger was met before the water (first trigger met {trigger}, water {water}; medians)",
        "unordered_why": " The order was never given in {k} of {n} replications: {parts}.",
        "unordered_wait": "in {k}, it waited for {what}, which was never done{because}",
        "unordered_what": "{what} by {who}",
        "unordered_because": ": {reasons}",
        "unordered_change": " To change: {changes}.",
        "change_backup": "name a backup for {who}",
        "change_more_backup": "name a further backup for {who}",
        "change_after": "let the order go without waiting for {what}",
        "m2_stops": " Stopped on the way there (median times): {stops}.",
        "stop_flooded": "the {kind} {channel} could not set out from {at}: the water there was too deep for it at "
                        "{t} (in {k} of {n} replications)",
        "stop_stuck": "the {kind} {channel} could not go on from {at}: the water there was too deep for it at {t} "
                      "(in {k} of {n} replications)",
        "stop_knocking": "the {kind} {channel} stopped knocking at {at}: the water there was too deep for it at {t} "
                         "(in {k} of {n} replications)",
        "stop_shut": "the {kind} {channel} could not set out from {at}: every way out of it was {closed} at {t} "
                     "(in {k} of {n} replications)",
        "stop_reach": "the {kind} {channel} could not reach {place}: {what} closed its way from {at} at {t} (in {k} of "
                      "{n} replications)",
        "stop_kind": {"door_to_door": "door-to-door team", "runner": "runner",
                      "loudspeaker_vehicle": "loudspeaker vehicle"},
        "stop_closed": {"shut_water": "closed by the water", "shut_cut": "cut",
                        "shut_both": "closed by the water or cut"},
        "stop_what": {"water": "the water", "cut": "a cut passage"},
        "way_closed_change": " To change: send it before the water comes there (the order earlier: at a lower warning "
                             "level, or automatic), start it from a place the water does not reach first, or add a "
                             "channel that does not travel ({fixed}).",
        "fixed_valley": "a siren, cell broadcast",
        "fixed_mine": "the PA, cap-lamp paging",
        "m2_cause": "{head} — {cause}",
        "m2_tied": "{head} — for as many of them each: {causes}",
        "m2_what": "people at {place} (of {people} there) were not warned by the order before the water reached "
                   "them",
        "m2_why": " Why, with the medians over the people each applies to (times from the start of the scenario): "
                  "{causes}. Channels that reach the place: {channels}.",
        "m2_cause_share": "{cause} {share:.0%} ({times})",
        "times_decision": "first trigger met {trigger}, water first at the place {water}, order {order}",
        "times_trigger": "no trigger met before, water first at the place {water}, order {order}",
        "times_other": "order {order}, water first at the place {water}",
        "near_field": " The water reaches the place a median {lead} after the first trigger is met: only an "
                      "automatic start with an instant channel, or nobody living there, protects this near field "
                      "(Brumadinho 2019; Res. ANM 95/2022 self-rescue zone).",
        "cause_text": CAUSE_TEXT, "cause_words": CAUSE_WORDS,
        "gate_title": {"M2": "Gate M2 failed: in {k} of {n} replications ({pct}) someone at risk was warned after "
                              "the water, or never",
                       "M3": "Gate M3 failed: in {k} of {n} replications ({pct}) someone was not safe when the water "
                             "came"},
        "gate_evidence": "No place alone shows it in more than the tolerated 5 % of replications, but the gate "
                         "counts a replication as failed when anyone anywhere is {what}, and the plan as a whole is "
                         "beyond the tolerated tail. Places where it showed: {places}; what to change is in each "
                         "place's finding.",
        "gate_what": {"M2": "warned after the water, or never", "M3": "not safe when the water comes"},
        "m2_never_title": "The order never reached everyone: in {k} of {n} replications ({pct}) it never reached "
                          "someone",
        "m2_never_evidence": "The order was given, but no channel reached them and nothing else warned them ({total} "
                             "person-replications): {rows}.",
        "m2_never_row": "{place}: up to {most} of its {people} people (replications: {k}; channels there: "
                        "{channels})",
        "m2_time_title": "The last person is warned {value} after the order (P95; grade {grade})",
        "m2_time_never_title": "In more than 5 % of the replications someone is never warned by the order (P95 of "
                               "the last warning: never; grade {grade})",
        "m2_time_evidence": "P95 over replications of the last person warned after the order: {value}. Places "
                            "where someone was never warned by the order in some replication: {places}.",
        # M3
        "m3_title": "{place}: people not safe when the water came — {why}",
        "m3_source_why": "at the source of the water, not safe before it caught them",
        "reasons": UNSAFE_REASONS,
        "m3_route": "route {route}", "m3_no_route": "no planned route",
        "m3_what": "people starting at {place} ({route}) were not safe when the water came",
        "m3_evidence": "{when} Of the {unsafe} person-replications: {reasons} (medians over the people each "
                       "applies to; times from the start of the scenario). Where the water found them: {where}. "
                       "{tail}",
        "m3_where": "{place} ({k})",
        "never_left": "never left", "left_at": "left at {t}", "never_left_some": " ({k} never left)",
        "was": "was", "were": "were",
        "r_caught": "; the water caught them (too deep to go on) at {t}",
        "r_source": "{k} {were} at the source of the water (wet from the first moment) and {left}{caught}",
        "r_caught_on_route": "{k} left at {departed}, before the water first reached {place} ({water}), but {were} "
                             "caught on the way (too deep to go on) at {caught}, where the water had first come at "
                             "{water_there}",
        "r_turned_back_caught": "{k} left at {departed}, before the water first reached {place} ({water}), met the "
                                "water on the way, turned back and {were} caught back at {place} at {caught}",
        "r_late_warning": "{k} {were} not warned by the order before the water reached {place} (order {order}, "
                          "water {water})",
        "r_did_not_leave": "{k} {were} warned in time ({warned}) but had not left when the water reached {place} "
                           "({water}; {left})",
        "r_sheltered_in_flood": "{k} sheltered upstairs in a house the flood reached (water {water})",
        "r_stayed_in_flood": "{k} {were} still at home at {place} when the drill ended, downstairs in a house the "
                             "flood reached (water {water}) without catching them: it stayed below what they could "
                             "wade there{rate}; {tried}",
        "stayed_rate_safe": " (fatality rate {p} each, the lethality rule's safe zone: the house stood and the water "
                            "stayed far below its ceiling)",
        "stayed_rate": " (fatality rate up to {p} each, from the lethality rule)",
        "stayed_never_set_out": "they never set out",
        "stayed_set_out": "they set out at {t} but found every way out already closed by the water, and stayed{some}",
        "stayed_never_some": " ({k} never set out)",
        "r_not_out": "{k} {were} still underground when the drill ended (water at {place} {water})",
        "queue_title": "{queue:.0f} people queue for the cage {hoist} (P95 of the longest queue; {cap} per trip)",
        "queue_evidence": "P95 of the longest queue {queue:.0f} persons; mean wait of those who rode {wait} "
                          "(median over replications); cage busy {busy:.0%} of the evacuation window (P95).",
        "capacity_title": "{node} receives more people than it holds ({people:.0f} > {capacity}, P95)",
        "capacity_evidence": "P95 over replications of the people ending at {node}: {people:.0f}; capacity "
                             "{capacity}.",
        "refuge_water_title": "Refuge {node} takes water in {pct} of replications",
        "refuge_water_evidence": "Water on the chamber's floor in {k} of {n} replications, at {water} (median): "
                                 "there it is no place of safety, though the plan counts its {seats} seats for "
                                 "those who cannot get out. {used}",
        "refuge_water_used": "{sheltered:.1f} people sheltered there per replication; {caught:.1f} of them were "
                             "caught when it flooded.",
        "turned_back_title": "{place}: people met the water on their way out and turned back in {pct} of "
                             "replications",
        "turned_back_what": "people starting at {place} ({route}) met the water on their way and had to turn back",
        "turned_back_evidence": "{when} They met it on the way to {where}: the water closes that way before they "
                                "are through it. {after}",
        "turned_back_all_out": "{who} found another way out in this drill, at the cost of the walk in and back.",
        "tb_all": "All of them", "tb_one": "That person",
        "turned_back_after": "Of the {total} person-replications that turned back, {parts}.",
        "turned_back_after_one": "After turning back, {parts}.",
        "tb_out": "{k} found another way out", "tb_refuge": "{k} took refuge", "tb_caught": "{k} {were} caught",
        "tb_open": "{k} {were} not yet safe when the drill ended",
        "assembly_water_title": "Assembly point {node} is in the flood's path: the water reaches it in {pct} of "
                                "replications",
        "assembly_water_evidence": "The water reaches {node} in {k} of {n} replications, at {water} (median){depth}: "
                                   "there it is no place of safety, though the plan sends people there. {used}",
        "assembly_water_depth": ", {depth:.1f} m deep at its peak in the central flood",
        "assembly_water_used": "Per replication, {parts}.",
        "aw_caught": "{k:.1f} people were caught there", "aw_turned": "{k:.1f} turned back short of it",
        "assembly_water_unused": "Nobody reached it or set out for it before the water in this drill.",
        "refuge_water_unused": "Nobody sheltered there in this drill: those it would have taken in were lifted or "
                               "walked out, or were caught before they reached it.",
        # M1
        "actions": {
            "evacuate_underground": "the order to withdraw from underground",
            "evacuate_downstream": "the order to evacuate below the dam",
            "stop_entry": "stopping entry underground",
            "notify_township": "telling the township",
            "notify_county": "the report to the county",
            "notify_village_heads": "telling the village heads",
        },
        "orders": {"underground": "the withdrawal from underground", "downstream": "the downstream evacuation"},
        "steps": {"detect and declare": "detection and declaration", "give the order": "giving of the order"},
        "declare": "declare the level", "give": "give the order",
        "tail_wait_clause": "the order waits for {what} by {who}, never done",
        "tail_wait": "the order for {order} waited for {what} by {who}, which nobody carried out, in {k} of them",
        "tail_never_clause": "nobody could {doing} ({who} and every backup unreachable)",
        "tail_never": "nobody could {doing} for {order} ({who} and every backup unreachable) in {k} of them",
        "tail_pending_clause": "the drill ended before {who} could {doing}",
        "tail_pending": "the drill ended while {who} was still to {doing} for {order} (the decision under way, "
                        "nobody missing) in {k} of them",
        "tail_slow_clause": "{who}'s {step} takes longest",
        "tail_slow": "{who}'s {step} ({order}) took the longest of the steps in {k} of them (median {p50} there)",
        "m1_never_title": "The order for {order} never comes in {tail} of the {n} replications with a trigger met "
                          "(grade {grade}) — in {k} of them, {clause}",
        "m1_never_tail": " The order never came in {tail} replications: {sentence}.",
        "m1_title": "The order comes {value} after the first trigger (P95; grade {grade})",
        "m1_never_plain": "In more than 5 % of the replications the order never comes after a trigger is met (grade "
                          "{grade})",
        "m1_title_clause": " — in the slowest 5 %, {clause}",
        "m1_tail": " In the {tail} slowest replications (at or beyond that P95), {sentence}.",
        "m1_chain": "{who} ({step}, {order}) in {k} {replications}: median {p50}, P95 {p95}",
        "m1_absent": "; absent in {k}",
        "m1_evidence": "P95 over replications of the order minus the first trigger met: {value}.{tail} Each step "
                       "of the decision chain, over the replications in which that post took it: {chain}.",
        "m1_no_order": "no order given",
        # M4
        "internal_title": "Reports from the site to the duty post take up to {p95} (P95 of the plan's detection "
                          "delays)",
        "internal_evidence": "The slowest trigger's detection delay has a 95th percentile of {p95}; "
                             "\"immediately\" is taken as {limit} [P]. Triggers: {triggers}.",
        # M5
        "not_done": {
            "nobody_declared": "nobody declared {level} ({trigger_owner} and every backup unreachable)",
            "unreachable": "{owner} {unreachable}",
            "waiting": "it waited for {after}, which was never done",
            "pending": "it was still pending when the drill ended",
        },
        "unreachable_backups": "and every backup were unreachable",
        "unreachable_alone": "was unreachable (no backup)",
        "earlier_step": "an earlier step",
        "no_limit": "no time limit",
        "limit_law": "within 1 h by law; the plan sets no limit within the hour",
        "limit_local": "within {local}; the plan sets none",
        "limit_plan": "within {limit}",
        "due_some": "{k} of {n} replications", "due_all": "all {n} replications",
        "why_in": "in {k}, {why}",
        "step": "{action} ({level}; {limit}), due in {due} (a {level} trigger met): done in {done}{late}, not done "
                "in {not_done}",
        "step_late": " ({k} of them late)",
        "step_why": " — {why}.",
        "post_bit_not_done": "not done in {k}", "post_bit_late": "late in {k}",
        "post_part": "{action} ({level}) {bits}", "post_bits_sep": " and ",
        "post_title": "{who}: {parts} of {n} replications",
        "post_no_backup": " — the post has no backup",
        "post_backups": " Backups of {who}: {backups}.",
        "post_alone": " {who} has no backup: nobody stands in when the post is absent.",
        "post_county": " The plan sets no time limit within the hour the law allows for {action} ({level}).",
        # M6
        "m6_flip": "makes {metrics} fail",
        "m6_flips": {"M2": "M2 (reach)", "M3": "M3 (safety)"},
        "m6_worse": "leaves significantly more people warned late or not safe",
        "m6_title": "Single fault {fault} {what}: the plan does not withstand it",
        "m6_evidence": "With {fault} from {at}, on {n} paired replications: people not safe {u0:.1f} → {u1:.1f} "
                       "(Δ {ud}, 95 % CI {ulo} to {uhi}); warned late {l0:.1f} → {l1:.1f} (Δ "
                       "{ld}, CI {llo} to {lhi}); {p95}. Places hit hardest: {places}.",
        "m6_p95": "P95 of the last warning after the order {base} → {fault} (rises by {rise})",
        "m6_p95_never": "P95 of the last warning after the order: never, with the fault and without it",
        "m6_p95_to_never": "P95 of the last warning after the order {base} → never: with the fault, someone is never "
                           "warned in more than 5 % of the replications",
        # M7
        "no_entry_title": "The plan has no rule stopping entry underground in extreme weather",
        "no_entry_evidence": "The plan has no no-entry rule: nothing keeps the next shift on the surface under a "
                             "rainstorm warning.",
        "no_entry_level_title": "The no-entry rule starts only at a red warning (regional practice: orange)",
        "no_entry_level_red": "The rule takes effect at a red rainstorm warning.",
        "no_entry_level_none": "The rule names no warning level at which it takes effect.",
        "entry_red_title": "People went underground during a red warning in {k} of {n} replications",
        "entry_red_evidence": "When it happened, {avg:.1f} people of the next shift on average (up to {most}) went "
                              "down while a red rainstorm warning or a red level stood. {tail}",
        "entry_rule_title": "The plan's own no-entry rule was broken in {k} of {n} replications",
        "entry_rule_evidence": "When it happened, {avg:.1f} people on average (up to {most}) went underground while "
                               "the rule held: no step of a level declared in time stopped entry.",
        "exits_title": "The plan names fewer than two exits to surface at least 30 m apart",
        "exits_evidence": "Exits: {exits}.",
        "level_exits_title": "Level {level} has {k} walkable {ways} out (two are required)",
        "way": "way", "ways": "ways",
        "level_exits_evidence": "Independent walkable paths (not the cage) from level {level} to the surface: {k}.",
        "refuge_reach_title": "From {place} no refuge or exit is within the self-rescuer's 30 min on foot",
        "refuge_reach_evidence": "Nearest plan refuge or surface exit on foot (no cage): {walk:.0f} min{reach}.",
        "refuge_reach_more": "; site refuges within reach not in the plan: {refuges}",
        "refuge_seats_title": "Level {level}: {seats} refuge seats for {count} people on the shift",
        "refuge_seats_evidence": "Plan refuges on level {level} hold {seats}; the shift puts {count} people there; "
                                 "the level lies {depth:.0f} m below the lowest exit.{why}",
        "refuge_required": " A refuge is required on this level: {reasons}.",
        "refuge_why": {
            "depth": "it is the lowest production level and lies more than 300 m below the lowest exit",
            "inrush": "it is the lowest production level and the scenario has an inrush",
            "distance": "a workplace on it is {distance:,.0f} m along the level from the level's nearest exit "
                        "(more than 2 000 m)",
        },
        "approved_title": "The plan's approval date is not recorded",
        "approved_evidence": "The plan does not record the date it was approved, so the 3-year evaluation cannot "
                             "be checked.",
        "evaluation_title": "The plan was approved on {date}, more than {years} years before the drill",
        "evaluation_evidence": "Approved {date}; drill {drill}.",
        "not_recorded_title": "Drill interval and contact verification are not recorded in the plan",
        "not_recorded_evidence": "The plan file has no field for: {missing}. They were not checked; record them in "
                                 "the drill log that goes with this evaluation.",
        "missing_drill": "the date of the last drill (≥ 1 drill every 6 months, 条例 第八条 / 预案管理办法 第三十三条)",
        "missing_contacts": "when the contact list was last verified (US DOL OIG alert memorandum "
                            "05-16-001-06-001, 2015: emergency plans held wrong phone numbers)",
        "missing_joint": "the pre-flood-season joint drill with the residents below the dam (2023 Opinions)",
        "pond_title": "The pond's {what} is not monitored down to its design minimum ({design:g} m)",
        "pond_words": {"freeboard_m": "freeboard", "beach_length_m": "dry beach length"},
        "pond_unmonitored": "The plan monitors no such quantity.",
        "pond_low": "Red thresholds {reds} fall below the design minimum {design:g} m.",
        # M8
        "backups_title": "Posts with no backup: {posts}",
        "backups_evidence": "These posts own triggers or steps, and nobody stands in when they are absent.",
        "county_title": "No step reports to the county emergency bureau",
        "county_evidence": "No step of any warning level reports to the county.",
        "county_deadline_title": "The report to the county at {level} has no time limit within 1 h",
        "county_deadline_none": "The plan sets no time limit for it; the law allows 1 h.",
        "county_deadline_long": "The plan allows {h:g} h; the law allows 1 h.",
        "public_channels_title": "Residents live below the dam but no public channel warns them",
        "public_channels_evidence": "The plan lists no siren, loudspeaker, SMS, phone tree, door-to-door team or "
                                    "loudspeaker vehicle.",
        "downstream_order_title": "No level orders the downstream evacuation",
        "downstream_order_evidence": "No step of any warning level orders the people below the dam to leave.",
        "mine_channels_title": "People work underground but no underground channel warns them",
        "mine_channels_evidence": "The plan lists no PA, cap-lamp paging, radio, station phones or runner.",
        "mine_order_title": "No level orders the withdrawal from underground",
        "mine_order_evidence": "No step of any warning level orders everyone out from underground.",
        "backup_power_title": "Channels with no backup power: {channels}",
        "backup_power_evidence": "They need mains power and have no battery or generator: a storm that takes the "
                                 "power silences them.",
        "levels_title": "Warning levels with neither triggers nor actions: {levels}",
        "levels_evidence": "The plan lists these levels but prepares nothing at them (响应准备).",
        "levels_default_evidence": ("The plan lists no levels, so it has all four (warning.levels, by default), but "
                                    "prepares nothing at these (响应准备): prepare a response at each, or list only "
                                    "the levels it uses."),
        "automatic_title": "头顶库: people live within 1 km of the dam ({places}) and no trigger starts the warning "
                           "automatically",
        "automatic_evidence": "The warning of the people living this close to the dam waits on a human decision "
                              "chain; the flow from a failing tailings dam can reach them within minutes.",
        "automatic_short": "Here the flow reached them a median {low} to {high} after the first trigger was met: a "
                           "human decision chain cannot beat it.",
        "automatic_ample": "Here the water reached them a median {low} to {high} after the first trigger was met: "
                           "time enough to warn them and for them to leave, so the order or the response failed"
                           "{split}.",
        "automatic_mixed": "Here the water reached some of them a median {low} after the first trigger was met, too "
                           "soon for a human decision chain, and others only after {high}.",
        "automatic_split": " ({late} of the {unsafe} person-replications not safe there were not warned by the order "
                           "before the water; {rest} were warned in time and still not safe)",
        "automatic_drill": " In this drill, people living there were not safe when the water came in {k} of {n} "
                           "replications ({avg:.1f} people on average when it happened){deaths}. {tail}",
        "automatic_deaths": "; expected deaths there {deaths:.1f} per replication (lethality rule)",
        "monitoring_title": "The pond's online monitoring is not in the plan",
        "monitoring_evidence": "The plan lists nothing it monitors at the pond.",
        "teams_title": "No emergency teams are listed",
        "teams_evidence": "The plan names no emergency team.",
        "routes_title": "Places with no planned route: {places}{more}",
        "routes_evidence": "People there take the nearest way they find; the plan's maps should show it.",
        # plan clause labels
        "ref_order": "{order} by {owner}; triggers {triggers}",
        "ref_no_order": "no {order} action in any level",
        "ref_backup": "backups of {who}",
        "ref_after": "after: {after}",
        "ref_no_channel": "no channel reaches {place}",
        "ref_no_route": "no route from {place}",
        "ref_routes_over": "routes over {link}",
    },
    "zh": {
        "background": "国际及国外做法（仅供参考）：{sources}", "requirement_tag": "S{k}",
        "plan_clause": "预案条款：{clause}",
        "sep": "、", "semi": "；", "and": "和", "none": "无", "automatic": "自动触发",
        "place_zone": "{place}（{zone}）", "ref": "{head}（{label}）",
        "when_every": "每次", "when_some": "有 {k} 次", "gap": "", "stop": "。",
        "when": "{n} 次重复中{share}（{pct}）{what}；发生时{many}。",
        "many": "平均 {avg:.1f} 人（最多 {most} 人）", "one_person": "仅 1 人",
        "many_each": "每次 {most} 人",
        # M2
        "m2_head": "{place}：有风险人员在水到达后才收到撤离命令",
        "m2_decision": "{head}——撤离命令晚于来水（中位数：首个触发条件满足 {trigger}，来水 {water}，命令 {order}）",
        "m2_never": ("{head}——虽在来水前已有触发条件满足，撤离命令始终未下达（中位数：首个触发条件满足 {trigger}，"
                     "来水 {water}）"),
        "m2_never_k": ("{head}——{n} 次重复中有 {k} 次虽在来水前已有触发条件满足，撤离命令始终未下达（中位数：首个触发"
                       "条件满足 {trigger}，来水 {water}）"),
        "never_given": "未下达",
        "never_sent": "未传达到该地点",
        "never_given_or_sent": "未下达或未传达到该地点",
        "m2_not_sent": ("{head}——撤离命令已下达，但向该地点传达命令的步骤始终未执行，而来水前已有触发条件满足"
                        "（中位数：首个触发条件满足 {trigger}，来水 {water}）"),
        "unordered_why": "{n} 次重复中有 {k} 次撤离命令始终未下达：{parts}。",
        "unordered_wait": "其中 {k} 次须等待{what}，而该步骤始终未完成{because}",
        "unordered_what": "{who} 的“{what}”",
        "unordered_because": "：{reasons}",
        "unordered_change": "应改：{changes}。",
        "change_backup": "为 {who} 指定替补",
        "change_more_backup": "为 {who} 增加替补",
        "change_after": "撤离命令不再等待“{what}”",
        "m2_stops": "途中受阻（中位数时间）：{stops}。",
        "stop_flooded": "{kind} {channel} 无法从 {at} 出发：{t} 该处水深已无法通行（{n} 次重复中有 {k} 次）",
        "stop_stuck": "{kind} {channel} 无法从 {at} 继续前行：{t} 该处水深已无法通行（{n} 次重复中有 {k} 次）",
        "stop_knocking": "{kind} {channel} 在 {at} 停止入户通知：{t} 该处水深已无法通行（{n} 次重复中有 {k} 次）",
        "stop_shut": "{kind} {channel} 无法从 {at} 出发：{t} 由该处外出的通路均{closed}（{n} 次重复中有 {k} 次）",
        "stop_reach": "{kind} {channel} 无法到达 {place}：{t} 从 {at} 去该处的通路{what}（{n} 次重复中有 {k} 次）",
        "stop_kind": {"door_to_door": "入户通知小组", "runner": "派出的报信人", "loudspeaker_vehicle": "广播车"},
        "stop_closed": {"shut_water": "被水淹", "shut_cut": "已中断", "shut_both": "被水淹或中断"},
        "stop_what": {"water": "被水淹", "cut": "中断"},
        "way_closed_change": "应改：在水到达该处前派出（提前下达撤离命令：在较低预警级别下达，或自动下达），"
                             "从不会先被水淹的地点出发，或增设不需行进的渠道（{fixed}）。",
        "fixed_valley": "警报器、小区广播",
        "fixed_mine": "井下广播、矿灯寻呼",
        "m2_cause": "{head}——{cause}",
        "m2_tied": "{head}——以下原因各占同样多的人次：{causes}",
        "m2_what": "{place}（共 {people} 人）有人在水到达前未收到撤离命令",
        "m2_why": "原因及各自所涉人员的中位数时间（自情景开始计）：{causes}。覆盖该地点的通讯渠道：{channels}。",
        "m2_cause_share": "{cause} {share:.0%}（{times}）",
        "times_decision": "首个触发条件满足 {trigger}，水首次到达该地点 {water}，命令 {order}",
        "times_trigger": "此前无触发条件满足，水首次到达该地点 {water}，命令 {order}",
        "times_other": "命令 {order}，水首次到达该地点 {water}",
        "near_field": "首个触发条件满足后，水到达该地点的时间中位数仅为 {lead}：在这一近场区域，只有自动启动并配以即时"
                      "通讯渠道，或该处无人居住，才能保护人员（Brumadinho 2019；巴西 Res. ANM 95/2022 自救区）。",
        "cause_text": {
            "no_order": "预案在任何预警级别都未规定该撤离命令",
            "trigger": "水到达前，命令所属预警等级的触发条件均未满足",
            "decision": "虽在来水前已有触发条件满足，撤离命令仍晚于来水或始终未下达（决策链）",
            "coverage": "命令的通讯渠道均不覆盖该地点",
            "channel_out": "覆盖该地点的通讯渠道全部故障或无法发送",
            "way_closed": "覆盖该地点的入户通知小组、报信人或广播车在到达前被水或断路所阻",
            "activation": "覆盖该地点的通讯渠道在来水后才启动",
            "turn": "覆盖该地点的渠道在来水前已启动，但按顺序逐一通知，来水后才轮到其处（通知小组、报信人的路程与逐户"
                    "通知，广播车的行驶，逐个拨打的电话）",
            "receipt": "来水前已有渠道在发送，但信息未被收到",
        },
        "cause_words": {
            "no_order": "预案无该撤离命令",
            "trigger": "来水前无触发条件满足",
            "decision": "命令晚于来水或未下达",
            "coverage": "无渠道覆盖该地点",
            "channel_out": "渠道故障或无法发送",
            "way_closed": "渠道途中被水或断路所阻",
            "activation": "渠道在来水后才启动",
            "turn": "来水后才轮到",
            "receipt": "信息未收到",
        },
        "gate_title": {"M2": "M2 门槛未通过：{n} 次重复中有 {k} 次（{pct}）有处于危险中的人员在水到达后才收到预警"
                             "或始终未收到",
                       "M3": "M3 门槛未通过：{n} 次重复中有 {k} 次（{pct}）有人员在水到达时不安全"},
        "gate_evidence": "单个地点出现的重复均未超过允许的 5 %，但只要任何地点有人{what}，该次重复即计为未通过，"
                         "预案整体已超出允许范围。出现的地点：{places}；应改之处见各地点的发现项。",
        "gate_what": {"M2": "在水到达后才收到预警或始终未收到", "M3": "在水到达时不安全"},
        "m2_never_title": "撤离命令未通知到全部人员：{n} 次重复中有 {k} 次（{pct}）有人始终未收到撤离命令",
        "m2_never_evidence": "撤离命令已下达，但没有任何渠道送达这些人员，也没有其他警示（共 {total} 人次）：{rows}。",
        "m2_never_row": "{place}：至多 {most} 人（共 {people} 人；重复次数：{k}；覆盖该处的渠道：{channels}）",
        "m2_time_title": "命令下达后最后一人收到预警用时 {value}（P95；等级 {grade}）",
        "m2_time_never_title": ("超过 5 % 的重复中有人始终未收到撤离命令（最后一人收到预警用时的 P95：从未；"
                                "等级 {grade}）"),
        "m2_time_evidence": "各次重复中命令下达后最后一人收到预警用时的 P95：{value}。在某些重复中有人始终未收到"
                            "撤离命令的地点：{places}。",
        # M3
        "m3_title": "{place}：水到来时有人未处于安全地点——{why}",
        "m3_source_why": "位于水源处，在被水困住前未到达安全地点",
        "reasons": {
            "late_warning": "水到达前未收到撤离命令",
            "did_not_leave": "已及时收到命令，但水到来时尚未撤离（响应迟缓或未服从）",
            "caught_on_route": "在水到达所在地点前已撤离，但在途中被水困住",
            "turned_back_caught": "在水到达所在地点前已撤离，途中遇水折返，在出发地点被水困住",
            "sheltered_in_flood": "在洪水到达的房屋楼上避险",
            "stayed_in_flood": "演练结束时仍留在洪水到达的住房楼下，水未深到困住他们（低于他们能涉水通过的深度）",
            "not_out": "演练结束时仍在井下",
        },
        "m3_route": "撤离路线 {route}", "m3_no_route": "无预定撤离路线",
        "m3_what": "从 {place} 出发的人员（{route}）在水到来时有人未处于安全地点",
        "m3_evidence": "{when}在共 {unsafe} 人次中：{reasons}（各原因所涉人员的中位数时间，自情景开始计）。被水困住"
                       "的地点：{where}。{tail}",
        "m3_where": "{place}（{k}）",
        "never_left": "始终未撤离", "left_at": "于 {t} 撤离", "never_left_some": "（{k} 人始终未撤离）",
        "was": "", "were": "",
        "r_caught": "；于 {t} 被水困住（水深无法通行）",
        "r_source": "{k} 人位于水源处（一开始即被水浸），{left}{caught}",
        "r_caught_on_route": "{k} 人于 {departed} 撤离，早于水首次到达 {place}（{water}），但于 {caught} 在途中被水"
                             "困住（水深无法通行），该处首次来水时间为 {water_there}",
        "r_turned_back_caught": "{k} 人于 {departed} 撤离，早于水首次到达 {place}（{water}），途中遇水折返，"
                                "于 {caught} 在 {place} 被水困住",
        "r_late_warning": "{k} 人在水到达 {place} 前未收到撤离命令（命令 {order}，来水 {water}）",
        "r_did_not_leave": "{k} 人已及时收到命令（{warned}），但水到达 {place} 时尚未撤离（来水 {water}；{left}）",
        "r_sheltered_in_flood": "{k} 人在洪水到达的房屋楼上避险（来水 {water}）",
        "r_stayed_in_flood": "{k} 人在演练结束时仍留在 {place} 洪水到达的住房楼下（来水 {water}），但水未深到困住"
                             "他们：那里的水始终低于他们能涉水通过的深度{rate}；{tried}",
        "stayed_rate_safe": "（每人死亡概率 {p}，为致死规则的安全区：房屋未倒塌，水位远低于屋顶）",
        "stayed_rate": "（按致死规则，每人死亡概率至多 {p}）",
        "stayed_never_set_out": "他们始终未动身",
        "stayed_set_out": "他们于 {t} 动身撤离，但所有出路已被水阻断，只得留在家中{some}",
        "stayed_never_some": "（{k} 人始终未动身）",
        "r_not_out": "{k} 人在演练结束时仍在井下（水到达 {place} {water}）",
        "queue_title": "罐笼 {hoist} 排队 {queue:.0f} 人（最长队列的 P95；每罐 {cap} 人）",
        "queue_evidence": "最长排队人数的 P95 为 {queue:.0f} 人；乘罐人员平均等待时间 {wait}（各次重复的中位数）；"
                          "罐笼在撤离时段内的利用率 {busy100:.0f} %（P95）。",
        "capacity_title": "{node} 接纳人数超过其容量（{people:.0f} > {capacity}，P95）",
        "capacity_evidence": "各次重复中最终到达 {node} 的人数 P95：{people:.0f}；容量 {capacity}。",
        "refuge_water_title": "避险硐室 {node} 在 {pct} 的重复中进水",
        "refuge_water_evidence": "{n} 次重复中有 {k} 次水淹到硐室地面，时间 {water}（中位数）：这些重复中它不是安全"
                                 "场所，而预案以其 {seats} 个座位安置不能及时撤离的人员。{used}",
        "refuge_water_used": "每次重复平均 {sheltered:.1f} 人在此避险，其中 {caught:.1f} 人在硐室进水时被困。",
        "turned_back_title": "{place}：{pct} 的重复中有人在撤离途中遇水折返",
        "turned_back_what": "从 {place} 出发的人员（{route}）在撤离途中遇水，只得折返",
        "turned_back_evidence": "{when}遇水地点为通往 {where}的途中：人员通过前水已封闭这条通路。{after}",
        "turned_back_all_out": "本次演练中{who}另寻出路撤出，但多走了一个往返。",
        "tb_all": "他们都", "tb_one": "此人",
        "turned_back_after": "折返的 {total} 人次中，{parts}。",
        "turned_back_after_one": "折返之后，{parts}。",
        "tb_out": "{k} 人次另寻出路撤出", "tb_refuge": "{k} 人次进入避险硐室", "tb_caught": "{k} 人次被水困住",
        "tb_open": "{k} 人次在演练结束时仍未到达安全地点",
        "assembly_water_title": "集合点 {node} 位于洪水淹没范围内：{pct} 的重复中水到达该处",
        "assembly_water_evidence": "{n} 次重复中有 {k} 次水到达 {node}，时间 {water}（中位数）{depth}：该处不是安全"
                                   "地点，而预案安排人员前往。{used}",
        "assembly_water_depth": "，按中心洪水估算最大水深 {depth:.1f} m",
        "assembly_water_used": "每次重复平均{parts}。",
        "aw_caught": " {k:.1f} 人在该处被水困住", "aw_turned": " {k:.1f} 人在前往途中遇水折返",
        "assembly_water_unused": "本次演练中无人在水到来前到达或前往该处。",
        "refuge_water_unused": "本次演练无人在此避险：本应进入的人员已乘罐或步行撤出，或在到达前被水困住。",
        # M1
        "actions": {
            "evacuate_underground": "井下撤离命令",
            "evacuate_downstream": "下游撤离命令",
            "stop_entry": "停止入井",
            "notify_township": "通知乡镇",
            "notify_county": "向县级应急管理部门报告",
            "notify_village_heads": "通知村干部",
        },
        "orders": {"underground": "井下撤离", "downstream": "下游撤离"},
        "steps": {"detect and declare": "发现并宣布预警", "give the order": "下达命令"},
        "declare": "宣布预警", "give": "下达命令",
        "tail_wait_clause": "命令须等待 {who} 的“{what}”，而该步骤始终未完成",
        "tail_wait": "{order}命令须等待 {who} 的“{what}”，无人执行，共 {k} 次",
        "tail_pending_clause": "演练结束时 {who} 尚未{doing}",
        "tail_pending": "其中 {k} 次演练结束时 {who} 仍在决策、尚未为{order}{doing}（无人缺岗）",
        "tail_never_clause": "无人能够{doing}（{who} 及全部替补均联系不上）",
        "tail_never": "无人能够为{order}{doing}（{who} 及全部替补均联系不上），共 {k} 次",
        "tail_slow_clause": "{who} 的“{step}”用时最长",
        "tail_slow": "{who} 的“{step}”（{order}）在其中 {k} 次是用时最长的步骤（这些重复中中位数 {p50}）",
        "m1_never_title": "在有触发条件满足的 {n} 次重复中，有 {tail} 次始终未下达{order}命令（等级 {grade}）——其中 "
                          "{k} 次{clause}",
        "m1_never_tail": "有 {tail} 次重复始终未下达命令：{sentence}。",
        "m1_title": "首个触发条件满足后 {value} 才下达命令（P95；等级 {grade}）",
        "m1_never_plain": "超过 5 % 的重复中触发条件满足后始终未下达命令（等级 {grade}）",
        "m1_title_clause": "——在最慢的 5 % 中，{clause}",
        "m1_tail": "在最慢的 {tail} 次重复中（达到或超过该 P95），{sentence}。",
        "m1_chain": "{who}（{step}，{order}）{k} 次：中位数 {p50}，P95 {p95}",
        "m1_absent": "；不在岗 {k} 次",
        "m1_evidence": "各次重复中命令下达时间减首个触发条件满足时间的 P95：{value}。{tail}决策链各步骤（按该岗位执行"
                       "的重复统计）：{chain}。",
        "m1_no_order": "未下达命令",
        # M4
        "internal_title": "现场向值班岗位报告用时最长达 {p95}（预案发现延迟的 P95）",
        "internal_evidence": "最慢触发条件的发现延迟第 95 百分位为 {p95}；“立即”按 {limit} 计 [P]。触发条件："
                             "{triggers}。",
        # M5
        "not_done": {
            "nobody_declared": "无人宣布{level}预警（{trigger_owner} 及全部替补均联系不上）",
            "unreachable": "{owner}{unreachable}",
            "waiting": "该步骤须等待“{after}”，而后者始终未完成",
            "pending": "演练结束时该步骤仍未执行",
        },
        "unreachable_backups": " 及全部替补均联系不上",
        "unreachable_alone": " 联系不上（无替补）",
        "earlier_step": "前一步骤",
        "no_limit": "无时限",
        "limit_law": "法定 1 h 内；预案未在 1 h 内规定时限",
        "limit_local": "{local} 内；预案未规定",
        "limit_plan": "{limit} 内",
        "due_some": "{n} 次重复中的 {k} 次", "due_all": "全部 {n} 次重复",
        "why_in": "其中 {k} 次：{why}",
        "step": "{action}（{level}；{limit}）应在{due}中执行（{level}触发条件满足）：完成 {done} 次{late}，未完成 "
                "{not_done} 次",
        "step_late": "（其中 {k} 次超时）",
        "step_why": "——{why}。",
        "post_bit_not_done": "未完成 {k} 次", "post_bit_late": "超时 {k} 次",
        "post_part": "{action}（{level}）{bits}", "post_bits_sep": "、",
        "post_title": "{who}：{n} 次重复中{parts}",
        "post_no_backup": "——该岗位无替补",
        "post_backups": "{who} 的替补：{backups}。",
        "post_alone": "{who} 无替补：该岗位人员不在时无人顶替。",
        "post_county": "对于{action}（{level}），预案未在法定的 1 h 内规定时限。",
        # M6
        "m6_flip": "导致{metrics}不满足",
        "m6_flips": {"M2": "M2（通知覆盖）", "M3": "M3（安全）"},
        "m6_worse": "使收到预警过晚或未到达安全地点的人数显著增加",
        "m6_title": "单一故障 {fault} {what}：预案经不住该故障",
        "m6_evidence": "{fault} 自 {at} 起发生，{n} 次配对重复：未到达安全地点人数 {u0:.1f} → {u1:.1f}（Δ {ud}，"
                       "95 % 置信区间 {ulo} 至 {uhi}）；收到预警过晚人数 {l0:.1f} → {l1:.1f}（Δ {ld}，"
                       "置信区间 {llo} 至 {lhi}）；{p95}。受影响最大的地点：{places}。",
        "m6_p95": "命令下达后最后一人收到预警时间的 P95 {base} → {fault}（推迟 {rise}）",
        "m6_p95_never": "命令下达后最后一人收到预警时间的 P95：有无该故障均为“从未”",
        "m6_p95_to_never": "命令下达后最后一人收到预警时间的 P95 {base} → 从未：有该故障时，超过 5 % 的重复中"
                           "有人始终未收到预警",
        # M7
        "no_entry_title": "预案没有极端天气停止入井的规定",
        "no_entry_evidence": "预案无禁止入井规定：暴雨预警时，没有措施阻止下一班人员下井。",
        "no_entry_level_title": "禁止入井规定只在红色预警时生效（各地做法：橙色）",
        "no_entry_level_red": "该规定在暴雨红色预警时生效。",
        "no_entry_level_none": "该规定未写明在哪一预警等级生效。",
        "entry_red_title": "{n} 次重复中有 {k} 次在红色预警期间有人下井",
        "entry_red_evidence": "发生时，下一班平均 {avg:.1f} 人（最多 {most} 人）在暴雨红色预警或红色等级期间下井。"
                              "{tail}",
        "entry_rule_title": "{n} 次重复中有 {k} 次违反预案自身的禁止入井规定",
        "entry_rule_evidence": "发生时，平均 {avg:.1f} 人（最多 {most} 人）在规定生效期间下井：没有及时宣布的预警"
                               "等级的步骤停止入井。",
        "exits_title": "预案列出的相距不少于 30 m 的通地面安全出口少于 2 个",
        "exits_evidence": "安全出口：{exits}。",
        "level_exits_title": "{level} 水平只有 {k} 个可步行的安全出口（要求 2 个）",
        "way": "", "ways": "",
        "level_exits_evidence": "从 {level} 水平到地面的独立步行路径（不含罐笼）：{k} 条。",
        "refuge_reach_title": "从 {place} 步行 30 min（自救器额定时间）内无避险硐室或安全出口",
        "refuge_reach_evidence": "步行（不乘罐）到最近的预案避险硐室或地面出口：{walk:.0f} min{reach}。",
        "refuge_reach_more": "；可到达但未列入预案的避险硐室：{refuges}",
        "refuge_seats_title": "{level} 水平：避险硐室 {seats} 个座位，当班 {count} 人",
        "refuge_seats_evidence": "预案在 {level} 水平的避险硐室可容纳 {seats} 人；当班该水平有 {count} 人；该水平"
                                 "低于最低安全出口 {depth:.0f} m。{why}",
        "refuge_required": "该水平须设避险硐室：{reasons}。",
        "refuge_why": {
            "depth": "为最低生产水平，且低于最低安全出口 300 m 以上",
            "inrush": "为最低生产水平，且本情景有突水",
            "distance": "该水平有作业地点沿巷道距本水平最近安全出口 {distance:,.0f} m（超过 2 000 m）",
        },
        "approved_title": "预案未记录批准日期",
        "approved_evidence": "预案未记录批准日期，无法核查 3 年一次的评估。",
        "evaluation_title": "预案于 {date} 批准，距本次演练已超过 {years} 年",
        "evaluation_evidence": "批准日期 {date}；演练日期 {drill}。",
        "not_recorded_title": "预案未记录演练间隔和通讯录核对情况",
        "not_recorded_evidence": "预案文件中没有以下内容的字段：{missing}。本次未作核查；请在随本评估报告的演练记录中"
                                 "登记。",
        "missing_drill": ("上一次演练的日期（每 6 个月至少演练 1 次，《生产安全事故应急条例》第八条 / "
                          "《生产安全事故应急预案管理办法》第三十三条）"),
        "missing_contacts": "通讯录最近一次核对的时间（美国劳工部监察长办公室警示备忘录 05-16-001-06-001，2015："
                            "应急预案中的电话号码有误）",
        "missing_joint": "汛前与坝下游居民的联合演练（2023 中办国办《意见》）",
        "pond_title": "尾矿库{what}的监测未覆盖到设计最小值（{design:g} m）",
        "pond_words": {"freeboard_m": "安全超高", "beach_length_m": "干滩长度"},
        "pond_unmonitored": "预案未监测该项。",
        "pond_low": "红色阈值 {reds} 低于设计最小值 {design:g} m。",
        # M8
        "backups_title": "无替补的岗位：{posts}",
        "backups_evidence": "这些岗位负责触发条件或预案步骤，人员不在时无人顶替。",
        "county_title": "没有向县级应急管理部门报告的步骤",
        "county_evidence": "任何预警等级都没有向县级报告的步骤。",
        "county_deadline_title": "{level}预警时向县级报告的步骤未规定 1 h 内的时限",
        "county_deadline_none": "预案未规定时限；法定时限为 1 h。",
        "county_deadline_long": "预案允许 {h:g} h；法定时限为 1 h。",
        "public_channels_title": "坝下游有居民，但没有面向公众的预警渠道",
        "public_channels_evidence": "预案未列出警报器、村村响广播、短信、电话逐级通知、入户通知小组或广播车。",
        "downstream_order_title": "没有预警等级下达下游撤离命令",
        "downstream_order_evidence": "任何预警等级都没有命令坝下游人员撤离的步骤。",
        "mine_channels_title": "井下有人作业，但没有井下预警渠道",
        "mine_channels_evidence": "预案未列出井下广播、矿灯寻呼、无线通信、车场电话或派人通知。",
        "mine_order_title": "没有预警等级下达井下撤离命令",
        "mine_order_evidence": "任何预警等级都没有命令井下全部人员撤出的步骤。",
        "backup_power_title": "无备用电源的通讯渠道：{channels}",
        "backup_power_evidence": "这些渠道依赖市电，且无蓄电池或发电机：暴雨造成停电时将无法发出预警。",
        "levels_title": "既无触发条件也无行动的预警等级：{levels}",
        "levels_evidence": "预案列出了这些等级，但未作任何响应准备。",
        "levels_default_evidence": "预案未列出预警等级，因而按默认采用全部四级（warning.levels），但未在这些等级作任何"
                                   "响应准备：应在各级作出响应准备，或只列出所用的等级。",
        "automatic_title": "头顶库：坝下 1 km 内有居民（{places}），但没有自动启动预警的触发条件",
        "automatic_evidence": "距坝如此之近的居民，其预警须等待人工决策链；尾矿坝溃决时泥流可在数分钟内到达。",
        "automatic_short": "本次首个触发条件满足后，泥流到达该处的时间中位数为 {low} 至 {high}：依靠人工决策链无法赶在"
                           "其前面。",
        "automatic_ample": "本次首个触发条件满足后，水到达该处的时间中位数为 {low} 至 {high}：足以通知人员并完成撤离，"
                           "失效的是撤离命令或人员响应{split}。",
        "automatic_mixed": "本次首个触发条件满足后，水到达其中一些地点的时间中位数仅为 {low}，人工决策链来不及；"
                           "其余地点则为 {high}。",
        "automatic_split": "（该处共 {unsafe} 人次未处于安全地点，其中 {late} 人次在水到达前未收到撤离命令，{rest} "
                           "人次已及时收到命令但仍未处于安全地点）",
        "automatic_drill": "本次演练中，{n} 次重复中有 {k} 次该处居民在水到来时未处于安全地点（发生时平均 {avg:.1f} "
                           "人）{deaths}。{tail}",
        "automatic_deaths": "；该处预期死亡人数每次重复 {deaths:.1f} 人（致死率规则）",
        "monitoring_title": "预案未包含尾矿库在线监测",
        "monitoring_evidence": "预案未列出尾矿库的任何监测项。",
        "teams_title": "预案未列出应急队伍",
        "teams_evidence": "预案未指定任何应急队伍。",
        "routes_title": "无预定撤离路线的地点：{places}{more}",
        "routes_evidence": "这些地点的人员将走其找到的最近路线；预案附图应标明撤离路线。",
        # plan clause labels
        "ref_order": "{order}，由 {owner} 执行；触发条件 {triggers}",
        "ref_no_order": "任何等级均无 {order} 行动",
        "ref_backup": "{who} 的替补",
        "ref_after": "须等待 {after}",
        "ref_no_channel": "无渠道覆盖 {place}",
        "ref_no_route": "{place} 无撤离路线",
        "ref_routes_over": "经过 {link} 的路线",
    },
}


class Say:
    """The phrases of one language, with the formatting findings share.

    Args:
        lang: "en" or "zh".
    """

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.zh = lang == "zh"
        self._table = PHRASES[lang]
        self._terms = Text(lang)  # the report's own words for levels, zones and "never"

    def __call__(self, key: str, **fmt: Any) -> str:
        text = self._table[key]
        return fill(text, **fmt) if fmt else text

    def table(self, key: str) -> dict[str, str]:
        return self._table[key]

    def clock(self, t: float) -> str:
        return self._terms.value(t, "s")

    def join(self, items: Sequence[str], sep: str = "sep") -> str:
        return self(sep).join(items)

    def listed(self, items: Sequence[str]) -> str:
        """Items joined, or "none"."""
        return self.join(items) or self("none")

    def who(self, title: str) -> str:
        return self("automatic") if title == AUTOMATIC else title

    def place(self, place: str, zone: str) -> str:
        """A place with its zone, the zone left out where it is the place itself."""
        if zone in ("", place):
            return place
        return self("place_zone", place=place, zone=self._terms.zone(zone))

    def level(self, level: str) -> str:
        return self._terms.term(level)

    def action(self, action: str) -> str:
        return self.table("actions").get(action, action.replace("_", " "))

    def when(self, k: int, n: int, total: int, most: int, what: str) -> str:
        """How often something happened to people, and to how many when it did: the average is over the
        replications in which it happened, never over all of them; the same number each time is said so, not as
        an average up to itself."""
        share = self("when_every") if k == n else self("when_some", k=k)
        avg = total / k if k else 0.0
        many = self("one_person") if most <= 1 else self("many_each", most=most) if total == most * k else self(
            "many", avg=avg, most=most)
        return self("when", share=share, n=n, pct=pct(k / n), what=what, many=many)

    def tail(self, facts: dict[str, Any]) -> str:
        failed, n = facts["tail"]
        return TailCheck(failed, n).describe(self.lang)

    def sentence(self, text: str) -> str:
        """A sentence appended to another: a space before it in English, none in Chinese."""
        return self("gap") + text


Render = Callable[[dict[str, Any], Say], tuple[str, str]]
RENDER: dict[str, Render] = {}


def renders(kind: str) -> Callable[[Render], Render]:
    def register(fn: Render) -> Render:
        RENDER[kind] = fn
        return fn

    return register


def words(kind: str, facts: dict[str, Any], lang: str = "en") -> tuple[str, str]:
    """A finding's title and evidence in ``lang``."""
    return RENDER[kind](facts, Say(lang))


def background(source: str) -> bool:
    """Whether a requirement's source is international or foreign (:data:`BACKGROUND`), not a Chinese one."""
    return any(mark in source for mark in BACKGROUND)


def national_first(sources: Sequence[str], lang: str = "en") -> str:
    """Sources of requirements in ``lang``, each once: the national ones first, then the international and foreign
    ones (:func:`background`), marked as background."""
    s = Say(lang)
    sources = list(dict.fromkeys(sources))
    foreign = [x for x in sources if background(x)]
    told = [x for x in sources if not background(x)]
    return s.join([*told, *([s("background", sources=s.join(foreign, "semi"))] if foreign else [])], "semi")


def requirement(key: str, lang: str = "en") -> str:
    """One requirement (a key of :data:`STANDARDS`) in ``lang``, its national sources first."""
    return national_first(STANDARDS[lang][key], lang)


def standard(keys: Sequence[str], lang: str = "en") -> str:
    """The requirements a finding concerns, in ``lang``: all their national sources first, then the international
    and foreign ones as background."""
    return national_first([x for k in keys for x in STANDARDS[lang][k]], lang)


def clause(refs: Sequence[Sequence[Any]], lang: str = "en") -> str:
    """The plan clauses a finding concerns: ``file:line plan.path``, each with its label in ``lang``."""
    s = Say(lang)
    out = []
    for head, key, args in refs:
        label = s(key, **{k: s.listed(v) if isinstance(v, list) else v for k, v in args.items()}) if key else \
            args.get("text", "")
        out.append(s("ref", head=head, label=label) if label else head)
    return s.join(out, "semi")


# ------------------------------------------------------------------ M2 reach
def _never_key(m: dict[str, Any]) -> str:
    """How to say a median order that never came: never given, or given but never sent to the place (a later
    step giving it, the one whose channels reach the place, never taken), or some of each."""
    sent_never = m.get("not_sent", 0)
    return "never_given" if not sent_never else "never_sent" if sent_never == m["people"] else "never_given_or_sent"


def _cause_times(cause: str, m: dict[str, float], s: Say) -> str:
    times = {k: s.clock(m[k]) for k in ("trigger_s", "water_s", "order_s")}
    if cause == "decision" and not math.isnan(m["order_s"]):  # the water of those the order was given for
        times["water_s"] = s.clock(m["water_ordered_s"])
    if cause in ("no_order", "decision", "trigger") and math.isnan(m["order_s"]):  # no order sent there
        times["order_s"] = s(_never_key(m))
    key = "times_decision" if cause == "decision" else "times_trigger" if cause == "trigger" else "times_other"
    return s(key, trigger=times["trigger_s"], water=times["water_s"], order=times["order_s"])


@renders("m2_late")
def _m2_late(f: dict[str, Any], s: Say) -> tuple[str, str]:
    place = s.place(f["place"], f["zone"])
    head = s("m2_head", place=place)
    cause, m = f["cause"], f["by_cause"].get(f["cause"])
    if f.get("tied"):  # no one cause: say each, not the first of them as the whole story
        title = s("m2_tied", head=head, causes=s.join([s.table("cause_words")[c] for c in f["tied"]], "semi"))
    elif cause == "decision" and m is not None and math.isnan(m["order_s"]):  # none had an order sent to their place
        u = f.get("unordered")
        key = "m2_never_k" if u else "m2_not_sent" if m.get("not_sent") else "m2_never"
        title = s(key, head=head, k=u["k"] if u else 0, n=f["n"],
                  trigger=s.clock(m["trigger_s"]), water=s.clock(m["water_s"]))
    elif cause == "decision" and m is not None:
        title = s("m2_decision", head=head, trigger=s.clock(m["trigger_s"]), water=s.clock(m["water_ordered_s"]),
                  order=s.clock(m["order_s"]))
    else:
        title = s("m2_cause", head=head, cause=s.table("cause_text")[cause])
    causes = s.join([s("m2_cause_share", cause=s.table("cause_words")[c], share=v / f["late"],
                       times=_cause_times(c, f["by_cause"][c], s)) for c, v in f["ranked"]], "semi")
    evidence = (s.when(f["late_replications"], f["n"], f["late"], f["most"],
                       s("m2_what", place=place, people=f["people"]))
                + s("m2_why", causes=causes, channels=s.listed(f["channels"])))
    if f.get("unordered"):
        evidence += _unordered_text(f["unordered"], f["n"], s)
    if f.get("stops"):
        evidence += _stops_text(f["stops"], f["n"], f.get("valley", True), s)
    if f["near_field"]:
        evidence += s("near_field", lead=s.clock(f["lead_p50_s"]))
    return title, evidence + s.sentence(s.tail(f))


def _stops_text(stops: Sequence[dict[str, Any]], n: int, valley: bool, s: Say) -> str:
    """The teams, runners and vehicles the water or a cut stopped before they reached the place, and what to change
    (:class:`drills.experiment.bottlenecks.StopTally`); nothing where there were none."""
    if not stops:
        return ""
    rows = list(dict.fromkeys(_stop_row(x, n, s) for x in stops))
    return s("m2_stops", stops=s.join(rows, "semi")) + s("way_closed_change",
                                                          fixed=s("fixed_valley" if valley else "fixed_mine"))


def _stop_row(x: dict[str, Any], n: int, s: Say) -> str:
    """One team, runner or vehicle the water or a cut stopped (:class:`drills.experiment.bottlenecks.StopTally`)."""
    told = {"kind": s.table("stop_kind").get(x["type"], x["type"]), "channel": x["channel"], "at": x["at"],
            "t": s.clock(x["t_p50_s"]), "k": x["replications"], "n": n}
    if x["place"]:
        return s("stop_reach", place=x["place"], what=s.table("stop_what")[x["why"]], **told)
    if x["why"] in ("flooded", "stuck", "knocking"):
        return s(f"stop_{x['why']}", **told)
    return s("stop_shut", closed=s.table("stop_closed")[x["why"]], **told)


def _unordered_text(u: dict[str, Any], n: int, s: Say) -> str:
    """Why the order was never given, in as many replications as each reason, as the post's own finding tells it
    (M5), and what in the plan to change; nothing where the run does not know why."""
    parts, changes = [], []
    for w in u["why"]:
        if w["why"] == "waiting":
            reasons = [s.table("not_done")["unreachable"].format(
                owner=s.who(x["who"]), unreachable=s("unreachable_backups") if x["has_backups"]
                else s("unreachable_alone")) for x in w["waited"] if x["why"] == "unreachable"]
            what = s.join([s("unordered_what", what=s.action(x["action"]), who=s.who(x["who"])) for x in w["waited"]],
                          "and")
            parts.append(s("unordered_wait", k=w["k"], what=what, because=s("unordered_because", reasons=s.join(
                reasons, "semi")) if reasons else ""))
            changes += [s("change_more_backup" if x["has_backups"] else "change_backup", who=s.who(x["who"]))
                        for x in w["waited"] if x["why"] == "unreachable"]
            changes.append(s("change_after", what=s.join([s.action(x["action"]) for x in w["waited"]], "and")))
        else:
            unreachable = s("unreachable_backups") if w.get("has_backups") else s("unreachable_alone")
            parts.append(s("why_in", k=w["k"], why=s.table("not_done")[w["why"]].format(
                level=s.level(w.get("level", "")), trigger_owner=s.who(w.get("who", "")), owner=s.who(w.get("who", "")),
                after="", unreachable=unreachable)))
            if w["why"] in ("unreachable", "nobody_declared"):
                changes.append(s("change_more_backup" if w["has_backups"] else "change_backup", who=s.who(w["who"])))
    if not parts:
        return ""
    text = s("unordered_why", k=u["k"], n=n, parts=s.join(parts, "semi"))
    changes = list(dict.fromkeys(changes))
    return text + (s("unordered_change", changes=s.join(changes, "semi")) if changes else "")


@renders("gate_failed")
def _gate_failed(f: dict[str, Any], s: Say) -> tuple[str, str]:
    m = f["metric"]
    return (s.table("gate_title")[m].format(k=f["failed"], n=f["n"], pct=pct(f["failed"] / f["n"])),
            s("gate_evidence", what=s.table("gate_what")[m], places=s.listed(f["places"])) + s.sentence(s.tail(f)))


@renders("m2_never")
def _m2_never(f: dict[str, Any], s: Say) -> tuple[str, str]:
    rows = [s("m2_never_row", place=s.place(r["place"], r["zone"]), most=r["most"], people=r["people"],
              k=r["replications"], channels=s.listed(r["channels"])) for r in f["rows"]]
    stops = [x for r in f["rows"] for x in r.get("stops", ())]
    return (s("m2_never_title", k=f["k"], n=f["n"], pct=pct(f["k"] / f["n"])),
            s("m2_never_evidence", total=f["total"], rows=s.join(rows, "semi"))
            + _stops_text(stops, f["n"], f.get("valley", True), s) + s.sentence(s.tail(f)))


@renders("m2_time")
def _m2_time(f: dict[str, Any], s: Say) -> tuple[str, str]:
    value = s.clock(f["value"])
    title = "m2_time_never_title" if math.isinf(f["value"]) else "m2_time_title"
    return (s(title, value=value, grade=f["grade"]),
            s("m2_time_evidence", value=value, places=s.listed(f["places"])))


# ------------------------------------------------------------------ M3 safety
def _left(m: dict[str, Any], s: Say) -> str:
    if m["never_left"] == m["people"]:
        return s("never_left")
    return s("left_at", t=s.clock(m["departed_s"])) + (s("never_left_some", k=m["never_left"])
                                                        if m["never_left"] else "")


def _tried(m: dict[str, Any], s: Say) -> str:
    """Whether people still at home set out: their departure is when they tried to leave, not when they left (a
    household whose every way out the water had closed stays at home, its departure time recorded)."""
    if m["never_left"] == m["people"]:
        return s("stayed_never_set_out")
    return s("stayed_set_out", t=s.clock(m["departed_s"]),
             some=s("stayed_never_some", k=m["never_left"]) if m["never_left"] else "")


def _stayed_rate(p: float, s: Say) -> str:
    """The lethality rule's rate for people still downstairs at home: the safe zone's, said so, or the highest."""
    if math.isnan(p):
        return ""
    if math.isclose(p, lethality.SAFE_RATE):
        return s("stayed_rate_safe", p=f"{p:.4g}")
    return s("stayed_rate", p=f"{p:.4g}")


def _reason_text(key: str, m: dict[str, Any], place: str, s: Say) -> str:
    """One reason people were not safe, with the medians over the people it applies to (``key``: a reason,
    ``:source`` appended for the people at the hazard's source)."""
    reason, _, source = key.partition(":")
    k = m["people"]
    were = s("was") if k == 1 else s("were")
    c = s.clock
    if source:
        caught = s("r_caught", t=c(m["caught_s"])) if not math.isnan(m["caught_s"]) else ""
        return s("r_source", k=k, were=were, left=_left(m, s), caught=caught)
    if reason == "stayed_in_flood":
        return s("r_stayed_in_flood", k=k, were=were, place=place, water=c(m["water_s"]),
                 rate=_stayed_rate(m.get("fatality_p_max", math.nan), s), tried=_tried(m, s))
    if reason in ("caught_on_route", "turned_back_caught", "late_warning", "did_not_leave", "sheltered_in_flood"):
        return s(f"r_{reason}", k=k, were=were, place=place, departed=c(m["departed_s"]), water=c(m["water_s"]),
                 caught=c(m["caught_s"]), water_there=c(m["water_there_s"]),
                 order=s(_never_key(m)) if math.isnan(m["order_s"]) else c(m["order_s"]),
                 warned=c(m["warned_s"]), left=_left(m, s))
    return s("r_not_out", k=k, were=were, place=place, water=c(m["water_s"]))


@renders("m3_place")
def _m3_place(f: dict[str, Any], s: Say) -> tuple[str, str]:
    why = s("m3_source_why") if f["source"] else s.table("reasons")[f["reason"]]
    route = s("m3_route", route=f["route"]) if f["route"] else s("m3_no_route")
    reasons = s.join([_reason_text(key, m, f["place"], s) for key, m in f["by_reason"]], "semi")
    where = s.join([s("m3_where", place=p, k=k) for p, k in f["where"]])
    when = s.when(f["replications"], f["n"], f["unsafe"], f["most"], s("m3_what", place=f["place"], route=route))
    return (s("m3_title", place=s.place(f["place"], f["zone"]), why=why),
            s("m3_evidence", when=when, unsafe=f["unsafe"], reasons=reasons, where=where, tail=s.tail(f)))


@renders("m3_queue")
def _m3_queue(f: dict[str, Any], s: Say) -> tuple[str, str]:
    return (s("queue_title", queue=f["queue"], hoist=f["hoist"], cap=f["cap"]),
            s("queue_evidence", queue=f["queue"], wait=s.clock(f["wait_s"]), busy=f["busy"], busy100=100 * f["busy"]))


@renders("m3_capacity")
def _m3_capacity(f: dict[str, Any], s: Say) -> tuple[str, str]:
    return (s("capacity_title", node=f["node"], people=f["people"], capacity=f["capacity"]),
            s("capacity_evidence", node=f["node"], people=f["people"], capacity=f["capacity"]))


@renders("refuge_water")
def _refuge_water(f: dict[str, Any], s: Say) -> tuple[str, str]:
    used = (s("refuge_water_used", sheltered=f["sheltered"], caught=f["caught"]) if f["sheltered"] > 0
            else s("refuge_water_unused"))
    return (s("refuge_water_title", node=f["node"], pct=pct(f["k"] / f["n"])),
            s("refuge_water_evidence", k=f["k"], n=f["n"], water=s.clock(f["water_s"]), seats=f["seats"], used=used))


@renders("assembly_water")
def _assembly_water(f: dict[str, Any], s: Say) -> tuple[str, str]:
    depth = s("assembly_water_depth", depth=f["depth_m"]) if f["depth_m"] > 0 else ""
    parts = [s(f"aw_{key}", k=f[key]) for key in ("caught", "turned") if f[key] > 0]
    used = s("assembly_water_used", parts=s.join(parts, "semi")) if parts else s("assembly_water_unused")
    return (s("assembly_water_title", node=f["node"], pct=pct(f["k"] / f["n"])),
            s("assembly_water_evidence", node=f["node"], k=f["k"], n=f["n"], water=s.clock(f["water_s"]),
              depth=depth, used=used))


@renders("turned_back")
def _turned_back(f: dict[str, Any], s: Say) -> tuple[str, str]:
    route = s("m3_route", route=f["route"]) if f["route"] else s("m3_no_route")
    where = s.join([s("m3_where", place=p, k=k) for p, k in f["where"]])
    when = s.when(f["k"], f["n"], f["people"], f["most"], s("turned_back_what", place=f["place"], route=route))
    ended = {"refuge": f["refuge"], "caught": f["caught"], "open": f["open"]}  # how those who turned back ended
    out = f["people"] - sum(ended.values())
    if out == f["people"]:
        after = s("turned_back_all_out", who=s("tb_all") if f["people"] > 1 else s("tb_one"))
    else:
        parts = [s(f"tb_{key}", k=k, were=s("was") if k == 1 else s("were"))
                 for key, k in (("out", out), *ended.items()) if k > 0]
        # over all the replications, as the places they met it: say so, or "4021 were not safe" reads as people
        after = s("turned_back_after" if f["people"] > 1 else "turned_back_after_one", total=f["people"],
                  parts=s.join(parts, "semi"))
    return (s("turned_back_title", place=f["place"], pct=pct(f["k"] / f["n"])),
            s("turned_back_evidence", when=when, where=where, after=after))


# ------------------------------------------------------------------ M1 latency
def _tail_text(t: dict[str, Any], s: Say) -> tuple[str, str]:
    """The post and step that set the tail of the order latency: a clause for the title, a sentence for the
    evidence."""
    who = s.who(t["who"])
    order = s.table("orders").get(t["order"], t["order"])
    if t["step"].startswith("wait for "):
        what = s.action(t["step"].removeprefix("wait for "))
        return (s("tail_wait_clause", what=what, who=who),
                s("tail_wait", order=order, what=what, who=who, k=t["replications"]))
    if t["never"] and t["step"].endswith(PENDING):
        doing = s("declare") if t["step"].startswith("detect and declare") else s("give")
        return (s("tail_pending_clause", doing=doing, who=who),
                s("tail_pending", doing=doing, order=order, who=who, k=t["never"]))
    if t["never"]:
        doing = s("declare") if t["step"] == "detect and declare" else s("give")
        return (s("tail_never_clause", doing=doing, who=who),
                s("tail_never", doing=doing, order=order, who=who, k=t["never"]))
    step = s.table("steps").get(t["step"], t["step"])
    return (s("tail_slow_clause", who=who, step=step),
            s("tail_slow", who=who, step=step, order=order, k=t["replications"], p50=s.clock(t["step_p50_s"])))


@renders("m1_latency")
def _m1_latency(f: dict[str, Any], s: Say) -> tuple[str, str]:
    t = f["tail"]
    chain = s.join([s("m1_chain", who=s.who(d["who"]), step=s.table("steps").get(d["step"], d["step"]),
                      replications="replication" if d["replications"] == 1 else "replications",
                      order=s.table("orders")[d["order"]], k=d["replications"], p50=s.clock(d["p50_s"]),
                      p95=s.clock(d["p95_s"]))
                    + (s("m1_absent", k=d["absent"]) if d["absent"] else "") for d in f["chain"]], "semi")
    clause_, sentence = _tail_text(t, s) if t is not None else ("", "")
    value = s.clock(f["value"])
    if t is not None and t["never_comes"]:
        title = s("m1_never_title", order=s.table("orders").get(t["order"], t["order"]), tail=t["tail"], n=t["n"],
                  grade=f["grade"], k=t["replications"], clause=clause_)
        tail_txt = s("m1_never_tail", tail=t["tail"], sentence=sentence)
    else:
        title = s("m1_never_plain" if math.isinf(f["value"]) else "m1_title", value=value, grade=f["grade"])
        title += s("m1_title_clause", clause=clause_) if clause_ else ""
        tail_txt = s("m1_tail", tail=t["tail"], sentence=sentence) if t is not None else ""
    return title, s("m1_evidence", value=value, tail=tail_txt, chain=chain or s("m1_no_order"))


# ------------------------------------------------------------------ M4 reporting
@renders("m4_internal")
def _m4_internal(f: dict[str, Any], s: Say) -> tuple[str, str]:
    p95 = s.clock(f["p95_s"])
    return (s("internal_title", p95=p95),
            s("internal_evidence", p95=p95, limit=s.clock(f["limit_s"]), triggers=s.join(f["triggers"])))


# ------------------------------------------------------------------ M5 fidelity
def _limit_text(t: dict[str, Any], s: Say) -> str:
    if t["limit_s"] is None:
        return s("no_limit")
    if t["action"] == "notify_county" and not t["limit_is_plan"]:
        return s("limit_law")
    if not t["limit_is_plan"]:
        return s("limit_local", local=f"{t['local_s'] / 60:g} min [P]")
    return s("limit_plan", limit=s.clock(t["limit_s"]))


def _step_evidence(t: dict[str, Any], n: int, s: Say) -> str:
    after = s.join([s.action(a) for a in t["after"]], "and") or s("earlier_step")
    due = s("due_some", k=t["due"], n=n) if t["due"] < n else s("due_all", n=n)
    unreachable = s("unreachable_backups") if t["has_backups"] else s("unreachable_alone")
    level = s.level(t["level"])
    why = s.join([s("why_in", k=k, why=s.table("not_done")[w].format(
        level=level, trigger_owner=s.who(t["trigger_owner"]), owner=s.who(t["owner"]), after=after,
        unreachable=unreachable)) for w, k in t["why"]], "semi")
    action = s.action(t["action"])
    text = s("step", action=action if s.zh else action.capitalize(), level=level, limit=_limit_text(t, s), due=due,
             done=t["done"], late=s("step_late", k=t["late"]) if t["late"] else "", not_done=t["not_done"])
    return text + (s("step_why", why=why) if why else s("stop"))


@renders("m5_post")
def _m5_post(f: dict[str, Any], s: Say) -> tuple[str, str]:
    n, who = f["n"], s.who(f["who"])
    parts = []
    for t in f["steps"]:
        bits = ([s("post_bit_not_done", k=t["not_done"])] if t["not_done"] else []) + (
            [s("post_bit_late", k=t["late"])] if t["late"] else [])
        parts.append(s("post_part", action=s.action(t["action"]), level=s.level(t["level"]),
                       bits=s.join(bits, "post_bits_sep")))
    title = s("post_title", who=who, parts=s.join(parts, "semi"), n=n) + ("" if f["backups"] else
                                                                           s("post_no_backup"))
    evidence = s("gap").join(_step_evidence(t, n, s) for t in f["steps"])
    evidence += (s("post_backups", who=who, backups=s.join(f["backups"])) if f["backups"] else
                 s("post_alone", who=who))
    for t in f["county"]:
        evidence += s("post_county", action=s.action(t["action"]), level=s.level(t["level"]))
    return title, evidence


# ------------------------------------------------------------------ M6 robustness
@renders("m6_fault")
def _m6_fault(f: dict[str, Any], s: Say) -> tuple[str, str]:
    flips = s.join([s.table("m6_flips")[m] for m in f["flips"]], "and")
    what = s("m6_flip", metrics=flips) if flips else s("m6_worse")
    u, lt = f["unsafe"], f["late"]
    return (s("m6_title", fault=f["fault"], what=what),
            s("m6_evidence", fault=f["fault"], at=s.clock(f["at_s"]), n=f["n"], u0=u["base_mean"], u1=u["new_mean"],
              ud=_change(u["mean_diff"]), ulo=_change(u["ci_low"]), uhi=_change(u["ci_high"]), l0=lt["base_mean"],
              l1=lt["new_mean"], ld=_change(lt["mean_diff"]), llo=_change(lt["ci_low"]), lhi=_change(lt["ci_high"]),
              p95=_p95_change(f, s),
              places=s.listed(f["places"])))


def _change(x: float) -> str:
    """A difference of people to one decimal, signed as the tables sign it (:func:`drills.experiment.units.signed`)."""
    return signed(x, f"{abs(x):.1f}", plus=True)


def _p95_change(f: dict[str, Any], s: Say) -> str:
    """How the fault moves the P95 of the last warning; "never" on both sides is said so, not as a rise of 0."""
    base, fault = f.get("p95_base_s", math.nan), f.get("p95_fault_s", math.nan)
    if math.isinf(base) and math.isinf(fault):
        return s("m6_p95_never")
    if math.isinf(fault):  # the rise is then only the rest of the drill: not a measure of it
        return s("m6_p95_to_never", base=s.clock(base))
    return s("m6_p95", base=s.clock(base), fault=s.clock(fault), rise=s.clock(f["rise_s"]))


# ------------------------------------------------------------------ M7, M8: checks of the plan
def _static(kind: str) -> Render:
    """A check of the plan told by its facts as they are; a list of ids is joined in the language's way."""

    def render(f: dict[str, Any], s: Say) -> tuple[str, str]:
        facts = {k: s.listed(v) if isinstance(v, list) else v for k, v in f.items()}
        return s(f"{kind}_title", **facts), s(f"{kind}_evidence", **facts)

    return render


for _kind in ("no_entry", "entry_rule", "exits", "approved", "evaluation", "backups", "county",
              "public_channels", "downstream_order", "mine_channels", "mine_order", "backup_power", "monitoring",
              "teams", "routes"):
    RENDER[_kind] = _static(_kind)


@renders("refuge_seats")
def _refuge_seats(f: dict[str, Any], s: Say) -> tuple[str, str]:
    why = s.table("refuge_why")
    reasons = [why[r].format(distance=f.get("distance", 0.0)) for r in f.get("reasons", ())]
    more = s("refuge_required", reasons=s.join(reasons, "semi")) if reasons else ""
    facts = {k: v for k, v in f.items() if k not in ("reasons", "why")}
    return s("refuge_seats_title", **facts), s("refuge_seats_evidence", why=more, **facts)


@renders("level_exits")
def _level_exits(f: dict[str, Any], s: Say) -> tuple[str, str]:
    ways = s("ways") if f["k"] != 1 else s("way")
    return s("level_exits_title", ways=ways, **f), s("level_exits_evidence", **f)


@renders("levels")
def _levels(f: dict[str, Any], s: Say) -> tuple[str, str]:
    return (s("levels_title", levels=s.join([s.level(x) for x in f["levels"]])),
            s("levels_default_evidence" if f.get("by_default") else "levels_evidence"))


@renders("no_entry_level")
def _no_entry_level(f: dict[str, Any], s: Say) -> tuple[str, str]:
    return s("no_entry_level_title"), s("no_entry_level_red" if f["red"] else "no_entry_level_none")


@renders("entry_red")
def _entry_red(f: dict[str, Any], s: Say) -> tuple[str, str]:
    return s("entry_red_title", **f), s("entry_red_evidence", avg=f["avg"], most=f["most"], tail=s.tail(f))


@renders("refuge_reach")
def _refuge_reach(f: dict[str, Any], s: Say) -> tuple[str, str]:
    reach = s("refuge_reach_more", refuges=s.join(f["refuges"])) if f["refuges"] else ""
    return s("refuge_reach_title", place=f["place"]), s("refuge_reach_evidence", walk=f["walk"], reach=reach)


@renders("not_recorded")
def _not_recorded(f: dict[str, Any], s: Say) -> tuple[str, str]:
    missing = [s("missing_drill"), s("missing_contacts")] + ([s("missing_joint")] if f["overhead"] else [])
    return s("not_recorded_title"), s("not_recorded_evidence", missing=s.join(missing, "semi"))


@renders("pond")
def _pond(f: dict[str, Any], s: Say) -> tuple[str, str]:
    title = s("pond_title", what=s.table("pond_words")[f["quantity"]], design=f["design"])
    if f["reds"] is None:
        return title, s("pond_unmonitored")
    reds = s.join([s("none") if r is None else f"{r:g} m" for r in f["reds"]])
    return title, s("pond_low", reds=reds, design=f["design"])


@renders("county_deadline")
def _county_deadline(f: dict[str, Any], s: Say) -> tuple[str, str]:
    evidence = s("county_deadline_none") if f["hours"] is None else s("county_deadline_long", h=f["hours"])
    return s("county_deadline_title", level=s.level(f["level"])), evidence


@renders("automatic")
def _automatic(f: dict[str, Any], s: Say) -> tuple[str, str]:
    title = s("automatic_title", places=s.join(f["places"]))
    d = f.get("drill")
    evidence = _lead_text(d, s) if d and d["leads"] else s("automatic_evidence")
    if d:
        deaths = s("automatic_deaths", deaths=d["deaths"]) if d["deaths"] else ""
        evidence += s("automatic_drill", k=d["k"], n=d["n"], avg=d["avg"], deaths=deaths, tail=s.tail(d))
    return title, evidence


def _lead_text(d: dict[str, Any], s: Say) -> str:
    """What the measured time from the first trigger to the water tells: too short for any decision chain (the
    near field), or time enough, so that the order or the response failed — never the one for the other."""
    low, high = d["leads"]
    near = d["near_field_s"]
    lo, hi = s.clock(low), s.clock(high)
    if high < near:
        return s("automatic_short", low=lo, high=hi)
    if low < near:
        return s("automatic_mixed", low=lo, high=hi)
    unsafe, late = d.get("unsafe", 0), d.get("late_warning", 0)
    split = s("automatic_split", late=late, unsafe=unsafe, rest=unsafe - late) if unsafe else ""
    return s("automatic_ample", low=lo, high=hi, split=split)
