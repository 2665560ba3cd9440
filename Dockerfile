# One image for the whole application: the gateway, the four subgraphs, the workers and the web site.
# `docker compose up` runs one container per process from it (`node scripts/container.mjs <process>`, after a one-shot
# `migrate`; the demo data set: `node scripts/seed.mjs`, built code run by node, no turbo). Run alone, its default
# command, scripts/start.mjs, starts every process in one container and stops them together.
# scripts/test/docker-compose.test.ts checks that what the compose file runs is copied and built here.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Native modules (argon2) ship prebuilt binaries; the toolchain is a fallback.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json turbo.json tsconfig.base.json tsconfig.json ./
COPY packages/ packages/
COPY services/ services/
COPY gateway/ gateway/
RUN npm ci --no-audit --no-fund
COPY scripts/ scripts/
COPY LICENSE ./
RUN npx turbo run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# Local keys (outside production) live in a volume the node user can write.
RUN mkdir -p /app/.keys && chown node:node /app/.keys
USER node
# The web site and the gateway; the subgraphs (4001-4004) answer the gateway only.
EXPOSE 3000 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/start.mjs"]
