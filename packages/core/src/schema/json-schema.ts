import { z } from 'zod';

/** A JSON Schema document (draft 2020-12 or 7), kept as plain JSON. */
export const JsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchemaSchema>;
