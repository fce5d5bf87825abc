// `distill check --backend together` follows Together's client-side checker (`together files
// check`); the testkit mock follows Together's server-side validation, which runs after the upload.
// They must agree wherever it matters for money: a file the check passes is never one the server
// refuses after it was uploaded. Where the client is stricter than the server (the `tool` role,
// turns that do not alternate), the check refuses and the server would accept: those cases are
// listed, so a change on either side shows up here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateTogetherDataset } from '@distillery/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from './check-file';

const dir = mkdtempSync(join(tmpdir(), 'check-vs-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url).pathname;

let n = 0;
async function verdicts(content: string): Promise<{ check: boolean; server: boolean; error?: string }> {
  const file = join(dir, `case-${n++}.jsonl`);
  writeFileSync(file, content);
  const report = await checkFile(file, { backend: 'together', workers: 0 });
  const server = validateTogetherDataset(Buffer.from(content), 'file-1', 'jsonl');
  return { check: report.ok, server: server.valid, ...(server.error ? { error: server.error } : {}) };
}

const user = (content: unknown = 'What is 2+2?') => ({ role: 'user', content });
const assistant = (content: unknown = '4', extra: Record<string, unknown> = {}) => ({
  role: 'assistant',
  content,
  ...extra,
});
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const conversation = (...messages: unknown[]) => line({ messages });

/** Lines both sides must judge alike, valid or not. */
const SAME: Record<string, string> = {
  'a plain conversation': conversation(user(), assistant()),
  'with a system prompt and reasoning': conversation(
    { role: 'system', content: 'Be brief.' },
    user(),
    assistant('4', { reasoning: '2 plus 2 is 4.' }),
  ),
  'several turns': conversation(user(), assistant(), user('And 3+3?'), assistant('6')),
  'message weights 0 and 1': conversation(
    user(),
    assistant('1', { weight: 0 }),
    user(),
    assistant('4', { weight: 1 }),
  ),
  'instruction format': line({ prompt: 'What is 2+2?', completion: '4' }),
  'text format': line({ text: 'Two plus two is four.' }),
  'not JSON': '{"messages": [\n',
  'a JSON array': '[1, 2]\n',
  'no known columns': line({ question: 'What is 2+2?', answer: '4' }),
  'messages not a list': line({ messages: 'hello' }),
  'empty messages': line({ messages: [] }),
  'a message without role': conversation({ content: 'hi' }, assistant()),
  'an unknown role': conversation({ role: 'narrator', content: 'hi' }, assistant()),
  'a message without content': conversation(user(), { role: 'assistant' }),
  'no assistant message': conversation(user()),
  'a weight of 2': conversation(user(), assistant('4', { weight: 2 })),
  'prompt not a string': line({ prompt: 4, completion: '4' }),
  'text not a string': line({ text: ['a'] }),
  'formats mixed across lines': conversation(user(), assistant()) + line({ prompt: 'a', completion: 'b' }),
  'an empty file': '',
  'the assistant speaking first': conversation(assistant('Hello.'), user(), assistant()),
  'weights as booleans (Python counts True as 1)': conversation(user(), assistant('4', { weight: true })),
};

/** Lines the client-side check refuses although the server would accept them. */
const CHECK_STRICTER: Record<string, string> = {
  'the tool role': conversation(
    user(),
    assistant('', {
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'add', arguments: '{}' } }],
    }),
    { role: 'tool', content: '4', tool_call_id: 'c1' },
    assistant(),
  ),
  'two user turns in a row': conversation(user(), user('Quick!'), assistant()),
};

describe('@distillery/check and the server-side validation agree', () => {
  it.each(Object.entries(SAME))('%s: the same verdict', async (_name, content) => {
    const v = await verdicts(content);
    expect(v.check, v.error).toBe(v.server);
  });

  it.each(Object.entries(CHECK_STRICTER))(
    '%s: refused by the check (as `together files check` does), accepted by the server',
    async (_name, content) => {
      const v = await verdicts(content);
      expect(v).toMatchObject({ check: false, server: true });
    },
  );

  it('the check fixtures: every file the check passes, the server accepts', async () => {
    for (const name of ['together-valid.jsonl', 'together-preference.jsonl', 'together-broken.jsonl']) {
      const v = await verdicts(readFileSync(fixture(name), 'utf8'));
      if (v.check) expect(v.server, `${name}: ${v.error}`).toBe(true);
      if (!v.server) expect(v.check, name).toBe(false);
    }
  });

  it('mutated conversations: no line the check passes is refused by the server', async () => {
    // A small deterministic generator (no seeds to chase): each case drops, swaps or retypes one
    // part of a valid reasoning conversation.
    const base = () => ({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '4', reasoning: 'Add them.' },
      ] as Record<string, unknown>[],
    });
    const values: unknown[] = [null, 0, 1, 2, '', 'x', [], {}, true];
    const mutations: Array<(v: ReturnType<typeof base>) => unknown> = [];
    for (const index of [0, 1, 2])
      for (const key of ['role', 'content', 'reasoning', 'weight']) {
        mutations.push((v) => {
          delete v.messages[index]![key];
          return v;
        });
        for (const value of values)
          mutations.push((v) => {
            v.messages[index]![key] = value;
            return v;
          });
      }
    let passed = 0;
    for (const mutate of mutations) {
      const v = await verdicts(line(mutate(base())));
      if (v.check) {
        passed++;
        expect(v.server, v.error).toBe(true);
      }
    }
    // Some mutations are harmless (e.g. a weight of 1, a missing reasoning), so both paths ran.
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThan(mutations.length);
  });
});
