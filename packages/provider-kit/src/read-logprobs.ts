import type { TokenLogprob } from '@distillery/core';
import { isRecord } from './is-record';

type Alternative = TokenLogprob['top'][number];

function alternative(value: unknown): Alternative | undefined {
  if (!isRecord(value) || typeof value.token !== 'string' || typeof value.logprob !== 'number')
    return undefined;
  return { token: value.token, logprob: value.logprob };
}

/** Together's `{token: logprob}` map of alternatives. */
function alternativesOfMap(value: unknown): Alternative[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([token, logprob]) =>
    typeof logprob === 'number' ? [{ token, logprob }] : [],
  );
}

/**
 * The per-token log-probabilities of one choice, read by narrowing, or undefined when there are none.
 * Two wire shapes: OpenAI's `{content: [{token, logprob, top_logprobs: [{token, logprob}]}]}` and
 * Together's parallel lists `{tokens, token_logprobs, top_logprobs}`, whose `top_logprobs` is a list
 * of `{token: logprob}` maps, one per position (a position without one keeps only its own token).
 */
export function readLogprobs(value: unknown): TokenLogprob[] | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.content)) {
    const out: TokenLogprob[] = [];
    for (const entry of value.content) {
      const own = alternative(entry);
      if (!own || !isRecord(entry)) continue;
      const top = Array.isArray(entry.top_logprobs)
        ? entry.top_logprobs.flatMap((t: unknown) => alternative(t) ?? [])
        : [];
      out.push({ ...own, top: top.length > 0 ? top : [own] });
    }
    return out;
  }
  if (Array.isArray(value.tokens) && Array.isArray(value.token_logprobs)) {
    const tops = Array.isArray(value.top_logprobs) ? value.top_logprobs : [];
    const out: TokenLogprob[] = [];
    value.tokens.forEach((token: unknown, i: number) => {
      const logprob = (value.token_logprobs as unknown[])[i];
      if (typeof token !== 'string' || typeof logprob !== 'number') return;
      const top = alternativesOfMap(tops[i]);
      out.push({ token, logprob, top: top.length > 0 ? top : [{ token, logprob }] });
    });
    return out;
  }
  return undefined;
}
