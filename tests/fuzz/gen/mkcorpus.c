// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the binary seeds of tests/fuzz/corpus/ (mkcorpus.sh runs it):
 * regions built by tests/unit/region_builder.h, with valid CRCs, as raw
 * images, ELF cores and the vmcore/kdump harnesses' inputs. Not a harness:
 * it lives apart so the Makefile's tests/fuzz/*.c does not build it.
 *   mkcorpus CORPUS_DIR
 */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>

#include "region_builder.h"

static const char *dir;

static void put(const char *h, const char *name, const void *pre, size_t plen,
		const void *p, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, h, name);
	f = fopen(path, "wb");
	if (!f || fwrite(pre, 1, plen, f) != plen || fwrite(p, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

/* The vmcore/kdump harnesses' 16 bytes: u32 size, u32 pad, u64 paddr. */
static void args(uint8_t a[16], uint32_t size, uint64_t paddr)
{
	memset(a, 0, 16);
	rb_put32(a, size);
	rb_put64(a + 8, paddr);
}

/* An ELF core: @n PT_LOAD segments, the region in the last, page-aligned. */
static uint8_t *core(const struct rb *r, uint64_t paddr, int n, size_t *len)
{
	size_t off = 4096, total = off + (n - 1) * 4096 + r->len;
	uint8_t *c = calloc(1, total);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)c;
	Elf64_Phdr *ph = (Elf64_Phdr *)(c + sizeof(*eh));
	int i;

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = (uint16_t)n;
	for (i = 0; i < n; i++) {	/* a page of filler before the region */
		ph[i].p_type = PT_LOAD;
		ph[i].p_offset = off + (uint64_t)i * 4096;
		ph[i].p_paddr = i < n - 1 ? 0x100000 + (uint64_t)i * 4096 : paddr;
		ph[i].p_filesz = ph[i].p_memsz = i < n - 1 ? 4096 : r->len;
		if (i < n - 1)
			memset(c + ph[i].p_offset, 0x5a, 4096);
	}
	memcpy(c + off + (n - 1) * 4096, r->buf, r->len);
	*len = total;
	return c;
}

static const char *const syms[] = { "sysrq_handle_crash+0x16/0x20",
	"__handle_sysrq.cold+0x43/0x11b", "write_sysrq_trigger+0x24/0x40", NULL };

int main(int argc, char **argv)
{
	struct rb r, e, nl, big;
	uint8_t a[16], *c;
	size_t clen;

	if (argc != 2)
		return 2;
	dir = argv[1];

	/* a crash: event, its log tail, two marks */
	rb_init(&r, 4, 4096);
	rb_event(&r, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&r, 1, 0, "<6>[ 5.5] sysrq: Trigger a crash\n<0>[ 5.6] Kernel panic\n");
	rb_mark(&r, 0, "deploy", "v1.2 rolled out", 15, 4000000000ull);
	rb_mark(&r, 1, "\x1b]0;x\a", "\xff\xfe\x01 odd", 7, 4100000000ull);
	rb_seal_header(&r);
	/* never written */
	rb_init(&e, 2, 4096);
	/* a log tail of newlines only, and a torn slot */
	rb_init(&nl, 3, 4096);
	rb_log_tail(&nl, 0, 0, "\n\n\n");
	memset(rb_slot(&nl, 1) + 8, 0x77, 16);
	/* a wrapped ring: sequence 17 in slot 1 of 8 */
	rb_init(&big, 8, 4096);
	rb_event(&big, 17, KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference", syms);

	put("region_raw", "crash", "", 0, r.buf, r.len);
	put("region_raw", "empty", "", 0, e.buf, e.len);
	put("region_raw", "newlines-torn", "", 0, nl.buf, nl.len);
	put("region_raw", "wrapped-seq", "", 0, big.buf, big.len);
	put("region_raw", "header-only", "", 0, r.buf, sizeof(struct kcrumbs_region_hdr));

	c = core(&r, 0x3f4a0000, 1, &clen);
	put("elf", "core-region", "", 0, c, 4096);
	args(a, 0, 0);
	put("vmcore", "scan", a, 16, c, clen);
	put("kdump", "elf-scan", a, 16, c, clen);
	args(a, (uint32_t)r.len, 0x3f4a0000);
	put("vmcore", "address", a, 16, c, clen);
	put("kdump", "elf-address", a, 16, c, clen);
	args(a, 4096, 0x3f4a1000);
	put("vmcore", "address-mid", a, 16, c, clen);
	free(c);
	c = core(&big, 0x1000000, 3, &clen);
	put("elf", "core-3-segments", "", 0, c, 4096);
	args(a, 0, 0);
	put("vmcore", "scan-3-segments", a, 16, c, clen);
	free(c);
	args(a, 1, 0);
	put("vmcore", "raw-region", a, 16, nl.buf, nl.len);

	free(r.buf);
	free(e.buf);
	free(nl.buf);
	free(big.buf);
	return 0;
}
