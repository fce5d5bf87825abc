import { gptOss } from './gpt-oss';

export {
  CALL,
  CHANNEL,
  CONSTRAIN,
  createHarmonyParser,
  END,
  MESSAGE,
  RETURN,
  readHeader,
  START,
  TEXT_ANALYSIS,
  TEXT_COMMENTARY,
  TEXT_FINAL,
} from './create-harmony-parser';
export { gptOss } from './gpt-oss';

export default gptOss;
