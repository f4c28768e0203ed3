"""A layout's cells placed on the grid: row and column of each cell's top-left corner."""

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.core.annual_report import Cell, Role, Row, Table


@dataclass(frozen=True)
class Placed:
    row: int  # 0-based, head rows first
    column: int  # 0-based
    cell: Cell
    source: Row
    head: bool  # a row of the layout's head (<thead>)

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_column(self) -> int:
        return self.column + self.cell.colspan - 1


def place(table: Table) -> Iterator[list[Placed]]:
    """The rows of `table` in order, each the list of its cells placed on the grid."""
    taken: set[tuple[int, int]] = set()
    rows = [(row, True) for row in table.layout.head] + [(row, False) for row in table.layout.body]
    for r, (row, head) in enumerate(rows):
        c, out = 0, []
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out.append(Placed(r, c, cell, row, head))
            c += cell.colspan
        yield out


def cell_value(table: Table, placed: Placed) -> object:
    """What a cell shows: its text, or for a value cell its number (None when blank)."""
    if placed.cell.role is Role.VALUE:
        return table.value(placed.source.key, placed.cell.column)
    return placed.cell.text


def shown(value: object) -> str:
    return "" if value is None else str(value)
