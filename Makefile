# corpgraph: the two commands are `make demo` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libgraphviz-dev graphviz fonts-noto-cjk iso-codes pkg-config
BIN := .build/release/corpgraph
SEED := fixtures/seed/seed.yaml

.PHONY: setup demo test build render bench conformance fuzz clean

# Installs the Debian packages that are missing (as root, or through sudo).
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: setup
	$(SWIFT) build -c release --product corpgraph

# The main job on the founding case.
demo: build
	$(BIN) validate $(SEED)
	$(BIN) stats $(SEED)
	$(BIN) exposure $(SEED) --subject exchange-a --subject miner-m --as-of 2022-12-01

test: setup
	$(SWIFT) test

# Format readers over real third-party data in ../shared/external (or $CORPGRAPH_CONFORMANCE_DIR); skips when absent.
conformance:
	$(SWIFT) run corpgraph-conformance

clean:
	rm -rf .build

# libFuzzer over every reader and the DOT encoder: `make fuzz SECONDS=600` runs each harness that long.
SECONDS ?= 60
fuzz: setup
	Fuzz/run.sh $(SECONDS)
