export {
  type AnswerInBatchesOptions,
  answerInBatches,
  type BatchAnswer,
  type BatchAnswerJob,
} from './answer-in-batches';
export { batchCustomId } from './batch-custom-id';
export { BatchJournal, type BatchProgress } from './batch-journal';
export { BatchRequestError } from './batch-request-error';
export {
  type BatchGenerationSummary,
  type GenerateInBatchesHooks,
  type GenerateInBatchesOptions,
  generateInBatches,
} from './generate-in-batches';
export {
  GENERATION_BATCH_KIND,
  GENERATION_BATCH_RESULT_KIND,
  type GenerationBatch,
  type GenerationBatchResult,
  GenerationBatchResultSchema,
  GenerationBatchSchema,
  isOpenBatch,
} from './generation-batch';
export {
  cancelGenerationBatch,
  findGenerationBatch,
  listGenerationBatches,
  refreshGenerationBatch,
} from './manage-generation-batches';
export {
  type BatchGenerationPlan,
  type PlanBatchGenerationOptions,
  planBatchGeneration,
} from './plan-batch-generation';
