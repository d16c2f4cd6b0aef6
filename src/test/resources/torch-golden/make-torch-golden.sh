#!/bin/sh
# Regenerates the PyTorch golden fixtures of StackedTorchGoldenTest (float64, dropout 0, seqsum objective).
# corpus.txt: characters [3000, 6000) of Debian's /usr/share/common-licenses/Apache-2.0, a text no setting was
# tuned on. 3000 characters over 4 streams give L = 750, so the 50 iterations of 16 steps cross one restart
# (at iteration 46). Needs python3-torch (1.13) with OpenBLAS; run from this directory:
#   sh make-torch-golden.sh [path/to/torch_charlm.py]   (default: the project's ../shared/bench/)
set -eu
PEER=${1:-${TORCH_CHARLM:-../../../../../shared/bench/torch_charlm.py}}
COMMON="--double --reduction seqsum --val-fraction 0 --batch-size 4 --seq-length 16 --hidden-size 16 --threads 1"
[ -f corpus.txt ] || /usr/bin/python3 -c "import sys; sys.stdout.write(open('/usr/share/common-licenses/Apache-2.0', encoding='utf-8').read()[3000:6000])" > corpus.txt
for model in "lstm 2" "gru 1"; do
  set -- $model
  cell=$1 layers=$2
  /usr/bin/python3 "$PEER" corpus.txt $COMMON --cell "$cell" --layers "$layers" --num-iterations 0 --seed 7 \
      --dump-init "$cell$layers-init.json" > /dev/null
  for opt in "adam 0.01" "sgd 0.05"; do
    set -- $opt
    /usr/bin/python3 "$PEER" corpus.txt $COMMON --cell "$cell" --layers "$layers" --optimizer "$1" \
        --learning-rate "$2" --clip 1.0 --num-iterations 50 --init-weights "$cell$layers-init.json" \
        --dump-losses "$cell$layers-$1-losses.json" --dump-weights "$cell$layers-$1-final.json" > /dev/null
  done
done
