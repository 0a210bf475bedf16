# The two set-up commands of the README:
#   make run   install what is needed, build, start Confab
#   make test  install what is needed, build, run every test
# and for developers:
#   make package  the Debian package build/confab_<version>_<arch>.deb (README, "Install")
#   make tidy  clang-tidy on every file (scripts/tidy.sh --all; TIDY_ARGS=--update-base
#              records HEAD as clean when it is)
BUILD_DIR ?= build
PROFILE ?= $(HOME)/.local/share/confab/default

.PHONY: run test tidy deps build bench clean package

deps:
	packaging/install-deps.sh

APPS = confab confabd confabctl

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) --target $(APPS)

# The desktop app when there is a display to show it on; the headless node otherwise.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		exec $(BUILD_DIR)/app/confab --profile "$(PROFILE)"; \
	else \
		echo "make run: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so starting the headless"; \
		echo "make run: node confabd instead of the window confab. Drive it with $(BUILD_DIR)/app/confabctl."; \
		exec $(BUILD_DIR)/app/confabd --profile "$(PROFILE)"; \
	fi

test: deps
	BUILD_DIR=$(BUILD_DIR) scripts/test.sh

package: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) --target package

tidy: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	BUILD_DIR=$(BUILD_DIR) scripts/tidy.sh --all $(TIDY_ARGS)

bench: build
	cmake --build $(BUILD_DIR) --target confab_link_bench confab_udp_impair confab_voice_latency confab_wav_compare confab_hostile_peer confab_audio_probe confab_drop_pipeline_baseline confab_echo_bench
	$(BUILD_DIR)/tests/bench/confab_link_bench
	$(BUILD_DIR)/tests/bench/confab_echo_bench
	python3 -B tests/bench/file_drop_bench.py --bin-dir $(BUILD_DIR)/app --tools-dir $(BUILD_DIR)/tests/bench
# Exit status 77: not root (it needs network namespaces and tc).
	python3 -B tests/bench/swarm_drop_bench.py --bin-dir $(BUILD_DIR)/app || [ $$? -eq 77 ]
	python3 tests/bench/voice_bench.py --bin-dir $(BUILD_DIR)/app --tools-dir $(BUILD_DIR)/tests/tools
# Exit status 77: PipeWire is not installed or cannot start here. This is the idle
# run; BENCH_LOAD=stress runs the same under stress-ng --cpu 2 (not run here).
	PROBE=$(BUILD_DIR)/tests/tools/confab_audio_probe CONFABD=$(BUILD_DIR)/app/confabd \
		CONFABCTL=$(BUILD_DIR)/app/confabctl sh tests/bench/pipewire_bench.sh || [ $$? -eq 77 ]

clean:
	rm -rf $(BUILD_DIR) build-fuzz
