import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRANCHES, HENAN_DIVISIONS, locateDivision } from '../../shared/divisions.js';
import { divisionForEnterprise, haversineKm, pickAccountManager, routeToBranch } from '../../shared/routing.js';

const csv = readFileSync(new URL('../../shared/data/henan-divisions.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  .map((line) => {
    const [code, nameZh, nameEn, lat, lon] = line.split(',');
    return { code, nameZh, nameEn, lat: Number(lat), lon: Number(lon) };
  });

describe('Henan divisions', () => {
  it('embeds exactly the rows of henan-divisions.csv', () => {
    expect(HENAN_DIVISIONS).toEqual(csv);
  });

  it('has one branch per division, coded by the lowercase English city name', () => {
    expect(BRANCHES.map((b) => b.code)).toEqual(csv.map((r) => r.nameEn.toLowerCase()));
    expect(new Set(BRANCHES.map((b) => b.code)).size).toBe(18);
  });

  it.each([
    ['410102', 'zhengzhou'], ['410322', 'luoyang'], ['419001', 'jiyuan'], ['410000', 'zhengzhou'],
    ['411729', 'zhumadian'], ['411502', 'xinyang'], ['410881', 'jiaozuo'],
  ])('locates %s in %s', (code, branch) => {
    expect(locateDivision(code)?.branchCode).toBe(branch);
  });

  it.each(['110105', '310000', '420100', '411800', '419002', '4101', 'abcdef'])('does not place %s in Henan', (code) => {
    expect(locateDivision(code)).toBeNull();
  });
});

describe('routing to the nearest branch', () => {
  it.each(csv.map((r) => [r.code, r.nameEn.toLowerCase()]))('routes prefecture %s to %s at distance 0', (code, branch) => {
    const r = routeToBranch({ divisionCode: code });
    expect(r.ok && r.branch.code).toBe(branch);
    expect(r.ok && r.distanceKm).toBe(0);
  });

  it.each(csv.filter((r) => r.code.endsWith('00')).map((r) => [`${r.code.slice(0, 4)}02`, r.nameEn.toLowerCase()]))(
    'routes county-level code %s to its prefecture branch %s', (code, branch) => {
      const r = routeToBranch({ divisionCode: code });
      expect(r.ok && r.branch.code).toBe(branch);
    },
  );

  it.each([['110105', /outside Henan/], ['440300', /outside Henan/], ['411800', /not a Henan division/], ['', /six-digit/]])(
    'tells an applicant from %s plainly that they are outside the service area', (code, message) => {
      const r = routeToBranch({ divisionCode: code });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('outside-service-area');
        expect(r.message).toMatch(message);
      }
    },
  );

  it('uses a confirmed address over the division and refuses one outside Henan', () => {
    const nearLuoyang = routeToBranch({ divisionCode: '410100', point: { lat: 34.63, lon: 112.47 } });
    expect(nearLuoyang.ok && nearLuoyang.branch.code).toBe('luoyang');
    const beijing = routeToBranch({ point: { lat: 39.9042, lon: 116.4074 } });
    expect(beijing.ok).toBe(false);
  });

  it('breaks a distance tie by the lighter branch load', () => {
    const zz = BRANCHES.find((b) => b.code === 'zhengzhou')!;
    const kf = BRANCHES.find((b) => b.code === 'kaifeng')!;
    const mid = { lat: (zz.lat + kf.lat) / 2, lon: (zz.lon + kf.lon) / 2 };
    const a = routeToBranch({ point: mid, branchLoads: { zhengzhou: 9, kaifeng: 1 } });
    const b = routeToBranch({ point: mid, branchLoads: { zhengzhou: 1, kaifeng: 9 } });
    expect(a.ok && a.branch.code).toBe('kaifeng');
    expect(b.ok && b.branch.code).toBe('zhengzhou');
  });

  it('does not let load override a clearly nearer branch', () => {
    const r = routeToBranch({ divisionCode: '410100', branchLoads: { zhengzhou: 1000 } });
    expect(r.ok && r.branch.code).toBe('zhengzhou');
  });

  it('measures great-circle distance in km', () => {
    const zz = { lat: 34.7466, lon: 113.6254 };
    const ly = { lat: 34.6197, lon: 112.454 };
    expect(haversineKm(zz, zz)).toBe(0);
    expect(haversineKm(zz, ly)).toBeGreaterThan(100);
    expect(haversineKm(zz, ly)).toBeLessThan(115);
    expect(haversineKm(zz, ly)).toBeCloseTo(haversineKm(ly, zz), 9);
    // A quarter of a meridian: 90° of latitude ≈ 10,008 km.
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 })).toBeCloseTo(10_007.6, 0);
  });
});

describe('account manager and division', () => {
  const staff = [{ username: 'am.b', openCount: 3 }, { username: 'am.a', openCount: 3 }, { username: 'am.c', openCount: 1 }];
  it.each([
    [staff, undefined, 'am.c'],
    [staff, 'am.a', 'am.a'],
    [staff, 'am.elsewhere', 'am.c'],
    [staff.slice(0, 2), undefined, 'am.a'],
    [[], undefined, null],
  ])('picks the right manager (%#)', (candidates, existing, expected) => {
    expect(pickAccountManager(candidates, existing)).toBe(expected);
  });

  it('prefers the declared registration division to the credit code', () => {
    expect(divisionForEnterprise({ creditCode: '914103003170005301' })).toBe('410300');
    expect(divisionForEnterprise({ creditCode: '914103003170005301', registeredDivision: '411302' })).toBe('411302');
  });
});
