/**
 * True for a provider's file id (`file-…`, as Together and OpenAI name uploads) rather than a
 * local path: fine-tune backends upload paths and pass ids through.
 */
export function isProviderFileId(value: string): boolean {
  return /^file-[A-Za-z0-9_-]+$/.test(value);
}
