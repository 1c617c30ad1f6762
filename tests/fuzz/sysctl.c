// SPDX-License-Identifier: GPL-2.0
/*
 * sysctl.d files, as `policy` reads profiles and drop-ins: the parser,
 * then each parsed key looked up, normalised and shown dotted, and the
 * input itself as a key.
 */
#include "sysctl_conf.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_sysctl_file *f = malloc(sizeof(*f));
	char *s = fuzz_text(data, size);
	char err[128], path[KC_SYSCTL_KEY_MAX], key[KC_SYSCTL_KEY_MAX];
	unsigned int i;

	if (!s || !f)
		goto out;
	if (!kc_sysctl_parse(s, f, err, sizeof(err))) {
		if (f->n > KC_SYSCTL_MAX_LINES)
			abort();
		for (i = 0; i < f->n; i++) {
			kc_sysctl_lookup(f, f->entries[i].path);
			kc_sysctl_dotted(f->entries[i].path, key, sizeof(key));
			kc_sysctl_norm(key, path, sizeof(path));
		}
		kc_sysctl_lookup(f, "kernel/panic");
	}
	if (!kc_sysctl_norm(s, path, sizeof(path)))
		kc_sysctl_dotted(path, key, sizeof(key));
	kc_sysctl_dotted(s, key, 4);
out:
	free(f);
	free(s);
	return 0;
}
