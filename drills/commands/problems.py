"""Input problems on standard error, in the language of ``--lang``, and the exit that follows them.

Every command that reads input files ends the same way when they are bad: one ``file:line: field: message``
line per problem, one line counting them, exit code 2, nothing run or written. The lines of the problems are
worded by :meth:`drills.inputs.problems.Problem.text`; the few lines of the commands' own around them (the
count, the plausibility warnings' heading, ``drill validate``'s "OK" lines) are in :data:`WORDS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

import typer

from drills.commands import EXIT_INPUT
from drills.commands.consoles import err_console
from drills.inputs.messages_zh import FILE_KIND
from drills.inputs.problems import Problem

#: the commands' own lines around the problems and warnings, by language
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "count": "{n} problem{s} found; nothing was run or written.",
        "warnings": ("{n} plausibility warnings: values that pass validation but look like data-entry slips "
                     "({going_on}):"),
        "warning": ("1 plausibility warning: a value that passes validation but looks like a data-entry slip "
                    "({going_on}):"),
        "going_on_run": "the drill runs as written",
        "going_on_season": "every run goes ahead as written",
        "going_on_plans": "the plans run as written",
        "going_on_validate": "the files are valid; drill run would run them as written",
        "ok": "{path}: {kind} OK{note}",
        "ok_without_site": (" (without its site: give the site file of {site!r} too, or a scenario, to check its "
                            "places)"),
        "ok_with_plan": " (with the plan {plan})",
        "suite_ok": "{path}: suite OK ({runs} runs, each scenario with its site and plan{with_plan})",
        "suite_with_plan": ", with the plan {plan}",
        "examples_scenarios": "scenarios (drill run FILE):",
        "examples_suites": "suites (drill season FILE):",
        "examples_copy": "to start your own drill from them: drill examples --copy DIR (then edit the site, plan and "
                         "scenario there)",
        "copied": "copied {n} files to {copy}: the plans in {plans}, the scenarios, sites and suites in {scenarios}",
        "copied_next": "edit them, then: drill validate {scenario}   and   drill run {scenario}",
        "fit_head": "{n} recorded times in {file}, column {column!r}",
        "fit_unit": "  the column holds {unit}: fitted in seconds, the unit of every delay in the site and plan",
        "interrupted": "interrupted (Ctrl-C): every file drill writes is moved into place whole, so none is left "
                       "half-written",
        "out_of_memory": "out of memory: every file drill writes is moved into place whole, so none is left "
                         "half-written; run fewer replications (--replications) or fewer workers (--workers): "
                         "the README's 'How many replications' gives the memory a run takes",
        "schema_wrote": "wrote {n} schemas to {out}: {names}",
        "schema_editor": "for an editor to check a file as you type (e.g. VS Code's YAML extension), put on its first "
                         "line the schema's full path, as here, or its path relative to the file:",
        "fit_recorded": "  recorded: median {median}, 95th percentile {p95} (of the records themselves)",
        "fit_lognormal": ("  log-normal fit: median {median}, 95th percentile {p95}; above it: {above} of the {n} "
                          "records ({share}), 5 % expected"),
        "fit_paste": "  write in the site or plan, in place of the default: {snippet}",
        "fit_few": ("  only {n} records: the 95th percentile rests on the log-normal's shape more than on the "
                    "records; 20 or more tell it better"),
    },
    "zh": {
        "count": "共发现 {n} 个问题；未运行，也未写入任何文件。",
        "warnings": "{n} 项合理性警告：以下数值通过了格式校验，但疑似录入错误（{going_on}）：",
        "warning": "1 项合理性警告：以下数值通过了格式校验，但疑似录入错误（{going_on}）：",
        "going_on_run": "演练按所填数值运行",
        "going_on_season": "各次运行均按所填数值进行",
        "going_on_plans": "各预案按所填数值运行",
        "going_on_validate": "文件有效；drill run 将按所填数值运行",
        "ok": "{path}: {kind}检查通过{note}",
        "ok_without_site": "（未连同场所检查：请同时给出场所 {site!r} 的文件，或给出演练情景，以检查其中的地点）",
        "ok_with_plan": "（使用应急预案 {plan}）",
        "suite_ok": "{path}: 演练组文件（suite）检查通过（{runs} 次运行，每个演练情景连同其场所和应急预案{with_plan}）",
        "suite_with_plan": "，使用应急预案 {plan}",
        "examples_scenarios": "演练情景（drill run 文件）：",
        "examples_suites": "演练组（drill season 文件）：",
        "examples_copy": ("以它们为起点编写自己的演练：drill examples --copy 文件夹（然后在其中修改场所、应急预案和"
                          "演练情景）"),
        "copied": "已复制 {n} 个文件到 {copy}：应急预案在 {plans}，演练情景、场所和演练组在 {scenarios}",
        "copied_next": "修改后运行：drill validate {scenario}   和   drill run {scenario}",
        "fit_head": "{file} 中 {column!r} 列共 {n} 个记录时间",
        "fit_unit": "  该列单位为{unit}：已换算为秒进行拟合，场所和应急预案中的延迟均以秒为单位",
        "interrupted": "已中断（Ctrl-C）：drill 写的每个文件都是完整写好后才移入位置的，不会留下写了一半的文件",
        "out_of_memory": "内存不足：drill 写的每个文件都是完整写好后才移入位置的，不会留下写了一半的文件；"
                         "请减少重复次数（--replications）或工作进程数（--workers）：README 的"
                         "“How many replications”一节给出了运行所需的内存",
        "schema_wrote": "已将 {n} 个模式文件写入 {out}：{names}",
        "schema_editor": "要让编辑器在输入时检查文件（例如 VS Code 的 YAML 扩展），请在文件第一行写上下面这行，"
                         "其中为模式文件的完整路径（如下），也可写从该文件到模式文件的相对路径：",
        "fit_recorded": "  记录本身：中位数 {median}，第 95 百分位数 {p95}",
        "fit_lognormal": ("  对数正态拟合：中位数 {median}，第 95 百分位数 {p95}；{n} 个记录中有 {above} 个"
                          "（{share}）高于它，预期为 5 %"),
        "fit_paste": "  在场所或应急预案文件中替换默认值：{snippet}",
        "fit_few": ("  只有 {n} 个记录：第 95 百分位数更多取决于对数正态分布的形状而非记录本身；20 个或更多记录更能"
                    "说明问题"),
    },
}


def words(key: str, lang: str = "en", **facts: Any) -> str:
    """One of the commands' own lines in ``lang``; ``n`` among the facts also gives the English plural ``s``."""
    if "n" in facts:
        facts.setdefault("s", "s" if facts["n"] != 1 else "")
    return WORDS.get(lang, WORDS["en"])[key].format(**facts)


def kind_words(kind: str, lang: str = "en") -> str:
    """A kind of input file as the "OK" line of ``drill validate`` names it: "site", or 场所文件（site）."""
    return FILE_KIND.get(kind, kind) if lang == "zh" else kind


def print_problems(problems: Iterable[Problem], lang: str = "en") -> int:
    """Each problem on its own line of standard error, in ``lang``; return how many there were."""
    n = 0
    for p in problems:
        err_console.print(p.text(lang), markup=False, soft_wrap=True)
        n += 1
    return n


def fail_option(message: str, lang: str = "en", code: int = EXIT_INPUT) -> NoReturn:
    """A command's one line about its options (``--out: ... is a file, not a folder; nothing was run or
    written.``) on standard error, in ``lang`` where :mod:`drills.commands.options_zh` has words for it; exit
    ``code`` (2: a bad option, before anything runs)."""
    from drills.commands.options_zh import option_message

    err_console.print(option_message(message, lang), markup=False, soft_wrap=True)
    raise typer.Exit(code)


def fail_input(problems: Iterable[Problem], lang: str = "en") -> NoReturn:
    """The problems and the line counting them on standard error, in ``lang``; exit code 2."""
    n = print_problems(problems, lang)
    err_console.print(words("count", lang, n=n), markup=False)
    raise typer.Exit(EXIT_INPUT)
