"""Fill in a report form with LibreOffice Calc itself, as a department would: run by the
Python that LibreOffice's UNO bridge belongs to (Debian's /usr/bin/python3 with
python3-uno), never the project's. LibreOffice opens the .xlsx, the values are typed into
its cells, and LibreOffice saves the .xlsx the importer reads.

    /usr/bin/python3 libreoffice_fill.py FORM.xlsx FILLED.xlsx CELLS.json

CELLS.json maps a sheet's cells to what goes into them:
{"进展情况": {"F5": "按计划推进", "H5": {"date": "2026-06-30"}}}.
"""

import contextlib
import datetime
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

EXCEL_EPOCH = datetime.date(1899, 12, 30)
STARTUP_LIMIT = 60  # seconds for soffice to accept connections


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe, soffice):
    """The running soffice's desktop, once it accepts connections on the pipe."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"soffice did not start (exit status {soffice.poll()})") from None
            time.sleep(0.2)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def fill(form, filled, cells):
    pipe = f"plansite_{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory() as profile:
        soffice = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ]
        )
        try:
            desktop = _connect(pipe, soffice)
            document = desktop.loadComponentFromURL(
                Path(form).resolve().as_uri(), "_blank", 0, (_property("Hidden", True),)
            )
            for sheet_name, values in cells.items():
                sheet = document.Sheets.getByName(sheet_name)
                for address, value in values.items():
                    cell = sheet.getCellRangeByName(address)
                    if isinstance(value, dict):  # a date: its serial number, as typed
                        day = datetime.date.fromisoformat(value["date"])
                        cell.setValue((day - EXCEL_EPOCH).days)
                    else:
                        cell.setString(value)
            document.storeToURL(
                Path(filled).resolve().as_uri(),
                (_property("FilterName", "Calc MS Excel 2007 XML"),),
            )
            document.close(True)
            # the bridge goes down with soffice, and the call may say so
            with contextlib.suppress(Exception):
                desktop.terminate()
            soffice.wait(timeout=STARTUP_LIMIT)
        finally:
            if soffice.poll() is None:
                soffice.kill()
                soffice.wait()


if __name__ == "__main__":
    form, filled, cells = sys.argv[1:]
    fill(form, filled, json.loads(Path(cells).read_text(encoding="utf-8")))
