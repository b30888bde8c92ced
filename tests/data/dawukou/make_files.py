"""Rebuild the 大武口区 (640202) test files, shaped as the district's offices hand them over.

    PYTHONPATH=. python tests/data/dawukou/make_files.py

Every file is written byte for byte the same on every run (fixed workbook dates, no random
numbers). Places and codes are real (NBS 2023, see README.md); persons are made up. The hand
answers in README.md are counted from the tables below, not from this script's output.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import xlsxwriter

from gisapp.crs import wgs84_to_gcj02
from gisapp.id_numbers import check_digit

HERE = Path(__file__).resolve().parent
WORKBOOK_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)  # the day the office saved its files

# Streets (乡镇/街道) of the four kept, with their NBS 2023 9-digit codes.
CS, CY, RM, XH = "长胜街道", "朝阳街道", "人民路街道", "星海镇"

# The 民政 village list: NBS 2023 12-digit code, name as the office typed it, street,
# 城乡分类代码 (illustrative: not in the shared data, chosen as NBS would class the place).
VILLAGES = [
    (640202001001, "骏马社区居委会", CS, 111),
    (640202001006, "龙泉社区", CS, 111),
    (640202001202, "长胜村村民委员会", CS, 112),
    (640202002001, "万盛社区", CY, 111),
    (640202002005, "长胜社区居委会", CY, 111),
    (640202002011, "阳光社区居委会", CY, 111),
    (640202003001, "建设社区居委会", RM, 111),
    (640202003005, "红星社区", RM, 111),
    (640202100006, "古香社区居委会", XH, 121),
    (640202100206, "果园村委会", XH, 220),
    (640202100208, "星海村村民委员会", XH, 220),
]

# The township list as the 民政 office keeps it: MCA-style codes. 长胜街道's 640202012 is made
# up the way MCA codes drift from NBS ones (NBS: 640202001); 朝阳街道 is given in 12 digits.
TOWNSHIPS = [
    (640202012, CS, "街道"),
    (640202002000, CY, "街道"),
    (640202003, RM, "街道"),
    (640202100, XH, "镇"),
]

TYPE_DIGIT = {"视力": 1, "听力": 2, "言语": 3, "肢体": 4, "智力": 5, "精神": 6, "多重": 7}
GRADE_DIGIT = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "2级": 2}

# One row per person, in the roster's order. Columns:
# label, name, sex, ethnic group, born, disability type (as typed), grade (as typed), street,
# village/community (as typed), village code (None, str, or int when the cell is a number),
# household number, then the flags as typed (是/否/√/""): 低保, 特困, living subsidy,
# care subsidy, rehab need, rehab received, device need, device fitted, pension insured,
# medical insured, in school, deceased; then the WGS84 point (lon, lat) or None.
Y, N, V, B = "是", "否", "√", ""
PERSONS = [
    # 长胜街道
    ("p01", "王建国", "男", "汉族", "19580312", "肢体残疾", "一级", CS, "长胜村", "640202001202",
     "640202001202003", Y, N, Y, Y, Y, Y, Y, Y, Y, Y, B, N, (106.3530, 38.9690)),
    ("p02", "李秀兰", "女", "汉族", "19610705", "视力", "四级", CS, "长胜村", None,
     "640202001202003", Y, N, Y, B, N, B, N, B, Y, Y, B, N, None),
    ("p03", "马小龙", "男", "回族", "20140901", "智力", "二级", CS, "长胜村", None,
     "640202001202011", N, N, N, Y, V, V, N, B, B, V, Y, N, None),
    ("p04", "张桂芳", "女", "汉族", "19401120", "多重", "一级", CS, "骏马社区", None,
     None, N, Y, Y, Y, Y, N, Y, N, Y, Y, B, N, (106.3745, 38.9875)),
    ("p05", "刘洋", "男", "汉族", "19900214", "听力", "三级", CS, "骏马社区", None,
     None, N, N, N, N, N, B, N, B, N, Y, B, N, None),
    ("p06", "陈丽", "女", "汉族", "20120530", "听力", "二级", CS, "骏马社区居委会", "640202001001",
     "640202001001021", Y, N, Y, Y, Y, Y, N, B, B, Y, N, N, (106.3690, 38.9930)),
    ("p07", "赵志刚", "男", "汉族", "19750808", "精神", "二级", CS, "龙泉社区", None,
     "640202001006008", Y, N, Y, N, Y, N, N, B, Y, N, B, N, None),
    ("p08", "孙玉梅", "女", "汉族", "19680422", "肢体残疾", "三级", CS, "龙泉社区居委会", None,
     "640202001006008", Y, N, Y, B, Y, Y, Y, Y, Y, Y, B, N, None),
    ("p09", "周德明", "男", "汉族", "19470115", "肢体", "一级", CS, "骏马社区", 640202001001,
     "640202001001019", Y, N, Y, Y, Y, N, Y, N, Y, Y, B, Y, (106.3700, 38.9850)),
    ("p10", "吴海燕", "女", "汉族", "19831010", "言语", "四级", CS, "长胜村", "640202001202",
     None, N, N, N, N, N, B, N, B, Y, Y, B, N, None),
    # 朝阳街道
    ("p11", "杨帆", "男", "汉族", "19950618", "肢体", "三级", CY, "长胜", None,
     None, N, N, N, N, Y, Y, Y, Y, N, Y, B, N, None),
    ("p12", "黄淑珍", "女", "汉族", "19501231", "视力", "一级", CY, "长胜社区", 640202002005,
     "640202002005014", Y, N, Y, Y, Y, Y, Y, Y, Y, Y, B, N, (106.3960, 39.0300)),
    ("p13", "黄志强", "男", "汉族", "19480303", "肢体残疾", "二级", CY, "长胜社区居委会", None,
     "640202002005014", Y, N, Y, Y, Y, N, N, B, Y, Y, B, N, None),
    ("p14", "郭鹏", "男", "汉族", "19880719", "肢体", "三级", CY, "万盛社区", None,
     None, N, N, N, N, Y, Y, N, B, Y, Y, B, N, None),
    ("p15", "徐晓燕", "女", "汉族", "20100101", "智力", "三级", CY, "万盛社区居委会", None,
     "640202002001030", N, N, N, N, Y, Y, N, B, B, Y, Y, N, (106.3870, 39.0400)),
    ("p16", "何军", "男", "回族", "20091231", "精神", "四级", CY, "万盛社区", None,
     None, N, N, N, N, N, B, N, B, N, Y, Y, N, None),
    ("p17", "罗桂英", "女", "汉族", "19550909", "肢体", "2级", CY, "阳光社区", "640202002011",
     "640202002011005", N, V, V, V, V, B, V, B, V, V, B, B, (106.4060, 39.0345)),
    ("p18", "高明", "男", "汉族", "19800401", "听力", "一级", CY, "阳光社区居委会", None,
     None, N, N, N, Y, N, B, N, B, Y, Y, B, N, (106.4040, 39.0330)),
    ("p19", "林小雨", "女", "汉族", "20190630", "言语", "二级", CY, "阳光社区", None,
     "640202002011018", Y, N, Y, Y, Y, Y, N, B, B, Y, Y, N, None),
    ("p20", "郑国庆", "男", "汉族", "19491001", "视力", "三级", CY, "万盛社区", None,
     None, Y, N, Y, N, Y, N, N, B, Y, Y, B, Y, None),
    ("p21", "钱红", "女", "汉族", "19920820", "肢体残疾", "三级", CY, "阳光社区", None,
     None, N, N, N, N, Y, Y, N, B, Y, Y, B, N, (106.3990, 39.0350)),
    # 人民路街道
    ("p22", "曹丽娟", "女", "汉族", "19720229", "肢体", "一级", RM, "建设社区", "640202003001",
     "640202003001007", Y, N, Y, Y, Y, Y, Y, Y, Y, Y, B, N, (106.3760, 39.0185)),
    ("p23", "冯建华", "男", "汉族", "19650505", "肢体残疾", "四级", RM, "建设社区居委会", None,
     None, N, N, N, N, Y, N, Y, N, N, Y, B, N, (106.3790, 39.0235)),
    ("p24", "蒋玉兰", "女", "汉族", "19380815", "视力", "二级", RM, "红星社区", None,
     "640202003005002", N, Y, Y, Y, Y, Y, N, B, Y, Y, B, N, None),
    ("p25", "沈浩", "男", "汉族", "20160320", "智力", "一级", RM, "红星社区", 640202003005,
     "640202003005016", Y, N, Y, Y, Y, N, N, B, B, Y, Y, N, (106.3580, 39.0060)),
    ("p26", "韩梅", "女", "汉族", "19780707", "精神", "三级", RM, "红星社区", None,
     None, N, N, N, N, Y, Y, N, B, Y, Y, B, N, None),
    ("p27", "杜志远", "男", "汉族", "20111111", "肢体", "三级", RM, "建设社区", None,
     None, N, N, N, N, N, B, Y, Y, B, Y, Y, N, None),
    ("p28", "宋秀英", "女", "汉族", "19520120", "肢体残疾", "二级", RM, "红星社区", None,
     "640202003005009", Y, N, N, Y, Y, Y, Y, N, Y, Y, B, N, (106.3540, 39.0020)),
    ("p29", "袁伟", "男", "汉族", "19851201", "听力", "四级", RM, "建设社区", None,
     None, N, N, N, N, N, B, N, B, N, N, B, N, None),
    ("p30", "唐丽", "女", "汉族", "20000606", "多重", "二级", RM, "建设社区", None,
     "640202003001025", N, N, N, Y, Y, N, N, B, Y, Y, B, N, None),
    ("p31", "刘芳", "女", "汉族", "19700315", "肢体", "四级", RM, "红星社区", None,
     None, N, N, N, N, N, B, N, B, Y, Y, B, N, None),
    # 星海镇
    ("p32", "马福", "男", "回族", "19560404", "肢体", "一级", XH, "星海村", "640202100208",
     "640202100208004", Y, N, Y, Y, Y, Y, Y, Y, Y, Y, B, N, (106.4470, 38.9870)),
    ("p33", "马秀花", "女", "回族", "19580610", "视力", "三级", XH, "星海村", None,
     "640202100208004", Y, N, Y, B, N, B, N, B, Y, Y, B, N, None),
    ("p34", "马小花", "女", "回族", "20170808", "言语", "三级", XH, "星海村", None,
     "640202100208004", Y, N, Y, N, Y, Y, N, B, B, Y, Y, N, None),
    ("p35", "李有财", "男", "汉族", "19630909", "肢体残疾", "二级", XH, "果园村", None,
     "640202100206012", Y, N, Y, Y, Y, N, Y, N, N, Y, B, N, (106.4300, 38.9660)),
    ("p36", "王兰", "女", "汉族", "19450202", "精神", "二级", XH, "果园村", None,
     None, N, Y, Y, Y, Y, Y, N, B, Y, Y, B, N, None),
    ("p37", "张伟", "男", "汉族", "20080505", "听力", "二级", XH, "古香社区", "640202100006",
     None, N, N, N, Y, Y, Y, Y, Y, B, Y, Y, N, (106.4215, 39.0010)),
    ("p38", "赵强", "男", "汉族", "19870727", "智力", "二级", XH, "古香社区", None,
     "640202100006023", V, N, V, V, V, V, N, B, N, V, B, N, None),
    ("p39", "周小宝", "男", "回族", "20200601", "肢体", "三级", XH, "星海村", None,
     "640202100208027", N, N, N, N, Y, N, Y, N, B, Y, N, N, None),
    # neither street nor community: the office never entered where he lives
    ("p40", "白海", "男", "回族", "19790101", "肢体", "三级", "", "", None,
     None, N, N, N, N, Y, N, N, B, Y, Y, B, N, None),
]
BAD_CHECK_DIGIT = "p14"  # typed with a wrong last character

# Rehab stations (康复站.csv): name, level, street, community, WGS84 point or None.
STATIONS = [
    ("大武口区残疾人康复中心", "区康复中心", RM, "建设社区", (106.3740, 39.0170), "是"),
    ("长胜街道残疾人康复室", "街道康复室", CS, "骏马社区", (106.3720, 38.9860), "是"),
    ("长胜村康复站", "社区康复站", CS, "长胜村", None, "否"),
    ("万盛社区康复站", "社区康复站", CY, "万盛社区", (106.3850, 39.0385), "是"),
    ("阳光社区康复站", "社区康复站", CY, "阳光社区", None, "是"),
    ("红星社区康复站", "社区康复站", RM, "红星社区", (106.3655, 39.0100), "是"),
    ("星海镇残疾人康复室", "街道康复室", XH, "星海村", (106.4450, 38.9850), "是"),
    ("古香社区康复站", "社区康复站", XH, "古香社区", None, "否"),
]

# Township service bodies: name, street, kind, year opened. 人民路街道 has none.
CENTERS = [
    ("长胜街道残疾人之家", CS, "残疾人之家", 2021, "刘红梅", "0952-2011301"),
    ("朝阳街道残疾人之家", CY, "残疾人之家", 2020, "张建军", "0952-2013302"),
    ("朝阳街道阳光家园日间照料中心", CY, "日间照料", 2022, "马丽", "0952-2013318"),
    ("星海镇残疾人之家", XH, "残疾人之家", 2023, "杨志勇", "0952-2015506"),
]

# Accessibility renovations: person, street, year (as typed), what was done, cost (yuan).
RENOVATIONS = [
    ("p04", CS, 2019, "卫生间安装扶手、配坐便椅、地面防滑处理", 6800),
    ("p36", XH, 2019, "室内安装扶手、地面防滑处理", 5200),
    ("p12", CY, 2021, "入户坡道、室内扶手、低位灶台", 9500),
    ("p01", CS, 2022, "入户坡道、卫生间改造", 12000),
    ("p32", XH, "2022年", "入户坡道、去除门槛", 8500),
    ("p30", RM, 2022, "闪光门铃、可视对讲", 3000),
    ("p08", CS, 2024, "卫生间扶手、淋浴凳", 7600),
    ("p22", RM, 2024, "入户坡道、扶手、坐便器改造", 11000),
    ("p28", RM, 2024, "扶手、防滑地砖", 6500),
]
LOWER_CASE_X = {"p22"}  # the ledger's clerk typed her ID number's final X as a small x
RENOVATION_FUNDS = {2019: "区财政", 2021: "中央残疾人事业发展补助资金", 2022: "自治区财政",
                    "2022年": "自治区财政", 2024: "区财政"}

# The later update (roster_partial.xlsx): ID number, name, rehab received, pension insured.
UPDATES = [
    ("p05", N, Y),
    ("p07", Y, Y),
    ("p11", Y, Y),
    ("p13", Y, Y),
    ("p35", Y, Y),
]


def id_number(person: tuple) -> str:
    label, _name, sex, _nation, born = person[:5]
    order = f"{int(label[1:]):02d}{1 if sex == '男' else 2}"  # odd for men, even for women
    first17 = f"640202{born}{order}"
    good = check_digit(first17)
    if label != BAD_CHECK_DIGIT:
        return first17 + good
    return first17 + ("0" if good == "X" else str((int(good) + 1) % 10))


def gcj(point: tuple[float, float]) -> tuple[float, float]:
    """The point as Amap's picker shows it: GCJ-02, 6 decimals."""
    lon, lat = wgs84_to_gcj02(*point)
    return round(float(lon), 6), round(float(lat), 6)


def workbook(name: str) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(HERE / name, {"strings_to_numbers": False})
    book.set_properties({"created": WORKBOOK_DATE, "author": "大武口区残联"})
    return book


def put_row(sheet, row: int, values: list) -> None:
    for col, value in enumerate(values):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            sheet.write_string(row, col, value)
        else:
            sheet.write_number(row, col, value)


def village_list() -> None:
    book = workbook("村居名单.xlsx")
    sheet = book.add_worksheet("Sheet1")
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    sheet.merge_range(0, 0, 0, 4, "大武口区村（社区）名单", title)
    put_row(sheet, 2, ["序号", "统计用区划代码", "村居名称", "所属街道（乡镇）", "城乡分类代码"])
    for i, (code, name, street, urban_rural) in enumerate(VILLAGES, start=1):
        put_row(sheet, 2 + i, [i, code, name, street, urban_rural])
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, 3, 18)
    book.close()


def township_list() -> None:
    book = workbook("街道名单.xlsx")
    sheet = book.add_worksheet("Sheet1")
    sheet.merge_range(0, 0, 0, 3, "大武口区乡镇（街道）名单", book.add_format({"bold": True}))
    put_row(sheet, 1, ["序号", "区划代码", "乡镇（街道）名称", "类型"])
    for i, (code, name, kind) in enumerate(TOWNSHIPS, start=1):
        put_row(sheet, 1 + i, [i, code, name, kind])
    sheet.set_column(1, 2, 16)
    book.close()


ROSTER_HEADER = [
    "序号", "姓名", "性别", "民族", "证件号码", "残疾人证号", "残疾类别", "残疾级别",
    "所在乡镇(街道)", "所在村居", "村居代码", "家庭户号", "户籍地址", "手机号码",
    "是否享受低保", "是否特困供养", "是否享受困难残疾人生活补贴", "是否享受重度残疾人护理补贴",
    "康复需求", "是否已获康复服务", "辅具需求", "是否已适配辅具", "是否参加城乡居民养老保险",
    "是否参加医疗保险", "是否在校", "是否死亡", "经度", "纬度",
]
STREETS = {"长胜街道": "长胜东街", "朝阳街道": "朝阳东街", "人民路街道": "人民路",
           "星海镇": "星海镇"}


def address(person: tuple, i: int) -> str:
    street, community = person[7], person[8]
    if not street:
        return "宁夏回族自治区石嘴山市大武口区"
    if community.endswith("村"):
        return f"宁夏石嘴山市大武口区{street}{community}{i % 7 + 1}队"
    flat = 100 * (i % 5 + 1) + 1
    return f"宁夏石嘴山市大武口区{STREETS[street]}{10 + i}号楼{i % 3 + 1}单元{flat}"


def phone(i: int) -> str | int | None:
    if i % 9 == 4:
        return None  # not given
    number = f"13{i % 10}0952{i:04d}"
    return int(number) if i % 6 == 1 else number  # some typed in as numbers


def roster() -> None:
    book = workbook("持证残疾人花名册.xlsx")
    sheet = book.add_worksheet("花名册")
    last = len(ROSTER_HEADER) - 1
    sheet.merge_range(0, 0, 0, last, "石嘴山市大武口区持证残疾人花名册",
                      book.add_format({"bold": True, "font_size": 16, "align": "center"}))
    sheet.merge_range(1, 0, 1, last, "数据截止日期：2025年12月31日　填报单位：大武口区残联",
                      book.add_format({"align": "left"}))
    put_row(sheet, 2, ROSTER_HEADER)
    for i, person in enumerate(PERSONS, start=1):
        (_label, name, sex, nation, _born, kind, grade, street, community, code, household,
         *flags, point) = person
        ident = id_number(person)
        type_name = kind.removesuffix("残疾")
        certificate = f"{ident}{TYPE_DIGIT[type_name]}{GRADE_DIGIT[grade]}"
        lon, lat = gcj(point) if point else (None, None)
        put_row(sheet, 2 + i, [i, name, sex, nation, ident, certificate, kind, grade, street,
                               community, code, household, address(person, i), phone(i),
                               *flags, lon, lat])
    sheet.set_column(4, 5, 22)
    sheet.set_column(8, 12, 16)
    book.close()


def partial_update() -> None:
    book = workbook("roster_partial.xlsx")
    sheet = book.add_worksheet("补充更新")
    sheet.merge_range(0, 0, 0, 3, "大武口区持证残疾人康复服务、养老保险信息补充更新（2026年1月）",
                      book.add_format({"bold": True}))
    put_row(sheet, 1, ["证件号码", "姓名", "是否已获康复服务", "是否参加城乡居民养老保险"])
    people = {p[0]: p for p in PERSONS}
    for i, (label, rehab, pension) in enumerate(UPDATES, start=1):
        person = people[label]
        put_row(sheet, 1 + i, [id_number(person), person[1], rehab, pension])
    sheet.set_column(0, 0, 22)
    book.close()


def stations() -> None:
    """GBK, as Excel on a Chinese Windows saves 'CSV (逗号分隔)': the title padded with commas."""
    header = ["序号", "名称", "级别", "所在街道", "所在社区", "经度", "纬度", "是否规范化"]
    rows = [["大武口区残疾人康复服务站点名单（截至2025年12月31日）"] + [""] * (len(header) - 1),
            header]
    for i, (name, level, street, community, point, standard) in enumerate(STATIONS, start=1):
        lon, lat = (f"{v:.6f}" for v in gcj(point)) if point else ("", "")
        rows.append([str(i), name, level, street, community, lon, lat, standard])
    with open(HERE / "康复站.csv", "w", encoding="gbk", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(rows)


def service_centers() -> None:
    book = workbook("残疾人之家及服务机构.xlsx")
    sheet = book.add_worksheet("Sheet1")
    sheet.merge_range(0, 0, 0, 6, "大武口区乡镇（街道）残疾人服务机构一览表",
                      book.add_format({"bold": True, "align": "center"}))
    put_row(sheet, 1, ["序号", "机构名称", "所属街道（镇）", "机构类型", "建成年份", "负责人",
                       "联系电话"])
    for i, center in enumerate(CENTERS, start=1):
        put_row(sheet, 1 + i, [i, *center])
    sheet.set_column(1, 1, 30)
    book.close()


def renovations() -> None:
    book = workbook("无障碍改造台账.xlsx")
    sheet = book.add_worksheet("改造台账")
    sheet.merge_range(0, 0, 0, 7, "大武口区困难重度残疾人家庭无障碍改造台账",
                      book.add_format({"bold": True, "align": "center"}))
    put_row(sheet, 1, ["序号", "姓名", "证件号码", "所在街道", "改造年度", "改造内容",
                       "资金（元）", "资金来源"])
    people = {p[0]: p for p in PERSONS}
    for i, (label, street, year, items, cost) in enumerate(RENOVATIONS, start=1):
        person = people[label]
        ident = id_number(person)
        if label in LOWER_CASE_X:
            ident = ident.lower()
        put_row(sheet, 1 + i, [i, person[1], ident, street, year, items, cost,
                               RENOVATION_FUNDS[year]])
    sheet.set_column(2, 2, 22)
    sheet.set_column(5, 5, 36)
    book.close()


def main() -> None:
    village_list()
    township_list()
    roster()
    partial_update()
    stations()
    service_centers()
    renovations()


if __name__ == "__main__":
    main()
