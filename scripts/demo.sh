#!/usr/bin/env bash
# The main job on a fresh clone: sets everything up, then walks the bundled GSM8K example.
#   bash scripts/demo.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$DISTILLERY_ROOT/scripts/setup.sh"
cd "$DISTILLERY_ROOT/examples/gsm8k"
distill() { node "$DISTILLERY_ROOT/packages/cli/dist/bin.js" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n$ distill %s\n' "$1" "${*:2}"; distill "${@:2}"; }

step "The plugins this project loads (built-ins plus a third-party parser named in distill.config.ts)" plugins
step "DeepSeek-R1 output whose <think> was opened by the chat template" parse outputs/r1-no-open-tag.txt --parser deepseek-r1
step "Output cut off while still thinking: kept as reasoning, flagged" parse outputs/r1-truncated.txt --parser deepseek-r1
step "Qwen3 with thinking off (empty think block), trimmed" parse outputs/qwen3-thinking-off.txt --parser qwen3 --thinking off --trim
step "Several blocks with unicode" parse outputs/multi-block-unicode.txt --parser think-tags --json
step "The same R1 output fed as stream chunks, a tag split across two of them" parse --chunks outputs/r1-stream-chunks.json --parser deepseek-r1 --json
step "Magistral [THINK] output, split by the third-party parser package" parse outputs/magistral.txt --parser mistral --json

if [ -n "${TOGETHER_API_KEY:-}" ]; then
  step "A live reasoning teacher on Together, streamed" run --provider together --model deepseek-ai/DeepSeek-R1 \
    --task gsm8k --flow reasoning --stream --input "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total does it take?"
else
  printf '\nSet TOGETHER_API_KEY (or OPENAI_API_KEY / ANTHROPIC_API_KEY) to also run a live teacher:\n'
  printf '  distill run --provider together --model deepseek-ai/DeepSeek-R1 --task gsm8k --stream --input "..."\n'
fi
