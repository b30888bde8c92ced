"""The command line: every GUI action has a headless twin here.

A user's mistake is one sentence on stderr and exit code 2; an internal failure is one sentence
pointing at the log file and exit code 1. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from gisapp import __version__
from gisapp.dates import parse_day
from gisapp.errors import UserError
from gisapp.user_files import log_path

log = logging.getLogger("gisapp")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gisapp",
        description="Disability-service coverage planning for a county. With no command, "
                    "opens the app on the last project (the demo county on first run); "
                    "`gisapp FILE.gpkg` opens that project.",
    )
    parser.add_argument("--version", action="version", version=f"gisapp {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation: open the window offscreen, reproject, "
                             "round-trip a GeoPackage, compute the demo's indicators, write a "
                             "PDF page (in a temporary folder); exit 0 when all work")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new", help="create a county project",
        description="The county's name and metric CRS (its CGCS2000 3-degree Gauss-Kruger "
                    "zone) come from its code or name, looked up in the national table.")
    new.add_argument("path", type=Path, metavar="PATH.gpkg")
    new.add_argument("--name", help="project name (default: the county's name, else the file's)")
    new.add_argument("--county-code", default="", help="6-digit county code, e.g. 640202")
    new.add_argument("--county-name", default="",
                     help="county name, e.g. 大武口区 (looked up when no code is given)")
    new.add_argument("--data-date", type=_date, metavar="YYYY-MM-DD",
                     help="the day the rosters describe (default: today)")
    new.add_argument("--radius-km", type=float, default=5.0,
                     help="rehab station service radius (default: 5)")
    new.add_argument("--targets", default=None, metavar="ID",
                     help="target set (default: the county's own plan where one ships, "
                          "else ningxia_2021)")
    new.add_argument("--with-places", action="store_true",
                     help="start from the county's NBS township and village lists (no outlines)")
    new.set_defaults(run=_run_new)

    demo = commands.add_parser("demo", help="write the demo county project (同心县)")
    demo.add_argument("--out", type=Path, required=True, metavar="PATH.gpkg")
    demo.add_argument("--seed", type=int, default=None, help="random seed (default: the demo's)")
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.set_defaults(run=_run_demo)

    imp = commands.add_parser(
        "import", help="import a roster, facility list or boundary file into a project",
        description="Rows that cannot be imported go to FILE.rejected.xlsx with the reason; "
                    "the exit code is 0 even when some rows are rejected.")
    imp.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--layer", required=True, metavar="KIND",
                     help="layer kind: households, rehab_stations, renovated_homes, "
                          "service_centers, townships, villages")
    imp.add_argument("--sheet", help="workbook sheet or GeoPackage table (default: the first)")
    imp.add_argument("--crs", default="wgs84",
                     help="coordinates of the file: wgs84, cgcs2000, gcj02 (Amap/Tencent), "
                          "bd09 (Baidu) or EPSG:n (default: wgs84)")
    imp.add_argument("--header-row", type=int, help="row number of the header (default: found)")
    imp.add_argument("--mapping", type=Path, help="column mapping saved with --save-mapping")
    imp.add_argument("--save-mapping", type=Path, help="write the column mapping used to FILE")
    imp.set_defaults(run=_run_import)

    ind = commands.add_parser("indicators", help="indicators against the policy targets")
    ind.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    ind.add_argument("--targets", metavar="ID",
                     help="target set (default: the project's; e.g. ningxia_2021, tongxin_2021)")
    ind.add_argument("--level", choices=("county", "township", "village"), default="county")
    ind.add_argument("--radius-km", type=float, help="service radius (default: the project's)")
    ind.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ind.set_defaults(run=_run_indicators)

    short = commands.add_parser("shortlist", help="lists to hand out, as .xlsx or .csv")
    short.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    short.add_argument("--kind", required=True, choices=("uncovered-villages", "unrenovated",
                                                         "overdue-visits",
                                                         "townships-without-center"))
    short.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|FILE.csv")
    short.add_argument("--radius-km", type=float, help="service radius (default: the project's)")
    short.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                       help="day ages and visits are counted to (default: the data date)")
    short.add_argument("--full", action="store_true",
                       help="write ID and phone numbers in full (default: masked)")
    short.set_defaults(run=_run_shortlist)

    prt = commands.add_parser(
        "print", help="a thematic map for reports: PDF (vector, font embedded) or PNG (300 dpi)",
        description="Townships coloured by their gap to the target, facilities, persons beyond "
                    "reach as anonymous dots, legend, scale bar, table, source and date.")
    prt.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    prt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.png")
    _map_arguments(prt)
    prt.add_argument("--paper", choices=("A4", "A3"), default="A4")
    prt.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape")
    prt.add_argument("--atlas", choices=("township",),
                     help="one page per township in one PDF, each zoomed to its township")
    prt.add_argument("--title", help="title of the page (default: county and indicator)")
    prt.set_defaults(run=_run_print)

    web = commands.add_parser("webmap", help="an offline web map (one .html file)")
    web.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    web.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    _map_arguments(web)
    web.add_argument("--tianditu-key", metavar="KEY",
                     help="add the Tianditu basemap (default: the project's tianditu_key "
                          "setting; none when empty)")
    web.set_defaults(run=_run_webmap)

    site = commands.add_parser(
        "site", help="where new rehab stations should go, or how few reach a target",
        description="Proposals go to FILE.xlsx in the order they are worth building, the "
                    "coverage curve beside it (FILE.curve.png), and the project keeps them as "
                    "a scenario for the map and the print layout.")
    site.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    goal = site.add_mutually_exclusive_group(required=True)
    goal.add_argument("--add", type=int, metavar="N",
                      help="choose N new stations reaching the most (weighted) need")
    goal.add_argument("--reach", type=_share, metavar="TARGET",
                      help="the fewest new stations bringing coverage of need to TARGET "
                           "(0.9 or 90%%)")
    site.add_argument("--per-township", action="store_true",
                      help="with --reach: the target in every township as well")
    site.add_argument("--radius-km", type=float, help="service radius (default: the project's)")
    where = site.add_mutually_exclusive_group()
    where.add_argument("--candidates", default="villages", metavar="KIND",
                       help="layer whose points may take a station (default: villages)")
    where.add_argument("--grid-km", type=float, metavar="KM",
                       help="candidates on a regular grid over the county, KM apart")
    site.add_argument("--targets", metavar="ID",
                      help="target set defining need and weights (default: the project's)")
    site.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                      help="stop the exact solver after this long and report the best answer "
                           "with its gap (default: 60)")
    site.add_argument("--scenario", metavar="NAME",
                      help="name of the saved scenario (default: 选址 新增N个 / 选址 覆盖90%%)")
    site.add_argument("--curve", type=Path, metavar="FILE.png",
                      help="where the coverage curve goes (default: FILE.curve.png)")
    site.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    site.set_defaults(run=_run_site)

    sets = commands.add_parser("settings", help="show or change the project's settings",
                               description="With no --set, prints every setting.")
    sets.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    sets.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                      help="change a setting, e.g. radius_km=3 or issuing_office=同心县残联 "
                           "(repeatable)")
    sets.set_defaults(run=_run_settings)

    history = commands.add_parser(
        "imports", help="the layer versions kept by each import; --undo restores the last",
        description="Every import keeps the layer as it was before, in the project file (the "
                    "last 5 per layer). Listed newest first; --undo puts the first back.")
    history.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    history.add_argument("--layer", metavar="KIND", help="only this layer kind")
    history.add_argument("--undo", action="store_true",
                         help="restore the most recent kept version (of --layer, else of the "
                              "last import) and remove it from the list")
    history.set_defaults(run=_run_imports)
    return parser


def _map_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--indicator", metavar="ID",
                         help="indicator to map (default: rehab_reach, else the set's first)")
    command.add_argument("--targets", metavar="ID",
                         help="target set (default: the project's; e.g. ningxia_2021)")


def _date(text: str) -> dt.date:
    if (day := parse_day(text)) is None:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期（例如 2026-06-30）")
    return day


def _share(text: str) -> float:
    """`0.9`, `90%` or `90`: a coverage as a fraction."""
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是覆盖率（例如 0.9 或 90%）") from None
    return value / 100 if text.strip().endswith("%") or value > 1 else value


def _run_new(args: argparse.Namespace) -> None:
    from gisapp.new_project import new_project

    made = new_project(args.path, county_code=args.county_code, county_name=args.county_name,
                       name=args.name or "", data_date=args.data_date,
                       radius_km=args.radius_km, target_set=args.targets,
                       with_places=args.with_places)
    settings = made.project.settings
    where = made.county.full_name if made.county is not None else (settings.county_name
                                                                  or "（县未定）")
    print(f"已创建项目 {made.project.path}：{where}，度量坐标系 {settings.metric_crs or '待定'}，"
          f"数据日期 {settings.data_date.isoformat()}，服务半径 {settings.radius_km:g} 公里，"
          f"目标文件 {settings.target_set}")
    for note in made.notes:
        print(f"注意：{note}")


def _run_demo(args: argparse.Namespace) -> None:
    from gisapp.demo import DEMO_SEED, build_demo

    seed = DEMO_SEED if args.seed is None else args.seed
    project = build_demo(args.out, seed=seed, overwrite=args.force)
    counts = ", ".join(f"{kind} {len(project.read_layer(kind))}"
                       for kind in project.layer_kinds())
    print(f"wrote {project.path}: {counts}")


def _run_import(args: argparse.Namespace) -> None:
    from gisapp.io.importer import import_file
    from gisapp.io.summary import import_summary
    from gisapp.project import Project

    project = Project.open(args.project)
    result = import_file(project, args.layer, args.file, sheet=args.sheet, crs=args.crs,
                         mapping_path=args.mapping, header_row=args.header_row)
    if args.save_mapping:
        result.mapping.save(args.save_mapping)
    print(import_summary(result, project.catalog[args.layer]))


def _run_indicators(args: argparse.Namespace) -> None:
    from gisapp.analysis.indicators import project_indicators, unassigned_notes
    from gisapp.io.indicator_report import as_csv, as_json, as_table
    from gisapp.project import Project
    from gisapp.targets import target_set

    if args.radius_km is not None and args.radius_km <= 0:
        raise UserError(f"--radius-km 应大于 0，不能是 {args.radius_km:g}")
    project = Project.open(args.project)
    targets = target_set(args.targets or project.settings.target_set)
    rows = project_indicators(project, targets.id, level=args.level, radius_km=args.radius_km)
    notes = [f"注意：{n}" for n in unassigned_notes(project, args.level)]
    if args.format == "json":
        print(as_json(rows))
    elif args.format == "csv":
        sys.stdout.buffer.write(as_csv(rows, targets).encode("utf-8"))
    else:
        print("\n".join([as_table(rows, targets), *notes]))
    if notes and args.format != "table":  # machine-readable output stays clean
        print("\n".join(notes), file=sys.stderr)


def _run_shortlist(args: argparse.Namespace) -> None:
    from gisapp.analysis.shortlists import project_shortlist
    from gisapp.io.shortlist_export import write_shortlist
    from gisapp.project import Project

    if args.radius_km is not None and args.radius_km <= 0:
        raise UserError(f"--radius-km 应大于 0，不能是 {args.radius_km:g}")
    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        raise UserError(f"{args.out}：清单只能写成 .xlsx 或 .csv 文件")
    project = Project.open(args.project)
    shortlist = project_shortlist(project, args.kind, radius_km=args.radius_km,
                                  as_of=args.as_of, full=args.full)
    write_shortlist(shortlist, args.out)
    print(f"{shortlist.title}：{len(shortlist.rows):,} 行，已写入 {args.out}")


def _run_print(args: argparse.Namespace) -> None:
    from gisapp.project import Project
    from gisapp.render import PageOptions, prepare_report, render_atlas, render_page

    if args.atlas and args.out.suffix.lower() != ".pdf":
        raise UserError(f"{args.out}：图集是每个乡镇一页的 PDF，请写成 .pdf 文件")
    project = Project.open(args.project)
    report = prepare_report(project, args.indicator, args.targets)
    options = PageOptions(args.paper, args.orientation, args.title)
    if args.atlas:
        pages = len(render_atlas(report, options, args.out))
        written = str(args.out)
    else:
        printed = render_page(report, options, args.out)
        written = "、".join(map(str, printed.files))
        pages = printed.pages
    print(f"{report.indicator.name}：{args.paper} {pages} 页，已写入 {written}")


def _run_webmap(args: argparse.Namespace) -> None:
    from gisapp.project import Project
    from gisapp.render import prepare_report, write_webmap

    project = Project.open(args.project)
    report = prepare_report(project, args.indicator, args.targets)
    write_webmap(report, args.out, tianditu_key=args.tianditu_key)
    print(f"{report.indicator.name}：网页地图已写入 {args.out}")

def _run_site(args: argparse.Namespace) -> None:
    from gisapp.analysis.siting import SitingRequest, project_siting, save_siting_scenario
    from gisapp.io.siting_report import write_siting_report
    from gisapp.project import Project

    if args.out.suffix.lower() != ".xlsx":
        raise UserError(f"{args.out}：选址报告只能写成 .xlsx 文件")
    request = SitingRequest(add=args.add, reach=args.reach, per_township=args.per_township,
                            radius_km=args.radius_km, candidates=args.candidates,
                            grid_km=args.grid_km, time_limit_s=args.time_limit)
    request.check()
    project = Project.open(args.project)
    result = project_siting(project, request, args.targets)
    reasons = [u.reason(result.radius_km, result.target or 0.0) for u in result.unreachable]
    if result.status == "infeasible":
        raise UserError(f"以这些候选点，全县达不到 --reach {args.reach * 100:g}%；{reasons[0]}")
    curve = write_siting_report(result, args.out, args.curve)
    name = save_siting_scenario(project, result, args.scenario)
    print(result.summary)
    for reason in reasons:
        print(f"无法达到：{reason}")
    print(f"已写入 {args.out} 和 {curve}；方案“{name}”已保存到 {project.path}")


def _run_settings(args: argparse.Namespace) -> None:
    from gisapp.project import Project
    from gisapp.project_settings import EDITABLE_KEYS, change_settings

    project = Project.open(args.project)
    changes = {}
    for item in args.set:
        key, equals, value = item.partition("=")
        if not equals:
            raise UserError(f"--set {item}：请写成 设置名=值，例如 radius_km=3")
        changes[key.strip()] = value
    settings = change_settings(project, changes)
    for key, value in settings.to_rows():
        if key in EDITABLE_KEYS or not changes:
            print(f"{key} = {value}")


def _run_imports(args: argparse.Namespace) -> None:
    from gisapp.layer_versions import imports_command

    print(imports_command(args.project, args.layer, undo=args.undo))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--smoke-test"]:  # before the log: it leaves the planner's own files alone
        from gisapp.views.smoke import smoke_test  # one step opens the window: Qt

        return smoke_test()
    _configure_logging()
    try:
        if not argv or (len(argv) == 1 and argv[0].lower().endswith(".gpkg")):
            from gisapp.views.app import run_app  # the GUI entry point; Qt loads only here

            return run_app(Path(argv[0]) if argv else None)
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return 0
        args.run(args)
        return 0
    except UserError as exc:
        print(f"gisapp: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`gisapp indicators ... | head`): not a failure.
        sys.stderr.close()
        return 0
    except Exception:
        log.exception("internal failure running gisapp %s", " ".join(argv))
        print(f"gisapp: internal error; details are in {log_path()}", file=sys.stderr)
        return 1


def _configure_logging() -> None:
    if log.handlers:
        return
    handler = logging.FileHandler(log_path(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
