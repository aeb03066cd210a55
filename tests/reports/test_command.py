from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reports.models import Report


def test_build_report_writes_the_pdf_and_records_it(no_other_apps, tenant_a, tmp_path: Path) -> None:
    output = tmp_path / "alpha.pdf"
    call_command("build_report", "--customer", "alpha", "--lang", "en", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    assert Report.objects.get().customer == tenant_a


@pytest.mark.parametrize(
    ("args", "message"), [(["--customer", "nobody"], "Unknown customer"), (["--lang", "fr"], "fr")]
)
def test_build_report_refuses_bad_input(db, tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("build_report", *args, "--output", str(tmp_path / "x.pdf"))
