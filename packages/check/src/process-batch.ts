import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { formatId, type TogetherFormat } from './dataset-format';
import { estimateTokens } from './estimate-tokens';
import { isDict } from './is-dict';
import { fingerprint } from './line-fingerprint';
import { LINE } from './line-placeholder';
import { type InlineMarkers, lintReasoning } from './lint-reasoning';
import { NOT_JSON, needsFloatWeightPass, parseJsonLine } from './parse-json-line';
import { validateOpenAISample } from './validate-openai-sample';
import { NOT_AN_OBJECT_MESSAGE, validateTogetherSample } from './validate-together-sample';

export type CheckBackend = 'together' | 'openai';

/** What a worker needs to check a batch (plain data, sent once per worker). */
export interface BatchConfig {
  backend: CheckBackend;
  maxSeqLength?: number;
  expectReasoning: boolean;
  /** The markers inline reasoning is linted with; default `<think>`/`</think>`. */
  inlineReasoning?: InlineMarkers;
}

export interface BatchFinding {
  /** 1-based line number within the batch. */
  line: number;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** The result of checking a batch of whole lines; small and cheap to post between threads. */
export interface BatchResult {
  lines: number;
  samples: number;
  /** Findings in line order. */
  findings: BatchFinding[];
  /**
   * For each JSON-object line, {@link KEY_STRIDE} numbers: line within batch, fingerprint hi,
   * fingerprint lo (see `fingerprint`), byte offset of the line within the batch, byte length.
   */
  keys: Uint32Array;
  /** Pairs [line within batch, code] where the per-line format code changes; see {@link formatCode}. */
  formatRuns: number[];
  /** Distinct 52-bit hashes of the first system prompt of each sample. */
  systemPrompts: number[];
  withReasoning: number;
  tokensTotal: number;
  tokensMax: number;
  truncated: number;
}

/** Per-line format code: format id (0 = none) + 8 when the line already has an error. */
export function formatCode(format: TogetherFormat | null, hasError: boolean): number {
  return formatId(format) + (hasError ? 8 : 0);
}

const LF = 10;
const CR = 13;
/** Numbers per line in {@link BatchResult.keys}. */
export const KEY_STRIDE = 5;

let keyScratch = new Uint32Array(KEY_STRIDE * 4096);

/** Byte offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i] ?? 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    let lo = 0x80;
    let hi = 0xbf;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
    else if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Calls `onLine(start, end)` for each line of `bytes`, the way Python's universal newlines split
 * text: `\n`, `\r\n` and a lone `\r` each end a line; the terminator is excluded; a final line
 * without a terminator counts, an empty tail does not.
 */
export function forEachLine(bytes: Uint8Array, onLine: (start: number, end: number) => void): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = buf.length;
  let pos = 0;
  if (buf.indexOf(CR) === -1) {
    while (pos < length) {
      const nl = buf.indexOf(LF, pos);
      if (nl === -1) {
        onLine(pos, length);
        return;
      }
      onLine(pos, nl);
      pos = nl + 1;
    }
    return;
  }
  let nextLf = buf.indexOf(LF, pos);
  let nextCr = buf.indexOf(CR, pos);
  while (pos < length) {
    if (nextLf !== -1 && nextLf < pos) nextLf = buf.indexOf(LF, pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = buf.indexOf(CR, pos);
    let end: number;
    if (nextLf === -1 && nextCr === -1) end = -1;
    else if (nextLf === -1) end = nextCr;
    else if (nextCr === -1) end = nextLf;
    else end = Math.min(nextLf, nextCr);
    if (end === -1) {
      onLine(pos, length);
      return;
    }
    onLine(pos, end);
    pos = buf[end] === CR && buf[end + 1] === LF ? end + 2 : end + 1;
  }
}

function hash52(text: string): number {
  const digest = hash('sha256', text, 'buffer');
  return (digest.readUInt32LE(0) & 0xfffff) * 0x100000000 + digest.readUInt32LE(4);
}

/** Checks a batch of whole lines. Pure: the same bytes and config always give the same result. */
export function processBatch(bytes: Uint8Array, config: BatchConfig): BatchResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const together = config.backend === 'together';
  const allUtf8 = isUtf8(buf);
  const findings: BatchFinding[] = [];
  let keys = keyScratch;
  let keyCount = 0;
  const formatRuns: number[] = [];
  const systemPrompts = new Map<string, number>();
  let lastCode = -1;
  let lines = 0;
  let samples = 0;
  let withReasoning = 0;
  let tokensTotal = 0;
  let tokensMax = 0;
  let truncated = 0;

  const add = (line: number, code: string, message: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ line, code, message, severity });
  const setFormat = (line: number, code: number) => {
    if (code !== lastCode) {
      formatRuns.push(line, code);
      lastCode = code;
    }
  };

  forEachLine(buf, (start, end) => {
    const line = ++lines;
    if (!allUtf8 && !isUtf8(buf.subarray(start, end))) {
      const bytesOfLine = buf.subarray(start, end);
      const offset = Math.max(0, firstInvalidUtf8(bytesOfLine));
      add(
        line,
        'invalid-utf8',
        `File is not UTF-8 encoded: invalid byte 0x${(bytesOfLine[offset] ?? 0).toString(16).padStart(2, '0')} at byte ${offset + 1} of line ${LINE}.`,
      );
      setFormat(line, formatCode(null, true));
      return;
    }
    const text = buf.toString('utf8', start, end);
    const parsed = parseJsonLine(text, together);
    if (parsed === NOT_JSON) {
      const bom = line === 1 && text.charCodeAt(0) === 0xfeff;
      add(
        line,
        'invalid-json',
        together
          ? `Error parsing json payload. Unexpected format on line ${LINE}.${bom ? ' (The file starts with a UTF-8 byte-order mark; save it without one.)' : ''}`
          : `Line ${LINE} is not valid JSON.${bom ? ' (The file starts with a UTF-8 byte-order mark; save it without one.)' : ''}`,
      );
      setFormat(line, formatCode(null, true));
      return;
    }
    if (!isDict(parsed)) {
      add(line, 'not-an-object', together ? NOT_AN_OBJECT_MESSAGE : `Line ${LINE} is not a JSON object.`);
      setFormat(line, formatCode(null, true));
      return;
    }
    const value = needsFloatWeightPass(parsed, text)
      ? (parseJsonLine(text, together, true) as Record<string, unknown>)
      : parsed;
    samples++;
    let format: TogetherFormat | 'chat' | null = 'chat';
    if (together) {
      const verdict = validateTogetherSample(value);
      format = verdict.format;
      if (verdict.fault) add(line, verdict.fault.code, verdict.fault.message);
      setFormat(line, formatCode(verdict.format, verdict.fault !== null));
    } else {
      for (const finding of validateOpenAISample(value)) {
        add(line, finding.code, finding.message, finding.severity);
      }
    }
    const lint = lintReasoning(value, format, config.expectReasoning, config.inlineReasoning);
    for (const finding of lint.findings) add(line, finding.code, finding.message, finding.severity);
    if (lint.hasReasoning) withReasoning++;
    const prompt = lint.systemPrompt;
    if (prompt !== null && !systemPrompts.has(prompt)) systemPrompts.set(prompt, hash52(prompt));

    const tokens = estimateTokens(end - start, text.length);
    tokensTotal += tokens;
    if (tokens > tokensMax) tokensMax = tokens;
    if (config.maxSeqLength !== undefined && tokens > config.maxSeqLength) {
      truncated++;
      add(
        line,
        'exceeds-max-seq-length',
        `Line ${LINE} is about ${tokens} tokens (estimated), over the maximum sequence length of ${config.maxSeqLength}: it will be truncated.`,
        'warning',
      );
    }
    if (keyCount + KEY_STRIDE > keys.length) {
      const grown = new Uint32Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
      keyScratch = grown;
    }
    keys[keyCount] = line;
    fingerprint(buf, start, end, keys, keyCount + 1);
    keys[keyCount + 3] = start;
    keys[keyCount + 4] = end - start;
    keyCount += KEY_STRIDE;
  });

  return {
    lines,
    samples,
    findings,
    keys: keys.slice(0, keyCount),
    formatRuns,
    systemPrompts: [...new Set(systemPrompts.values())],
    withReasoning,
    tokensTotal,
    tokensMax,
    truncated,
  };
}
