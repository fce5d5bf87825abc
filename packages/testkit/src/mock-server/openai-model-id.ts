/** An id of one of OpenAI's own models (not `openai/gpt-oss-…` served by another host). */
export function isOpenAiModelId(model: unknown): boolean {
  return typeof model === 'string' && /^(gpt-|chatgpt-|o\d|ft:(gpt-|o\d|chatgpt-))/.test(model);
}
