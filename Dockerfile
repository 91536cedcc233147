# One image for the CMS and the publisher (production). Node 22 LTS.
#
# deps:  every dependency (the build needs the dev ones), native modules compiled here.
# build: the shared package, the CMS's server (TypeScript → cms/dist) and admin panel
#        (cms/dist/build); then the dev dependencies are dropped (npm prune --omit=dev).
# final: the built tree with production dependencies only. The publisher runs `astro build` at
#        runtime (it builds the public site from the CMS), so astro, tsx and everything the site's
#        build imports are "dependencies" of site/package.json, kept by the prune.
# Commands (docker-compose.yml): `npm run start -w cms` (CMS), `npm run publisher -w site`.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
ENV STRAPI_TELEMETRY_DISABLED=true
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY cms/package.json cms/
COPY site/package.json site/
COPY scripts/package.json scripts/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# Not NODE_ENV=production: the CMS's config refuses to load in production without its secrets,
# and secrets do not belong in an image. The admin bundle is built in production mode regardless.
RUN npm run build -w shared && cd cms && npx strapi build
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production STRAPI_TELEMETRY_DISABLED=true
COPY --from=build /app /app
EXPOSE 1337 4321
CMD ["npm", "run", "start", "-w", "cms"]
