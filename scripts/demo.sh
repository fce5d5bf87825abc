#!/usr/bin/env bash
# The main job on a fresh clone: sets everything up, then distils GSM8K maths reasoning.
#   bash scripts/demo.sh            (DEMO_DIR=... to choose the project folder)
# Without an API key it goes as far as it can for real: parse, import, dataset, export, check,
# and a priced training plan. With TOGETHER_API_KEY set it also generates with a reasoning
# teacher, fine-tunes a student, watches it and calls the result.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$DISTILLERY_ROOT/scripts/setup.sh"
distill() { node "$DISTILLERY_ROOT/packages/cli/dist/bin.js" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n$ distill %s\n' "$1" "${*:2}"; distill "${@:2}"; }
GSM8K="$DISTILLERY_ROOT/examples/gsm8k/data"

# 1. Reasoning kept apart from answers, on bundled raw model outputs.
cd "$DISTILLERY_ROOT/examples/gsm8k"
step "Plugins: built-ins plus a third-party parser named in examples/gsm8k/distill.config.ts" plugins
step "DeepSeek-R1 output whose <think> was opened by the chat template" parse outputs/r1-no-open-tag.txt --parser deepseek-r1
step "Output cut off while still thinking: kept as reasoning, flagged" parse outputs/r1-truncated.txt --parser deepseek-r1
step "The same kind of output fed as stream chunks, a tag split across two of them" parse --chunks outputs/r1-stream-chunks.json --parser deepseek-r1 --json
step "Magistral [THINK] output, split by the third-party parser package" parse outputs/magistral.txt --parser mistral --json

# 2. A fresh GSM8K project, from data to a priced fine-tuning plan.
DEMO_DIR="${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/distill-demo-XXXXXX")}"
mkdir -p "$DEMO_DIR" && cd "$DEMO_DIR"
[ -f distill.config.ts ] || step "A new project from the GSM8K example" init --example gsm8k
step "Import GSM8K's train split: worked steps become reasoning, the number after #### the answer" import "$GSM8K/train.jsonl" --task gsm8k
step "Three samples" samples list --task gsm8k --limit 3
first=$(distill samples list --task gsm8k --limit 1 --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log((v.samples??v)[0].id)})')
step "One sample, reasoning and answer side by side" samples show "$first"
DATASET="gsm8k-reasoning-$(date +%s)"
step "A frozen dataset of samples with reasoning, split 90/10" dataset create --task gsm8k --name "$DATASET" --filter has-reasoning --split train=0.9,val=0.1 --seed 42
step "Export the train split for Together, reasoning in the assistant's reasoning field" export "$DATASET" --split train --strategy reasoning --format together --out "$DEMO_DIR/train.jsonl"
step "Check it against Together's rules plus reasoning lint, before any money is spent" check "$DEMO_DIR/train.jsonl" --backend together --model Qwen/Qwen3-8B --reasoning
step "The training plan and its price (dry run: nothing uploaded)" train --dataset "$DATASET" --backend together --model Qwen/Qwen3-8B --strategy reasoning --lora --epochs 1 --dry-run

if [ -z "${TOGETHER_API_KEY:-}" ]; then
  cat <<'NOTE'

That is as far as Distillery goes without an API key. With TOGETHER_API_KEY set, this script also:
  - generates fresh reasoning with DeepSeek-R1 as the teacher (distill generate --task gsm8k --run-config r1-teacher ...),
  - fine-tunes Qwen3-8B on it with LoRA (distill train ...), watching it to completion (distill status --watch),
  - and calls the student exactly as it was trained (distill run --finetune ID --input "...").
NOTE
  echo "Project folder: $DEMO_DIR"
  exit 0
fi

# 3. With a key: a real teacher, a real fine-tune, the student answering.
head -n 50 "$GSM8K/test.jsonl" > "$DEMO_DIR/questions.jsonl"
step "Generate reasoning with a teacher on Together (resumable; each sample is stored as it completes)" generate --task gsm8k --run-config r1-teacher --inputs "$DEMO_DIR/questions.jsonl" --count 50 --concurrency 8
TEACHER="teacher-$(date +%s)"
step "A dataset of the teacher's samples" dataset create --task gsm8k --name "$TEACHER" --filter "has-reasoning and source=synthetic" --split train=0.9,val=0.1 --seed 1
started=$(distill train --dataset "$TEACHER" --backend together --model Qwen/Qwen3-8B --strategy reasoning --lora --epochs 2 --json)
ID=$(printf '%s' "$started" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).fineTune.id))')
step "Watch the fine-tune until it ends" status "$ID" --watch --interval "${DEMO_POLL_SECONDS:-30}"
step "Call the student with the prompt and flow it was trained with" run --finetune "$ID" --input "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total does it take?"
echo "Project folder: $DEMO_DIR"
