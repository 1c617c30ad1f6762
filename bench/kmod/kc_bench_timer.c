// SPDX-License-Identifier: GPL-2.0
/*
 * kc_bench_timer: benchmark helper, not part of kcrumbs. Times one kernel
 * function (default pstore_dump, ramoops' kmsg_dump callback) from entry
 * to return with a kretprobe: ftrace cannot, since oops_enter() turns
 * tracing off. The last duration and the call count are module
 * parameters, read from /sys/module/kc_bench_timer/parameters/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/timekeeping.h>

static char *func = "pstore_dump";
module_param(func, charp, 0444);
MODULE_PARM_DESC(func, "Function to time (default pstore_dump)");

static unsigned long last_ns;
module_param(last_ns, ulong, 0444);
MODULE_PARM_DESC(last_ns, "Duration of the last call, in ns");

static unsigned long calls;
module_param(calls, ulong, 0444);
MODULE_PARM_DESC(calls, "Calls timed");

static int on_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(u64 *)ri->data = ktime_get_mono_fast_ns();
	return 0;
}

static int on_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	WRITE_ONCE(last_ns, ktime_get_mono_fast_ns() - *(u64 *)ri->data);
	WRITE_ONCE(calls, calls + 1);
	return 0;
}

static struct kretprobe krp = {
	.entry_handler = on_entry,
	.handler = on_return,
	.data_size = sizeof(u64),
	.maxactive = 4,
};

static int __init kc_bench_timer_init(void)
{
	krp.kp.symbol_name = func;
	return register_kretprobe(&krp);
}

static void __exit kc_bench_timer_exit(void)
{
	unregister_kretprobe(&krp);
}

module_init(kc_bench_timer_init);
module_exit(kc_bench_timer_exit);
MODULE_DESCRIPTION("kcrumbs benchmark helper: times one kernel function");
MODULE_LICENSE("GPL");
