import { describe, expect, it } from 'vitest';
import { sumSnapshot } from '../e2e/heap.ts';

// A V8 heap snapshot's layout: flat node array, `node_fields` per node, type names in node_types[0].
const meta = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'native'], 'string'] as [
    string[],
    ...unknown[],
  ],
};

describe('heap reading from a snapshot', () => {
  it('splits compiled code from objects and counts detached DOM nodes', () => {
    const nodes = [
      // type, name, id, self_size, edge_count, trace, detachedness
      [3, 0, 1, 100, 0, 0, 0], // object
      [4, 0, 3, 40, 0, 0, 0], // code
      [6, 0, 5, 30, 0, 0, 2], // native, detached
      [6, 0, 7, 20, 0, 0, 1], // native, attached
      [4, 0, 9, 10, 0, 0, 0], // code
    ].flat();
    expect(sumSnapshot({ snapshot: { meta }, nodes })).toEqual({
      total: 200,
      code: 50,
      objects: 150,
      detachedDom: 1,
    });
  });

  it('refuses a layout it does not know rather than reading zeros', () => {
    expect(() =>
      sumSnapshot({ snapshot: { meta: { node_fields: ['name'], node_types: [['object']] } }, nodes: [1] }),
    ).toThrow(/layout/);
  });
});
