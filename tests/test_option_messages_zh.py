"""The commands' messages about their options in Chinese (``--lang zh``): an output folder that cannot be used, a
cluster that cannot be reached, a ceiling too low, two plans to compare. Each message the code makes is in the
catalogue whole, keeps its option name, paths and numbers as written, and the commands print it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from test_cli import MINE, RUNS, bad_out_folders, invoke, refuse_to_run

from drills import cli
from drills.commands.language import asked
from drills.commands.options_zh import OPTIONS, OS_REASONS, USAGE, VALUE_ERRORS, option_message, usage_message
from drills.experiment import exercise
from drills.experiment.exercise import ClusterError, on_cluster
from drills.experiment.staging import unwritable

CJK = re.compile(r"[\u4e00-\u9fff]")
NOTHING = "; nothing was run or written."


@pytest.mark.parametrize("entry", OPTIONS, ids=lambda e: e.example[:40])
def test_each_entry_renders_its_example_in_chinese_keeping_the_option_name(entry) -> None:
    said = entry.render(entry.example)
    assert said is not None and CJK.search(said), entry.example
    option = re.match(r"--[a-z-]+", entry.example)
    if option:
        assert said.startswith(option[0]), said
    for value in re.findall(r"\d+(?:\.\d+)*|tcp://\S+?(?=[\s:;)]|$)", entry.example):
        assert value in said, (value, said)


def test_every_example_is_rendered_by_its_own_entry_alone() -> None:
    for entry in OPTIONS:
        others = [e.example for e in OPTIONS if e is not entry and e.render(entry.example) is not None]
        assert others == [], (entry.example, others)


def test_each_message_about_an_unusable_out_folder_is_in_chinese_whole(tmp_path: Path) -> None:
    for out, _ in bad_out_folders(tmp_path):
        why = unwritable(out)
        assert why is not None
        said = option_message(f"--out: {why}{NOTHING}", "zh")
        assert said.startswith("--out：") and said.endswith("；未运行，也未写入任何文件。"), said
        assert str(out) in said and not re.search(r"\b(?:is a file|cannot|folder)\b", said), said


def test_a_reason_the_catalogue_does_not_know_leaves_the_whole_message_in_english() -> None:
    message = f"--out: cannot write in /srv/r: Stale file handle{NOTHING}"
    assert option_message(message, "zh") == message
    assert option_message(f"--out: cannot write in /srv/r: Permission denied{NOTHING}", "zh") == (
        f"--out：无法写入 /srv/r：{OS_REASONS['Permission denied']}；未运行，也未写入任何文件。")
    assert option_message(message, "en") == message


@pytest.mark.parametrize("address", ["nonsense", "tcp://nowhere"])
def test_the_messages_of_a_cluster_that_cannot_be_used_are_in_chinese_whole(address: str) -> None:
    with pytest.raises(ClusterError) as refused, on_cluster(address):
        pass
    said = option_message(f"--cluster: {refused.value}{NOTHING}", "zh")
    head = said.removesuffix("；未运行，也未写入任何文件。")
    assert said.startswith("--cluster：") and head != said and CJK.search(head), said


def test_the_message_without_dask_installed_is_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError) as refused, on_cluster("tcp://127.0.0.1:8786"):
        pass
    said = option_message(f"--cluster: {refused.value}{NOTHING}", "zh")
    assert 'pip install ".[cluster]"' in said and "需要 Dask 的 distributed 包" in said, said


@pytest.mark.parametrize("command", RUNS)
def test_every_command_tells_an_unusable_out_folder_in_chinese(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_run(monkeypatch)
    afile = tmp_path / "afile"
    afile.write_text("notes\n", encoding="utf-8")
    res = invoke(*RUNS[command], "--lang", "zh", "--out", afile)
    assert res.exit_code == 2, res.output
    assert res.stderr == f"--out：{afile} 是文件，不是文件夹；未运行，也未写入任何文件。\n"


def test_run_tells_a_low_ceiling_and_a_double_option_in_chinese(tmp_path: Path, monkeypatch) -> None:
    refuse_to_run(monkeypatch)
    res = invoke("run", "-n", "6", "--until-settled", "4", "--lang", "zh", "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr == ("--until-settled 4 不大于先运行的 6 次重复：请给出更大的上限，或不用此选项；"
                          "未运行，也未写入任何文件。\n")
    res = invoke("run", "-n", "2", "--faults", "5", "--fault-replications", "3", "--lang", "zh")
    assert res.exit_code == 2 and res.stderr.startswith("--faults 是 --fault-replications 的旧名称"), res.stderr
    assert not (tmp_path / "out").exists()


def test_run_tells_an_unusable_cluster_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercise, "CONNECT_TIMEOUT_S", 1)
    res = invoke("run", "-n", "3", "--cluster", "nonsense", "--lang", "zh", "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr.startswith("--cluster：'nonsense' 不是调度器地址"), res.stderr
    assert not (tmp_path / "out").exists()


def test_compare_tells_a_wrong_number_of_plans_in_chinese(tmp_path: Path) -> None:
    from drills.inputs.bundled import bundled_root

    scenario = bundled_root() / "scenarios" / "mine_inrush_day.yaml"
    plan = bundled_root() / "plans" / "jinshan_mine_plan.yaml"
    res = invoke("compare", scenario, "--plan", plan, "--lang", "zh", "--out", tmp_path / "out")
    assert res.exit_code == 2
    assert res.stderr == "--plan：请给出恰好两个应急预案（所给为 1 个）；未运行，也未写入任何文件。\n"


def test_writing_outputs_that_fails_late_is_told_in_chinese_with_exit_code_1(tmp_path: Path, capsys) -> None:
    import typer

    from drills.commands.outfolder import EXIT_WRITE, writing

    with pytest.raises(typer.Exit) as stopped, writing(tmp_path / "out", "zh"):
        raise OSError(28, "No space left on device")
    assert stopped.value.exit_code == EXIT_WRITE == 1
    assert capsys.readouterr().err == f"--out：无法将结果写入 {tmp_path / 'out'}：磁盘空间已满\n"


@pytest.mark.parametrize("entry", USAGE + VALUE_ERRORS, ids=lambda e: e.example[:40])
def test_each_usage_error_renders_its_example_in_chinese_keeping_what_was_typed(entry) -> None:
    said = entry.render(entry.example)
    assert said is not None and CJK.search(said), entry.example
    for typed in re.findall(r"'[^']*'|--[a-z]+|\d+", entry.example):
        assert typed in said, (typed, said)


def test_a_usage_error_with_words_the_catalogue_does_not_know_is_left_to_click_in_english() -> None:
    assert usage_message("No such option: --x (Maybe: --y)", "zh") is None
    assert usage_message("Invalid value for '-n': 'x' is not a fraction.", "zh") is None
    assert usage_message("No such option: --x", "en") is None
    assert usage_message("No such option: --x", "zh") == "没有选项 --x"


@pytest.mark.parametrize(("argv", "lang"), [
    (["run", "--lang", "zh"], "zh"), (["run", "--lang=zh"], "zh"), (["run", "--lang", "zh", "--lang", "en"], "en"),
    (["run", "--", "--lang", "zh"], "en"), (["run", "--lang"], "en"), (["validate", "a.yaml"], "en"),
])
def test_the_language_is_read_from_the_command_line_as_click_would_take_it(argv: list[str], lang: str) -> None:
    assert asked(argv) == lang


def drill_main(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    """``drill`` as the console runs it (its entry point, not the app): the exit code and standard error."""
    monkeypatch.setattr(sys, "argv", ["drill", *argv])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    return ended.value.code, capsys.readouterr().err


@pytest.mark.parametrize(("argv", "chinese"), [
    (["run", "--bogus"], "错误：没有选项 --bogus"),
    (["run", "-n", "0"], "错误：'--replications' / '-n' 的值无效："),
    (["run", "-n", "abc"], "错误：'--replications' / '-n' 的值无效："),
    (["valdate"], "错误：没有命令 'valdate'；是否想用 'validate'？"),
    (["run", "a.yaml", "b.yaml"], "错误：多余的参数：b.yaml"),
    (["run", "--animate=yes"], "错误：选项 '--animate' 不带值"),
])
def test_click_usage_errors_are_told_in_chinese_with_exit_code_2(monkeypatch, capsys, argv, chinese) -> None:
    code, err = drill_main(monkeypatch, capsys, *argv, "--lang", "zh")
    assert code == 2 and chinese in err and "Error" not in err and "Traceback" not in err, err
    assert not re.search(r"\b(?:should|such|value|argument|option)\b", err), err
    code, err = drill_main(monkeypatch, capsys, *argv)
    assert code == 2 and err.count("Error: ") == 1 and not CJK.search(err), err


def test_the_console_entry_point_keeps_the_commands_exit_codes(monkeypatch, capsys) -> None:
    code, _ = drill_main(monkeypatch, capsys, "validate", str(MINE), "--lang", "zh")
    assert code == 0
    code, err = drill_main(monkeypatch, capsys, "validate", "missing.yaml", "--lang", "zh")
    assert code == 2 and "missing.yaml: 找不到文件" in err, err
    code, err = drill_main(monkeypatch, capsys, "validate", "missing.yaml", "--lang", "fr")
    assert code == 2 and "--lang: unknown language 'fr'" in err, err


@pytest.mark.parametrize(("lang", "said"), [("en", "interrupted (Ctrl-C): every file drill writes is moved into "
                                                    "place whole, so none is left half-written"),
                                            ("zh", "已中断（Ctrl-C）：drill 写的每个文件都是完整写好后才移入位置的")])
def test_ctrl_c_in_the_middle_of_a_run_says_so_exits_130_and_leaves_no_output(monkeypatch, capsys, tmp_path: Path,
                                                                              lang: str, said: str) -> None:
    real = exercise.run_drill
    calls = []

    def interrupted(spec, r, seed):
        calls.append(r)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(spec, r, seed)

    monkeypatch.setattr(exercise, "run_drill", interrupted)
    out = tmp_path / "out"
    code, err = drill_main(monkeypatch, capsys, "run", str(MINE), "-n", "5", "--out", str(out), "--lang", lang)
    assert code == 130 and said in err and "Traceback" not in err, err
    assert len(calls) == 3 and not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("lang", "said"), [("en", "out of memory: every file drill writes is moved into place whole"),
                                            ("zh", "内存不足：drill 写的每个文件都是完整写好后才移入位置的")])
def test_running_out_of_memory_says_what_to_do_exits_1_and_leaves_no_output(monkeypatch, capsys, tmp_path: Path,
                                                                           lang: str, said: str) -> None:
    real = exercise.run_drill

    def too_big(spec, r, seed):
        if r == 2:
            raise MemoryError
        return real(spec, r, seed)

    monkeypatch.setattr(exercise, "run_drill", too_big)
    out = tmp_path / "out"
    code, err = drill_main(monkeypatch, capsys, "run", str(MINE), "-n", "5", "--out", str(out), "--lang", lang)
    assert code == 1 and said in err and "--replications" in err and "Traceback" not in err, err
    assert not out.exists() and list(tmp_path.iterdir()) == []
