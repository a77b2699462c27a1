"""The commands' own messages about their options (``--out``, ``--cluster``, ``--until-settled`` …) in Chinese,
for ``--lang zh``, and the usage errors click finds before a command starts (:data:`USAGE`).

The same rule as the input problems' (:mod:`drills.inputs.messages_zh`): English is the source of every
message, an :class:`~drills.inputs.messages_zh.Entry` maps each English pattern to its Chinese, and a message
any part of which has no entry is told in English, whole. Option names, paths, addresses and numbers stay as
written. The reason the operating system gives (``Permission denied``) is translated when it is one of the
common ones in :data:`OS_REASONS`; another reason leaves the message in English.
"""

from __future__ import annotations

from drills.inputs.messages_zh import NUM, Entry, Q, literal, translate

NOTHING_RUN = "nothing was run or written."
NOTHING_RUN_ZH = "未运行，也未写入任何文件。"

#: the reasons the operating system gives (``strerror``) that a planner meets when a folder cannot be written
OS_REASONS = {
    "Permission denied": "权限不足",
    "Read-only file system": "文件系统为只读",
    "No space left on device": "磁盘空间已满",
    "Disk quota exceeded": "超出磁盘配额",
    "Not a directory": "路径中有一项不是文件夹",
    "No such file or directory": "文件或文件夹不存在",
    "File exists": "文件已存在",
    "it takes no new folders": "其中不能新建文件夹",
}


def _more(n: str) -> str:
    """The files not listed by name: "" or " 等（另有 7 个）"."""
    return f" 等（另有 {n} 个）" if n else ""


OPTIONS: tuple[Entry, ...] = (
    literal(NOTHING_RUN, NOTHING_RUN_ZH),
    literal("nothing was copied.", "未复制任何文件。"),
    literal("--faults is the old name of --fault-replications: give one of them",
            "--faults 是 --fault-replications 的旧名称：请只给出其中一个"),
    Entry(r"--until-settled (?P<ceiling>\d+) is not more than the (?P<n>\d+) replications to run first: give a larger "
          r"ceiling, or leave it out",
          "--until-settled {ceiling} 不大于先运行的 {n} 次重复：请给出更大的上限，或不用此选项",
          "--until-settled 50 is not more than the 200 replications to run first: give a larger ceiling, or leave it "
          "out"),
    Entry(r"--plan: give exactly two plans \(got (?P<n>\d+)\)", "--plan：请给出恰好两个应急预案（所给为 {n} 个）",
          "--plan: give exactly two plans (got 3)"),
    # --out: the folder, checked before anything runs (drills.experiment.staging.unwritable)
    Entry(r"--out: (?P<out>.+?) is a file, not a folder", "--out：{out} 是文件，不是文件夹",
          "--out: reports/x is a file, not a folder"),
    Entry(r"--out: (?P<probe>.+?) is a file, so the folder (?P<out>.+?) cannot be made in it",
          "--out：{probe} 是文件，无法在其中新建文件夹 {out}",
          "--out: reports is a file, so the folder reports/x cannot be made in it"),
    Entry(r"--out: cannot write in (?P<out>.+?): (?P<reason>[^:]+)", "--out：无法写入 {out}：{reason}",
          "--out: cannot write in /srv/reports: Permission denied", terms={"reason": OS_REASONS}),
    Entry(r"--out: cannot make the folder (?P<out>.+?) in (?P<probe>.+?): (?P<reason>[^:]+)",
          "--out：无法在 {probe} 中新建文件夹 {out}：{reason}",
          "--out: cannot make the folder /proc/x in /proc: it takes no new folders", terms={"reason": OS_REASONS}),
    # --out: the outputs of a finished run (drills.commands.outfolder.writing)
    Entry(r"--out: could not write the outputs to (?P<out>.+?): (?P<reason>[^:]+)",
          "--out：无法将结果写入 {out}：{reason}",
          "--out: could not write the outputs to reports/x: No space left on device", terms={"reason": OS_REASONS}),
    # drill schema
    Entry(rf"unknown kind (?P<kind>{Q}); use one of (?P<kinds>[a-z, ]+)", "未知的文件类型 {kind}；请用 {kinds} 之一",
          "unknown kind 'sites'; use one of site, plan, scenario, suite"),
    Entry(r"--out: could not write the schemas to (?P<out>.+?): (?P<reason>[^:]+)",
          "--out：无法将模式文件写入 {out}：{reason}",
          "--out: could not write the schemas to schemas: No space left on device", terms={"reason": OS_REASONS}),
    # --copy (drill examples)
    Entry(r"--copy: (?P<dest>.+?) is a file, not a folder", "--copy：{dest} 是文件，不是文件夹",
          "--copy: mine is a file, not a folder"),
    Entry(r"--copy: already there: (?P<there>[^;]+?)(?: and (?P<more>\d+) more)?",
          "--copy：以下文件已存在：{there}{more}",
          "--copy: already there: mine/plans/a.yaml, mine/plans/b.yaml and 3 more", terms={"more": _more}),
    Entry(r"--copy: (?P<reason>[^:]+)", "--copy：{reason}", "--copy: Permission denied",
          terms={"reason": OS_REASONS}),
    # --cluster (drills.experiment.exercise.on_cluster)
    Entry(r"--cluster: running on a cluster needs Dask's distributed package, here and on every worker: pip install "
          r"\"\.\[cluster\]\" in drill's source folder",
          "--cluster：在集群上运行需要 Dask 的 distributed 包，本机和每个工作节点都需安装：在 drill 的源代码文件夹中"
          "运行 pip install \".[cluster]\"",
          "--cluster: running on a cluster needs Dask's distributed package, here and on every worker: pip install "
          "\".[cluster]\" in drill's source folder"),
    Entry(r"--cluster: not a scheduler address: (?P<address>.+?) \((?P<why>[^;]*)\); e\.g\. tcp://10\.0\.0\.5:8786",
          "--cluster：{address} 不是调度器地址（{why}）；示例：tcp://10.0.0.5:8786",
          "--cluster: not a scheduler address: 'nowhere' (no port); e.g. tcp://10.0.0.5:8786"),
    Entry(r"--cluster: cannot reach the Dask scheduler at (?P<address>\S+): (?P<why>[^;]*)",
          "--cluster：无法连接位于 {address} 的 Dask 调度器：{why}",
          "--cluster: cannot reach the Dask scheduler at tcp://10.0.0.5:8786: Timed out trying to connect"),
    Entry(r"--cluster: the workers at (?P<address>\S+) cannot run drill: (?P<why>[^;]*)",
          "--cluster：位于 {address} 的工作节点无法运行 drill：{why}",
          "--cluster: the workers at tcp://10.0.0.5:8786 cannot run drill: No module named 'drills'"),
    Entry(r"--cluster: the cluster at (?P<address>\S+) has no workers", "--cluster：位于 {address} 的集群没有工作节点",
          "--cluster: the cluster at tcp://10.0.0.5:8786 has no workers"),
    Entry(r"--cluster: workers at (?P<address>\S+) run drill (?P<other>[^;]+), this is drill (?P<this>\S+): "
          r"install the same version on every worker",
          "--cluster：位于 {address} 的工作节点运行 drill {other}，本机为 drill {this}：请在每个工作节点安装相同版本",
          "--cluster: workers at tcp://10.0.0.5:8786 run drill 0.0.9, this is drill 0.4.0: install the same version "
          "on every worker"),
)


def option_message(message: str, lang: str) -> str:
    """A command's message about its options in ``lang``: in Chinese if :data:`OPTIONS` has words for all of it,
    else in English as written."""
    if lang == "zh":
        return translate(message, OPTIONS) or message
    return message


#: what click adds after "No such option" / "No such command": nothing, or the names it guesses were meant
#: (typer's own copy of click writes "(Possible options: …)", click "Did you mean …?")
SUGGESTIONS: tuple[Entry, ...] = (
    literal("", ""),
    Entry(r" \(Possible options: (?P<names>[^)]+)\)", "；可能想用的选项：{names}", " (Possible options: --out)"),
    Entry(r"\.? Did you mean (?P<names>.+)\?", "；是否想用 {names}？", ". Did you mean 'validate'?"),
    Entry(r" \(Did you mean one of: (?P<names>.+)\?\)", "；是否想用其中之一：{names}？",
          " (Did you mean one of: --plan, --place?)"),
)

#: click's own words for a value of the wrong type (older click; typer's own copy words them as pydantic does,
#: which :data:`drills.inputs.messages_zh.CATALOGUE` has)
VALUE_ERRORS: tuple[Entry, ...] = (
    Entry(rf"(?P<value>{NUM}) is not in the range (?P<range>.+?)\.", "{value} 不在范围 {range} 内",
          "0 is not in the range x>=1."),
    Entry(rf"(?P<value>{Q}) is not a valid integer\.", "{value} 不是整数", "'abc' is not a valid integer."),
    Entry(rf"(?P<value>{Q}) is not a valid float\.", "{value} 不是数值", "'abc' is not a valid float."),
)


def _value_error(text: str) -> str | None:
    return translate(text) or translate(text, VALUE_ERRORS)


#: the usage errors click finds on the command line before a command starts, as typer's copy of click and click
#: itself word them; option names, commands and values stay as typed
USAGE: tuple[Entry, ...] = (
    Entry(r"No such option:? '?(?P<option>-[^'\s]*)'?\.?(?P<hint>.*)", "没有选项 {option}{hint}",
          "No such option: --bogus (Possible options: --out)", terms={"hint": SUGGESTIONS}),
    Entry(rf"No such command (?P<command>{Q})\.?(?P<hint>.*)", "没有命令 {command}{hint}",
          "No such command 'valdate'. Did you mean 'validate'?", terms={"hint": SUGGESTIONS}),
    literal("Missing command.", "缺少命令"),
    Entry(r"Got unexpected extra arguments? ?(?:\(s\) )?\((?P<arguments>.*)\)", "多余的参数：{arguments}",
          "Got unexpected extra argument(s) (b.yaml)"),
    Entry(rf"Option (?P<option>{Q}) requires an argument\.", "选项 {option} 需要一个值",
          "Option '--out' requires an argument."),
    Entry(rf"Option (?P<option>{Q}) requires (?P<n>\d+) arguments\.", "选项 {option} 需要 {n} 个值",
          "Option '--box' requires 2 arguments."),
    Entry(rf"Option (?P<option>{Q}) does not take a value\.", "选项 {option} 不带值（它是开关）",
          "Option '--animate' does not take a value."),
    Entry(r"Missing (?P<what>argument|option|parameter) (?P<name>.+?)\.", "缺少{what} {name}",
          "Missing argument 'SCENARIO'.", terms={"what": {"argument": "参数", "option": "选项", "parameter": "参数"}}),
    Entry(r"Invalid value for (?P<param>.+?): (?P<why>.+)", "{param} 的值无效：{why}",
          "Invalid value for '--replications' / '-n': Input should be greater than or equal to 1",
          terms={"why": _value_error}),
)


def usage_message(message: str, lang: str) -> str | None:
    """A usage error of click's in ``lang`` if :data:`USAGE` has words for all of it, else None (the caller shows
    click's English)."""
    return translate(message, USAGE) if lang == "zh" else None
