# syntax=docker/dockerfile:1
# One image for ChatBI: the six distributed services and the embedded app/CLI. CHATBI_SERVICE picks
# what runs (chatbi | dialogue | view-selector | json-planner | sql-templater | cascade-runner |
# view-advisor); arguments go to it, e.g. `docker run chatbi ask "DAU last week"`, or
# `docker run -e CHATBI_SERVICE=dialogue -e KAFKA_BROKERS=... -e CHATBI_METADATA_URL=... chatbi`.
# Debian, not Alpine: DuckDB's and onnxruntime's prebuilt binaries need glibc.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# `npm ci` runs the root `prepare` script: the TypeScript build (dist/) and the Ask panel
# (superset-plugin/dist/standalone); then only production dependencies are kept.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf superset-plugin/node_modules

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    CHATBI_SERVICE=chatbi \
    CHATBI_DATA_DIR=/data \
    HOST=0.0.0.0
WORKDIR /app
# Compiled code, production node_modules, and what the code reads at run time beside it: the demo
# catalog (libs/demo-world/catalog), the gRPC proto (libs/contracts/proto), the SQL templates
# (apps/sql-templater/src/templates), the workspaces' package.json files node_modules links to,
# and the Ask panel.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps ./apps
COPY --from=build /app/libs ./libs
COPY --from=build /app/superset-plugin/package.json ./superset-plugin/package.json
COPY --from=build /app/superset-plugin/dist/standalone ./superset-plugin/dist/standalone
# The node user (uid 1000) of the official image; /data holds the demo warehouse, models and SQLite.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 3001 3002 3003 3004 3005 50051
ENTRYPOINT ["/bin/sh", "-c", "case \"$CHATBI_SERVICE\" in chatbi|dialogue|view-selector|json-planner|sql-templater|cascade-runner|view-advisor) exec node \"dist/apps/$CHATBI_SERVICE/src/main.js\" \"$@\" ;; *) echo \"CHATBI_SERVICE must be one of chatbi, dialogue, view-selector, json-planner, sql-templater, cascade-runner, view-advisor (got '$CHATBI_SERVICE')\" >&2; exit 64 ;; esac", "chatbi"]
CMD ["serve"]
