/**
 * Rough bounding boxes of the six focus countries (degrees, WGS 84), used only by the data check to
 * catch a mistyped coordinate (a swapped sign, lat and lon swapped). Generous on purpose: each box
 * takes in the country's islands (Honduras's Swan Islands at about 17.4°N 83.9°W, Costa Rica's Cocos
 * Island, Ecuador's Galápagos, Chile's Easter Island) plus a small margin. Data, and one test on it.
 */
import type { CountryCode } from './vocabulary.ts';

export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export const COUNTRY_BOUNDS: Readonly<Record<CountryCode, BoundingBox>> = {
  GTM: { south: 13.6, west: -92.3, north: 17.9, east: -88.1 },
  SLV: { south: 13.1, west: -90.2, north: 14.5, east: -87.6 },
  HND: { south: 12.9, west: -89.4, north: 17.6, east: -83.0 },
  CRI: { south: 5.4, west: -87.2, north: 11.3, east: -82.5 },
  ECU: { south: -5.1, west: -92.1, north: 1.7, east: -75.1 },
  CHL: { south: -56.1, west: -109.5, north: -17.4, east: -66.3 },
};

export function inBounds(box: BoundingBox, lat: number, lon: number): boolean {
  return lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
}
