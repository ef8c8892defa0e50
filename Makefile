# corpgraph: the two commands are `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libgraphviz-dev graphviz fonts-noto-cjk fonts-dejavu-core iso-codes pkg-config libcairo2-dev libpango1.0-dev poppler-utils chromium curl wrk zlib1g-dev libssl-dev
BIN := .build/release/corpgraph
SEED := fixtures/seed/seed.yaml

.PHONY: setup demo test lint format build render bench conformance fuzz clean

# Installs the Debian packages that are missing (as root, or through sudo).
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The Swift runtime and Foundation linked in statically: a cold process starts in ~11 ms instead of ~19 ms
# (the dynamic loader's relocations for ~14 Swift libraries), which is a third of a single-subject query on a snapshot.
build: setup
	$(SWIFT) build -c release --static-swift-stdlib --product corpgraph

# The main job on the founding case.
demo: build
	$(BIN) validate $(SEED)
	$(BIN) stats $(SEED)
	$(BIN) exposure $(SEED) --subject exchange-a --subject miner-m --as-of 2022-12-01
	$(BIN) blocked $(SEED) --regime ofac --as-of 2022-12-01
	$(BIN) blocked $(SEED) --regime eu --as-of 2024-08-01 --explain d-ru-ops
	$(BIN) ownership $(SEED) --of ae-hosting-pool --as-of 2022-12-01
	mkdir -p .build/demo
	$(BIN) render $(SEED) --subject exchange-a --exposure --as-of 2022-12-01 -o .build/demo/exposure-exchange-a.svg
	$(BIN) report $(SEED) --subject exchange-a --subject ae-hosting-pool --as-of 2022-12-01 -o .build/demo/case-report.pdf
	@echo "diagram written to .build/demo/exposure-exchange-a.svg, case report to .build/demo/case-report.pdf (committed renders: render/)"

# Regenerates the committed diagrams in render/ from the founding case (a test fails when render/*.dot is stale).
RENDER_ASOF := 2022-12-31
ZALA ?= ../shared/external/opensanctions-ftm-samples/zala.entities.ftm.json
render: build
	$(BIN) render $(SEED) --as-of $(RENDER_ASOF) --show-ended -o render/seed-ownership.svg
	$(BIN) render $(SEED) --as-of $(RENDER_ASOF) --show-ended -o render/seed-ownership.dot
	$(BIN) render $(SEED) --subject exchange-a --exposure --as-of $(RENDER_ASOF) -o render/seed-exposure-exchange-a.svg
	$(BIN) render $(SEED) --subject exchange-a --exposure --as-of $(RENDER_ASOF) -o render/seed-exposure-exchange-a.dot
	$(BIN) render $(SEED) --subject miner-m --exposure --as-of $(RENDER_ASOF) -o render/seed-exposure-miner-m.svg
	$(BIN) render $(SEED) --subject miner-m --exposure --as-of $(RENDER_ASOF) -o render/seed-exposure-miner-m.dot
	$(BIN) report $(SEED) --subject exchange-a --subject miner-m --subject ae-hosting-pool --as-of 2022-12-01 -o render/case-founding.pdf
	$(BIN) report $(SEED) --subject exchange-a --subject miner-m --subject ae-hosting-pool --as-of 2022-12-01 -o render/case-founding.html
	python3 render/generate_overview.py .build/overview-300.yaml 300
	$(BIN) render .build/overview-300.yaml --as-of $(RENDER_ASOF) -o render/generated-300-overview.svg
	@# The Zala cluster (OpenSanctions, via ../shared/external when present; the data itself is never committed).
	@if [ -f $(ZALA) ]; then \
	  $(BIN) render $(ZALA) --as-of $(RENDER_ASOF) --hide-isolated -o render/zala-overview.png && \
	  $(BIN) render $(ZALA) --as-of $(RENDER_ASOF) --hide-isolated -o render/zala-overview.svg; \
	else echo "skipping the Zala overview: $(ZALA) not found"; fi

# Swift sources formatted as .swift-format says (swift-format ships with the toolchain); `make format` fixes them.
SWIFT_SOURCES = Package.swift Sources Tests Benchmarks Conformance Fuzz

lint:
	swift format lint --strict --recursive --parallel $(SWIFT_SOURCES)

format:
	swift format format --in-place --recursive --parallel $(SWIFT_SOURCES)

test: setup lint
	$(SWIFT) test

# Format readers over real third-party data in ../shared/external (or $CORPGRAPH_CONFORMANCE_DIR); skips when absent.
conformance:
	$(SWIFT) run corpgraph-conformance

# Benchmarks T1–T5 against the peers of ../shared/bench (data from its gen.py in /tmp/cgbench): `make bench N=1000000`.
N ?= 100000
bench: setup
	Benchmarks/compare.sh $(N)

clean:
	rm -rf .build

# libFuzzer over every reader and the DOT encoder: `make fuzz SECONDS=600` runs each harness that long.
SECONDS ?= 60
fuzz: setup
	Fuzz/run.sh $(SECONDS)
