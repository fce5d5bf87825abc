import { pythonFormatName, REQUIRED_COLUMNS, TOGETHER_FORMATS, type TogetherFormat } from './dataset-format';
import { isDict } from './is-dict';
import { LINE } from './line-placeholder';
import { pythonClass, pythonDictKeys, pythonRepr, pythonStr } from './python-repr';

/** Limits of Together's multimodal checks (`together.lib.constants`). */
export const MAX_IMAGES_PER_EXAMPLE = 10;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_BASE64_IMAGE_LENGTH =
  'data:image/jpeg;base64,'.length + Math.floor((4 * MAX_IMAGE_BYTES) / 3);
/** Roles Together's checker accepts (`POSSIBLE_ROLES_CONVERSATION`). */
export const TOGETHER_ROLES = ['system', 'user', 'assistant'] as const;
const REQUIRED_MESSAGE_COLUMNS = ['role', 'content'] as const;
const IMAGE_PREFIXES = ['data:image/jpeg;base64,', 'data:image/png;base64,', 'data:image/webp;base64,'];

/** Thrown internally to stop at the first fault of a line, as Python's checker does. */
class Fault {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export interface TogetherVerdict {
  /** The format the line matched (required columns present, no extra column), or null. */
  format: TogetherFormat | null;
  /** The first fault Together's checker raises for this line, or null. */
  fault: { code: string; message: string } | null;
}

function fault(code: string, message: string): never {
  throw new Fault(code, message);
}

function checkConversationType(messages: unknown): asserts messages is Record<string, unknown>[] {
  if (!Array.isArray(messages)) {
    const emptyLike =
      (typeof messages === 'string' && messages.length === 0) ||
      (isDict(messages) && Object.keys(messages).length === 0);
    if (emptyLike) {
      fault(
        'messages-empty',
        `Invalid format on line ${LINE} of the input file. The \`messages\` column must not be empty.`,
      );
    }
    fault(
      'messages-not-list',
      `Invalid format on line ${LINE} of the input file. The \`messages\` column must be a list. Found ${pythonClass(messages)}`,
    );
  }
  if (messages.length === 0) {
    fault(
      'messages-empty',
      `Invalid format on line ${LINE} of the input file. The \`messages\` column must not be empty.`,
    );
  }
  for (const message of messages) {
    if (!isDict(message)) {
      fault(
        'message-not-dict',
        `Invalid format on line ${LINE} of the input file. The \`messages\` column must be a list of dicts. Found ${pythonClass(message)}`,
      );
    }
    for (const column of REQUIRED_MESSAGE_COLUMNS) {
      if (!(column in message)) {
        fault('message-missing-field', `Missing required column \`${column}\` in message on line ${LINE}.`);
      }
    }
  }
}

/** Python: `isinstance(weight, int)` (True/False count as 1/0) and `weight in {0, 1}`. */
function checkWeight(message: Record<string, unknown>): number | null {
  if (!('weight' in message)) return null;
  const weight = message.weight;
  const isInt = typeof weight === 'boolean' || (typeof weight === 'number' && Number.isInteger(weight));
  if (!isInt) fault('weight-not-integer', `Weight must be an integer on line ${LINE}.`);
  const value = Number(weight);
  if (value !== 0 && value !== 1) fault('weight-not-binary', `Weight must be either 0 or 1 on line ${LINE}.`);
  return value;
}

function checkRole(message: Record<string, unknown>, previous: string | null): string {
  const role = message.role;
  if (typeof role !== 'string') {
    fault(
      'invalid-role',
      `Invalid role \`${pythonStr(role)}\` in conversation on line ${LINE}. Role must be a string. Found ${pythonClass(role)}`,
    );
  }
  if (!(TOGETHER_ROLES as readonly string[]).includes(role)) {
    fault(
      'invalid-role',
      `Invalid role \`${role}\` in conversation on line ${LINE}. Possible roles: ${TOGETHER_ROLES.join(', ')}`,
    );
  }
  if (previous !== null && role === previous) {
    fault(
      'role-not-alternating',
      `Invalid role turns on line ${LINE} of the input file. After the optional system message, conversation roles must alternate between user/assistant/user/assistant.`,
    );
  }
  return role;
}

/** Returns [is multimodal, number of images]. */
function checkContent(content: unknown, role: string): [boolean, number] {
  if (typeof content === 'string') return [false, 0];
  if (!Array.isArray(content)) {
    fault(
      'invalid-content-type',
      `Invalid content type on line ${LINE} of the input file. Expected string or multimodal list of dicts, found ${pythonClass(content)}`,
    );
  }
  let images = 0;
  for (const item of content) {
    if (!isDict(item)) {
      fault('invalid-content-item', 'The dataset is malformed, the `content` field must be a list of dicts.');
    }
    if (!('type' in item)) {
      fault(
        'invalid-content-item',
        'The dataset is malformed, the `content` field must be a list of dicts with a `type` field.',
      );
    }
    if (item.type === 'text') {
      if (typeof item.text !== 'string') {
        fault(
          'invalid-content-item',
          `The dataset is malformed, the \`text\` field must be present in the \`content\` item field and be a string. Got '${pythonRepr(item.text)}' instead.`,
        );
      }
    } else if (item.type === 'image_url') {
      if (role !== 'user') {
        fault(
          'image-not-in-user-message',
          'The dataset is malformed, only user messages can contain images.',
        );
      }
      const imageUrl = item.image_url;
      if (!isDict(imageUrl)) {
        fault(
          'invalid-image',
          `The dataset is malformed, the \`image_url\` field must be present in the \`content\` field and be a dictionary. Got ${pythonRepr(imageUrl)} instead.`,
        );
      }
      const url = imageUrl.url;
      if (typeof url !== 'string' || url.length === 0) {
        fault(
          'invalid-image',
          `The dataset is malformed, the \`url\` field must be present in the \`image_url\` field and be a string. Got ${pythonRepr(url)} instead.`,
        );
      }
      if (!IMAGE_PREFIXES.some((prefix) => url.startsWith(prefix))) {
        fault(
          'invalid-image',
          `The dataset is malformed, the \`url\` field must be either a JPEG, PNG or WEBP base64-encoded image in 'data:image/<format>;base64,<base64_encoded_image>' format. Got '${url.slice(0, 100)}...' instead.`,
        );
      }
      if (url.length > MAX_BASE64_IMAGE_LENGTH) {
        fault(
          'image-too-large',
          `The dataset is malformed, the \`url\` field must contain base64-encoded image that is less than ${MAX_IMAGE_BYTES / 1024 ** 2}MB, found ~${Math.floor((url.length * 3) / 4)} bytes.`,
        );
      }
      images++;
    } else {
      fault(
        'invalid-content-item',
        `The dataset is malformed, the \`type\` field must be either 'text' or 'image_url'. Got ${pythonRepr(item.type)}.`,
      );
    }
  }
  if (images > MAX_IMAGES_PER_EXAMPLE) {
    fault(
      'too-many-images',
      `The dataset is malformed, the \`content\` field must contain at most ${MAX_IMAGES_PER_EXAMPLE} images, found ${images}.`,
    );
  }
  return [true, images];
}

function validateMessages(messages: unknown, requireAssistant: boolean): void {
  checkConversationType(messages);
  let previous: string | null = null;
  let hasAssistant = false;
  let multimodal: boolean | null = null;
  let totalImages = 0;
  for (const message of messages) {
    const weight = checkWeight(message);
    previous = checkRole(message, previous);
    hasAssistant ||= previous === 'assistant';
    const [isMultimodal, images] = checkContent(message.content, previous);
    if (images > 0 && weight !== null && weight !== 0) {
      fault('image-with-weight', 'Messages with images cannot have non-zero weights.');
    }
    if (multimodal === null) multimodal = isMultimodal;
    else if (multimodal !== isMultimodal) {
      fault(
        'mixed-multimodal',
        'Messages in the conversation must be either all in multimodal or all in text-only format.',
      );
    }
    totalImages += images;
  }
  if (totalImages > MAX_IMAGES_PER_EXAMPLE) {
    fault(
      'too-many-images',
      `The dataset is malformed, the \`messages\` must contain at most ${MAX_IMAGES_PER_EXAMPLE} images. Found ${totalImages} images.`,
    );
  }
  if (requireAssistant && !hasAssistant) {
    fault(
      'missing-assistant',
      `Invalid format on line ${LINE} of the input file. At least one message with the assistant role must be present in the example.`,
    );
  }
}

function validatePreference(example: Record<string, unknown>): void {
  const input = example.input;
  if (!isDict(input)) {
    fault('preference-invalid-input', 'The dataset is malformed, the `input` field must be a dictionary.');
  }
  if (!('messages' in input)) {
    fault(
      'preference-invalid-input',
      'The dataset is malformed, the `input` dictionary must contain a `messages` field.',
    );
  }
  const messages = input.messages;
  validateMessages(messages, false);
  const last = (messages as Record<string, unknown>[]).at(-1);
  if (last?.role === 'assistant') {
    fault(
      'preference-input-ends-with-assistant',
      `The last message in the input conversation must not be from the assistant on line ${LINE}.`,
    );
  }
  for (const key of ['preferred_output', 'non_preferred_output']) {
    const output = example[key];
    const malformed: (what: string) => never = (what) =>
      fault('preference-invalid-output', `The dataset is malformed, ${what} on line ${LINE}.`);
    if (!Array.isArray(output)) malformed(`the \`${key}\` field must be a list`);
    if (output.length !== 1) malformed(`the \`${key}\` list must contain exactly one message`);
    const first = output[0];
    if (!isDict(first)) malformed(`the first element of \`${key}\` must be a dictionary`);
    if (!('role' in first)) malformed(`the first element of \`${key}\` must have a 'role' field`);
    if (first.role !== 'assistant')
      malformed(`the first element of \`${key}\` must have the 'assistant' role`);
    if (!('content' in first)) malformed(`the first element of \`${key}\` must have a 'content' field`);
    checkContent(first.content, 'assistant');
  }
}

function detectFormat(example: Record<string, unknown>): TogetherFormat {
  let current: TogetherFormat | null = null;
  for (const format of TOGETHER_FORMATS) {
    const required = REQUIRED_COLUMNS[format];
    if (!required.every((column) => column in example)) continue;
    if (current !== null) {
      fault(
        'mixed-formats',
        `Found multiple dataset formats in the input file. Got ${pythonFormatName(current)} and ${pythonFormatName(format)} on line ${LINE}.`,
      );
    }
    current = format;
    for (const column of Object.keys(example)) {
      if (!required.includes(column)) {
        fault('extra-column', `Found extra column "${column}" in the line ${LINE}.`);
      }
    }
  }
  if (current === null) {
    fault(
      'unknown-format',
      `Error parsing file. Could not detect a format for the line ${LINE} with the columns:\n${pythonDictKeys(example)}`,
    );
  }
  return current;
}

/**
 * Applies Together's per-line rules (together-py `check_file`, purpose `fine-tune`) to one parsed
 * JSON object, in the checker's own order, and returns the first fault it would raise.
 */
export function validateTogetherSample(example: Record<string, unknown>): TogetherVerdict {
  let format: TogetherFormat | null = null;
  try {
    format = detectFormat(example);
    if (format === 'preference_openai') validatePreference(example);
    else if (format === 'conversation') validateMessages(example.messages, true);
    else {
      for (const column of REQUIRED_COLUMNS[format]) {
        checkContent(example[column], column === 'completion' ? 'assistant' : 'user');
      }
    }
    return { format, fault: null };
  } catch (error) {
    if (error instanceof Fault) return { format, fault: { code: error.code, message: error.message } };
    throw error;
  }
}

/** Together's message for a line whose value is not a JSON object (typo "moreinformation" included). */
export const NOT_AN_OBJECT_MESSAGE = `Error parsing file. Invalid format on line ${LINE} of the input file. Datasets must follow text, conversational, or instruction format. For moreinformation, see https://docs.together.ai/docs/fine-tuning-data-preparation`;
