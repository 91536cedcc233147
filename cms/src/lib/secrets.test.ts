import { describe, expect, it } from 'vitest';
import { CMS_SECRETS, appKeys, secret, secretProblem } from './secrets';

describe('secrets (no secret in the code)', () => {
  it('production refuses a missing, short or placeholder secret, naming the variable', () => {
    for (const name of CMS_SECRETS) {
      expect(() => secret(name, { NODE_ENV: 'production' })).toThrow(new RegExp(`${name} is not set`));
    }
    expect(() => secret('ADMIN_JWT_SECRET', { NODE_ENV: 'production', ADMIN_JWT_SECRET: 'short' })).toThrow(/weak secret/);
    expect(() => secret('ADMIN_JWT_SECRET', { NODE_ENV: 'production', ADMIN_JWT_SECRET: 'cong-local-admin-jwt-secret-0000000000' })).toThrow(/weak secret/);
    expect(() => secret('APP_KEYS', { NODE_ENV: 'production', APP_KEYS: `${'a'.repeat(40)},key2` })).toThrow(/APP_KEYS is shorter/);
    const good = 'Zq3'.repeat(16);
    expect(secret('ADMIN_JWT_SECRET', { NODE_ENV: 'production', ADMIN_JWT_SECRET: good })).toBe(good);
  });

  it('development gets a random value per process, the same on every call, different per name', () => {
    const a = secret('ADMIN_JWT_SECRET', { NODE_ENV: 'development' });
    expect(a.length).toBeGreaterThanOrEqual(48);
    expect(secret('ADMIN_JWT_SECRET', { NODE_ENV: 'development' })).toBe(a);
    expect(secret('JWT_SECRET', { NODE_ENV: 'development' })).not.toBe(a);
    expect(appKeys({ NODE_ENV: 'test' })).toHaveLength(4);
    expect(secret('ADMIN_JWT_SECRET', { NODE_ENV: 'development', ADMIN_JWT_SECRET: 'given' })).toBe('given');
  });

  it('names what is wrong with a value', () => {
    expect(secretProblem('key1')).toMatch(/shorter/);
    expect(secretProblem('x'.repeat(40))).toMatch(/placeholder/);
    expect(secretProblem('k3Yq'.repeat(10))).toBeNull();
  });
});
