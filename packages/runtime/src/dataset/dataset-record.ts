/** The store record kind under which dataset snapshots are kept (`putRecord('dataset', id, snapshot)`). */
export const DATASET_RECORD_KIND = 'dataset';

/** Dataset names: what `distill dataset show NAME` and `distill export NAME` take. */
export const DATASET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
