// SPDX-License-Identifier: GPL-2.0
/*
 * kc_testmem: memory the VM tests own, scribble on and check, to prove
 * that kcrumbs writes where it should and nowhere else.
 *
 *   mode=own size=N       allocate N bytes of pages, fill them with 0x5a,
 *                         publish their physical address in the "phys"
 *                         parameter; on unload say whether they are intact
 *   mode=scribble addr=A  overwrite every byte of the kcrumbs region
 *                         header at physical A (nr_slots 0, every other
 *                         byte 0xa5), as a stray write would
 *   mode=fill addr=A size=N   fill N bytes of reserved memory with 0x5a
 *   mode=check addr=A size=N  say whether they still hold 0x5a
 *   mode=claim addr=A size=N  claim the range (request_mem_region) until
 *                         unloaded, as another driver would
 *
 * Results are one dmesg line each, "kc_testmem: ... intact" or
 * "kc_testmem: ... damaged at offset N".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/string.h>

#include "uapi/kcrumbs_region.h"

#define PATTERN	0x5a

static char *mode = "own";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "own, scribble, fill, check or claim");

static unsigned long addr;
module_param(addr, ulong, 0444);
MODULE_PARM_DESC(addr, "Physical address (scribble, fill, check)");

static unsigned long size = 65536;
module_param(size, ulong, 0444);
MODULE_PARM_DESC(size, "Bytes (own, fill, check)");

static unsigned long phys;
module_param(phys, ulong, 0444);
MODULE_PARM_DESC(phys, "mode=own: the physical address of the owned pages");

static void *owned;
static bool claimed;

static void check(const u8 *p, size_t len, const char *what)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] != PATTERN) {
			pr_info("%s: damaged at offset %zu (0x%02x)\n", what, i, p[i]);
			return;
		}
	}
	pr_info("%s: %zu bytes intact\n", what, len);
}

static int scribble(void)
{
	struct kcrumbs_region_hdr *h = memremap(addr, sizeof(*h), MEMREMAP_WB);

	if (!h)
		return -ENOMEM;
	memset(h, 0xa5, sizeof(*h));
	h->nr_slots = 0;
	memunmap(h);
	pr_info("scribbled over the region header at 0x%lx\n", addr);
	return 0;
}

static int reserved_op(bool fill)
{
	u8 *p = memremap(addr, size, MEMREMAP_WB);

	if (!p)
		return -ENOMEM;
	if (fill) {
		memset(p, PATTERN, size);
		pr_info("filled %lu bytes at 0x%lx\n", size, addr);
	} else {
		check(p, size, "reserved");
	}
	memunmap(p);
	return 0;
}

static int __init kc_testmem_init(void)
{
	if (!strcmp(mode, "scribble"))
		return scribble();
	if (!strcmp(mode, "fill") || !strcmp(mode, "check"))
		return reserved_op(!strcmp(mode, "fill"));
	if (!strcmp(mode, "claim")) {
		if (!request_mem_region(addr, size, "kc_testmem"))
			return -EBUSY;
		claimed = true;
		pr_info("claimed %lu bytes at 0x%lx\n", size, addr);
		return 0;
	}
	if (strcmp(mode, "own"))
		return -EINVAL;
	owned = alloc_pages_exact(size, GFP_KERNEL);
	if (!owned)
		return -ENOMEM;
	memset(owned, PATTERN, size);
	phys = virt_to_phys(owned);
	pr_info("own %lu bytes at 0x%lx\n", size, phys);
	return 0;
}

static void __exit kc_testmem_exit(void)
{
	if (claimed)
		release_mem_region(addr, size);
	if (!owned)
		return;
	check(owned, size, "owned");
	free_pages_exact(owned, size);
}

module_init(kc_testmem_init);
module_exit(kc_testmem_exit);

MODULE_DESCRIPTION("kcrumbs VM tests: memory to own, scribble on and check");
MODULE_LICENSE("GPL");
