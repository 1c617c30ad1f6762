# SPDX-License-Identifier: GPL-2.0
# kcrumbs: top-level Makefile. Kbuild reads ./Kbuild for the module; this
# file drives the module build, the CLI, tests and installation.

ifeq ($(KBUILD_MODULES),)

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$$/\1/p' dkms.conf)
KVER    ?= $(shell scripts/kver.sh)
KDIR    ?= /lib/modules/$(KVER)/build

PREFIX  ?= /usr
SBINDIR ?= $(PREFIX)/sbin
MANDIR  ?= $(PREFIX)/share/man
# the policy profiles: read by the tool, never applied by systemd-sysctl
PROFILEDIR ?= $(PREFIX)/share/kcrumbs/sysctl.d
MODDIR  ?= /lib/modules/$(KVER)/updates
DESTDIR ?=

CC      ?= cc
PKGS    := libnl-genl-3.0 popt
# libkdumpfile: headers at build time; dlopen()ed at run time by --dump
PKGS_H  := libkdumpfile
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes
ifeq ($(CI),true)
WARN    += -Werror
endif
KC_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(WARN) -std=gnu11 -D_GNU_SOURCE \
	    -DKCRUMBS_VERSION='"$(VERSION)"' -Imodule \
	    -DKCRUMBS_PROFILEDIR='"$(PROFILEDIR)"' \
	    $(shell pkg-config --cflags $(PKGS) $(PKGS_H))
# libnl and popt are linked statically, and not as PIE, by default: the
# reader runs in a capture kernel where process start-up is most of its
# time (docs/design.md, "Start-up"). LINK=shared links them dynamically,
# as PIE, as a distribution may want.
LINK ?= static
ifeq ($(LINK),shared)
KC_LIBS   = $(shell pkg-config --libs $(PKGS))
else
KC_LIBS   = -no-pie -Wl,-Bstatic $(shell pkg-config --static --libs-only-l $(PKGS) | \
	      sed 's/-lpthread//') -Wl,-Bdynamic -lpthread
endif

B := build
CLI_SRCS := $(wildcard userspace/*.c)
CLI_OBJS := $(CLI_SRCS:userspace/%.c=$(B)/userspace/%.o)
CLI      := $(B)/kcrumbs
COMPLETION := $(B)/kcrumbs.bash-completion
LIB_OBJS := $(filter-out $(B)/userspace/main.o,$(CLI_OBJS))
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: all module cli deb install uninstall clean deps deps-build check check-matrix \
	demo unit lint vm-test packaging-test vm-tools fuzz-build fuzz

all: module cli

# SUITE=trixie|sid: for that Debian suite's kernel, in its chroot
# (scripts/chroot.sh), into .cache/build/KVER/ (kcrumbs.ko, kcrumbs_trigger.ko)
ifneq ($(filter trixie sid,$(SUITE)),)
module:
	@scripts/chroot.sh $(SUITE) build
else
module:
	@test -d "$(KDIR)" || { echo "kcrumbs: no kernel headers at $(KDIR)."; \
	  echo "  Run 'make deps' (Debian's linux-headers-amd64), or set KVER=<release> or KDIR=<dir>."; \
	  exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules
endif

cli: $(CLI) $(COMPLETION)

$(CLI): $(CLI_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(KC_LIBS)

# bash completion, written by the CLI just built from its own tables
$(COMPLETION): $(CLI)
	$(CLI) completion bash >$@.tmp && mv $@.tmp $@

$(B)/userspace/%.o: userspace/%.c userspace/*.h module/uapi/kcrumbs.h dkms.conf
	@mkdir -p $(dir $@)
	$(CC) $(KC_CFLAGS) -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(KC_CFLAGS) -Iuserspace -o $@ $< $(LIB_OBJS) $(KC_LIBS) \
		$(shell pkg-config --cflags --libs cmocka)

# the VM tests' malformed-netlink sender (netlink-hostile): raw sockets,
# static, for the busybox initramfs
VM_TOOLS := $(B)/nlhostile
vm-tools: $(VM_TOOLS)

$(B)/nlhostile: tests/vm/tools/nlhostile.c module/uapi/kcrumbs.h module/uapi/kcrumbs_region.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 $(WARN) -std=gnu11 -Imodule -o $@ $<

# Fuzzing (tests/fuzz, docs/testing.md "Fuzzing"): the CLI's objects but
# main.o compiled again with clang, libFuzzer's coverage and ASan+UBSan,
# into their own directory so the gcc build is untouched. UBSan does not
# recover: undefined behaviour is a finding like a crash.
FUZZ_CC  ?= clang
FB       := $(B)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer
FUZZ_CFLAGS = -O1 -g $(FUZZ_SAN) $(WARN) -std=gnu11 -D_GNU_SOURCE \
	      -DKCRUMBS_VERSION='"$(VERSION)"' -Imodule \
	      -DKCRUMBS_PROFILEDIR='"$(PROFILEDIR)"' \
	      $(shell pkg-config --cflags $(PKGS) $(PKGS_H))
FUZZ_OBJS := $(LIB_OBJS:$(B)/userspace/%.o=$(FB)/obj/%.o)
FUZZ_SRCS := $(wildcard tests/fuzz/*.c)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(FB)/%)
FUZZ_SECONDS ?= 300

fuzz-build: $(FUZZ_BINS)

# Every harness for FUZZ_SECONDS (default 300) each, after the regressions.
fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

$(FB)/obj/%.o: userspace/%.c userspace/*.h module/uapi/*.h dkms.conf
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/%: tests/fuzz/%.c tests/fuzz/*.h tests/unit/region_builder.h $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Iuserspace -Itests/unit \
		-o $@ $< $(FUZZ_OBJS) $(shell pkg-config --libs $(PKGS)) -ldl

# One module (DKMS when it is there, else updates/), the CLI, the units:
# scripts/install.sh says what it does. DESTDIR=... installs files only.
INSTALL_VARS = VERSION="$(VERSION)" KVER="$(KVER)" DESTDIR="$(DESTDIR)" \
	PREFIX="$(PREFIX)" SBINDIR="$(SBINDIR)" MANDIR="$(MANDIR)" \
	PROFILEDIR="$(PROFILEDIR)" MODDIR="$(MODDIR)" CLI="$(CLI)"

install: cli
	@$(INSTALL_VARS) scripts/install.sh install

uninstall:
	@$(INSTALL_VARS) scripts/install.sh uninstall

# The Debian packages kcrumbs and kcrumbs-dkms (debian/), into this
# directory: apt install ./kcrumbs*.deb (scripts/deb.sh; LINT=1 lintian).
deb:
	@scripts/deb.sh

# Installs every Debian package the build, the tests and the demo need.
deps:
	@scripts/deps.sh

# Only what building and installing needs (a machine that runs kcrumbs).
deps-build:
	@scripts/deps.sh build

# The whole suite: build warnings, unit tests under valgrind, DKMS, VM on
# the host's kernel; then build and VM on the other kernels of KERNELS
# (default "bookworm trixie sid"; KERNELS=bookworm: the host's only).
check: deps
	@tests/check.sh

# The kernel matrix alone: build (W=1) and the VM suite on each of KERNELS.
check-matrix: deps
	@tests/matrix.sh

# Boot a VM, crash it, show what the capture kernel found.
demo: deps
	@tests/vm/demo.sh

# Single suites, for development.
unit: cli $(UNIT_BINS)
	@tests/unit/run.sh $(UNIT_BINS)
vm-test: deps
	@tests/vm/run.sh $(SCENARIOS)
packaging-test: deps
	@tests/packaging/run.sh

# Not kbuild's own clean: for an external module it deletes every *.ko and
# *.o below this directory, the cached Debian kernel's modules included.
clean:
	rm -rf $(B)
	rm -f kcrumbs.ko kcrumbs.mod kcrumbs.mod.c kcrumbs.mod.o kcrumbs.o \
	      kcrumbs_trigger.ko kcrumbs_trigger.mod kcrumbs_trigger.mod.c \
	      kcrumbs_trigger.mod.o kcrumbs_trigger.o \
	      Module.symvers modules.order .*.cmd module/*.o module/.*.cmd
	for d in bench/kmod tests/kmod; do \
		rm -f $$d/*.ko $$d/*.o $$d/*.mod $$d/*.mod.c $$d/.*.cmd \
		      $$d/Module.symvers $$d/modules.order; \
	done

endif
