import { z } from 'zod';

export const RoleSchema = z.enum(['system', 'user', 'assistant']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * One chat message. Reasoning is kept apart from `content`; `reasoningMetadata` holds opaque
 * provider data that must be sent back unchanged (Anthropic thinking signatures, redacted
 * thinking, OpenRouter reasoning_details).
 */
export const ChatMessageSchema = z.object({
  role: RoleSchema,
  content: z.string(),
  reasoning: z.string().optional(),
  reasoningMetadata: z.unknown().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
