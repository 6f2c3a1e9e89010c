# PCMT top-level Makefile: a thin wrapper over CMake.
#   make          build build/pcmt
#   make check    install missing packages, build with -Werror, check style and layers,
#                 run every test, then run the unit tests again under ASan+UBSan
#   make demo     install missing packages, build, prepare a demo database and serve it on
#                 http://127.0.0.1:8080 (DEMO_LISTEN) with one user per role; Ctrl-C stops
#   make bench    install missing packages (with wrk and nginx, bench only), build and run
#                 the benchmarks in bench/ and the web server's (bench/web.sh), printing
#                 their figures
#   make screenshots  draw every page in Chromium to docs/screenshots/ (tests/browser/pages.js)
#   make format   rewrite sources to the committed .clang-format style

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= demo.db
DEMO_LISTEN ?= 127.0.0.1:8080
SOURCES     = $(shell find src tests bench -name '*.[ch]' -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: all deps build asan check style test test-asan demo bench screenshots format clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DPCMT_WERROR=ON

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DPCMT_WERROR=ON -DPCMT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug

asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

style:
	@sh scripts/check-style.sh $(SOURCES)
	@sh scripts/check-layers.sh

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit

check: deps
	$(MAKE) build
	$(MAKE) style
	$(MAKE) test
	$(MAKE) test-asan

demo: deps
	$(MAKE) build
	sh scripts/demo.sh $(BUILD)/pcmt $(DEMO_DB) $(DEMO_LISTEN)

bench:
	@sh scripts/install-deps.sh --bench
	$(MAKE) build
	sh scripts/bench.sh $(BUILD)

screenshots: deps
	$(MAKE) build
	sh tests/browser/npm-deps.sh
	PCMT_SOURCE_DIR=$(CURDIR) PCMT_BIN=$(abspath $(BUILD))/pcmt node tests/browser/screenshots.js docs/screenshots

format:
	clang-format -i $(SOURCES)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
