/**
 * The JSON the web server sends and receives. Types only, shared by the server and the browser
 * client; everything here is browser-safe (the client imports nothing from node).
 */
import type {
  FlowEvent,
  ModelParameters,
  ReasoningExposure,
  RunConfig,
  Sample,
  SampleFilter,
  Task,
  Usage,
} from '@distillery/core';

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

export interface ProjectSummary {
  configFile: string | null;
  dir: string;
  tasks: Task[];
  providers: ProviderSummary[];
  flows: PluginSummary[];
  parsers: PluginSummary[];
  backends: PluginSummary[];
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
}

export interface SampleListResponse {
  samples: SampleSummary[];
  nextCursor: string | null;
}

export interface SampleFacetsResponse {
  total: number;
  withReasoning: number;
  withoutReasoning: number;
  tags: Record<string, number>;
  ratings: Record<string, number>;
  sources: Record<string, number>;
  models: Record<string, number>;
}

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
