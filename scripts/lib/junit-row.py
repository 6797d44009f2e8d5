#!/usr/bin/env python3
"""A scorecard row from tests that already ran: reads the JUnit report scripts/test leaves
(target/nextest/ci/junit.xml) and the nextest filter of the row (`test(/regex/) | …`).

Prints two lines: how many matching tests passed, then the row's measured figures (the
"scorecard: " lines those tests printed, joined with "; "). Exits 1 when a matching test failed
or when none matched (a renamed test must not leave a row green by matching nothing).

    scripts/lib/junit-row.py REPORT 'test(/a_name/) | test(/another/)'
"""
import re
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    report, expression = sys.argv[1], sys.argv[2]
    patterns = [re.compile(p) for p in re.findall(r"test\(/(.*?)/\)", expression)]
    if not patterns:
        print(f"junit-row: no test(/…/) in {expression!r}", file=sys.stderr)
        return 1
    passed, failed, measured = 0, [], []
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("name", "")
        if not any(p.search(name) for p in patterns):
            continue
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('classname')} {name}")
            continue
        if case.find("skipped") is not None:
            continue
        passed += 1
        out = case.find("system-out")
        for line in (out.text or "").splitlines() if out is not None else []:
            if line.startswith("scorecard: "):
                measured.append(line[len("scorecard: "):])
    if failed or passed == 0:
        print("failed: " + ", ".join(failed) if failed else f"no test matched {expression!r}", file=sys.stderr)
        return 1
    print(passed)
    print("; ".join(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
