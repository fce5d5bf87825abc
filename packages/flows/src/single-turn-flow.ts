import { oneCallFlow } from './one-call-flow';

/** system, user -> assistant (the final answer, structured if the task has a schema). */
export const singleTurnFlow = oneCallFlow({
  id: 'single',
  description: 'One call: system, user -> assistant.',
  systemExtra: () => undefined,
});
