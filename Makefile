# licsim: the one place for commands. `make run` and `make test` are all a
# new user needs; the rest is for developers and CI.

GO ?= go
OUT ?= out
BENCH_COUNT ?= 10

.PHONY: run test deps vet fmt build bench bench-check fuzz clean golden

## run: the main job — the embedded baseline scenario, reports in $(OUT)/
run:
	$(GO) run ./cmd/licsim run --out $(OUT)

## test: vet, every test, the engine under the race detector, and every
## benchmark once so that a broken benchmark fails CI
test: deps vet
	$(GO) test ./...
	$(GO) test -race ./sim/...
	$(GO) test -run '^$$' -bench . -benchtime 1x ./... > /dev/null

## deps: what the tests need beyond Go, installed when missing, so that
## `make test` works on a fresh machine exactly as in CI: Debian's chromium
## (the report test opens report.html in it) and Slurm 22.05's slurmctld,
## slurmd and slurm-client (the Slurm tests start a private cluster with
## them; it uses auth/none, so no munge daemon is needed). One apt-get
## update, then one install of what is missing. Installing needs root or
## sudo.
deps:
	@pkgs=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		echo "make deps: installing chromium (the report test opens report.html in it)"; \
		pkgs="$$pkgs chromium"; }; \
	command -v slurmctld >/dev/null 2>&1 || [ -x /usr/sbin/slurmctld ] || { \
		echo "make deps: installing slurmctld, slurmd and slurm-client (the Slurm tests start a private cluster)"; \
		pkgs="$$pkgs slurmctld slurmd slurm-client"; }; \
	[ -z "$$pkgs" ] || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		export DEBIAN_FRONTEND=noninteractive; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$pkgs; }

vet:
	$(GO) vet ./...

## golden: rewrite the reports' golden files after an intended format change
golden:
	$(GO) test ./reports -run Golden -update

## fmt: format the code
fmt:
	gofmt -w $$(git ls-files '*.go')

## build: the licsim binary in the repository root
build:
	$(GO) build -o licsim ./cmd/licsim

## bench: every benchmark, $(BENCH_COUNT) times, with allocations; the
## results go to bench/results/latest.txt (benchstat format). The set runs
## $(BENCH_COUNT) times over rather than each benchmark $(BENCH_COUNT) times
## in a row, so that the model and the queue it is compared with see the
## same load on a shared machine.
bench:
	mkdir -p bench/results
	rm -f bench/results/latest.txt.tmp
	for i in $$(seq $(BENCH_COUNT)); do \
		echo "== round $$i of $(BENCH_COUNT)"; \
		$(GO) test -run '^$$' -bench . -benchmem -count 1 -timeout 60m ./... > bench/results/round.txt \
			|| { cat bench/results/round.txt; rm -f bench/results/round.txt; exit 1; }; \
		tee -a bench/results/latest.txt.tmp < bench/results/round.txt; \
	done
	rm -f bench/results/round.txt
	mv bench/results/latest.txt.tmp bench/results/latest.txt

## bench-check: the CI gate on benchmark ratios (queue vs container/heap,
## model per event vs hold), measured in one run
bench-check:
	$(GO) test -run TestBenchCheck -count 1 -v ./bench/ -args -benchcheck

## fuzz: the scenario parser's fuzz targets, ten minutes and three
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 10m ./scenarios/
	$(GO) test -run '^$$' -fuzz FuzzSet -fuzztime 3m ./scenarios/

clean:
	rm -rf $(OUT) licsim
