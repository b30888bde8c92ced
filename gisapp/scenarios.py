"""Named scenarios kept in the project: proposed rehab stations and service centers a planner
wants to compare with the baseline, saved with the day they were made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gisapp.errors import UserError
from gisapp.project import Project


@dataclass(frozen=True)
class ProposedStation:
    key: str
    lon: float  # STORAGE_CRS
    lat: float
    layer: str = "rehab_stations"  # the kind of facility proposed


def scenario_names(project: Project) -> list[str]:
    return [name for (name,) in project.query("SELECT name FROM scenarios ORDER BY id")]


def save_scenario(project: Project, name: str, stations: list[ProposedStation],
                  note: str = "") -> None:
    """Write (or overwrite) a scenario in one transaction."""
    name = name.strip()
    if not name:
        raise UserError("方案需要一个名称")
    with project.editing() as con:
        old = con.execute("SELECT id FROM scenarios WHERE name = ?", (name,)).fetchone()
        if old is not None:
            con.execute("DELETE FROM scenario_changes WHERE scenario_id = ?", old)
            con.execute("DELETE FROM scenarios WHERE id = ?", old)
        cursor = con.execute("INSERT INTO scenarios (name, created, note) VALUES (?, ?, ?)",
                             (name, dt.datetime.now().isoformat(timespec="seconds"), note))
        con.executemany(
            "INSERT INTO scenario_changes (scenario_id, layer, action, feature_key, lon, lat) "
            "VALUES (?, ?, 'add', ?, ?, ?)",
            [(cursor.lastrowid, s.layer, s.key, s.lon, s.lat) for s in stations])


def load_scenario(project: Project, name: str) -> list[ProposedStation]:
    """The facilities the scenario adds, of every kind, in the order they were proposed."""
    rows = project.query(
        "SELECT c.feature_key, c.lon, c.lat, c.layer FROM scenario_changes c JOIN scenarios s "
        "ON s.id = c.scenario_id WHERE s.name = ? AND c.action = 'add' ORDER BY c.id", (name,))
    if not rows and name not in scenario_names(project):
        raise UserError(f"{project.path} 中没有方案“{name}”")
    return [ProposedStation(key, lon, lat, layer) for key, lon, lat, layer in rows]
