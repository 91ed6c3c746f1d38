# syntax=docker/dockerfile:1
# One image for ChatBI: the six distributed services and the embedded app/CLI. CHATBI_SERVICE picks
# what runs (chatbi | dialogue | view-selector | json-planner | sql-templater | cascade-runner |
# view-advisor); arguments go to it, e.g. `docker run chatbi ask "DAU last week"`, or
# `docker run -e CHATBI_SERVICE=dialogue -e KAFKA_BROKERS=... -e CHATBI_METADATA_URL=... chatbi`.
# Debian, not Alpine: DuckDB's and onnxruntime's prebuilt binaries need glibc.
#
# The base image is pinned to a Node release (the one the tests run on). Its digest could not be
# looked up where this file was written (no registry access): at release, pin it as well, e.g.
#   docker buildx imagetools inspect node:20.20.2-bookworm-slim   # prints the index digest
#   docker build --build-arg NODE_IMAGE=node:20.20.2-bookworm-slim@sha256:<digest> .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- Native modules (better-sqlite3) compile from source when no prebuilt binary can be downloaded.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# ---- The dependency manifests only: the layers below them are rebuilt when a dependency changes, not on every source change.
FROM toolchain AS manifests
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/cascade-runner/package.json apps/cascade-runner/
COPY apps/chatbi/package.json apps/chatbi/
COPY apps/dialogue/package.json apps/dialogue/
COPY apps/json-planner/package.json apps/json-planner/
COPY apps/sql-templater/package.json apps/sql-templater/
COPY apps/view-advisor/package.json apps/view-advisor/
COPY apps/view-selector/package.json apps/view-selector/
COPY libs/audit/package.json libs/audit/
COPY libs/auth/package.json libs/auth/
COPY libs/cascades/package.json libs/cascades/
COPY libs/catalog/package.json libs/catalog/
COPY libs/contracts/package.json libs/contracts/
COPY libs/demo-world/package.json libs/demo-world/
COPY libs/eval/package.json libs/eval/
COPY libs/language/package.json libs/language/
COPY libs/models/package.json libs/models/
COPY libs/testing/package.json libs/testing/
COPY libs/transport/package.json libs/transport/
COPY libs/warehouse/package.json libs/warehouse/
COPY superset-plugin/package.json superset-plugin/package-lock.json superset-plugin/

# ---- Every dependency, for the build. Scripts are skipped in `npm ci` (the root `prepare` builds
# the sources, which are not here yet) and run for the dependencies alone by `npm rebuild`.
FROM manifests AS deps
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild --no-audit --no-fund \
 && npm ci --prefix superset-plugin --ignore-scripts --no-audit --no-fund \
 && npm rebuild --prefix superset-plugin --no-audit --no-fund

# ---- Production dependencies only, for the runtime image.
FROM manifests AS prod-deps
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild --no-audit --no-fund

# ---- The compiled code (dist/) and the Ask panel (superset-plugin/dist/standalone).
FROM deps AS build
COPY . .
RUN npm run build \
 && npm run --prefix superset-plugin build:panel

# ---- The runtime: compiled code, production node_modules and the files the code reads beside it.
FROM ${NODE_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="ChatBI" \
      org.opencontainers.image.description="Business questions in English and Chinese to SQL: six services over Kafka, or one embedded app" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
ENV NODE_ENV=production \
    CHATBI_SERVICE=chatbi \
    CHATBI_DATA_DIR=/data \
    HOST=0.0.0.0
WORKDIR /app
# package.json, the lock file, .npmrc and the workspaces' package.json files node_modules links to.
COPY --from=manifests /app/ ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
COPY --from=build /app/dist/libs ./dist/libs
# Read at run time from beside the sources, which are not in the image: the SQL templates a DBA may
# edit, the DBA console's page, the gRPC proto, the demo world's catalog, and the Ask panel.
COPY apps/sql-templater/src/templates ./apps/sql-templater/src/templates
COPY apps/chatbi/src/dba-console/dba-console.html apps/chatbi/src/dba-console/dba-console.js apps/chatbi/src/dba-console/dba-console.css ./apps/chatbi/src/dba-console/
COPY libs/contracts/proto ./libs/contracts/proto
COPY libs/demo-world/catalog ./libs/demo-world/catalog
COPY --from=build /app/superset-plugin/dist/standalone ./superset-plugin/dist/standalone
# The node user (uid 1000) of the official image; /data holds the demo warehouse, models and SQLite.
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3000 3001 3002 3003 3004 3005 50051
ENTRYPOINT ["/bin/sh", "-c", "case \"$CHATBI_SERVICE\" in chatbi|dialogue|view-selector|json-planner|sql-templater|cascade-runner|view-advisor) exec node \"dist/apps/$CHATBI_SERVICE/src/main.js\" \"$@\" ;; *) echo \"CHATBI_SERVICE must be one of chatbi, dialogue, view-selector, json-planner, sql-templater, cascade-runner, view-advisor (got '$CHATBI_SERVICE')\" >&2; exit 64 ;; esac", "chatbi"]
CMD ["serve"]
