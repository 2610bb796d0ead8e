import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './app-config.js';

const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'ttx-config-')), TOKEN_SECRET: 'x'.repeat(40) });

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless configured, so X-Forwarded-For cannot choose the address a limit counts', () => {
    expect(loadConfig(base()).trustProxy).toBe(false);
    expect(loadConfig({ ...base(), TRUST_PROXY: 'off' }).trustProxy).toBe(false);
  });

  it('takes presets, addresses and CIDR ranges', () => {
    expect(loadConfig({ ...base(), TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
  });

  it('refuses anything else, naming the variable and the value', () => {
    for (const bad of ['true', 'proxy.example', '10.0.0.0/33', '1.2.3.4/8/9']) {
      expect(() => loadConfig({ ...base(), TRUST_PROXY: bad }), bad).toThrow(
        new RegExp(`TRUST_PROXY: "${bad.replace(/\./g, '\\.')}" is not one of off, loopback`),
      );
    }
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('is empty by default and keeps each origin in its canonical form', () => {
    expect(loadConfig(base()).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ ...base(), ALLOWED_ORIGINS: 'https://TTX.example.org/, http://localhost:5173' }).allowedOrigins,
    ).toEqual(['https://ttx.example.org', 'http://localhost:5173']);
  });

  it('refuses an entry that is not an origin, naming it', () => {
    expect(() => loadConfig({ ...base(), ALLOWED_ORIGINS: 'https://ok.example, ttx.example.org/path' })).toThrow(
      /ALLOWED_ORIGINS: "ttx.example.org\/path" is not an origin/,
    );
    expect(() => loadConfig({ ...base(), ALLOWED_ORIGINS: 'https://ok.example/app' })).toThrow(
      /"https:\/\/ok.example\/app" is not an origin/,
    );
  });
});
