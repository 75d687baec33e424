/**
 * Places the six country labels on the map without overlaps. A label sits on its country's label
 * point when it fits; a label that collides moves to the nearest free spot around its point (below,
 * above, beside, then further out) with a leader line; only when no such spot is free do the
 * colliding labels become callouts stacked in a column west of their countries — all six focus
 * countries face the Pacific. Obstacles (map controls, the inset's caption) are never covered.
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
  /**
   * The country's drawn extent, when known: a label covers its country only if it fits inside,
   * so a small country (El Salvador) stays visible with its label beside it.
   */
  extent?: { x: number; y: number; width: number; height: number };
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
  /** Boxes no label may cover (map controls, captions). */
  obstacles: Rect[];
}

const DEFAULTS: LayoutOptions = { gap: 4, margin: 4, offset: 16, obstacles: [] };

/** Where a label's top-left corner may go, nearest first: on its anchor, then below, above, right, left, diagonals. */
const fitsInside = (b: LabelInput) => !b.extent || (b.width <= b.extent.width && b.height <= b.extent.height);

function candidates(b: LabelInput): Point[] {
  const out: Point[] = fitsInside(b) ? [{ x: b.anchor.x - b.width / 2, y: b.anchor.y - b.height / 2 }] : [];
  for (const d of [8, 22, 40, 64, 96]) {
    const below = b.anchor.y + d;
    const above = b.anchor.y - d - b.height;
    const middleY = b.anchor.y - b.height / 2;
    const centreX = b.anchor.x - b.width / 2;
    const right = b.anchor.x + d;
    const left = b.anchor.x - d - b.width;
    out.push(
      { x: centreX, y: below },
      { x: centreX, y: above },
      { x: right, y: middleY },
      { x: left, y: middleY },
      { x: right, y: below },
      { x: left, y: below },
      { x: right, y: above },
      { x: left, y: above },
    );
  }
  return out;
}

/**
 * Greedy placement: labels that fit on their anchors stay; each other label takes its first free
 * candidate spot. Returns null when some label finds no spot.
 */
function placeNearAnchors(labels: LabelInput[], vw: number, vh: number, o: LayoutOptions): LabelBox[] | null {
  const centred = labels.map((l) => ({
    ...l,
    x: l.anchor.x - l.width / 2,
    y: l.anchor.y - l.height / 2,
    callout: false,
  }));
  const blocked = (box: LabelBox, placed: LabelBox[]) =>
    !inside(box, vw, vh, o.margin) ||
    placed.some((p) => overlaps(box, p, o.gap)) ||
    o.obstacles.some((r) => overlaps(box, r, o.gap));
  const placed: LabelBox[] = [];
  const pending: LabelBox[] = [];
  for (const box of centred) {
    const others = centred.filter((c) => c !== box);
    if (!fitsInside(box) || blocked(box, others)) pending.push(box);
    else placed.push(box);
  }
  for (const box of pending) {
    const spot = candidates(box)
      .map((p) => ({ ...box, ...p, callout: p.x !== box.x || p.y !== box.y }))
      .find((c) => !blocked(c, placed));
    if (!spot) return null;
    placed.push(spot);
  }
  return labels.map((l) => placed.find((p) => p.id === l.id) as LabelBox);
}

/** A box in CSS px. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Rect, b: Rect, gap: number): boolean {
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
  const near = placeNearAnchors(labels, vw, vh, o);
  if (near) return near;
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
