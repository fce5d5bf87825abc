/**
 * The JSON the web server sends and receives. Types only, shared by the server and the browser
 * client. Where the wire carries a runtime or core value as is, the type is imported from there
 * (`import type` is erased at build, so the browser bundle takes nothing from node); only views
 * that reshape a value are declared here.
 */
import type {
  FineTuneEvent,
  FineTuneMethod,
  FineTuneRecord,
  FlowEvent,
  ModelParameters,
  ReasoningExposure,
  RunConfig,
  Sample,
  SampleFilter,
  Task,
  Usage,
} from '@distillery/core';
import type {
  DatasetStats,
  EvalCharts,
  EvalItemAnswer,
  EvalItemRow,
  EvalReport,
  EvalRunRecord,
  GenerationFailure,
  GenerationJob,
  GenerationProgress,
  GenerationSummary,
  SampleFacets,
  SplitStats,
} from '@distillery/runtime';

/** Every error body: `{ error: ApiErrorBody }`. */
export interface ApiErrorBody {
  name: string;
  message: string;
  advice?: string;
  location?: string;
}

export interface ModelSummary {
  id: string;
  reasoning: ReasoningExposure;
  parser?: string;
  pricing?: { inputPerMillion: number; outputPerMillion: number };
}

export interface PluginSummary {
  id: string;
  description?: string;
  /** `builtin`, `config`, or the package it came from. */
  source: string;
}

export interface ProviderSummary extends PluginSummary {
  /** The provider's catalog (models it knows, with prices and how they reason). */
  models: ModelSummary[];
}

/** A fine-tune backend and what it offers, as it says itself. */
export interface BackendSummary extends PluginSummary {
  methods: FineTuneMethod[];
  /** Base models for the picker (the backend may accept others). */
  baseModels: string[];
}

export interface ProjectSummary {
  configFile: string | null;
  dir: string;
  tasks: Task[];
  providers: ProviderSummary[];
  flows: PluginSummary[];
  parsers: PluginSummary[];
  backends: BackendSummary[];
  /** Which pipeline functions this server's runtime offers, so the client can say what is missing. */
  features: { generate: boolean; datasets: boolean; fineTunes: boolean };
}

/** One row of the sample list: enough to scan, small enough to page 100k. */
export interface SampleSummary {
  id: string;
  taskId: string;
  input: string;
  answer: string;
  reasoningChars: number;
  reasoningTruncated: boolean;
  tags: string[];
  rating: number | null;
  source: Sample['source']['type'];
  model: string | null;
  costUsd: number | null;
  createdAt: string;
  /** Right or wrong, where a stored eval has an item with this input and a reference; else null. */
  verdict: SampleVerdictView | null;
}

/**
 * A sample's answer marked against the reference of the newest stored eval with the same task
 * and input: the score that eval stored for this very answer (`eval`), or its model-free scorer
 * applied now (`scorer`).
 */
export interface SampleVerdictView {
  mark: 'right' | 'wrong' | 'partial';
  /** On 0..1 (pass 1). */
  score: number;
  scorer: string;
  evalId: string;
  scoredBy: 'eval' | 'scorer';
}

export interface SampleListResponse {
  samples: SampleSummary[];
  nextCursor: string | null;
}

/** `store.facets` as is. */
export type SampleFacetsResponse = SampleFacets;

export interface SamplePatchRequest {
  tags?: string[];
  rating?: number | null;
}

export type { FlowEvent, ModelParameters, RunConfig, Sample, SampleFilter, Task, Usage };

export interface PlaygroundRequest {
  provider: string;
  model: string;
  flow?: string;
  parser?: string;
  system: string;
  thinkingInstruction?: string;
  input: string;
  parameters?: ModelParameters;
  /** Use the task's output schema. */
  taskId?: string;
  stream?: boolean;
}

export interface PlaygroundResult {
  content: string;
  structured: unknown;
  reasoning: string | null;
  reasoningTruncated: boolean;
  reasoningExposure: ReasoningExposure;
  trace: Sample['trace'];
  finishReason: string;
  usage: Usage;
  costUsd: number | null;
  latencyMs: number;
  provider: string;
  model: string;
  flow: string;
  parser: string | null;
}

/** Server-sent events of a playground run, in order: `event*`, then `result` or `error`. */
export type PlaygroundStreamMessage =
  | { type: 'event'; event: FlowEvent }
  | { type: 'result'; result: PlaygroundResult }
  | { type: 'error'; error: ApiErrorBody };

// ---------- generation ----------

/** `generateSamples`' progress as is. */
export type GenerationProgressView = GenerationProgress;

/** `generateSamples`' summary without the source (the job has it) and the topic-cost split. */
export type GenerationSummaryView = Omit<GenerationSummary, 'source' | 'topicCostUsd'>;

/** A generation run started from this server (live, in memory). */
export interface GenerationRunView {
  runId: string;
  taskId: string;
  runConfig: string;
  status: 'running' | 'stopping' | 'finished' | 'failed';
  startedAt: string;
  progress: GenerationProgressView | null;
  summary: GenerationSummaryView | null;
  error: ApiErrorBody | null;
}

/** A stored generation (resumable by running it again), with when it last changed. */
export type GenerationJobView = GenerationJob & { updatedAt: string };

/** A stored failure: the input that failed, why, and how often. */
export type GenerationFailureView = Pick<
  GenerationFailure,
  'key' | 'jobId' | 'taskId' | 'runConfig' | 'input' | 'reason' | 'kind' | 'failures' | 'lastFailedAt'
>;

export interface GenerationsResponse {
  jobs: GenerationJobView[];
  runs: GenerationRunView[];
  failures: GenerationFailureView[];
  failureCount: number;
}

export interface StartGenerationRequest {
  taskId: string;
  runConfig?: string;
  source?:
    | { type: 'file'; file: string }
    | { type: 'topics'; topics: number; perTopic: number; subtopics?: number; guidance?: string }
    | { type: 'inputs'; inputs: string[] };
  /** Resume this stored generation (its source, run config and count). */
  jobId?: string;
  count?: number;
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  maxCostUsd?: number;
  retryFailed?: boolean;
  tags?: string[];
}

/** Server-sent events of a generation run: its state after every change, the last one finished or failed. */
export type GenerationStreamMessage = { type: 'run'; run: GenerationRunView };

// ---------- datasets ----------

export interface DatasetSummaryView {
  id: string;
  name: string;
  taskId: string;
  filter: SampleFilter;
  /** The filter as `distill dataset create --filter` reads it ('' for all samples). */
  filterExpression: string;
  seed: number;
  splitRatios: Record<string, number>;
  /** Samples frozen in each split. */
  splitSizes: Record<string, number>;
  createdAt: string;
}

export type SplitStatsView = SplitStats;

export interface DatasetDetailView {
  dataset: DatasetSummaryView;
  stats: DatasetStats;
}

/** Live counts for a dataset about to be created. */
export interface DatasetPlanView {
  facets: SampleFacetsResponse;
  highRated: number;
  splitSizes: Record<string, number>;
  filterExpression: string;
  /** What a reasoning-strategy export of these samples would fail or warn on. */
  warnings: string[];
}

export interface CreateDatasetRequest {
  taskId: string;
  name: string;
  filter?: SampleFilter;
  split?: Record<string, number>;
  seed?: number;
}

export interface CheckFindingView {
  line: number;
  code: string;
  message: string;
}

export interface DatasetCheckRequest {
  split: string;
  strategy: 'final-only' | 'reasoning';
  format: string;
  /** Base model, for sequence-length lint. */
  model?: string;
}

export interface DatasetCheckView {
  export: {
    file: string;
    split: string;
    strategy: string;
    format: string;
    examples: number;
    samples: number;
    skipped: number;
    truncatedReasoning: number;
    bytes: number;
    flow: string;
    parser?: string;
  };
  /** null when no provider checker reads this format. */
  report: {
    backend: string;
    ok: boolean;
    format: string;
    samples: number;
    errors: CheckFindingView[];
    warnings: CheckFindingView[];
    stats: Record<string, number>;
  } | null;
}

export interface ExportFormatView {
  id: string;
  description: string;
  /** The provider checker for this format, if any. */
  /** The fine-tune backend whose check reads this format, if any trains on it. */
  checkBackend: string | null;
}

// ---------- fine-tunes ----------

export type FineTuneEventView = Omit<FineTuneEvent, 'raw'>;

/** A fine-tune record as stored (events without raw provider payloads), with its latest progress. */
export interface FineTuneView extends Omit<FineTuneRecord, 'events'> {
  events: FineTuneEventView[];
  progress: { step?: number; totalSteps?: number; loss?: number };
  terminal: boolean;
  datasetName: string | null;
}

export interface FineTuneRequest {
  dataset: string;
  backend: string;
  baseModel: string;
  strategy: 'final-only' | 'reasoning';
  method?: 'lora' | 'full';
  hyperparameters?: Record<string, unknown>;
  suffix?: string;
}

export interface PlannedFileView {
  split: string;
  file: string;
  examples: number;
  samples: number;
  tokens: number;
  warnings: number;
}

/** A dry-run plan: files, counts, price and how the result will be called; nothing spent yet. */
export interface FineTunePlanView {
  planId: string;
  backend: string;
  baseModel: string;
  strategy: string;
  method: string;
  format: string;
  datasetName: string;
  train: PlannedFileView;
  validation: PlannedFileView | null;
  hyperparameters: Record<string, unknown>;
  trainingMethod: string;
  price: {
    source: 'provider' | 'list' | 'unknown';
    totalUsd: number | null;
    trainTokens: number;
    note?: string;
  };
  call: { prompt: { system: string; thinkingInstruction?: string }; flow: string; parser?: string };
}

export interface HardwareView {
  id: string;
  centsPerMinute?: number;
  available?: boolean;
}

/** Server-sent events while watching a fine-tune: the record after every poll, the last one terminal. */
export type FineTuneStreamMessage =
  | { type: 'fine-tune'; fineTune: FineTuneView }
  /** A poll the provider did not answer (5xx, 429, dropped connection); the watch polls again. */
  | { type: 'retrying'; message: string }
  | { type: 'error'; error: ApiErrorBody };

/** One stored eval, as `distill eval` recorded it (with a headline per candidate once a run ended). */
export type EvalSummaryView = EvalRunRecord;

/** One eval: its latest report as `distill eval --json` prints it, and its charts as inline SVG. */
export interface EvalDetailView {
  report: EvalReport;
  charts: EvalCharts;
}

export type { EvalItemAnswer, EvalItemRow, EvalReport };
