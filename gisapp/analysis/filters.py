"""Filters of the catalog and target sets (`grade <= 2 and (dibao or tekun)`) evaluated on a frame.

Rosters leave flags blank where the answer is no or not applicable (in_school of an adult), so a
blank flag counts as False, and a blank number matches no comparison. Whether a field is blank
throughout, so that a figure cannot be computed at all, is the indicator's business.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

import numpy as np
import numpy.typing as npt
import pandas as pd

from gisapp.catalog import LayerKind
from gisapp.expressions import names_in

BoolArray = npt.NDArray[np.bool_]
_NUMBERS = ("integer", "floating", "mixed-integer-float", "decimal")


def filter_columns(frame: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """The named columns as plain numpy columns: flags bool (blank False), numbers float (blank
    NaN), other columns unchanged. Plain dtypes also keep `eval` on its fast numpy path."""
    columns: dict[str, object] = {}
    for name in names:
        column = frame[name]
        # A frame built by hand may hold flags as objects (True/False/None): typed by content.
        seen = (pd.api.types.infer_dtype(column, skipna=True) if column.dtype == object
                else None)
        if pd.api.types.is_bool_dtype(column.dtype) or seen == "boolean":
            columns[name] = column.fillna(False).to_numpy(dtype=bool)
        elif pd.api.types.is_numeric_dtype(column.dtype) or seen in _NUMBERS:
            columns[name] = column.to_numpy(dtype=float, na_value=np.nan)
        else:
            columns[name] = column.to_numpy()
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def matches(columns: pd.DataFrame, expression: str | None) -> BoolArray:
    """Rows where the filter holds; every row for no filter."""
    if expression is None:
        return np.ones(len(columns), dtype=bool)
    result = columns.eval(expression)
    if np.ndim(result) == 0:  # a constant filter such as "True"
        return np.full(len(columns), bool(result))
    return pd.Series(result).fillna(False).to_numpy(dtype=bool)


def missing_fields(expression: str | None, kind: LayerKind | None,
                   has_data: Callable[[str], bool]) -> set[str]:
    """The fields without data that keep a filter from being computed; empty when it can be.

    One side of an `or` with data is enough where the other sides lack only flags whose
    absence means no (catalog `absent = "no"`): a roster without a 低保边缘 column still says
    who is poor through 低保, 特困 and 监测对象. But `living_subsidy or not poor` needs the
    subsidy column: without it nobody can be said to receive the subsidy. Everything else
    (`and`, `not`, comparisons) needs all its fields. Expression-derived fields are followed
    down to their inputs.
    """
    if expression is None:
        return set()
    derived = {d.id: d.expression for d in kind.derived if d.expression} if kind else {}
    means_no = {f.id for f in kind.fields if f.absent == "no"} if kind else set()

    def visit(node: ast.AST) -> set[str]:
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            parts = [visit(value) for value in node.values]
            if any(not part for part in parts):
                return set().union(*(part - means_no for part in parts))
            return set().union(*parts)
        if isinstance(node, ast.Name):
            if node.id in derived:
                return visit(ast.parse(derived[node.id], mode="eval").body)
            return set() if has_data(node.id) else {node.id}
        return set().union(set(), *(visit(child) for child in ast.iter_child_nodes(node)))

    names_in(expression)  # the same validation every filter gets
    return visit(ast.parse(expression, mode="eval").body)


def base_fields(expression: str | None, kind: LayerKind | None) -> set[str]:
    """The names a filter depends on, with expression-derived fields replaced by their inputs
    (fields computed by an analysis stay: they are checked as columns of their own)."""
    if expression is None:
        return set()
    derived = {d.id: d.expression for d in kind.derived} if kind is not None else {}
    found: set[str] = set()
    seen: set[str] = set()
    todo = list(names_in(expression))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        inputs = derived.get(name)
        if inputs is not None:
            todo.extend(names_in(inputs))
        else:
            found.add(name)
    return found
