# hexform — see README.md. Every target works on a fresh machine with Go installed.
GO      ?= go
BIN     := bin/hexform
FUZZTIME ?= 10s

# make build stamps the version into the binary (hexform version):
#   go build -ldflags "-X github.com/hexform/hexform/internal/buildinfo.version=$(git describe --tags --always --dirty)
#     -X github.com/hexform/hexform/internal/buildinfo.commit=$(git rev-parse HEAD)
#     -X github.com/hexform/hexform/internal/buildinfo.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" ./cmd/hexform
# Without git the values are empty and hexform falls back to what the go
# command embeds (the module version of go install ...@v1.2.3, or (devel)).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X github.com/hexform/hexform/internal/buildinfo.version=$(VERSION) \
	-X github.com/hexform/hexform/internal/buildinfo.commit=$(COMMIT) \
	-X github.com/hexform/hexform/internal/buildinfo.date=$(DATE)

.PHONY: build test lint fuzz demo bench clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/hexform
	$(GO) build -o bin/hexsim ./cmd/hexsim

test: lint
	$(GO) test -race -count=1 ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	@$(GO) mod tidy -diff >/dev/null || { echo "go mod tidy needed"; exit 1; }
	$(GO) test -count=1 ./internal/codecheck/

# Runs every fuzz target briefly (FUZZTIME each).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

demo: build
	@sh scripts/demo.sh

# Benchmarks at the reference size (10,000 users; a few minutes); writes bench/out/ and prints the tables for BENCHMARKS.md.
bench:
	@sh bench/run.sh

clean:
	rm -rf bin

# Long reliability runs: 200 SIGKILLs during apply, concurrent and
# interrupted applies (file and Hex), malformed Hex answers, the 100,000-user
# workspace, and FuzzDiff for FUZZTIME. The short versions run in make test.
.PHONY: reliability
reliability:
	HEXFORM_RELIABILITY_ITERATIONS=200 $(GO) test -count=1 -timeout 30m -run '^(TestReliability|TestHexTwoAppliesAtOnce|TestHexMalformed)' -v ./cmd/hexform
	$(GO) test -count=1 -run '^(TestMalformed|FuzzDiff)' ./schema ./reconcile
	$(GO) test -run '^$$' -fuzz '^FuzzDiff$$' -fuzztime $(FUZZTIME) ./reconcile

# Release: .goreleaser.yaml builds linux, darwin and windows archives with
# checksums and the version stamped. GoReleaser is the one on PATH, else it
# is built from its module (once; later runs use the go build cache).
GORELEASER ?= $(shell command -v goreleaser 2>/dev/null || echo "$(GO) run github.com/goreleaser/goreleaser/v2@v2.15.1")

.PHONY: release-check snapshot
# Checks .goreleaser.yaml: the test of its contents, then goreleaser check.
release-check:
	$(GO) test -count=1 -run '^TestReleaseConfig$$' ./internal/buildinfo
	$(GORELEASER) check

# Builds every release archive and checksums.txt into dist/, publishing nothing.
snapshot:
	$(GORELEASER) release --snapshot --clean

# Lints the example workflows with actionlint (installed into bin/ once; it
# runs shellcheck on every run: script when shellcheck is on PATH), then the
# Go tests that run actionlint and shellcheck on the workflows and action.yml.
ACTIONLINT_VERSION ?= v1.7.12

.PHONY: actionlint
actionlint:
	@test -x bin/actionlint || GOBIN=$(CURDIR)/bin $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)
	bin/actionlint -no-color examples/github-actions/*.yml .github/workflows/*.yml
	PATH="$(CURDIR)/bin:$$PATH" $(GO) test -count=1 -run '^(TestActionlint|TestShellcheck|TestProjectWorkflows)' ./cmd/hexform
