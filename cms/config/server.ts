export default ({ env }: { env: any }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: env.array('APP_KEYS', ['cong-local-key-1', 'cong-local-key-2']),
  },
  cron: { enabled: env.bool('CRON_ENABLED', true) },
});
