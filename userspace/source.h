/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where breadcrumbs are read from: an ELF core (/proc/vmcore, a saved ELF
 * dump) or a raw region image. Reads the region's bytes into memory.
 */
#ifndef KC_SOURCE_H
#define KC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

struct kc_region_bytes {
	uint8_t *buf;		/* malloc'd */
	size_t len;
	uint64_t paddr;		/* where it was found (0 for a raw image) */
	const char *how;	/* "address given", "kernel command line", "scan", "raw image" */
};

/**
 * kc_read_vmcore() - read the region out of an ELF core
 * @path: the core
 * @size: the region's size, or 0 to scan for it
 * @paddr: its physical address (with @size)
 * @how: how @size and @paddr were learnt
 * @out: the region's bytes
 * @why: on failure, why (static or strerror text)
 *
 * Return: 0; -ENODATA when a scan finds no region; another negative errno
 * when the source cannot be read or the address is not in it.
 */
int kc_read_vmcore(const char *path, uint64_t size, uint64_t paddr,
		   const char *how, struct kc_region_bytes *out,
		   const char **why);

/**
 * kc_read_kdump() - read the region out of a saved dump (ELF or
 *	makedumpfile's compressed format) through libkdumpfile
 *
 * Same arguments and returns as kc_read_vmcore(); -ENOEXEC when the file
 * is not a dump.
 */
int kc_read_kdump(const char *path, uint64_t size, uint64_t paddr,
		  const char *how, struct kc_region_bytes *out,
		  const char **why);

/* Read a raw region image (whole file, at most 64 MiB). */
int kc_read_raw(const char *path, struct kc_region_bytes *out,
		const char **why);

/**
 * kc_read_previous() - the previous boot's region, as the module kept it
 *	(/sys/kernel/kcrumbs/previous)
 * @out: its bytes
 * @why: on failure, why
 *
 * Return: 0, or an exit code: KC_EXIT_NOMODULE, KC_EXIT_NONE (nothing kept:
 * dynamic mode or the first boot on this memory), KC_EXIT_PERM,
 * KC_EXIT_UNREADABLE.
 */
int kc_read_previous(struct kc_region_bytes *out, const char **why);

#endif
