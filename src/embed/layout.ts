/**
 * The embed's layouts. The default embed is as tall as its content and reports its height to the
 * host. `?embed=1&layout=story` is the story layout, for the "sticky map, scrolling text" pattern:
 * the map and the story's stepper fill the iframe's height, whatever the host makes it; the
 * country panel opens over the map or beside it, never below; no height message is sent, so the
 * frame never changes height (app.css has its rules; story-messages.ts lets the host move the steps).
 */

export type EmbedLayout = 'story';

/** `story` for `?embed=1&layout=story` (once, exactly); undefined for anything else. */
export function embedLayout(search: string): EmbedLayout | undefined {
  const params = new URLSearchParams(search);
  const layout = params.getAll('layout');
  return params.get('embed') === '1' && layout.length === 1 && layout[0] === 'story' ? 'story' : undefined;
}
