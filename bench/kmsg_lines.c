// SPDX-License-Identifier: GPL-2.0
/*
 * kmsg_lines: benchmark helper, the peer of `kcrumbs mark -`. Writes each
 * line of standard input to /dev/kmsg with one write(2), as a logger
 * would: one log record per line. The device is opened once.
 *   kmsg_lines </tmp/lines
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	if (fd < 0) {
		perror("kmsg_lines: /dev/kmsg");
		return 1;
	}
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (write(fd, line, (size_t)n) != n) {
			perror("kmsg_lines: write");
			return 1;
		}
	}
	free(line);
	close(fd);
	return 0;
}
