/**
 * Story steps driven by the host page: the embed's parent window (our embed.js, Scrollama or a
 * host's own code) posts `{ "type": "policy-map:step", "step": N }` and the map moves to step N.
 * Accepted only from the parent window, only as that exact shape (an object with those two keys
 * and nothing else) with a whole step number from 1 to the number of steps; anything else is
 * ignored without an error. Any origin may send it: it only does what a reader's "Next" does.
 */

/** The message's `type`. */
export const STEP_MESSAGE_TYPE = 'policy-map:step';

/** The step message for step `n`, as a host sends it. */
export const stepMessage = (n: number) => ({ type: STEP_MESSAGE_TYPE, step: n });

/** The step a message asks for (1…`count`), or null for any other message. */
export function stepFromMessage(data: unknown, count: number): number | null {
  // A plain object (not an array, a string, a Date or a Map) with exactly the keys type and step.
  if (Object.prototype.toString.call(data) !== '[object Object]') return null;
  const keys = Object.keys(data as object);
  if (keys.length !== 2 || !keys.includes('type') || !keys.includes('step')) return null;
  const { type, step } = data as { type: unknown; step: unknown };
  if (type !== STEP_MESSAGE_TYPE || typeof step !== 'number' || !Number.isInteger(step)) return null;
  return step >= 1 && step <= count ? step : null;
}

/**
 * Listens for step messages from the parent window and moves the story to each (`goToStep`).
 * Does nothing when not framed or when the story has no steps. Returns a stop function.
 */
export function startStoryMessages(
  story: { count: number; current(): number | null; goToStep(n: number): void },
  win: Window = window,
): () => void {
  if (win.parent === win || story.count === 0) return () => {};
  const onMessage = (event: MessageEvent) => {
    if (event.source !== win.parent) return;
    const step = stepFromMessage(event.data, story.count);
    if (step !== null && step !== story.current()) story.goToStep(step);
  };
  win.addEventListener('message', onMessage);
  return () => win.removeEventListener('message', onMessage);
}
