export * from './batch-v1';
