/**
 * MapLibre's event API as this app uses it — `on`/`off`/`once`, optionally for given layers — for
 * the maps that are not MapLibre: the SVG renderer and the tests' fake. `fire` dispatches an event
 * to the listeners for it (for `layer`, only those registered for that layer).
 */
type Listener = (e: unknown) => void;

export class LayerEvents {
  private listeners: { type: string; layers?: string[]; fn: Listener; once?: boolean }[] = [];

  on<E>(type: string, a: string | string[] | ((e: E) => void), b?: (e: E) => void): void {
    this.listeners.push(
      typeof a === 'function' ? { type, fn: a as Listener } : { type, layers: [a].flat(), fn: b as Listener },
    );
  }

  off<E>(type: string, a: string | string[] | ((e: E) => void), b?: (e: E) => void): void {
    const fn = typeof a === 'function' ? a : b;
    this.listeners = this.listeners.filter((l) => !(l.type === type && l.fn === fn));
  }

  once<E>(type: string, fn: (e: E) => void): void {
    this.listeners.push({ type, fn: fn as Listener, once: true });
  }

  fire(type: string, event: unknown = {}, layer?: string): void {
    for (const l of [...this.listeners]) {
      if (l.type !== type || (layer === undefined ? l.layers !== undefined : !l.layers?.includes(layer))) continue;
      if (l.once) this.listeners = this.listeners.filter((x) => x !== l);
      l.fn(event);
    }
  }

  clear(): void {
    this.listeners = [];
  }
}
