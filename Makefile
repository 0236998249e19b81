# Vigil: the two commands of README.md.
#   make demo   set up, build, ingest the bundled sample corpus, print the
#               ledger and a campaign tally, then serve the dashboard on it (Ctrl-C stops)
#   make test   set up, build, run every test
# Both run scripts/setup.sh first (installs what is missing from apt/npm).

BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
WERROR     ?= OFF
JOBS       ?= $(shell nproc)
DEMO_DB    ?= $(BUILD)/demo.db
DEMO_PORT  ?= 8080
CTEST_ARGS ?=

.PHONY: all setup configure build demo test test-sanitize fuzz bench clean

all: build

setup:
	@scripts/setup.sh

configure:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DVIGIL_WERROR=$(WERROR) $(CMAKE_ARGS) >/dev/null

build: setup configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/vigil ingest --db $(DEMO_DB) --campaigns examples/campaigns.ini examples/corpus
	$(BUILD)/vigil stats --db $(DEMO_DB)
	$(BUILD)/vigil events --db $(DEMO_DB)
	$(BUILD)/vigil tally us-boat-strikes --db $(DEMO_DB)
	$(BUILD)/vigil serve --db $(DEMO_DB) --port $(DEMO_PORT)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	@SIGKILL_DOCS=1000 CONCURRENT_DOCS=1000 LOAD_DOCS=1000 LOAD_TIMEOUT=30s $(MAKE) test BUILD=build-asan BUILD_TYPE=RelWithDebInfo \
	  CMAKE_ARGS="-DVIGIL_SANITIZE=ON -DVIGIL_BUILD_BENCH=OFF $(CMAKE_ARGS)"

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan, in build-fuzz/), each
# for FUZZ_SECONDS (default 35; thirteen targets, under 8 minutes in all).
fuzz: setup
	@WERROR=$(WERROR) fuzz/run.sh

# Micro-benchmarks, then the end-to-end run (bench/run_bench.sh): generated
# corpora, ingest on 1 and 2 threads, extraction, peers; results in
# bench/out/results.json. BENCH_SIZES="1000 10000" for a quicker run;
# docs/PERFORMANCE.md has the figures and the other settings.
bench: build
	@$(BUILD)/bench/text_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	@$(BUILD)/bench/resources_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	@bench/run_bench.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz
