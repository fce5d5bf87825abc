export * from './v1/call-flow-v1';
