import { mistralParser } from './mistral-parser';

export { createMistralParser, THINK_END, THINK_START } from './create-mistral-parser';
export { mistralParser } from './mistral-parser';

export default mistralParser;
