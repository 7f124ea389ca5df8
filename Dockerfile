# memsim in a container, for sweeps spread over a cluster (deploy/kubernetes/study-job.yaml).
#   docker build -t memsim:0.1.0 .
#   docker run --rm memsim:0.1.0 profiles
FROM node:20-bookworm-slim
WORKDIR /memsim
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY firmware ./firmware
COPY src ./src
COPY device-profiles ./device-profiles
COPY scripts ./scripts
COPY test ./test
# `npm ci` installs the pinned packages and builds (the package's prepare script).
RUN npm ci && npm prune --omit=dev
ENTRYPOINT ["node", "bin/memsim.js"]
