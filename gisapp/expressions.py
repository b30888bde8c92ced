"""Filter expressions of the catalog and target sets: pandas-query style boolean expressions
over a layer's field names (`grade <= 2 and (dibao or tekun)`)."""

from __future__ import annotations

import ast

_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.Compare,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Name, ast.Load,
    ast.Constant, ast.List, ast.Tuple, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div,
)


def names_in(expression: str) -> set[str]:
    """The field names an expression uses; SyntaxError when it is not a plain filter."""
    tree = ast.parse(expression, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise SyntaxError(f"'{expression}' is not a plain filter ({type(node).__name__} "
                              "is not allowed)")
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - {"True", "False"}
