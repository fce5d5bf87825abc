export * from './v1/reasoning-parser-v1';
export * from './parse-reasoning';
