# licsim: the one place for commands. `make run` and `make test` are all a
# new user needs; the rest is for developers and CI.

GO ?= go
OUT ?= out
BENCH_COUNT ?= 10

.PHONY: run test vet fmt build bench clean golden

## run: the main job — the embedded baseline scenario, reports in $(OUT)/
run:
	$(GO) run ./cmd/licsim run --out $(OUT)

## test: vet, every test, and the engine again under the race detector
test: vet
	$(GO) test ./...
	$(GO) test -race ./sim/...

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

## bench: every benchmark, $(BENCH_COUNT) times, with allocations
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./sim/... ./model/... ./bench/...

clean:
	rm -rf $(OUT) licsim
