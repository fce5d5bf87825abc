import type { ChatRequestInfo } from './chat-request-info';
import { defaultChatReply } from './default-chat-reply';
import type { MockReply } from './mock-reply';

export type ChatHandler = (info: ChatRequestInfo) => MockReply | Promise<MockReply>;

/** Scripted replies (FIFO), then the dynamic handler, then the default echo. */
export class ChatScript {
  #replies: MockReply[] = [];
  #handler: ChatHandler | undefined;

  push(...replies: MockReply[]): void {
    this.#replies.push(...replies);
  }

  setHandler(handler: ChatHandler | undefined): void {
    this.#handler = handler;
  }

  /** The next reply; with `consume: false` a scripted reply stays queued (for a request a fault breaks). */
  async next(info: ChatRequestInfo, consume = true): Promise<MockReply> {
    const scripted = consume ? this.#replies.shift() : this.#replies[0];
    if (scripted) return scripted;
    if (this.#handler) return await this.#handler(info);
    return defaultChatReply(info);
  }

  get pending(): readonly MockReply[] {
    return this.#replies;
  }

  clear(): void {
    this.#replies = [];
    this.#handler = undefined;
  }
}
