# Production image: the web app built with Node, the server built with Rust, run on Debian.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY openapi ./openapi
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN cd frontend && npm run build

FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p butler-server --bin butler

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl tzdata \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app butler
WORKDIR /app
COPY --from=server /src/target/release/butler /usr/local/bin/butler
COPY --from=web /src/frontend/dist /app/web
ENV BUTLER_BIND=0.0.0.0:8080 BUTLER_WEB_DIR=/app/web TZ=Asia/Shanghai
# The allocator (mimalloc) returns freed memory to the system at once rather than keeping it
# for its thread: the resident memory follows what the server holds (docs/benchmarks.md).
ENV MIMALLOC_PURGE_DELAY=0
USER butler
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fs http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["butler"]
CMD ["serve"]
