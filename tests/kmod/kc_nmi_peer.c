// SPDX-License-Identifier: GPL-2.0
/*
 * kc_nmi_peer: registers on NMI_SERR and NMI_IO_CHECK as hpwdt (HPE
 * servers) and igen6_edac do. The kernel WARNs when a second handler
 * registers on either type: with kcrumbs loaded before or after this
 * module, no WARN may appear (kcrumbs registers on neither).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <asm/nmi.h>

static int peer_nmi(unsigned int type, struct pt_regs *regs)
{
	return NMI_DONE;
}

static int __init kc_nmi_peer_init(void)
{
	int err;

	err = register_nmi_handler(NMI_SERR, peer_nmi, 0, "kc_nmi_peer");
	if (err)
		return err;
	err = register_nmi_handler(NMI_IO_CHECK, peer_nmi, 0, "kc_nmi_peer");
	if (err) {
		unregister_nmi_handler(NMI_SERR, "kc_nmi_peer");
		return err;
	}
	pr_info("registered on NMI_SERR and NMI_IO_CHECK\n");
	return 0;
}

static void __exit kc_nmi_peer_exit(void)
{
	unregister_nmi_handler(NMI_IO_CHECK, "kc_nmi_peer");
	unregister_nmi_handler(NMI_SERR, "kc_nmi_peer");
}

module_init(kc_nmi_peer_init);
module_exit(kc_nmi_peer_exit);

MODULE_DESCRIPTION("kcrumbs VM tests: a peer on the SERR and IO-check NMIs");
MODULE_LICENSE("GPL");
