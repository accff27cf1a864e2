/**
 * Acceptance routing (DESIGN.md §2 stage 1): the nearest branch by great-circle distance from the
 * enterprise's registered location, ties broken by the lighter load; then, inside the branch, the
 * enterprise's existing account manager or else the least-loaded one.
 */
import { BRANCHES, locateDivision } from './divisions.js';
import type { Branch } from './types.js';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
/** Branches whose distances differ by less than this count as equally near, so load decides. */
export const TIE_KM = 0.5;
/** A confirmed address farther than this from every branch is outside the service area (Henan spans ~550 km; every point lies within ~120 km of a branch). */
export const SERVICE_RADIUS_KM = 150;

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type RouteResult =
  | { ok: true; branch: Branch; distanceKm: number }
  | { ok: false; code: 'outside-service-area'; message: string; params: { why: OutsideWhy; division: string } };
type OutsideWhy = 'unknown-location' | 'outside-henan' | 'unknown-division' | 'too-far';

const outside = (message: string, why: OutsideWhy, division = ''): RouteResult =>
  ({ ok: false, code: 'outside-service-area', message, params: { why, division } });

/** Where the enterprise is: a confirmed point wins over the division's centroid. */
function locate(input: { divisionCode?: string; point?: GeoPoint }): GeoPoint | RouteResult {
  if (input.point) return input.point;
  const code = input.divisionCode ?? '';
  const found = locateDivision(code);
  if (found) return found.division;
  if (!/^\d{6}$/.test(code)) return outside('We could not tell where the enterprise is registered: give a six-digit division code or confirm an address.', 'unknown-location', code);
  if (!code.startsWith('41')) {
    return outside(`The enterprise is registered outside Henan (division ${code}). Kedai serves enterprises registered in Henan province only.`, 'outside-henan', code);
  }
  return outside(`Division ${code} is not a Henan division we know. Check the registration division code or confirm the address.`, 'unknown-division', code);
}

export function routeToBranch(input: {
  divisionCode?: string;
  point?: GeoPoint;
  branchLoads?: Record<string, number>;
  /** The branches of the configuration in force (shared/bank-config.ts); the seed's when not given. */
  branches?: readonly Branch[];
}): RouteResult {
  const where = locate(input);
  if ('ok' in where) return where;
  const load = (b: Branch) => input.branchLoads?.[b.code] ?? 0;
  const byDistance = (input.branches ?? BRANCHES).map((branch) => ({ branch, distanceKm: haversineKm(where, branch) }))
    .sort((a, b) => a.distanceKm - b.distanceKm);
  const nearest = byDistance[0].distanceKm;
  const best = byDistance
    .filter((c) => c.distanceKm - nearest <= TIE_KM)
    .sort((a, b) => load(a.branch) - load(b.branch) || a.distanceKm - b.distanceKm)[0];
  if (best.distanceKm > SERVICE_RADIUS_KM) {
    return outside(`That address is about ${Math.round(best.distanceKm)} km from our nearest branch, outside the service area (Henan province).`, 'too-far');
  }
  return { ok: true, ...best };
}

/** The enterprise's existing manager when still in this branch's list, else the least loaded (ties by name, for determinism). */
export function pickAccountManager(
  candidates: { username: string; openCount: number }[],
  existing?: string,
): string | null {
  if (existing && candidates.some((c) => c.username === existing)) return existing;
  const sorted = [...candidates].sort((a, b) => a.openCount - b.openCount || a.username.localeCompare(b.username));
  return sorted[0]?.username ?? null;
}

/** The division that locates an enterprise: the one it declared, else characters 3–8 of its credit code. */
export function divisionForEnterprise(e: { creditCode: string; registeredDivision?: string }): string {
  return e.registeredDivision ?? e.creditCode.slice(2, 8);
}
