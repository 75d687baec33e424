import { describe, expect, it } from 'vitest';
import { type LabelBox, layoutLabels, overlaps } from '../../src/map/label-layout.ts';

const label = (id: string, x: number, y: number, width = 90, height = 26) => ({ id, anchor: { x, y }, width, height });

function assertNoOverlap(boxes: LabelBox[]) {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      expect(overlaps(boxes[i] as LabelBox, boxes[j] as LabelBox, 0), `${boxes[i]?.id} / ${boxes[j]?.id}`).toBe(false);
}

describe('label layout', () => {
  it('keeps labels on their anchors when they do not collide', () => {
    const boxes = layoutLabels([label('ECU', 200, 150), label('CHL', 220, 400)], { width: 400, height: 600 });
    expect(boxes.every((b) => !b.callout)).toBe(true);
    expect(boxes[0]).toMatchObject({ x: 155, y: 137 });
  });

  it('moves a label that collides to a free spot next to its country, with a leader line', () => {
    // Anchors a few pixels apart, as in the Central America inset on a phone.
    const central = [label('GTM', 110, 60), label('SLV', 116, 68), label('HND', 124, 62), label('CRI', 140, 90)];
    const boxes = layoutLabels([...central, label('ECU', 170, 160), label('CHL', 190, 320)], {
      width: 320,
      height: 400,
    });
    assertNoOverlap(boxes);
    for (const b of boxes) {
      const cx = Math.min(Math.max(b.anchor.x, b.x), b.x + b.width);
      const cy = Math.min(Math.max(b.anchor.y, b.y), b.y + b.height);
      expect(Math.hypot(cx - b.anchor.x, cy - b.anchor.y), b.id).toBeLessThanOrEqual(60);
    }
    expect(boxes.filter((b) => b.callout).length).toBeGreaterThan(0);
    expect(boxes.find((b) => b.id === 'CHL')?.callout).toBe(false);
  });

  it('never covers an obstacle such as the map controls', () => {
    const obstacle = { x: 0, y: 300, width: 60, height: 100 };
    const boxes = layoutLabels([label('CHL', 40, 330)], { width: 320, height: 400 }, { obstacles: [obstacle] });
    const [b] = boxes as [LabelBox];
    expect(overlaps(b, { ...b, ...obstacle }, 0)).toBe(false);
    expect(b.callout).toBe(true);
  });

  it('falls back to a callout column west of the cluster when no nearby spot is free', () => {
    const central = [label('GTM', 200, 60), label('SLV', 206, 68), label('HND', 214, 62), label('CRI', 230, 90)];
    // Everything east of x = 130 is taken (say, by the main map's controls).
    const boxes = layoutLabels(
      central,
      { width: 400, height: 400 },
      { obstacles: [{ x: 130, y: 0, width: 270, height: 400 }] },
    );
    assertNoOverlap(boxes);
    expect(boxes.every((b) => b.callout && b.x + b.width <= 200)).toBe(true);
    expect([...boxes].sort((a, b) => a.y - b.y).map((b) => b.id)).toEqual(['GTM', 'HND', 'SLV', 'CRI']);
  });

  it('keeps every label inside the viewport with at least 24 px tap targets', () => {
    const boxes = layoutLabels([label('GTM', 30, 5), label('SLV', 34, 9), label('HND', 40, 6), label('CRI', 50, 20)], {
      width: 320,
      height: 400,
    });
    assertNoOverlap(boxes);
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(4);
      expect(b.y).toBeGreaterThanOrEqual(4);
      expect(b.x + b.width).toBeLessThanOrEqual(316);
      expect(b.height).toBeGreaterThanOrEqual(24);
      expect(b.width).toBeGreaterThanOrEqual(24);
    }
  });

  it('pulls a label whose anchor is off screen back to the edge as a callout', () => {
    const [b] = layoutLabels([label('CHL', 200, 900)], { width: 400, height: 600 });
    expect(b).toMatchObject({ callout: true, y: 600 - 4 - 26 });
  });
});
