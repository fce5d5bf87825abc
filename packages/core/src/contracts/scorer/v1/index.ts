export * from './scorer-v1';
