/**
 * The page's JS heap after garbage collection, read from a V8 heap snapshot (CDP), split into what
 * the page's objects retain and what V8 keeps as compiled code.
 *
 * Why not `Runtime.getHeapUsage`: its `usedSize` includes V8's compiled code (bytecode, baseline
 * and optimised code, feedback vectors, function metadata). That part grows as the JIT tiers up hot
 * functions and shrinks when V8 flushes bytecode, on timing that differs between machines: in a
 * snapshot diff of 100 vs 600 country selections, ~0.69 MB of ~0.8 MB growth was compiled code,
 * and the same 300-step walk read +7 % on one machine and +12 % on a slower one. A leak is objects
 * kept alive — React fibers, detached DOM nodes, listeners, closures, strings — so the leak checks
 * compare `objects`, and report `code` and `detachedDom` beside it.
 */
import type { CDPSession } from 'playwright-core';

export interface HeapReading {
  /** Self size of every node in the snapshot, bytes. */
  total: number;
  /** Self size of V8's compiled code (snapshot node type "code"), bytes. */
  code: number;
  /** total − code: what the page's objects retain, bytes. */
  objects: number;
  /** DOM nodes the snapshot marks as detached (no longer in a document, still reachable). */
  detachedDom: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Takes a heap snapshot (which collects garbage first) and sums it by kind. */
export async function readHeap(cdp: CDPSession): Promise<HeapReading> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => {
    chunks.push(event.chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return sumSnapshot(JSON.parse(chunks.join('')) as Snapshot);
}

/** Sums a parsed snapshot (exported for its unit test). */
export function sumSnapshot(snap: Snapshot): HeapReading {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const detachedAt = fields.indexOf('detachedness');
  const codeType = types.indexOf('code');
  if (typeAt < 0 || sizeAt < 0 || codeType < 0) throw new Error('unexpected heap snapshot layout');
  let total = 0;
  let code = 0;
  let detachedDom = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const size = snap.nodes[i + sizeAt] ?? 0;
    total += size;
    if (snap.nodes[i + typeAt] === codeType) code += size;
    // detachedness: 0 unknown, 1 attached, 2 detached.
    if (detachedAt >= 0 && snap.nodes[i + detachedAt] === 2) detachedDom++;
  }
  return { total, code, objects: total - code, detachedDom };
}
