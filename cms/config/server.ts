import { appKeys } from '../src/lib/secrets';

export default ({ env }: { env: any }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy (nginx, a CDN): trust its X-Forwarded-For so the login throttle and
  // logs tell clients apart instead of seeing every request from the proxy's address. Set
  // TRUST_PROXY=true only when the CMS is reachable through the proxy alone, and
  // PROXY_MAX_IPS to the number of proxies in front of it (SECURITY.md, "Behind a proxy").
  proxy: {
    koa: env.bool('TRUST_PROXY', false),
    ipHeader: env('PROXY_IP_HEADER', 'X-Forwarded-For'),
    maxIpsCount: env.int('PROXY_MAX_IPS', 1),
  },
  app: {
    keys: appKeys(),
  },
  // Strapi's remote data transfer (push/pull of the whole database with a transfer token) is
  // off unless an operator turns it on for a migration (REMOTE_DATA_TRANSFER=true).
  transfer: { remote: { enabled: env.bool('REMOTE_DATA_TRANSFER', false) } },
  cron: { enabled: env.bool('CRON_ENABLED', true) },
});
