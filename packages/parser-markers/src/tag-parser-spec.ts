/**
 * A marker that ends a reasoning block without an end marker, e.g. a tool call the model starts
 * before closing its thinking. The marker itself stays in the content, so a tool-call parser run
 * on the content still sees it.
 */
export interface ImplicitEndMarker {
  readonly marker: string;
  /**
   * When set, the marker only ends reasoning if this text follows it, after optional whitespace
   * (Qwen3: `<tool_call>` then `<function`). Otherwise the marker is plain reasoning text, so
   * reasoning that merely mentions it does not end.
   */
  readonly confirm?: string;
}

/** The fixed shape of one marker family (the spec of the marker machine); the per-stream choices come from ReasoningParseOptions. */
export interface TagParserSpec {
  /** Markers that open a reasoning block, e.g. `<think>`. */
  readonly start: string | readonly string[];
  /** Markers that close one, e.g. `</think>`. */
  readonly end: string | readonly string[];
  readonly implicitEnd?: readonly ImplicitEndMarker[];
  /**
   * The starting state when neither `promptTail` nor `thinking: false` decides. `reasoning` is for
   * templates that already opened the block in the prompt (DeepSeek-R1). Default `content`.
   */
  readonly initial?: 'content' | 'reasoning';
  /**
   * Where the first start marker counts when the output starts as content: `anywhere` (text
   * before it is kept as content) or only `leading` (after optional whitespace). `thinking: false`
   * always means `leading`. Default `anywhere`.
   */
  readonly startMatch?: 'anywhere' | 'leading';
  /** Default for `ReasoningParseOptions.multipleBlocks`. Default false. */
  readonly multipleBlocks?: boolean;
  /** Default for `ReasoningParseOptions.trim`. Default false (verbatim). */
  readonly trim?: boolean;
  /**
   * An end marker met while in content with no block open: `keep` it as literal content (code
   * about tags) or `strip` it. Default `keep`.
   */
  readonly strayEnd?: 'keep' | 'strip';
  /**
   * Markers dropped wherever they occur in the content, never ending or opening a block: answer
   * wrappers such as Hunyuan's `<answer>`/`</answer>` or ERNIE's `<response>`/`</response>`.
   */
  readonly stripFromContent?: readonly string[];
}
