/**
 * Places the six country labels on the map without overlaps. A label sits on its country's label
 * point when it fits; labels that collide (Central America at phone scale: El Salvador is a few
 * pixels wide) become callouts stacked in a column out in the Pacific, west of their countries —
 * all six focus countries face the Pacific — each joined to its country by a leader line.
 * Pure geometry in CSS pixels, so it is tested without a browser.
 */
export interface Point {
  x: number;
  y: number;
}
export interface LabelInput {
  id: string;
  anchor: Point;
  width: number;
  height: number;
}
export interface LabelBox {
  id: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  anchor: Point;
  /** True when the label is moved off its anchor and needs a leader line. */
  callout: boolean;
}
export interface LayoutOptions {
  /** Minimum space between two labels. */
  gap: number;
  /** Minimum space between a label and the viewport edge. */
  margin: number;
  /** Horizontal distance from the westernmost anchor of a group to its callout column. */
  offset: number;
}

const DEFAULTS: LayoutOptions = { gap: 4, margin: 4, offset: 16 };

export function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

function inside(box: LabelBox, vw: number, vh: number, m: number): boolean {
  return box.x >= m && box.y >= m && box.x + box.width <= vw - m && box.y + box.height <= vh - m;
}

function column(group: LabelBox[], vw: number, vh: number, o: LayoutOptions): LabelBox[] {
  const sorted = [...group].sort((a, b) => a.anchor.y - b.anchor.y);
  const total = sorted.reduce((h, b) => h + b.height, 0) + o.gap * (sorted.length - 1);
  const meanY = sorted.reduce((s, b) => s + b.anchor.y, 0) / sorted.length;
  let top = Math.min(Math.max(meanY - total / 2, o.margin), Math.max(o.margin, vh - o.margin - total));
  const right = Math.min(...sorted.map((b) => b.anchor.x)) - o.offset;
  return sorted.map((b) => {
    const x = Math.min(Math.max(right - b.width, o.margin), vw - o.margin - b.width);
    const placed = { ...b, x, y: top, callout: true };
    top += b.height + o.gap;
    return placed;
  });
}

export function layoutLabels(
  labels: LabelInput[],
  viewport: { width: number; height: number },
  options: Partial<LayoutOptions> = {},
): LabelBox[] {
  const o = { ...DEFAULTS, ...options };
  const { width: vw, height: vh } = viewport;
  let boxes: LabelBox[] = labels.map((l) => ({
    ...l,
    x: l.anchor.x - l.width / 2,
    y: l.anchor.y - l.height / 2,
    callout: false,
  }));
  // Union groups of colliding labels, move each group into a callout column, repeat until stable
  // (a column can land on another label, which then joins its group).
  for (let round = 0; round < labels.length; round++) {
    const parent = boxes.map((_, i) => i);
    const find = (i: number): number => {
      const p = parent[i] as number;
      if (p === i) return i;
      const root = find(p);
      parent[i] = root;
      return root;
    };
    let changed = false;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlaps(boxes[i] as LabelBox, boxes[j] as LabelBox, o.gap)) parent[find(i)] = find(j);
    const groups = new Map<number, number[]>();
    for (let i = 0; i < boxes.length; i++) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
    const next = [...boxes];
    for (const members of groups.values()) {
      const group = members.map((i) => boxes[i] as LabelBox);
      const single = group.length === 1 ? (group[0] as LabelBox) : null;
      if (single && inside(single, vw, vh, o.margin)) continue;
      if (single?.callout) continue;
      const placed = single ? [clampInto(single, vw, vh, o.margin)] : column(group, vw, vh, o);
      for (const p of placed) next[boxes.findIndex((b) => b.id === p.id)] = p;
      if (!single || placed[0] !== single) changed = true;
    }
    boxes = next;
    if (!changed) break;
  }
  return boxes;
}

function clampInto(b: LabelBox, vw: number, vh: number, m: number): LabelBox {
  const x = Math.min(Math.max(b.x, m), vw - m - b.width);
  const y = Math.min(Math.max(b.y, m), vh - m - b.height);
  return { ...b, x, y, callout: x !== b.x || y !== b.y };
}
