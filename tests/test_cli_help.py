"""Every command, old or new, is listed and documented with an example."""
import pytest
from typer.testing import CliRunner

from reliability.cli import app

runner = CliRunner()
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


def test_new_commands_are_registered():
    assert {"explain", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    assert command in runner.invoke(app, ["--help"]).output
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
