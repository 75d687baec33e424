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

  it('moves a crowded cluster (Central America at phone scale) into a callout column to the west', () => {
    // Anchors a few pixels apart, as at 320 px wide.
    const central = [label('GTM', 110, 60), label('SLV', 116, 68), label('HND', 124, 62), label('CRI', 140, 90)];
    const boxes = layoutLabels([...central, label('ECU', 170, 160), label('CHL', 190, 320)], {
      width: 320,
      height: 400,
    });
    assertNoOverlap(boxes);
    const moved = boxes.filter((b) => b.callout).map((b) => b.id);
    expect(moved.sort()).toEqual(['CRI', 'GTM', 'HND', 'SLV']);
    for (const b of boxes.filter((x) => x.callout)) expect(b.x + b.width).toBeLessThanOrEqual(110);
    // Stacked north to south, as the countries lie.
    expect(
      boxes
        .filter((b) => b.callout)
        .sort((a, b) => a.y - b.y)
        .map((b) => b.id),
    ).toEqual(['GTM', 'HND', 'SLV', 'CRI']);
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
