"""CaRB dev benchmark: `kgbuild extract --sentences --format carb` scored by the shared scorer.

Prints P, R and F1 at the best threshold, F1 over all extractions and AUC, beside the
published figures of other systems on the same scorer. Run by hand:

    .venv/bin/python benchmarks/carb.py [--save out/carb-dev.tsv]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CARB = REPO.parent / "shared" / "benchmarks" / "carb"
SCORER = REPO.parent / "shared" / "tools" / "carb_score.py"

#: Published dev-split figures on the same scorer (F1 at the best threshold, AUC).
REFERENCE = [
    ("IMoJIE (BERT, GPU)", 0.535, 0.333), ("OpenIE6 (BERT, GPU)", 0.527, 0.337),
    ("OpenIE-4", 0.488, 0.272), ("ClausIE", 0.450, 0.224), ("textacy SVO", 0.189, 0.093),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="keep the extractions here")
    parser.add_argument("--model", default=None)
    options = parser.parse_args()
    output = options.save or Path(tempfile.mkstemp(suffix=".tsv")[1])
    command = [sys.executable, "-m", "kgbuild", "extract", "--sentences", "--format", "carb",
               str(CARB / "dev_sentences.txt")] + (["--model", options.model] if options.model else [])
    started = time.perf_counter()
    with output.open("w") as sink:
        subprocess.run(command, stdout=sink, check=True, cwd=REPO)
    seconds = time.perf_counter() - started
    score = json.loads(subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(CARB / "dev_gold.tsv"), "--system", str(output), "--json"],
        capture_output=True, text=True, check=True).stdout)
    print(f"CaRB dev ({seconds:.0f} s for 641 sentences, {sum(1 for _ in output.open())} extractions)\n")
    print(f"{'system':24} {'P':>6} {'R':>6} {'F1':>6} {'F1 all':>7} {'AUC':>6}")
    best, last = score["best"], score["all"]
    print(f"{'kgbuild':24} {best['precision']:6.3f} {best['recall']:6.3f} {best['f1']:6.3f} "
          f"{last['f1']:7.3f} {score['auc']:6.3f}")
    for name, f1, auc in REFERENCE:
        print(f"{name:24} {'':>6} {'':>6} {f1:6.3f} {'':>7} {auc:6.3f}")


if __name__ == "__main__":
    main()
