/** MapLibre's expression language, the subset this app's style uses, for the SVG renderer. */
export type Expression = unknown;
export type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>>;

/**
 * Evaluates the subset of MapLibre's expression language this app's style uses. An unknown
 * operator is a bug in the style, not something to draw around: it throws.
 */
export function evaluate(expr: Expression, feature: Feature | null, state: Record<string, unknown>): unknown {
  if (!Array.isArray(expr)) return expr;
  const [op, ...args] = expr as [string, ...unknown[]];
  const ev = (e: unknown) => evaluate(e, feature, state);
  switch (op) {
    case 'literal':
      return args[0];
    case 'get':
      return feature?.properties?.[args[0] as string];
    case 'feature-state':
      return state[args[0] as string];
    case 'boolean': {
      const v = ev(args[0]);
      return typeof v === 'boolean' ? v : ev(args[1]);
    }
    case 'coalesce': {
      for (const a of args) {
        const v = ev(a);
        if (v !== null && v !== undefined) return v;
      }
      return null;
    }
    case '!':
      return !ev(args[0]);
    case '==':
      return ev(args[0]) === ev(args[1]);
    case 'all':
      return args.every((a) => Boolean(ev(a)));
    case 'in': {
      const needle = ev(args[0]);
      const haystack = ev(args[1]);
      return Array.isArray(haystack) ? haystack.includes(needle) : String(haystack).includes(String(needle));
    }
    case 'case': {
      for (let i = 0; i + 1 < args.length; i += 2) if (ev(args[i])) return ev(args[i + 1]);
      return ev(args[args.length - 1]);
    }
    case 'match': {
      const input = ev(args[0]);
      for (let i = 1; i + 1 < args.length; i += 2) {
        const label = args[i];
        if (Array.isArray(label) ? label.includes(input) : label === input) return ev(args[i + 1]);
      }
      return ev(args[args.length - 1]);
    }
    default:
      throw new Error(`svg map: unsupported expression operator "${op}"`);
  }
}
