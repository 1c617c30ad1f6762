// SPDX-License-Identifier: GPL-2.0
/* The table of kcrumbs commands: add a row here and a handler file. */
#include "cli.h"

const struct kc_cmd kc_cmds[] = {
	{
		.name = "status",
		.args = "",
		.summary = "show whether the module is loaded, its version and state",
		.run = kc_cmd_status,
	},
	{
		.name = "mark",
		.args = "[--tag TAG] TEXT... | -",
		.summary = "keep an annotation beside the kernel's breadcrumbs (root)",
		.options = kc_mark_options,
		.run = kc_cmd_mark,
	},
	{
		.name = "read",
		.args = "",
		.summary = "show a crash's breadcrumbs (from /proc/vmcore, a dump or a region image)",
		.options = kc_read_options,
		.run = kc_cmd_read,
	},
	{
		.name = "last-boot",
		.args = "",
		.summary = "how the previous boot ended: crashed, clean, or without a trace",
		.run = kc_cmd_last_boot,
	},
	{
		.name = "capture",
		.args = "",
		.summary = "in the capture kernel: keep the breadcrumbs beside kdump's dump (root)",
		.options = kc_capture_options,
		.run = kc_cmd_capture,
	},
	{
		.name = "harvest",
		.args = "",
		.summary = "at boot: archive what the last boot left and say how it ended (root)",
		.options = kc_harvest_options,
		.run = kc_cmd_harvest,
	},
	{
		.name = "history",
		.args = "",
		.summary = "past boots and how each ended, from the archive",
		.run = kc_cmd_history,
	},
	{
		.name = "kdump-args",
		.args = "",
		.summary = "what to append to the capture kernel's command line (root)",
		.options = kc_kdump_args_options,
		.run = kc_cmd_kdump_args,
	},
	{
		.name = "check",
		.args = "",
		.summary = "is kdump really armed? exits 0 only if a crash now would be captured",
		.options = kc_check_options,
		.run = kc_cmd_check,
	},
	{
		.name = "crashkernel",
		.args = "[SPEC]",
		.summary = "what crashkernel= reserves on this machine, and what to set",
		.options = kc_crashkernel_options,
		.run = kc_cmd_crashkernel,
	},
	{
		.name = "policy",
		.args = "[show | set KEY=VALUE... | apply PROFILE | diff PROFILE]",
		.summary = "show and set the panic policy, now and for the next boots",
		.options = kc_policy_options,
		.subcmds = kc_policy_subcmds,
		.run = kc_cmd_policy,
	},
	{
		.name = "trigger",
		.args = "[--list | TYPE --yes [--force]]",
		.summary = "crash this machine on purpose, in a chosen way (QA)",
		.options = kc_trigger_options,
		.operand = "TYPE",
		.run = kc_cmd_trigger,
	},
	{
		.name = "qa",
		.args = "[start TYPE...|all --yes [--repeat N] [--delay S] | status | stop | "
			"report [--junit FILE]]",
		.summary = "QA: crash this machine once per boot in every chosen way, and judge each capture",
		.options = kc_qa_options,
		.subcmds = kc_qa_subcmds,
		.run = kc_cmd_qa,
	},
	{
		.name = "arm",
		.args = "",
		.summary = "open the module's window for one trigger (root)",
		.options = kc_arm_options,
		.run = kc_cmd_arm,
	},
	{
		.name = "completion",
		.args = "bash",
		.summary = "print a bash completion script for kcrumbs, from this table",
		.subcmds = kc_completion_subcmds,
		.run = kc_cmd_completion,
	},
};

const unsigned int kc_n_cmds = sizeof(kc_cmds) / sizeof(kc_cmds[0]);
