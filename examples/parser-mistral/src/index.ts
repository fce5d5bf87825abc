import { mistralParser } from './mistral-parser';

export { mistralParser, THINK_END, THINK_START } from './mistral-parser';

export default mistralParser;
