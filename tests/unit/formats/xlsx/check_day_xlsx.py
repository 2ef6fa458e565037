#!/usr/bin/python3
"""Reads a day workbook written by day_xlsx with openpyxl and checks what an
accountant would look at: sheet names, a few cells, and that amounts are
numbers and dates are dates. Usage: check_day_xlsx.py FILE se|no.
Prints what is wrong and exits 1, or exits 0."""
import datetime
import sys

import openpyxl

path, country = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
problems = []


def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: got {got!r}, want {want!r}")


if country == "se":
    expect("sheets", wb.sheetnames, ["Z-rapporter", "Verifikationer", "Moms", "Varugrupper", "Betalsätt"])
    z = wb["Z-rapporter"]
    expect("Z A1", z["A1"].value, "Datum")
    expect("Z H1", z["H1"].value, "Försäljningssumma")
    expect("Z A2", z["A2"].value, datetime.datetime(2026, 11, 20))
    expect("Z A2 format", z["A2"].number_format, "yyyy-mm-dd")
    expect("Z B2", z["B2"].value, "K1")
    expect("Z D2", z["D2"].value, 318)
    expect("Z H2 (sales K1)", z["H2"].value, 840.90)
    expect("Z H2 type", z["H2"].data_type, "n")
    expect("Z H2 format", z["H2"].number_format, "#,##0.00")
    expect("Z B3", z["B3"].value, "K2")
    expect("Z H3 (sales K2)", z["H3"].value, 96.00)
    expect("Z S2 (cash difference K1)", z["S2"].value, -1.00)
    expect("Z A4", z["A4"].value, "Summa")
    expect("Z H4 (day sales)", z["H4"].value, 936.90)
    expect("Z O4 (day payments)", z["O4"].value, 1462.00)

    v = wb["Verifikationer"]
    expect("V header", [c.value for c in v[1]],
           ["Datum", "Serie", "Verifikationsnummer", "Konto", "Kontonamn", "Debet", "Kredit",
            "Kostnadsställe", "Text"])
    expect("V A2 type", type(v["A2"].value), datetime.datetime)
    debit = credit = 0.0
    rows = 0
    for row in v.iter_rows(min_row=2, values_only=True):
        rows += 1
        for col, val in ((5, row[5]), (6, row[6])):
            if val is not None and not isinstance(val, (int, float)):
                problems.append(f"V row {rows + 1} column {col + 1}: {val!r} is not a number")
        debit += row[5] or 0
        credit += row[6] or 0
        if not isinstance(row[3], str):
            problems.append(f"V row {rows + 1}: account {row[3]!r} is not text")
    expect("V debit = credit", round(debit, 2), round(credit, 2))
    expect("V debit", round(debit, 2), 1674.70)
    if rows < 20:
        problems.append(f"V: only {rows} voucher lines")
    cash = [r for r in v.iter_rows(min_row=2, values_only=True) if r[3] == "1910"]
    expect("V 1910 name", cash[0][4] if cash else None, "Kassa")

    m = wb["Moms"]
    expect("Moms header", [c.value for c in m[1]], ["Momssats %", "Underlag", "Moms", "Inkl. moms"])
    expect("Moms rates", [m.cell(row=r, column=1).value for r in (2, 3, 4)], [25, 12, 6])
    expect("Moms 12 % VAT", m["C3"].value, 70.28)
    expect("Moms 12 % gross", m["D3"].value, 656.00)
    expect("Moms sum label", m["A5"].value, "Summa")
    expect("Moms sum gross", m["D5"].value, 936.90)
else:
    expect("sheets", wb.sheetnames, ["Z-rapporter", "Bilag", "Mva", "Varegrupper", "Betalingsmåter"])
    z = wb["Z-rapporter"]
    expect("Z A1", z["A1"].value, "Dato")
    expect("Z B1", z["B1"].value, "Kasse")
    expect("Z H1", z["H1"].value, "Totalt salg")
    expect("Z R2 (not counted)", z["R2"].value, None)
    m = wb["Mva"]
    expect("Mva rates", [m.cell(row=r, column=1).value for r in (2, 3, 4)], [25, 15, 0])
    g = wb["Varegrupper"]
    qty = [r[4] for r in g.iter_rows(min_row=2, values_only=True) if r[2] == "Takeaway"]
    expect("Takeaway quantity", qty, [2.347])

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
