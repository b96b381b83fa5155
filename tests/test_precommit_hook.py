"""The hook in .pre-commit-hooks.yaml, run by the real `pre-commit` on a temporary git repo.

The hook definition is read from the file and used as a `repo: local` hook with `language:
system` and this interpreter as its entry, so pre-commit builds no environment and needs no
network; everything else (file types, arguments, exit codes) is the shipped definition.
"""
import shlex
import subprocess
import sys

import pytest
import yaml

from conftest import GOOD, PADDED, ROOT


def git(repo, *args, check=True):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "user.name", "Desk")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = hook["entry"].replace("reliability", f"{shlex.quote(sys.executable)} -m reliability", 1)
    local = dict(hook, language="system", entry=entry)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True,
                   capture_output=True)
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "-m", "hook config")
    return repo


def test_hook_refuses_only_the_padded_article(repo):
    (repo / "good.md").write_text("# Parks\n\n" + GOOD, encoding="utf-8")
    git(repo, "add", "good.md")
    accepted = git(repo, "commit", "-m", "good article", check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    (repo / "padded.txt").write_text(PADDED * 2, encoding="utf-8")
    git(repo, "add", "padded.txt")
    refused = git(repo, "commit", "-m", "padded article", check=False)
    assert refused.returncode != 0
    assert "FAIL padded.txt" in refused.stdout + refused.stderr
    log = git(repo, "log", "--format=%s").stdout.splitlines()
    assert log == ["good article", "hook config"]
    assert "padded.txt" in git(repo, "diff", "--cached", "--name-only").stdout
