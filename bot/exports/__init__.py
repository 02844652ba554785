"""Export and import: boards, histories and the record as CSV or JSON, and positions read back."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.exports.contents import ExportFile, build_export
    from bot.exports.import_positions import ImportPlan, plan_import, record_import
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ExportFile",
    "ImportPlan",
    "build_export",
    "plan_import",
    "record_import",
]
