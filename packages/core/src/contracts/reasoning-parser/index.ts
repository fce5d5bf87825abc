export * from './parse-reasoning';
export * from './v1/reasoning-parser-v1';
