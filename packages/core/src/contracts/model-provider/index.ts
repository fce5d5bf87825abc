export * from './v1/model-provider-v1';
