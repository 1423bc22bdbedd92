"""The files the site offers for download: where each export is published and what the
home page calls it. `publishing/exports.py` writes them; the pages link them.
"""

EXPORTS_DIR = "exports"
REGISTER = "工作台账"
LEDGER = "整改台账"
MODEL_JSON = f"{EXPORTS_DIR}/indicators.json"


def export_paths() -> dict[str, str]:
    """Site path of every export -> what it is, in the order the home page lists them."""
    return {f"{EXPORTS_DIR}/{REGISTER}.xlsx": "工作台账(Excel)", f"{EXPORTS_DIR}/{REGISTER}.csv": "工作台账(CSV)",
            f"{EXPORTS_DIR}/{LEDGER}.xlsx": "整改台账(Excel)", f"{EXPORTS_DIR}/{LEDGER}.csv": "整改台账(CSV)",
            MODEL_JSON: "全部指标数据(JSON,供其他系统使用)"}
