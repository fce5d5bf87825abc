export * from './batch';
export { CONFIG_FILE_NAMES, findConfigFile } from './config/find-config-file';
export { type LoadedConfig, loadConfig } from './config/load-config';
export { providerKeySecrets } from './config/provider-key-secrets';
export { type Logger, silentLogger, streamLogger } from './context/logger';
export { createContext, type RuntimeContext } from './context/runtime-context';
export { assignSplits } from './dataset/assign-splits';
export { type CreateDatasetOptions, createDataset } from './dataset/create-dataset';
export { DATASET_NAME_PATTERN, DATASET_RECORD_KIND } from './dataset/dataset-record';
export {
  type DatasetStats,
  datasetStats,
  HIGH_RATING,
  hasReasoning,
  type SplitStats,
} from './dataset/dataset-stats';
export { FilterSyntaxError } from './dataset/filter-syntax-error';
export { findDataset } from './dataset/find-dataset';
export { formatFilterExpression } from './dataset/format-filter-expression';
export { listDatasets } from './dataset/list-datasets';
export { type ParseFilterOptions, parseFilterExpression } from './dataset/parse-filter-expression';
export { checkSplitRatios, DEFAULT_SPLIT_RATIOS, parseSplitRatios } from './dataset/parse-split-ratios';
export { seededShuffle } from './dataset/seeded-random';
export { splitSizes } from './dataset/split-sizes';
export { type EvalCandidate, type EvalCandidateSpec, resolveEvalCandidate } from './eval/eval-candidate';
export { type EvalCharts, renderEvalCharts } from './eval/eval-charts';
export { type EvalItems, type EvalItemsSource, readEvalItems } from './eval/eval-items';
export {
  EVAL_ANSWER_KIND,
  EVAL_REPORT_KIND,
  EVAL_RUN_KIND,
  EVAL_SCORE_KIND,
  type EvalAnswer,
  EvalAnswerSchema,
  type EvalRunRecord,
  EvalRunRecordSchema,
  type EvalScore,
  EvalScoreSchema,
  PairwiseResultV1Schema,
  ScoreResultV1Schema,
  ScoreV1Schema,
} from './eval/eval-records';
export {
  buildEvalReport,
  type EvalCalibration,
  type EvalCandidateInfo,
  type EvalCandidateSummary,
  type EvalComparison,
  type EvalItemAnswer,
  type EvalItemRow,
  type EvalOutcome,
  type EvalReport,
  type EvalReportInput,
} from './eval/eval-report';
export { renderEvalHtml } from './eval/render-eval-html';
export { type EvalProgress, type RunEvalHooks, type RunEvalOptions, runEval } from './eval/run-eval';
export {
  type BootstrapOptions,
  bootstrapInterval,
  bootstrapMean,
  bootstrapPairedDifference,
  bootstrapPairedRatio,
  DEFAULT_BOOTSTRAP_ITERATIONS,
} from './eval/stats/bootstrap-interval';
export { type BreakEvenInput, breakEvenCalls } from './eval/stats/break-even-calls';
export { cohenKappa } from './eval/stats/cohen-kappa';
export { DEFAULT_CONFIDENCE, type Interval } from './eval/stats/interval';
export { kendallTau } from './eval/stats/kendall-tau';
export { type McNemarResult, mcnemarExactTest } from './eval/stats/mcnemar-exact-test';
export {
  type MinimumDetectableDifferenceOptions,
  minimumDetectableDifference,
  sampleStandardDeviation,
} from './eval/stats/minimum-detectable-difference';
export { normalQuantile, twoSidedZ } from './eval/stats/normal-quantile';
export { pairedProportionDifference } from './eval/stats/paired-proportion-difference';
export { wilsonInterval } from './eval/stats/wilson-interval';
export { type WinTieLoss, winTieLoss } from './eval/stats/win-tie-loss';
export { listStoredEvals, readStoredEvalReport } from './eval/stored-evals';
export {
  type ExportDatasetOptions,
  type ExportResult,
  type ExportSkipReason,
  exportDataset,
} from './export/export-dataset';
export { EXPORT_FORMATS, type ExportFormat, type ExportFormatId } from './export/export-format';
export { type FrozenCall, freezeCall } from './export/freeze-call';
export { getExportFormat } from './export/get-export-format';
export { MissingReasoningError } from './export/missing-reasoning-error';
export { type EndpointView, listEndpoints, stopEndpoint } from './finetune/endpoints';
export {
  FINE_TUNE_RECORD_KIND,
  findFineTune,
  listFineTunes,
  newFineTuneId,
  saveFineTune,
} from './finetune/fine-tune-records';
export { cancelFineTune, type DeployOptions, deployFineTune, hourlyUsd } from './finetune/manage-fine-tune';
export {
  type FineTuneOptions,
  type FineTunePlan,
  type PlannedFile,
  type PlannedInlineReasoning,
  type PriceLine,
  planFineTune,
} from './finetune/plan-fine-tune';
export { isTerminal, progressOf, refreshFineTune } from './finetune/refresh-fine-tune';
export { runFineTuned } from './finetune/run-fine-tuned';
export { type FineTuneStep, startFineTune } from './finetune/start-fine-tune';
export { trainingFormat } from './finetune/training-format';
export { noJobError, type WatchOptions, watchFineTune } from './finetune/watch-fine-tune';
export {
  type GenerateSamplesHooks,
  type GenerateSamplesOptions,
  type GenerationFailureSummary,
  type GenerationSummary,
  generateSamples,
} from './generate/generate-samples';
export {
  GENERATION_FAILURE_KIND,
  type GenerationFailure,
  GenerationFailureSchema,
} from './generate/generation-failure';
export {
  GENERATION_JOB_KIND,
  type GenerationJob,
  GenerationJobSchema,
  type GenerationSource,
  type GenerationSourceInput,
  type GenerationStopReason,
  generationJobId,
  generationTag,
} from './generate/generation-job';
export type { GenerationProgress } from './generate/generation-progress';
export { findRunConfig } from './generate/generation-target';
export { type GenerationInputs, readGenerationInputs } from './generate/read-generation-inputs';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './generate/token-bucket';
export { TOPIC_TREE_KIND, type TopicTree, TopicTreeSchema, topicTreeInputs } from './generate/topic-tree';
export { detectImportFormat, type FormatDetection } from './import/detect-import-format';
export { formatImportProblem, ImportError, type ImportProblem } from './import/import-error';
export { IMPORT_FORMATS, type ImportFormatId } from './import/import-format';
export {
  type ImportContext,
  type ImportOptions,
  type ImportResult,
  importSamples,
} from './import/import-samples';
export { decodeUtf8 } from './input-file/decode-utf8';
export { fileReadError } from './input-file/file-read-error';
export { invalidUtf8Error } from './input-file/invalid-utf8-error';
export { type InputFile, openInputFile } from './input-file/open-input-file';
export {
  readInputLines,
  readUtf8Chunks,
  splitLines,
  type Utf8ReadOptions,
} from './input-file/read-utf8-lines';
export {
  type ChooseParserInput,
  chooseParser,
  type FineTuneLineage,
  matchParserPattern,
  type ParserCandidate,
  type ParserChoice,
} from './parse/choose-parser';
export {
  AUTO_PARSER,
  findParserForModel,
  type ParserForModelOptions,
  parserForModel,
} from './parse/parser-for-model';
export { type RunParserInput, runParser } from './parse/run-parser';
export { expandPluginModule } from './plugins/expand-plugin-module';
export { findPluginPackage, type PluginPackageInfo } from './plugins/find-plugin-package';
export {
  type BuiltinPluginModule,
  type BuiltinPluginPackage,
  type BuiltinPluginValue,
  type LoadPluginsOptions,
  loadPlugins,
} from './plugins/load-plugins';
export type { PluginFactory, PluginRecord } from './plugins/plugin-record';
export { PluginRegistry } from './plugins/plugin-registry';
export { resolveModelInfo } from './plugins/resolve-model-info';
export { findTask } from './project/find-task';
export { openProjectStore, projectDataDir } from './project/open-project-store';
export { type RunModelOptions, type RunModelResult, runModel } from './run/run-model';
export { type OpenSessionOptions, openSession, type Session } from './session';
export { contentDedupeKey, generationDedupeKey } from './store/dedupe-key';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './store/migrations';
export {
  DEFAULT_DATA_DIR,
  type OpenSampleStoreOptions,
  openSampleStore,
  type SqliteSampleStore,
  STORE_FILE_NAME,
} from './store/open-sample-store';
export type {
  InsertManyOptions,
  InsertManyResult,
  InsertOptions,
  InsertResult,
  RatingFacet,
  SampleFacets,
  SampleOrderBy,
  SamplePage,
  SamplePatch,
  SampleQuery,
  SampleSelection,
  SampleStore,
  SampleWriter,
  SortDirection,
  SourceFacet,
  StoredRecord,
} from './store/sample-store';
export { StoreError, type StoreErrorCode } from './store/store-error';
