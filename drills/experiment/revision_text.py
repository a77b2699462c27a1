"""A revision's title, in English and Chinese, from the facts it was made from.

A candidate revision (:class:`drills.experiment.revisions.Candidate`) carries its phrase and its facts: the
planner's ids as written (channels, places, posts, triggers, routes), numbers, and the plan's own words for
channel types, warning levels, trigger quantities and actions. Its English title (recommendations.md and .json,
the terminal in English, the revised plan's header) and its Chinese one (the Chinese report and terminal) are
told here from one table per language, so that both say the same edit. The Chinese takes the words of
:mod:`drills.experiment.i18n` and :mod:`drills.experiment.finding_text` (预警, 撤离, 避险硐室, 入户通知).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drills.experiment.finding_text import Say
from drills.experiment.i18n import Text

#: Each phrase in each language; facts named in :data:`WORDS` are put in the language's words first.
TITLES: dict[str, dict[str, str]] = {
    "en": {
        "battery": "Give {channel} a {hours:g} h battery (now {now:g} h)",
        "coverage": "Extend {channel} ({type}) coverage to {places}",
        "poles": "Extend {channel} ({type}) poles at {places}",
        "move_siren": "Move {channel} from {here} to {there} ({heard_now} → {heard_there} residents in earshot)",
        "add_siren": "Add a siren at {place} (radius {radius:g} m, {hours:g} h battery)",
        "door_to_door": "Add a door-to-door team from {start} for {places}",
        "cell_broadcast": "Add cell broadcast to every phone in the valley",
        "vehicle": "Add a loudspeaker vehicle from {start} through {places}",
        "paging": "Add personal emergency paging to every cap lamp",
        "runner": "Send a runner from {start} to {places}",
        "automatic": "Make trigger {trigger} ({quantity}, {level}) start the {level} actions automatically, with no "
                     "decision by {owner} nor by the posts that own those actions: the plan takes the decision in "
                     "advance (as the rules' immediate withdrawal at the signs of an accident, 事故征兆紧急撤人)",
        "automatic_reports": "Make trigger {trigger} ({quantity}, {level}) start the {level} warning and evacuation "
                             "automatically, with no decision by {owner} nor by the posts that own those actions: the "
                             "plan takes the decision in advance (as the rules' immediate withdrawal at the signs of "
                             "an accident, 事故征兆紧急撤人); the reports ({reports}) still wait for the posts that "
                             "own them, since a person makes them (条例 第九条)",
        "automatic_unchained": "Make trigger {trigger} ({quantity}, {level}) start the {level} warning and evacuation "
                               "automatically, with no decision by {owner} nor by the posts that own those actions: "
                               "the plan takes the decision in advance (as the rules' immediate withdrawal at the "
                               "signs of an accident, 事故征兆紧急撤人); the reports ({reports}) still wait for the "
                               "posts that own them, since a person makes them (条例 第九条), and the evacuation order "
                               "no longer waits for them",
        "threshold": "Lower trigger {trigger} from {threshold:g} to {lower:g}",
        "earlier": "Bring trigger {trigger} forward from {threshold:g} s to {lower:g} s after the start",
        "trigger_level": "Let trigger {trigger} fire at a {level} {quantity} (now {level_now})",
        "pre_authorise": "Pre-authorise {order} at {level} (now only at {level_now}), given by {owner}",
        "add_order": "Order {order} at a {level} warning, given by {owner} (the plan never orders it)",
        "delegate": "Let {declarer}, who declares {level}, give {order} at once (now {owner})",
        "delegate_after": "Let {declarer}, who declares {level}, give {order} at once (now {owner} after {after})",
        # the title, often bracketed itself ("Tailings pond manager (尾矿库负责人)"), in apposition, not in brackets
        "deputy": "Name a deputy for {role}, {title}",
        "route": "Route {place} by {path} (avoids the places that flood first)",
        "ladderway": "Send {place} to the surface on foot: {path}",
        "assembly": "Send {place} to {point} by {path}",
        "refuge": "Add the site's refuge chamber {refuge} to the plan",
        "fallback_refuge": "Name {refuge} as the fallback refuge of route {route}",
        "hoist_priority": "Serve {station} (level {mine_level}) first with the cage {hoist}",
        "stop_entry": "Stop entry underground at a {level} warning",
        "no_entry_rule": "Add the no-entry rule at an orange warning",
        "report_deadline": "Report to the county within 1 h (条例 第九条)",
    },
    "zh": {
        "battery": "为 {channel} 配备 {hours:g} 小时备用电池（现为 {now:g} 小时）",
        "coverage": "将 {channel}（{type}）的覆盖范围扩大到 {places}",
        "poles": "在 {places} 增设 {channel}（{type}）的点位",
        "move_siren": "将 {channel} 从 {here} 迁至 {there}（听得到的居民 {heard_now} → {heard_there} 人）",
        "add_siren": "在 {place} 增设警报器（覆盖半径 {radius:g} m，备用电池 {hours:g} 小时）",
        "door_to_door": "增设入户通知小组，从 {start} 出发通知 {places}",
        "cell_broadcast": "增设小区广播，覆盖下游每部手机",
        "vehicle": "增设广播车，从 {start} 出发，途经 {places}",
        "paging": "为每盏矿灯配备个人应急寻呼",
        "runner": "派人从 {start} 前往 {places} 通知撤离",
        "automatic": ("使触发条件 {trigger}（{quantity}，{level}）自动启动{level}预警行动，无需 {owner} 及各行动"
                      "负责岗位临时决策：由预案预先作出决策（如规定的事故征兆紧急撤人）"),
        "automatic_reports": ("使触发条件 {trigger}（{quantity}，{level}）自动启动{level}预警和撤离，无需 {owner} "
                              "及各行动负责岗位临时决策：由预案预先作出决策（如规定的事故征兆紧急撤人）；报告（{reports}）"
                              "仍由负责岗位的人员作出，须等待其决策（《生产安全事故报告和调查处理条例》第九条）"),
        "automatic_unchained": ("使触发条件 {trigger}（{quantity}，{level}）自动启动{level}预警和撤离，无需 {owner} "
                                "及各行动负责岗位临时决策：由预案预先作出决策（如规定的事故征兆紧急撤人）；报告"
                                "（{reports}）仍由负责岗位的人员作出，须等待其决策（《生产安全事故报告和调查处理条例》第九条），"
                                "撤离命令不再等待这些报告"),
        "threshold": "将触发条件 {trigger} 的阈值由 {threshold:g} 降至 {lower:g}",
        "earlier": "将触发条件 {trigger} 由开始后 {threshold:g} s 提前至 {lower:g} s",
        "trigger_level": "使触发条件 {trigger} 在{quantity}达到{level}时即满足（现为{level_now}）",
        "pre_authorise": "预先授权在{level}预警时由 {owner} 下达{order}（现仅在{level_now}预警时）",
        "add_order": "{level}预警时由 {owner} 下达{order}（预案未规定该撤离命令）",
        "delegate": "由宣布{level}预警的 {declarer} 立即下达{order}（现由 {owner} 下达）",
        "delegate_after": "由宣布{level}预警的 {declarer} 立即下达{order}（现由 {owner} 在 {after} 之后下达）",
        "deputy": "为 {role} 指定替补，该岗位为 {title}",
        "route": "{place} 改经 {path} 撤离（避开最先被淹的地点）",
        "ladderway": "{place} 的人员步行升井：{path}",
        "assembly": "{place} 的人员经 {path} 前往 {point}",
        "refuge": "将矿井的避险硐室 {refuge} 纳入预案",
        "fallback_refuge": "指定 {refuge} 为路线 {route} 的备用避险硐室",
        "hoist_priority": "罐笼 {hoist} 优先停靠 {station}（{mine_level} 水平）",
        "stop_entry": "{level}预警时即停止入井",
        "no_entry_rule": "增加橙色预警时禁止入井的规定",
        "report_deadline": "1 小时内向县级应急管理部门报告（《生产安全事故报告和调查处理条例》第九条）",
    },
}

#: Facts told in the language's words, by name (English keeps the plan's own: ``mine_pa``, ``red``,
#: ``evacuate_underground``, as the plan file writes them); every other fact is as written (ids, numbers).
WORDS: dict[str, Callable[[Any, Say, Text], str]] = {
    "type": lambda v, s, t: t.term(v) if t.zh else v,
    "level": lambda v, s, t: t.term(v) if t.zh else v,
    "level_now": lambda v, s, t: t.term(v) if t.zh else v,
    "quantity": lambda v, s, t: t.term(v) if t.zh else v,
    "order": lambda v, s, t: s.action(v) if t.zh else v,
    "reports": lambda v, s, t: s.join([s.action(x) for x in v] if t.zh else v),
}
#: Facts that are lists of ids, and how they are joined (a path with arrows, others as the language lists).
LISTS: dict[str, Callable[[list[str], Say], str]] = {
    "places": lambda v, s: s.join(v),
    "after": lambda v, s: s.join(v),
    "path": lambda v, s: " → ".join(v),
}


def title(phrase: str, facts: dict[str, Any], lang: str = "en") -> str:
    """A revision's title in ``lang``, from its phrase and facts."""
    s, t = Say(lang), Text(lang)
    words = {k: WORDS[k](v, s, t) if k in WORDS else LISTS[k](v, s) if k in LISTS else v for k, v in facts.items()}
    return TITLES[lang][phrase].format(**words)
