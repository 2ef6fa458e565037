#!/usr/bin/env python3
"""Compares per-account balances: what the SIE file says against ledger or bean-query.

    sie_convert_balances.py ledger FILE.json LEDGER_BAL_OUTPUT
    sie_convert_balances.py beancount FILE.json BEAN_QUERY_CSV
    sie_convert_balances.py counts FILE.json CHECK.json FILE.csv

The counts mode compares with `dagbok sie check --format json` (a separate parser
path that never builds the document): the JSON must hold as many vouchers, rows
that count and removed rows as check counted, and the CSV one line per row that
counts.

FILE.json is `dagbok sie convert --to json`. The expected balance of an account is
its opening balance for the current year (#IB 0, no objects) plus every voucher row
that counts (kind "trans" or "added"; "removed" rows never count). The tool's output
gives one balance per account; the account number is read from its name
(ledger "Assets:1930 Företagskonto", beancount "Assets:A1930-Foretagskonto").
Accounts that are not SIE accounts (Equity:Opening-Balances, Equity:Unbalanced)
are skipped. Exit 1, listing the differences, unless all agree to the öre.
"""
import csv
import json
import re
import sys
from decimal import Decimal

tool, json_path, tool_path = sys.argv[1:4]
doc = json.load(open(json_path, encoding="utf-8"))

if tool == "counts":
    counts = json.load(open(tool_path, encoding="utf-8"))["counts"]
    rows = [r for v in doc["vouchers"] for r in v["rows"]]
    with open(sys.argv[4], encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.reader(f, delimiter=";"))[1:]
    found = {"vouchers": len(doc["vouchers"]),
             "rows": sum(r["kind"] != "removed" for r in rows),
             "removed_rows": sum(r["kind"] == "removed" for r in rows),
             "csv lines": len(csv_rows)}
    wanted = {"vouchers": counts["vouchers"], "rows": counts["rows"],
              "removed_rows": counts["removed_rows"], "csv lines": counts["rows"]}
    bad = [f"{k}: check {wanted[k]}, converted {found[k]}" for k in wanted if wanted[k] != found[k]]
    print("\n".join(bad) if bad else f"counts agree: {found}")
    sys.exit(1 if bad else 0)
expected = {}
for b in doc["opening_balances"]:
    if b["year"] == 0 and not b["objects"]:
        expected[b["account"]] = expected.get(b["account"], Decimal(0)) + Decimal(b["amount"])
for v in doc["vouchers"]:
    for r in v["rows"]:
        if r["kind"] != "removed":
            expected[r["account"]] = expected.get(r["account"], Decimal(0)) + Decimal(r["amount"])

actual = {}
text = open(tool_path, encoding="utf-8").read()
if tool == "ledger":
    # "ACCOUNT<TAB>AMOUNT", amount "1234.50 SEK" or "0"
    for line in text.splitlines():
        name, amount = line.rsplit("\t", 1)
        m = re.match(r"^[A-Za-z]+:(\S+)", name)
        if not m or name.startswith(("Equity:Opening-Balances", "Equity:Unbalanced")):
            continue
        actual[m.group(1)] = actual.get(m.group(1), Decimal(0)) + Decimal(amount.split()[0] if amount.strip() else "0")
else:
    rows = list(csv.reader(text.splitlines()))
    for name, total in rows[1:]:
        m = re.match(r"^[A-Za-z]+:A([0-9A-Za-z]+)", name.strip())
        if not m:
            continue
        actual[m.group(1)] = actual.get(m.group(1), Decimal(0)) + Decimal(total.strip() or "0")

problems = []
for account in sorted(set(expected) | set(actual)):
    e, a = expected.get(account, Decimal(0)), actual.get(account, Decimal(0))
    if e != a:
        problems.append(f"account {account}: SIE {e}, {tool} {a}")
for p in problems:
    print(p)
print(f"{len(expected)} accounts compared, {len(problems)} differ")
sys.exit(1 if problems else 0)
