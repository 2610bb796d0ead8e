import { describe, expect, it } from 'vitest';
import { claimValues, mapRole, safeReturnPath } from './oidc.service.js';

describe('single sign-on role mapping', () => {
  const oidc = {
    roleMap: new Map([
      ['ttx-control', 'facilitator'],
      ['ttx-admins', 'admin'],
      ['TTX.Watch', 'observer'],
    ] as const),
    defaultRole: undefined,
  };

  it('reads a claim by its exact name (ADFS URIs), or by a dotted path (Keycloak realm roles)', () => {
    const uri = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
    expect(claimValues({ [uri]: 'ttx-control' }, uri)).toEqual(['ttx-control']);
    expect(claimValues({ realm_access: { roles: ['a', 'ttx-admins', 3] } }, 'realm_access.roles')).toEqual([
      'a',
      'ttx-admins',
    ]);
    expect(claimValues({ groups: 'one group with spaces' }, 'groups')).toEqual(['one group with spaces']);
    expect(claimValues({}, 'roles')).toEqual([]);
    expect(claimValues({ roles: { nested: true } }, 'roles')).toEqual([]);
  });

  it('takes the highest mapped role, else the default role, else none; values are case-sensitive', () => {
    expect(mapRole(['staff', 'ttx-control', 'ttx-admins'], oidc)).toBe('admin');
    expect(mapRole(['TTX.Watch'], oidc)).toBe('observer');
    expect(mapRole(['ttx.watch'], oidc)).toBeNull();
    expect(mapRole([], { ...oidc, defaultRole: 'observer' })).toBe('observer');
  });

  it('returns only to a path of this app', () => {
    expect(safeReturnPath('/control?x=1')).toBe('/control?x=1');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      '/api/auth/logout',
      'control',
      '/x\u0000y',
      42,
    ])
      expect(safeReturnPath(bad), String(bad)).toBeNull();
  });
});
