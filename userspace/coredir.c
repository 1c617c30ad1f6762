// SPDX-License-Identifier: GPL-2.0
/* kdump-tools' dump directory, read from its configuration (coredir.h). */
#include <stdio.h>
#include <stdlib.h>

#include "coredir.h"
#include "fileio.h"
#include "kdumpcfg.h"
#include "sysfs.h"

const char *kc_coredir(char *buf, size_t len)
{
	char p[4096], val[1024], *cfg;
	int err;

	cfg = kc_file_read(kc_path(p, sizeof(p), "/etc/default/kdump-tools"),
			   256 * 1024, &err);
	if (!cfg || kc_kdumpcfg_get(cfg, "KDUMP_COREDIR", val, sizeof(val)) != 1 ||
	    val[0] != '/')
		snprintf(val, sizeof(val), "/var/crash");
	free(cfg);
	snprintf(buf, len, "%s", val);
	return buf;
}
